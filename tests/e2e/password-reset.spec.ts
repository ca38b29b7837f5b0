import { expect, test, type APIRequestContext } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, expectAccessible, langOf, msg, apiLogin } from './helpers';
import { mailTo } from './mailbox';

// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });

const PASSWORD = 'a long walk along the canal';
const NEW_PASSWORD = 'a slow boat up the mekong';

/** An account of this test's own (a join request: pending), so no demo account's password changes under other specs. */
async function newAccount(request: APIRequestContext, email: string, displayName = 'Rosa Reset') {
	const guidelines = await (await request.get('/api/guidelines')).json();
	const res = await request.post('/api/join-requests', {
		data: {
			email,
			password: PASSWORD,
			displayName,
			language: 'en',
			postingCountry: 'PE',
			postingCity: 'Lima',
			relation: 'spouse',
			civilServantName: 'Tom Smit',
			civilServantDepartment: 'Embassy in Lima',
			languages: ['en', 'es'],
			acceptGuidelines: true,
			guidelinesVersion: guidelines.version
		}
	});
	expect(res.status()).toBe(202);
}

test('password reset end to end: from the login page through the email to a new password; old sessions and the link are gone', async ({ page, browser, request }) => {
	const email = `rosa-reset-${Date.now()}@example.org`;
	await newAccount(request, email);
	// A session elsewhere, which the reset must end.
	const elsewhere = await browser.newContext();
	expect((await elsewhere.request.post('/api/auth/login', { data: { email, password: PASSWORD } })).status()).toBe(200);
	expect((await elsewhere.request.get('/api/me')).status()).toBe(200);

	await page.goto('/login');
	const lang = await langOf(page);
	await expect(page.getByRole('link', { name: msg(lang, 'login_join_link') })).toHaveAttribute('href', '/join');
	await page.getByRole('link', { name: msg(lang, 'login_forgot') }).click();
	await expect(page).toHaveURL(/\/forgot$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'forgot_title'));
	await expectAccessible(page, 'forgot password', lang);
	await page.getByLabel(msg(lang, 'field_email')).fill(email);
	await page.getByRole('button', { name: msg(lang, 'forgot_submit') }).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText(msg(lang, 'forgot_sent_text'));
	await expectAccessible(page, 'reset link sent', lang);

	// The email, in the account's language (English), as the mailbox received it.
	const mail = await mailTo(email, (m) => m.subject === msg('en', 'email_reset_subject'));
	const link = /https?:\/\/\S+\/reset\/[a-z2-7]{32}/.exec(mail.text)?.[0];
	expect(link, mail.text).toBeTruthy();

	await page.goto(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'reset_title'));
	await expectAccessible(page, 'choose a new password', lang);
	// The usual password rules: a common one is refused, the link still works.
	await page.getByLabel(msg(lang, 'reset_new_password')).fill('password');
	await page.getByRole('button', { name: msg(lang, 'reset_submit') }).click();
	await expect(page.getByRole('main').getByRole('alert')).toHaveText(msg(lang, 'error_password_common'));
	await page.getByLabel(msg(lang, 'reset_new_password')).fill(NEW_PASSWORD);
	await page.getByRole('button', { name: msg(lang, 'reset_submit') }).click();
	await expect(page).toHaveURL(/\/login\?reset=1$/);
	await expect(page.getByRole('main').getByRole('status').filter({ hasText: msg(lang, 'login_reset_done') })).toBeVisible();

	// The other session is over; the old password no longer works, the new one does.
	expect((await elsewhere.request.get('/api/me')).status()).toBe(401);
	await elsewhere.close();
	expect((await request.post('/api/auth/login', { data: { email, password: PASSWORD } })).status()).toBe(401);
	await page.getByLabel(msg(lang, 'field_email')).fill(email);
	await page.getByLabel(msg(lang, 'field_password')).fill(NEW_PASSWORD);
	await page.getByRole('button', { name: msg(lang, 'log_in') }).click();
	await expect(page).toHaveURL(/\/pending$/);

	// The link is used up.
	await page.goto(link!);
	const after = await langOf(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(after, 'reset_invalid_title'));
	await expectAccessible(page, 'used reset link', after);
	// Out of the moderators' queue again, for the specs that look at it.
	expect((await page.request.delete('/api/me/join-request')).status()).toBeLessThan(300);
});

