import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import nlMembership from '../../messages/membership/nl.json' with { type: 'json' };
import enMembership from '../../messages/membership/en.json' with { type: 'json' };
import { expectAccessible, either, LANGS, langOf, login, loginAs, MESSAGES, patternOf, useLanguage, type Lang, type Message } from './helpers';

/**
 * Membership in the browser: joining by invitation, asking to join and being
 * approved (or declined), the directory and profiles; every new page through
 * axe-core in both languages; the join form without JavaScript.
 *
 * Every person here is new, so nothing another spec relies on changes (the
 * demo applicant pending@example.org is left alone).
 */

const MEMBERSHIP = { nl: nlMembership, en: enMembership } as const;
type Key = Exclude<keyof typeof enMembership | keyof (typeof MESSAGES)['en'], '$schema'>;

/** A message in one language, from either message file, with `{placeholders}` filled in. */
function t(lang: Lang, key: Key, inputs: Record<string, string | number> = {}): string {
	const all = { ...MESSAGES[lang], ...MEMBERSHIP[lang] } as Record<string, Message>;
	const message = all[key];
	if (message === undefined) throw new Error(`no message ${key}`);
	return patternOf(lang, message, inputs).replace(/\{(\w+)\}/g, (_, name: string) => String(inputs[name] ?? `{${name}}`));
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A membership message in either language, as a pattern (start of the accessible name). */
const any = (key: Key) => new RegExp(`^\\s*(${escape(t('nl', key))}|${escape(t('en', key))})`);

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const PASSWORD = 'een lange wandeling langs de gracht';


interface Applicant {
	name: string;
	email: string;
}

/** Fills in and sends /join as a person would (the page must already be open). */
async function fillJoinForm(page: Page, who: Applicant, options: { country?: string; city?: string; password?: string } = {}) {
	const lang = await langOf(page);
	await page.getByLabel(t(lang, 'field_display_name'), { exact: true }).fill(who.name);
	await page.getByLabel(t(lang, 'field_email'), { exact: true }).fill(who.email);
	await page.getByLabel(t(lang, 'field_password'), { exact: true }).fill(options.password ?? PASSWORD);
	await page.getByLabel(t(lang, 'join_field_country'), { exact: true }).selectOption(options.country ?? 'PE');
	await page.getByLabel(t(lang, 'join_field_city'), { exact: true }).fill(options.city ?? 'Lima');
	await page.getByRole('radio', { name: t(lang, 'relation_registered_partner') }).check();
	await page.getByLabel(t(lang, 'join_field_civil_servant_name'), { exact: true }).fill('Jeroen van Leeuwen');
	await page.getByLabel(t(lang, 'join_field_department'), { exact: true }).fill('Ambassade Lima');
	await page.locator('input[name="languages"][value="es"]').check();
	await page.locator('input[name="languages"][value="nl"]').check();
	await page.getByLabel(t(lang, 'join_field_message')).fill('Wij wonen sinds januari in Miraflores.');
	await page.getByRole('checkbox', { name: t(lang, 'join_accept_guidelines') }).check();
	await page.getByRole('button', { name: t(lang, 'join_submit') }).click();
}

/** The page both ways in end on, whether or not the address had an account. */
async function expectSent(page: Page, via: 'join' | 'invitation') {
	await expect(page).toHaveURL(via === 'join' ? /\/join\/sent$/ : /\/join\/sent\?invitation$/);
	const lang = await langOf(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, via === 'join' ? 'join_sent_title' : 'invite_sent_title'));
	await expect(page.getByRole('status')).toContainText(t(lang, via === 'join' ? 'join_sent_text' : 'invite_sent_text'));
}

