import { expect, test, type Page } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, useLanguage, type Lang } from './helpers';

/**
 * Board sessions in one's own calendar app, in Chromium, in both languages, on a wide screen
 * and a phone: from the account page to the calendar page, make the feed address (shown once,
 * copied to the clipboard), fetch it as a calendar app would (no cookie), make a new one (the
 * old one is dead at once), stop it. axe-core on each state. The account page offers the
 * browser's own time zone when it differs from the saved one. Screenshots go to E2E_SHOTS.
 */
test.use({ bypassCSP: true });
const SHOTS = process.env.E2E_SHOTS;
const SIZES = [
	{ name: 'wide', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
];

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Makes an address (a new one, if one works already) and reads it from the page. */
async function makeAddress(page: Page, lang: Lang): Promise<string> {
	const again = page.getByRole('button', { name: msg(lang, 'meetings_calendar_reset') });
	await ((await again.count()) ? again : page.getByRole('button', { name: msg(lang, 'meetings_calendar_make') })).click();
	await expect(page.getByText(msg(lang, 'meetings_calendar_made'))).toBeVisible();
	const field = page.getByRole('textbox', { name: msg(lang, 'meetings_calendar_address_label'), exact: true });
	await expect(field).toHaveValue(/\/calendar\/[a-z2-7]{32}\.ics$/);
	return field.inputValue();
}

for (const lang of LANGS) {
	test.describe(`in ${lang === 'nl' ? 'Dutch' : 'English'}`, () => {
		test.beforeEach(async ({ context }) => {
			await useLanguage(context, lang);
		});

		test('board member: make the feed address, fetch it, make a new one, stop it', async ({ page, context, playwright }) => {
			await context.grantPermissions(['clipboard-read', 'clipboard-write']);
			await apiLogin(context, 'board', lang);
			await page.goto('/account');
			await page.getByRole('link', { name: msg(lang, 'meetings_calendar_account_link') }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'meetings_calendar_title'));
			for (const size of SIZES) {
				await page.setViewportSize(size);
				await expectAccessible(page, `calendar page (${size.name})`, lang);
				await noSidewaysScroll(page, `calendar page at ${size.width}`);
			}

			await page.setViewportSize(SIZES[0]!);
			const first = await makeAddress(page, lang);
			await page.getByRole('button', { name: msg(lang, 'meetings_calendar_copy') }).click();
			await expect(page.getByText(msg(lang, 'meetings_calendar_copied'))).toBeVisible();
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
			await expect(page.getByRole('link', { name: msg(lang, 'meetings_calendar_subscribe') })).toHaveAttribute('href', first.replace(/^http:/, 'webcal:'));
			for (const size of SIZES) {
				await page.setViewportSize(size);
				await expectAccessible(page, `calendar page with a new address (${size.name})`, lang);
				await noSidewaysScroll(page, `calendar page with a new address at ${size.width}`);
				if (SHOTS) await page.screenshot({ path: `${SHOTS}/calendar-made-${lang}-${size.name}.png`, fullPage: true });
			}

			// As a calendar app asks: no cookie, the address is the credential.
			const app = await playwright.request.newContext();
			const feed = await app.get(first);
			expect(feed.status()).toBe(200);
			expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
			expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*METHOD:PUBLISH/);

			// Shown once: after a reload the address is gone from the page.
			await page.goto('/account/calendar');
			await expect(page.getByText(msg(lang, 'meetings_calendar_made'))).toHaveCount(0);
			expect(await page.content()).not.toContain(first);

			const second = await makeAddress(page, lang);
			expect(second).not.toBe(first);
			expect((await app.get(first)).status()).toBe(404);
			expect((await app.get(second)).status()).toBe(200);

			await page.getByRole('button', { name: msg(lang, 'meetings_calendar_stop') }).click();
			await expect(page.getByText(msg(lang, 'meetings_calendar_stopped'))).toBeVisible();
			await expect(page.getByText(msg(lang, 'meetings_calendar_status_none'))).toBeVisible();
			expect((await app.get(second)).status()).toBe(404);
			await expectAccessible(page, 'calendar page after stopping', lang);
			await app.dispose();
		});
	});
}

test.describe('a browser in another time zone', () => {
	test.use({ timezoneId: 'Asia/Kathmandu' });
	for (const lang of LANGS) {
		test(`the account page offers the browser's zone (${lang})`, async ({ page, context }) => {
			await useLanguage(context, lang);
			await apiLogin(context, 'board', lang);
			await page.goto('/account');
			const offer = page.getByRole('button', { name: /Kath?mandu \(UTC\+5:45\)/ });
			await expect(offer).toBeVisible();
			await expectAccessible(page, 'account page with the zone offer', lang);
			const saved = await page.locator('#timeZone').inputValue();
			await offer.click();
			// Only chosen, not saved: Save keeps it, as any other choice.
			// ICU names it by its older spelling (Asia/Katmandu) in Node and Chromium alike.
			await expect(page.locator('#timeZone')).toHaveValue(/^Asia\/Kath?mandu$/);
			await expect(page.getByRole('status').filter({ hasText: /Kath?mandu/ })).toBeVisible();
			if (SHOTS) await page.screenshot({ path: `${SHOTS}/account-zone-offer-${lang}.png`, fullPage: true });
			await page.reload();
			await expect(page.locator('#timeZone')).toHaveValue(saved);
		});
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the address is made and shown by the form alone, and the copy button is not offered', async ({ page, context }) => {
		await useLanguage(context, 'en');
		await apiLogin(context, 'coordinator', 'en');
		await page.goto('/account/calendar');
		await expect(page.getByText(msg('en', 'meetings_calendar_coordinator_note'))).toBeVisible();
		const address = await makeAddress(page, 'en');
		expect(address).toMatch(/^http/);
		await expect(page.getByRole('button', { name: msg('en', 'meetings_calendar_copy') })).toHaveCount(0);
		await page.getByRole('button', { name: msg('en', 'meetings_calendar_stop') }).click();
		await expect(page.getByText(msg('en', 'meetings_calendar_stopped'))).toBeVisible();
	});
});