test('a declined applicant is shown how to reach the moderators, and the admin list says declined', async ({ page, request, browser }) => {
	const email = `dana-declined-${Date.now()}@example.org`;
	await newAccount(request, email, 'Dana Declined');
	const moderator = await browser.newContext();
	expect((await moderator.request.post('/api/auth/login', { data: { email: ACCOUNTS.moderator, password: DEMO_PASSWORD } })).status()).toBe(200);
	const pending = await (await moderator.request.get('/api/join-requests?limit=100')).json();
	const mine = pending.items.find((r: { applicant: { email: string } }) => r.applicant.email === email);
	expect((await moderator.request.post(`/api/join-requests/${mine.id}/decision`, { data: { decision: 'decline', reason: 'We could not confirm the posting.' } })).status()).toBe(200);
	await moderator.close();

	expect((await page.request.post('/api/auth/login', { data: { email, password: PASSWORD } })).status()).toBe(200);
	await page.goto('/pending');
	const lang = await langOf(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'pending_declined_title'));
	await expect(page.getByText(msg(lang, 'pending_declined_contact'))).toBeVisible();
	await expect(page.getByRole('link', { name: /^moderators@/ })).toHaveAttribute('href', /^mailto:moderators@/);
	await expectAccessible(page, 'declined applicant', lang);

	const admin = await browser.newContext();
	const adminPage = await admin.newPage();
	expect((await admin.request.post('/api/auth/login', { data: { email: ACCOUNTS.admin, password: DEMO_PASSWORD } })).status()).toBe(200);
	await adminPage.goto(`/admin/users?q=${encodeURIComponent(email)}`);
	const adminLang = await langOf(adminPage);
	const status = adminPage.getByRole('combobox', { name: `${msg(adminLang, 'field_status')} — Dana Declined` });
	await expect(status).toHaveValue('pending');
	await expect(status.locator('option:checked')).toHaveText(msg(adminLang, 'admin_users_declined'));
	await admin.close();
	expect((await page.request.delete('/api/me/join-request')).status()).toBeLessThan(300);
});

test('an address without an account gets the same answer', async ({ page }) => {
	await page.goto('/forgot');
	const lang = await langOf(page);
	await page.getByLabel(msg(lang, 'field_email')).fill(`nobody-${Date.now()}@example.org`);
	await page.getByRole('button', { name: msg(lang, 'forgot_submit') }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'forgot_sent_title'));
	await expect(page.getByRole('main').getByRole('status')).toContainText(msg(lang, 'forgot_sent_text'));
});

test('a post written in English carries lang="en", and the thread page passes axe', async ({ page, context }) => {
	await apiLogin(context, 'member');
	await page.goto('/group/latin-america');
	const lang = await langOf(page);
	const title = `Schools in Lima ${Date.now()}`;
	await page.getByLabel(msg(lang, 'field_title'), { exact: true }).fill(title);
	await page.getByLabel(msg(lang, 'field_body'), { exact: true }).fill('Does anyone know a good international school in Lima?');
	await page.getByLabel(msg(lang, 'field_post_language')).selectOption('en');
	await page.getByRole('button', { name: msg(lang, 'create_thread_submit') }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const body = page.locator('.post-body', { hasText: 'a good international school in Lima' });
	await expect(body).toHaveAttribute('lang', 'en');
	// The reply form offers the choice too, preset to the page's language.
	await expect(page.getByLabel(msg(lang, 'field_post_language'))).toHaveValue(lang);
	await expectAccessible(page, 'thread with a post in English', lang);
});