/** A join request through the API, then a login, in the context's cookie jar: for steps that are not about the form. */
async function applyByApi(request: APIRequestContext, who: Applicant, language: Lang = 'en') {
	const guidelines = await (await request.get('/api/guidelines')).json();
	const res = await request.post('/api/join-requests', {
		data: {
			email: who.email,
			password: PASSWORD,
			displayName: who.name,
			language,
			postingCountry: 'VN',
			postingCity: 'Hanoi',
			relation: 'spouse',
			civilServantName: 'Karin Smit',
			civilServantDepartment: 'Embassy in Hanoi',
			languages: ['en', 'vi'],
			acceptGuidelines: true,
			guidelinesVersion: guidelines.version
		}
	});
	expect(res.status()).toBe(202);
	expect((await request.post('/api/auth/login', { data: { email: who.email, password: PASSWORD } })).status()).toBe(200);
}

async function moderatorDecides(page: Page, who: Applicant, decision: 'approve' | 'decline', reason = '') {
	await page.goto('/moderation/requests');
	const lang = await langOf(page);
	const request = page.getByRole('article', { name: who.name });
	await expect(request).toBeVisible();
	await expect(request).toContainText(who.email);
	if (reason) await request.getByLabel(new RegExp(`^${escape(t(lang, 'requests_reason'))}`)).fill(reason);
	await request.getByRole('button', { name: new RegExp(`^${escape(t(lang, decision === 'approve' ? 'requests_approve' : 'requests_decline'))}`) }).click();
	await expect(page.getByRole('status')).toContainText(who.name);
	await expect(page.getByRole('article', { name: who.name })).toHaveCount(0);
}

async function newPage(context: BrowserContext) {
	return context.newPage();
}

test.describe.configure({ mode: 'serial' });
// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });

test('a person joins by invitation; the link works once', async ({ browser }) => {
	test.setTimeout(90_000);
	const modContext = await browser.newContext();
	const mod = await newPage(modContext);
	await loginAs(mod, 'moderator');
	await mod.getByRole('navigation', { name: either('nav_label') }).getByRole('link', { name: any('nav_invitations') }).click();
	await expect(mod).toHaveURL(/\/invitations$/);
	const lang = await langOf(mod);
	await mod.getByLabel(t(lang, 'invitations_note'), { exact: true }).fill('Partner van de nieuwe attaché in Hanoi');
	await mod.getByRole('button', { name: t(lang, 'invitations_create') }).click();
	const linkField = mod.getByLabel(t(lang, 'invitations_link'), { exact: true });
	await expect(linkField).toBeVisible();
	const link = await linkField.inputValue();
	expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);
	// Listed, open, without the link.
	await mod.reload();
	await expect(mod.getByRole('row').filter({ hasText: 'Partner van de nieuwe attaché in Hanoi' }).first()).toContainText(t(lang, 'invitations_status_open'));
	await expect(mod.locator('body')).not.toContainText(link);

	const invitedContext = await browser.newContext();
	const invited = await newPage(invitedContext);
	await invited.goto(link);
	const ilang = await langOf(invited);
	await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t(ilang, 'invite_title'));
	const person = { name: `Hanna Uitgenodigd ${unique()}`, email: `invited-${unique()}@example.org` };
	await invited.getByLabel(t(ilang, 'field_display_name'), { exact: true }).fill(person.name);
	await invited.getByLabel(t(ilang, 'field_email'), { exact: true }).fill(person.email);
	await invited.getByLabel(t(ilang, 'field_password'), { exact: true }).fill(PASSWORD);
	await invited.getByRole('checkbox', { name: t(ilang, 'join_accept_guidelines') }).check();
	await invited.getByRole('button', { name: t(ilang, 'invite_submit') }).click();
	await expectSent(invited, 'invitation');
	await login(invited, person.email, PASSWORD);
	await expect(invited).toHaveURL(/\/home$/);
	await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t(ilang, 'home_welcome', { name: person.name }));
	// A member at once: the directory is open to them.
	await invited.getByRole('navigation', { name: either('nav_label') }).getByRole('link', { name: any('nav_members') }).click();
	await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t(ilang, 'members_title'));

	// The link is used up.
	const latecomer = await browser.newContext();
	const late = await newPage(latecomer);
	await late.goto(link);
	await expect(late.getByRole('alert')).toHaveText(any('error_invitation_used'));
	await mod.reload();
	await expect(mod.getByRole('row').filter({ hasText: person.name })).toContainText(t(lang, 'invitations_status_used'));
	await Promise.all([modContext.close(), invitedContext.close(), latecomer.close()]);
});

