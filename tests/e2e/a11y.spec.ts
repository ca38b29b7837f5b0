import { expect, test } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, login, msg, useLanguage, type AccountName } from './helpers';

/**
 * WCAG 2.1 A/AA (axe-core) on every page, in both languages. The page
 * language comes from the locale cookie here, so no account setting changes.
 */

// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });
// Each test stands alone: spread them over both workers.
test.describe.configure({ mode: 'parallel' });
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
