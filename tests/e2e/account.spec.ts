import { expect, test } from '@playwright/test';
import { ACCOUNTS, BASE_URL, DEMO_PASSWORD, either, langOf, login, loginAs, msg } from './helpers';

/** Sessions on /account, and the login form's refusal in the reader's language. */

test('sessions: this device is marked, a second login shows up and can be ended', async ({ browser }) => {
	const mine = await browser.newContext();
	const page = await mine.newPage();
	await loginAs(page, 'board');
	await page.goto('/account');
	const lang = await langOf(page);
	const sessions = page.getByRole('table', { name: msg(lang, 'account_sessions_title') });
	const current = sessions.getByRole('row').filter({ hasText: msg(lang, 'session_this_device') });
	await expect(current).toHaveCount(1);
	// One cannot end the session one is using here (that is what "log out" is for).
	await expect(current.getByRole('button', { name: msg(lang, 'session_end') })).toHaveCount(0);

	// Another browser, told apart by its user agent, which the list names as a person would: "Firefox op Android".
	const otherContext = await browser.newContext({ userAgent: 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0' });
	const device = msg(lang, 'session_device_on', { browser: 'Firefox', system: 'Android' });
	const other = await otherContext.newPage();
	await loginAs(other, 'board');

	await page.reload();
	const row = sessions.getByRole('row').filter({ hasText: device });
	await expect(row).toHaveCount(1);
	await expect(row).not.toContainText(msg(lang, 'session_this_device'));
	await row.getByRole('button', { name: msg(lang, 'session_end') }).click();
	await expect(row).toHaveCount(0);
	await expect(current).toHaveCount(1);
	await page.reload();
	await expect(row).toHaveCount(0);

	// The other browser is logged out; this one is not.
	await other.goto('/home');
	await expect(other).toHaveURL(/\/login\?redirectTo=%2Fhome$/);
	await page.goto('/home');
	await expect(page).toHaveURL(/\/home$/);

	await otherContext.close();
	await mine.close();
});

test('a wrong password gets a translated error, in either language', async ({ page }) => {
	await login(page, 'board', 'not-the-password');
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(page.getByRole('alert')).toHaveText(msg('nl', 'error_login_failed'));
	// The address stays filled in, and the field points at the message.
	const email = page.getByLabel(msg('nl', 'field_email'));
	await expect(email).toHaveValue('board@example.org');
	await expect(email).toHaveAccessibleDescription(msg('nl', 'error_login_failed'));

	await page.getByRole('banner').getByRole('button', { name: msg('en', 'switch_language_label') }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByLabel(msg('en', 'field_email')).fill('board@example.org');
	await page.getByLabel(msg('en', 'field_password')).fill('still-not-the-password');
	await page.getByRole('button', { name: msg('en', 'log_in') }).click();
	await expect(page.getByRole('alert')).toHaveText(msg('en', 'error_login_failed'));

	// An empty form is refused by the server too, with a message per problem.
	await page.getByLabel(msg('en', 'field_email')).fill('');
	await page.getByRole('button', { name: either('log_in') }).click();
	await expect(page.getByRole('alert')).toHaveText(msg('en', 'error_email_invalid'));
});

/**
 * Targets after login and after the language switch: whatever a link puts in
 * redirectTo, the answer stays on this site. Browsers forgive what a prefix
 * check does not (a tab or newline inside `/\t/host` is dropped, `\` is `/`),
 * so each of these once sent the reader to evil.example, or (CR/LF) gave a 500.
 */
const NASTY_TARGETS = [
	'/\t/evil.example',
	'/\n/evil.example',
	'/\\evil.example',
	'/\\/evil.example',
	'//evil.example',
	'/.//evil.example',
	'\r\n',
	'/home\r\nSet-Cookie: planted=1',
	'javascript:alert(1)',
	'https://evil.example/home',
	'http://localhost:1/home'
];

test('a login, by form or with a session already, goes only to targets on this site', async ({ browser }) => {
	const context = await browser.newContext();
	const request = context.request;
	for (const target of NASTY_TARGETS) {
		const url = `/login?redirectTo=${encodeURIComponent(target)}`;
		const form = await request.post(url, {
			form: { email: ACCOUNTS.coordinator, password: DEMO_PASSWORD },
			headers: { origin: BASE_URL, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(form.status(), JSON.stringify(target)).toBe(303);
		expect(form.headers().location, JSON.stringify(target)).toBe('/home');
		// Signed in now: the login page sends a visitor on at once, to the same place.
		const already = await request.get(url, { maxRedirects: 0 });
		expect(already.status(), JSON.stringify(target)).toBe(303);
		expect(already.headers().location, JSON.stringify(target)).toBe('/home');
	}
	// A target on this site is kept, query and all.
	const kept = await request.post(`/login?redirectTo=${encodeURIComponent('/account?tab=1')}`, {
		form: { email: ACCOUNTS.coordinator, password: DEMO_PASSWORD },
		headers: { origin: BASE_URL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(kept.headers().location).toBe('/account?tab=1');
	await context.close();
});

test('the language switch goes back only to a page on this site', async ({ browser }) => {
	const context = await browser.newContext();
	for (const target of NASTY_TARGETS) {
		const res = await context.request.post('/language', {
			form: { language: 'en', redirectTo: target },
			headers: { origin: BASE_URL, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status(), JSON.stringify(target)).toBe(303);
		expect(res.headers().location, JSON.stringify(target)).toBe('/');
	}
	const kept = await context.request.post('/language', {
		form: { language: 'nl', redirectTo: '/guidelines?x=1' },
		headers: { origin: BASE_URL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(kept.headers().location).toBe('/guidelines?x=1');
	await context.close();
});