test('a person asks to join, waits, is approved by a moderator, and is then inside', async ({ browser }) => {
	test.setTimeout(90_000);
	const applicantContext = await browser.newContext();
	const page = await newPage(applicantContext);
	await page.goto('/');
	await page.getByRole('main').getByRole('link', { name: any('landing_request_to_join') }).click();
	await expect(page).toHaveURL(/\/join$/);
	const person = { name: `Pablo Aanvrager ${unique()}`, email: `applicant-${unique()}@example.org` };
	await fillJoinForm(page, person);
	await expectSent(page, 'join');
	await login(page, person.email, PASSWORD);
	await expect(page).toHaveURL(/\/pending$/);
	const lang = await langOf(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'pending_title'));
	await expect(page.getByRole('main')).toContainText('Lima');
	// Nothing inside yet.
	await page.goto('/members');
	await expect(page).toHaveURL(/\/pending$/);
	await page.goto('/home');
	await expect(page).toHaveURL(/\/pending$/);

	const modContext = await browser.newContext();
	const mod = await newPage(modContext);
	await loginAs(mod, 'moderator');
	await mod.getByRole('navigation', { name: either('nav_label') }).getByRole('link', { name: any('nav_moderation') }).click();
	await mod.getByRole('main').getByRole('link', { name: any('nav_join_requests') }).click();
	await moderatorDecides(mod, person, 'approve');
	await mod.getByRole('link', { name: any('requests_status_approved') }).click();
	await expect(mod.getByRole('article', { name: person.name })).toBeVisible();

	await page.goto('/home');
	await expect(page).toHaveURL(/\/home$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'home_welcome', { name: person.name }));
	await Promise.all([applicantContext.close(), modContext.close()]);
});

test('a declined person sees the decision and the reason, and can delete their account', async ({ browser }) => {
	test.setTimeout(90_000);
	const applicantContext = await browser.newContext();
	const page = await newPage(applicantContext);
	const person = { name: `Dana Afgewezen ${unique()}`, email: `declined-${unique()}@example.org` };
	await applyByApi(applicantContext.request, person);

	const modContext = await browser.newContext();
	const mod = await newPage(modContext);
	await loginAs(mod, 'moderator');
	const reason = 'We konden geen plaatsing in Hanoi bevestigen. Stuur gerust een nieuwe aanvraag met de naam van de post.';
	await moderatorDecides(mod, person, 'decline', reason);

	for (const lang of LANGS) {
		await useLanguage(applicantContext, lang);
		await page.goto('/pending');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'pending_declined_title'));
		await expect(page.getByRole('main')).toContainText(reason);
		await expectAccessible(page, '/pending (declined)', lang);
	}
	await page.goto('/members');
	await expect(page).toHaveURL(/\/pending$/);

	const lang = await langOf(page);
	await page.getByRole('checkbox', { name: t(lang, 'pending_withdraw_confirm') }).check();
	await page.getByRole('button', { name: t(lang, 'pending_delete_submit') }).click();
	await expect(page).toHaveURL(/\/\?withdrawn=1$/);
	await expect(page.getByRole('status')).toHaveText(t(lang, 'landing_withdrawn'));
	await page.goto('/pending');
	await expect(page).toHaveURL(/\/login/);
	await Promise.all([applicantContext.close(), modContext.close()]);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the join form refuses a weak password with a readable message, answers a taken address as any other, then sends the request', async ({ page }) => {
		await page.goto('/join');
		const lang = await langOf(page);
		const person = { name: `Noor Zonder Script ${unique()}`, email: `nojs-${unique()}@example.org` };
		await fillJoinForm(page, person, { country: 'MA', city: 'Rabat', password: 'qwertyuiop' });
		await expect(page.getByRole('alert')).toContainText(t(lang, 'error_password_common'));
		// What was typed is still there, except the password.
		await expect(page.getByLabel(t(lang, 'field_display_name'), { exact: true })).toHaveValue(person.name);
		await expect(page.getByLabel(t(lang, 'join_field_city'), { exact: true })).toHaveValue('Rabat');
		await expect(page.getByLabel(t(lang, 'join_field_country'), { exact: true })).toHaveValue('MA');
		await expect(page.getByLabel(t(lang, 'field_password'), { exact: true })).toHaveValue('');

		// An address with an account gets the very page a new one gets; its owner is emailed.
		await fillJoinForm(page, { ...person, email: 'member@example.org' }, { country: 'MA', city: 'Rabat' });
		await expectSent(page, 'join');
		await page.goto('/join');
		await fillJoinForm(page, person, { country: 'MA', city: 'Rabat' });
		await expectSent(page, 'join');
		await login(page, person.email, PASSWORD);
		await expect(page).toHaveURL(/\/pending$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'pending_title'));
	});
});

