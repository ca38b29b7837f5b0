import { expect, test, type Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';
import { apiLogin, AXE_PATH, LANGS, login, msg, useLanguage, type AccountName, type Lang } from './helpers';

/**
 * WCAG 2.1 A/AA (axe-core) on every page, in both languages. The page
 * language comes from the locale cookie here, so no account setting changes.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });
// Each test stands alone: spread them over both workers.
test.describe.configure({ mode: 'parallel' });

function describe(violations: Result[]): string {
	return violations
		.map((v) =>
			[
				`• ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}`,
				`  ${v.helpUrl}`,
				...v.nodes.map((n) => `  - ${n.target.join(' ')}\n    ${n.html}\n    ${n.failureSummary?.replaceAll('\n', '\n    ') ?? ''}`)
			].join('\n')
		)
		.join('\n');
}

async function expectAccessible(page: Page, what: string, lang: Lang) {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await page.addScriptTag({ path: AXE_PATH });
	const results = await page.evaluate(
		(tags) =>
			(window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations']
			}),
		TAGS
	);
	// Axe really ran, with these rules.
	expect(results.passes.length).toBeGreaterThan(0);
	expect(results.violations, `${what} [${lang}] has accessibility violations:\n${describe(results.violations)}`).toEqual([]);
}

const ROLES: Exclude<AccountName, 'pending'>[] = ['member', 'board', 'moderator', 'coordinator', 'policy', 'admin'];

for (const lang of LANGS) {
	test.describe(`in ${lang === 'nl' ? 'Dutch' : 'English'}`, () => {
		test.beforeEach(async ({ context }) => {
			await useLanguage(context, lang);
		});

		test('public pages: landing, login, login with an error, not found', async ({ page }) => {
			await page.goto('/');
			await expectAccessible(page, 'landing page', lang);

			await page.goto('/login');
			await expectAccessible(page, 'login page', lang);

			await login(page, 'nobody@example.org', 'wrong-password');
			await expect(page.getByRole('alert')).toHaveText(msg(lang, 'error_login_failed'));
			await expectAccessible(page, 'login page with an error', lang);

			const response = await page.goto('/no-such-page');
			expect(response?.status()).toBe(404);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'error_page_not_found'));
			await expectAccessible(page, '404 page', lang);
		});

		test('pending page', async ({ page, context }) => {
			await apiLogin(context, 'pending', lang);
			await page.goto('/pending');
			await expectAccessible(page, '/pending', lang);
		});

		for (const role of ROLES) {
			test(`home as ${role}`, async ({ page, context }) => {
				await apiLogin(context, role, lang);
				await page.goto('/home');
				await expect(page).toHaveURL(/\/home$/);
				await expectAccessible(page, `/home as ${role}`, lang);
				if (role === 'member') {
					// And a page refused to this role.
					const response = await page.goto('/admin/users');
					expect(response?.status()).toBe(403);
					await expectAccessible(page, '403 page', lang);
				}
			});
		}

		test('account and admin pages', async ({ page, context }) => {
			await apiLogin(context, 'admin', lang);
			await page.goto('/account');
			await expectAccessible(page, '/account', lang);
			await page.goto('/admin/users');
			await expectAccessible(page, '/admin/users', lang);
		});
	});
}
