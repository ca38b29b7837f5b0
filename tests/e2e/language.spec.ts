import { expect, test, type Page } from '@playwright/test';
import { either, langOf, loginAs, logout, msg, useLanguage, type Lang } from './helpers';

/** The header switch: `<html lang>`, the text, a cookie for everyone, and the account setting once logged in. */

const other = (lang: Lang): Lang => (lang === 'nl' ? 'en' : 'nl');
const NAME = { nl: 'Nederlands', en: 'English' } as const;

async function switchLanguage(page: Page, to: Lang) {
	// The button is named in the language it switches to, and says so with its own lang attribute.
	const button = page.getByRole('banner').getByRole('button', { name: msg(to, 'switch_language_label') });
	await expect(button).toHaveText(NAME[to]);
	await expect(button).toHaveAttribute('lang', to);
	await button.click();
	await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('anonymous: the switch changes <html lang> and the text, and survives a reload', async ({ page }) => {
	await page.goto('/');
	// The browser asks for Dutch (playwright.config.ts), and nothing else says otherwise.
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	const h1 = page.getByRole('heading', { level: 1 });
	await expect(h1).toHaveText(msg('nl', 'landing_title'));

	await switchLanguage(page, 'en');
	await expect(page).toHaveURL(/\/$/);
	await expect(h1).toHaveText(msg('en', 'landing_title'));
	await expect(page.getByRole('banner').getByRole('link', { name: msg('en', 'log_in') })).toBeVisible();
	await expect(page).toHaveTitle(msg('en', 'app_name'));

	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(h1).toHaveText(msg('en', 'landing_title'));

	// The switch brings you back to the page you were on, query included.
	await page.goto('/login?redirectTo=%2Faccount');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'login_title'));
	await switchLanguage(page, 'nl');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('nl', 'login_title'));
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('logged in: the choice is saved to the account and follows it to a fresh browser', async ({ browser }) => {
	const first = await browser.newContext();
	const page = await first.newPage();
	await loginAs(page, 'moderator');
	const start = await langOf(page);
	const next = other(start);
	// The page is wholly in the account's language after logging in.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(start, 'home_welcome', { name: 'Joost Verhoeven' }));
	await expect(page.getByRole('banner').getByRole('button', { name: msg(next, 'switch_language_label') })).toBeVisible();

	await switchLanguage(page, next);
	await expect(page).toHaveURL(/\/home$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(next, 'home_welcome', { name: 'Joost Verhoeven' }));
	await page.goto('/account');
	await expect(page.getByLabel(msg(next, 'field_language'))).toHaveValue(next);
	await logout(page);
	await first.close();

	// A fresh browser asks for Dutch; the account's setting wins at login.
	const second = await browser.newContext();
	const again = await second.newPage();
	await again.goto('/login');
	await expect(again.locator('html')).toHaveAttribute('lang', 'nl');
	await loginAs(again, 'moderator');
	await expect(again.locator('html')).toHaveAttribute('lang', next);
	await expect(again.getByRole('heading', { level: 1 })).toHaveText(msg(next, 'home_welcome', { name: 'Joost Verhoeven' }));
	await again.reload();
	await expect(again.locator('html')).toHaveAttribute('lang', next);

	// Put it back as it was, through the account page this time.
	await again.goto('/account');
	await again.getByLabel(msg(next, 'field_language')).selectOption(start);
	await again.getByRole('button', { name: msg(next, 'save') }).click();
	// The whole page follows at once, <html lang> included.
	await expect(again.locator('html')).toHaveAttribute('lang', start);
	await expect(again).toHaveURL(/\/account$/);
	await expect(again.getByLabel(msg(start, 'field_language'))).toHaveValue(start);
	await expect(again.getByRole('heading', { level: 1 })).toHaveText(msg(start, 'account_title'));
	await expect(again.getByRole('link', { name: either('nav_home') })).toHaveText(msg(start, 'nav_home'));
	await second.close();
});

test('an unknown address answers in the reader’s language: the cookie, else the browser’s wish', async ({ browser }) => {
	const cases: { lang: Lang; cookie: boolean; locale: string }[] = [
		{ lang: 'en', cookie: true, locale: 'nl-NL' },
		{ lang: 'nl', cookie: true, locale: 'en-GB' },
		{ lang: 'en', cookie: false, locale: 'en-GB' }
	];
	for (const { lang, cookie, locale } of cases) {
		const context = await browser.newContext({ locale });
		if (cookie) await useLanguage(context, lang);
		const page = await context.newPage();
		const response = await page.goto('/dit-adres-bestaat-niet/echt-niet');
		expect(response?.status()).toBe(404);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'error_page_not_found'));
		const main = page.getByRole('main');
		await expect(main).toContainText(msg(lang, 'error_page_not_found_text'));
		await expect(main.getByRole('link', { name: msg(lang, 'error_page_back') })).toBeVisible();
		// Not SvelteKit's own English
		await expect(main).not.toContainText('Not Found');
		await context.close();
	}
});