for (const lang of LANGS) {
	test.describe(`accessibility in ${lang === 'nl' ? 'Dutch' : 'English'}`, () => {
		test.beforeEach(async ({ context }) => {
			await useLanguage(context, lang);
		});

		test('public pages: join (empty and with an error), guidelines, invitation links', async ({ page }) => {
			await page.goto('/join');
			await expectAccessible(page, '/join', lang);
			await fillJoinForm(page, { name: 'Sanne Dubbel', email: `a11y-${unique()}@example.org` }, { password: 'qwertyuiop' });
			await expect(page.getByRole('alert')).toContainText(t(lang, 'error_password_common'));
			await expectAccessible(page, '/join with an error', lang);
			await page.goto('/join/sent');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'join_sent_title'));
			await expectAccessible(page, '/join/sent', lang);

			await page.goto('/guidelines');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'guidelines_title'));
			await expectAccessible(page, '/guidelines', lang);

			await page.goto(`/invite/${'a'.repeat(32)}`);
			await expect(page.getByRole('alert')).toHaveText(t(lang, 'error_invitation_invalid'));
			await expectAccessible(page, '/invite (invalid link)', lang);
		});

		test('invitations page and a valid invitation link', async ({ browser, context, page }) => {
			await loginAs(page, 'admin');
			await useLanguage(context, lang);
			await page.goto('/invitations');
			await expectAccessible(page, '/invitations', lang);
			await page.getByLabel(t(lang, 'invitations_email'), { exact: true }).fill(`a11y-${lang}-${unique()}@example.org`);
			await page.getByRole('button', { name: t(lang, 'invitations_create') }).click();
			const link = await page.getByLabel(t(lang, 'invitations_link'), { exact: true }).inputValue();
			await expectAccessible(page, '/invitations with a new link', lang);

			const guest = await browser.newContext();
			await useLanguage(guest, lang);
			const invited = await guest.newPage();
			await invited.goto(link);
			await expect(invited.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'invite_title'));
			await expect(invited.getByLabel(t(lang, 'field_email'), { exact: true })).toHaveAttribute('readonly', '');
			await expectAccessible(invited, '/invite/[token]', lang);
			await guest.close();
		});

		test('join requests page, pending and decided', async ({ page, context }) => {
			await loginAs(page, 'moderator');
			await useLanguage(context, lang);
			await page.goto('/moderation/requests');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'requests_title'));
			await expect(page.getByRole('article').first()).toBeVisible();
			await expectAccessible(page, '/moderation/requests', lang);
			await page.goto('/moderation/requests?status=approved');
			await expectAccessible(page, '/moderation/requests?status=approved', lang);
		});

		test('directory, a profile, and one\'s own profile', async ({ page, context }) => {
			await loginAs(page, 'member');
			await useLanguage(context, lang);
			await page.goto('/members');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'members_title'));
			await expect(page.getByRole('link', { name: 'Joost Verhoeven' })).toBeVisible();
			await expectAccessible(page, '/members', lang);

			// Filtered: Kenya has two, and one of them is a moderator.
			await page.getByLabel(t(lang, 'members_country'), { exact: true }).selectOption('KE');
			await page.getByRole('button', { name: t(lang, 'members_filter') }).click();
			await expect(page).toHaveURL(/country=KE/);
			await expect(page.getByRole('list', { name: t(lang, 'members_results') }).getByRole('listitem')).toHaveCount(2);
			await expectAccessible(page, '/members?country=KE', lang);
			await page.goto('/members?language=ja&region=oceania');
			await expect(page.getByText(t(lang, 'members_none_filtered'))).toBeVisible();
			await expectAccessible(page, '/members with no results', lang);

			await page.goto('/members/joost-verhoeven');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Joost Verhoeven');
			await expect(page.getByRole('main')).toContainText('Nairobi');
			await expectAccessible(page, '/members/[handle]', lang);

			await page.goto('/profile');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(t(lang, 'profile_title'));
			await expectAccessible(page, '/profile', lang);
			// A refused save shows the message and keeps what was typed.
			await page.getByLabel(t(lang, 'profile_bio'), { exact: true }).fill('   ');
			await page.getByRole('button', { name: t(lang, 'save') }).click();
			await expect(page.getByRole('alert')).toContainText(t(lang, 'error_bio_too_long'));
			await expectAccessible(page, '/profile with an error', lang);
		});
	});
}

