import { expect, test } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, useLanguage } from './helpers';

/**
 * The board's composition pages in Chromium, in both languages, on a wide screen and a phone:
 * coordinators' exact figures (active board with a cross-table, the pool), targets and
 * dimensions; policy staff's suppressed figures without the pool. axe-core on each; a refused
 * targets form without JavaScript names every problem. Screenshots go to E2E_SHOTS when set.
 */
test.use({ bypassCSP: true });
const SHOTS = process.env.E2E_SHOTS;
const SIZES = [
	{ name: 'wide', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
];

for (const lang of LANGS) {
	test.describe(`in ${lang === 'nl' ? 'Dutch' : 'English'}`, () => {
		test.beforeEach(async ({ context }) => {
			await useLanguage(context, lang);
		});

		test('coordinator: composition, pool, targets, dimensions', async ({ page, context }) => {
			await apiLogin(context, 'coordinator', lang);
			for (const size of SIZES) {
				await page.setViewportSize({ width: size.width, height: size.height });
				for (const [name, url] of [
					['composition', '/board/composition?population=active&rows=work&columns=children'],
					['pool', '/board/composition?population=pool'],
					['targets', '/board/targets'],
					['dimensions', '/board/dimensions']
				] as const) {
					await page.goto(url);
					await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
					await expectAccessible(page, `${name} (${size.name})`, lang);
					const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
					expect(overflow, `${name} scrolls sideways at ${size.width}`).toBeLessThanOrEqual(0);
					if (SHOTS) await page.screenshot({ path: `${SHOTS}/coordinator-${name}-${lang}-${size.name}.png`, fullPage: true });
				}
			}
		});

		test('policy staff: suppressed figures, no pool', async ({ page, context }) => {
			await apiLogin(context, 'policy', lang);
			for (const size of SIZES) {
				await page.setViewportSize({ width: size.width, height: size.height });
				await page.goto('/board/composition?rows=work&columns=children');
				await expect(page.getByText(msg(lang, 'board_composition_population_pool'))).toHaveCount(0);
				await expectAccessible(page, `policy composition (${size.name})`, lang);
				if (SHOTS) await page.screenshot({ path: `${SHOTS}/policy-composition-${lang}-${size.name}.png`, fullPage: true });
			}
		});
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('a refused targets form names every problem at once and keeps what was typed', async ({ page, context }) => {
		await useLanguage(context, 'en');
		await apiLogin(context, 'coordinator', 'en');
		await page.goto('/board/targets');
		const work = page.locator('section', { has: page.locator('#t-work') });
		await work.locator('#min-work-paid_job').fill('150');
		await work.locator('#min-work-neither').fill('60');
		await work.locator('#max-work-neither').fill('50');
		await work.getByRole('button').click();
		const summary = page.locator('.error-summary, [role=alert]').first();
		await expect(summary).toContainText(msg('en', 'error_board_targets_share'));
		await expect(summary).toContainText(msg('en', 'error_board_targets_order'));
		await expect(page.locator('#min-work-paid_job')).toHaveValue('150');
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/targets-errors-en.png`, fullPage: true });
	});
});
