import { expect, test, type Page } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, useLanguage } from './helpers';

/**
 * Drawing the sounding board in Chromium, in both languages, on a wide screen and a phone: the
 * form (quotas prefilled from the targets), the feasibility answer in words, a draw and its result
 * page (chances, seed, alternates); without JavaScript a draw and the invitations work. axe-core
 * on each. The draw runs in the built server's worker thread. Screenshots go to E2E_SHOTS when set.
 */
test.use({ bypassCSP: true });
test.describe.configure({ mode: 'serial' });
const SHOTS = process.env.E2E_SHOTS;
const SIZES = [
	{ name: 'wide', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
];

/** Every quota field emptied and seats set: a draw the demo pool can always give. */
async function loosen(page: Page, seats: number) {
	await page.waitForLoadState('networkidle');
	await page.locator('#seats').fill(String(seats));
	for (const input of await page.locator('table input[type=number]').all()) await input.fill('');
}

async function noSidewaysScroll(page: Page, what: string, width: number) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `${what} scrolls sideways at ${width}`).toBeLessThanOrEqual(0);
}

for (const lang of LANGS) {
	test.describe(`in ${lang === 'nl' ? 'Dutch' : 'English'}`, () => {
		test.beforeEach(async ({ context }) => {
			await useLanguage(context, lang);
		});

		test('coordinator: the form, the feasibility answer, a draw and its result', async ({ page, context }) => {
			test.setTimeout(180_000);
			await apiLogin(context, 'coordinator', lang);
			await page.setViewportSize(SIZES[0]!);
			await page.goto('/board/selection');
			// Impossible on purpose: more seats than the pool has.
			await loosen(page, 100);
			await page.getByRole('button', { name: msg(lang, 'board_selection_check') }).click();
			await expect(page.locator('#answer')).toContainText(msg(lang, 'board_selection_infeasible', { volunteers: 987654 }).split('987654')[0]!.trim(), { timeout: 60_000 });
			for (const size of SIZES) {
				await page.setViewportSize({ width: size.width, height: size.height });
				await expectAccessible(page, `selection form with an answer (${size.name})`, lang);
				await noSidewaysScroll(page, 'selection form', size.width);
				if (SHOTS) await page.screenshot({ path: `${SHOTS}/selection-form-${lang}-${size.name}.png`, fullPage: true });
			}
			await page.setViewportSize(SIZES[0]!);
			await loosen(page, 5);
			await page.locator('#seed').fill(`e2e-${lang}`);
			await page.getByRole('button', { name: msg(lang, 'board_selection_draw') }).click();
			await expect(page).toHaveURL(/\/board\/selection\/\d+$/, { timeout: 120_000 });
			await expect(page.getByText(`e2e-${lang}`, { exact: true })).toBeVisible();
			await expect(page.locator('section', { has: page.locator('#selected') }).locator('tbody tr')).toHaveCount(5);
			for (const size of SIZES) {
				await page.setViewportSize({ width: size.width, height: size.height });
				await expectAccessible(page, `selection result (${size.name})`, lang);
				await noSidewaysScroll(page, 'selection result', size.width);
				if (SHOTS) await page.screenshot({ path: `${SHOTS}/selection-result-${lang}-${size.name}.png`, fullPage: true });
			}
			await page.getByRole('button', { name: msg(lang, 'board_selection_rerun') }).click();
			await expect(page.getByText(msg(lang, 'board_selection_rerun_same'))).toBeVisible({ timeout: 120_000 });
		});
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('a refused form names its problems; a draw leads to its result and the selected are invited once', async ({ page, context }) => {
		test.setTimeout(180_000);
		await useLanguage(context, 'en');
		await apiLogin(context, 'coordinator', 'en');
		await page.goto('/board/selection');
		await page.locator('#seats').fill('0');
		await page.locator('#min-work-paid_job').fill('4');
		await page.locator('#max-work-paid_job').fill('2');
		await page.getByRole('button', { name: msg('en', 'board_selection_check') }).click();
		const summary = page.locator('.error-summary, [role=alert]').first();
		await expect(summary).toContainText(msg('en', 'error_board_selection_seats'));
		await expect(page.locator('#seats')).toHaveValue('0');
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/selection-errors-en.png`, fullPage: true });

		await page.goto('/board/selection?seats=3');
		for (const input of await page.locator('table input[type=number]').all()) await input.fill('');
		await page.getByRole('button', { name: msg('en', 'board_selection_draw') }).click();
		await expect(page).toHaveURL(/\/board\/selection\/\d+$/, { timeout: 120_000 });
		await page.getByRole('button', { name: msg('en', 'board_selection_invite') }).click();
		await expect(page.getByText(msg('en', 'board_selection_invited', { count: 3 }))).toBeVisible();
		await page.reload();
		await expect(page.getByRole('button', { name: msg('en', 'board_selection_invite') })).toHaveCount(0);
		await expect(page.locator('section', { has: page.locator('#selected') }).locator('tbody')).toContainText(msg('en', 'board_manage_status_invited'));
	});
});