test('a member edits their profile and shows up in the directory only when they allow it', async ({ browser }) => {
	test.setTimeout(60_000);
	const context = await browser.newContext();
	const page = await context.newPage();
	const person = { name: `Olga Profiel ${unique()}`, email: `profile-${unique()}@example.org` };
	// Through an invitation made by a moderator.
	const mod = await browser.newContext();
	const modPage = await mod.newPage();
	await loginAs(modPage, 'moderator');
	await modPage.goto('/invitations');
	const mlang = await langOf(modPage);
	await modPage.getByRole('button', { name: t(mlang, 'invitations_create') }).click();
	const link = await modPage.getByLabel(t(mlang, 'invitations_link'), { exact: true }).inputValue();
	await mod.close();

	await page.goto(link);
	const lang = await langOf(page);
	await page.getByLabel(t(lang, 'field_display_name'), { exact: true }).fill(person.name);
	await page.getByLabel(t(lang, 'field_email'), { exact: true }).fill(person.email);
	await page.getByLabel(t(lang, 'field_password'), { exact: true }).fill(PASSWORD);
	await page.getByRole('checkbox', { name: t(lang, 'join_accept_guidelines') }).check();
	await page.getByRole('button', { name: t(lang, 'invite_submit') }).click();
	await expectSent(page, 'invitation');
	await login(page, person.email, PASSWORD);
	await expect(page).toHaveURL(/\/home$/);

	await page.goto('/profile');
	await page.getByLabel(t(lang, 'profile_bio'), { exact: true }).fill('Sinds kort in Ulaanbaatar. Wie gaat er mee de steppe in?');
	await page.getByLabel(t(lang, 'join_field_country'), { exact: true }).selectOption('MN');
	await page.getByLabel(t(lang, 'join_field_city'), { exact: true }).fill('Ulaanbaatar');
	await page.locator('input[name="languages"][value="ru"]').check();
	await page.getByRole('button', { name: t(lang, 'save') }).click();
	await expect(page.getByRole('status')).toHaveText(t(lang, 'saved'));

	await page.goto('/members?country=MN');
	await expect(page.getByRole('link', { name: person.name })).toHaveCount(0);

	await page.goto('/profile');
	await page.getByRole('checkbox', { name: t(lang, 'profile_show_posting') }).check();
	await page.getByRole('button', { name: t(lang, 'save') }).click();
	await expect(page.getByRole('status')).toHaveText(t(lang, 'saved'));
	await page.goto('/members?country=MN');
	await expect(page.getByRole('link', { name: person.name })).toBeVisible();
	await page.goto('/members?region=asia&language=ru');
	await expect(page.getByRole('link', { name: person.name })).toBeVisible();
	await context.close();
});
