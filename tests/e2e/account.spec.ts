import { expect, test } from '@playwright/test';
import { either, langOf, login, loginAs, msg } from './helpers';

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

	// Another browser, told apart by its user agent.
	const device = `E2E other device ${test.info().workerIndex}-${Date.now()}`;
	const otherContext = await browser.newContext({ userAgent: device });
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
