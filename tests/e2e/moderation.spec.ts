import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { apiLogin, DEMO_PASSWORD, expectAccessible, LANGS, msg, roomJoined, useLanguage, type Lang } from './helpers';

/**
 * Moderation in the browser: a member reports a reply, the moderators' queue
 * shows it live, a moderator removes it and it vanishes from another member's
 * open thread; the reporter sees the outcome and the audit log has the line.
 * A thread locked by a moderator loses its reply form on an open page. And an
 * axe-core WCAG 2.1 AA scan of the moderation pages in both languages.
 *
 * Every test makes its own thread (unique title), so order and the other specs
 * do not matter. Nothing here changes roles, statuses or account settings.
 */

const INGRID = 'ingrid.bakker@example.org';
const NAMES = { member: 'Sanne de Vries', board: 'Amira Haddad', moderator: 'Joost Verhoeven', ingrid: 'Ingrid Bakker' };

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A browser context signed in as a demo member who has no entry in ACCOUNTS. */
async function loginByEmail(context: BrowserContext, email: string, lang: Lang): Promise<void> {
	const response = await context.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
	expect(response.status(), `API login as ${email}`).toBe(200);
	await useLanguage(context, lang);
}

/** A fresh thread by the given context's account, through the API. */
async function createThread(context: BrowserContext, title: string, body: string): Promise<number> {
	const categories = await context.request.get('/api/categories');
	expect(categories.status()).toBe(200);
	const slug = ((await categories.json()) as { slug: string }[])[0]!.slug;
	const created = await context.request.post('/api/threads', { data: { category: slug, title, body } });
	expect(created.status(), await created.text()).toBe(201);
	return ((await created.json()) as { threadId: number }).threadId;
}

async function reply(context: BrowserContext, threadId: number, body: string): Promise<number> {
	const posted = await context.request.post(`/api/threads/${threadId}/posts`, { data: { body } });
	expect(posted.status(), await posted.text()).toBe(201);
	return ((await posted.json()) as { id: number }).id;
}

/** How many documents this tab has loaded: 1 means nothing was reloaded. */
const navigations = (page: Page) => page.evaluate(() => performance.getEntriesByType('navigation').length);


test('a reported reply shows up live in the queue; removed, it vanishes from an open thread; the reporter sees the outcome', async ({ browser }) => {
	test.setTimeout(90_000);
	const sanne = await browser.newContext(); // A: member@, Dutch, reports
	const joost = await browser.newContext(); // B: moderator@, Dutch, has the queue open
	const amira = await browser.newContext(); // C: board@, English, has the thread open
	const ingrid = await browser.newContext(); // writes the reply that gets reported
	await apiLogin(sanne, 'member', 'nl');
	await apiLogin(joost, 'moderator', 'nl');
	await apiLogin(amira, 'board', 'en');
	await loginByEmail(ingrid, INGRID, 'nl');

	const id = unique();
	const title = `Moderatietest ${id}: schoolkeuze in Nairobi`;
	const threadId = await createThread(sanne, title, 'Welke internationale school raden jullie aan voor een kind van zes?');
	const postId = await reply(ingrid, threadId, `Geen idee, maar kijk vooral eens op mijn eigen website met aanbiedingen (${id}).`);

	// B: the queue is open before anything is reported, and listening.
	const queue = await joost.newPage();
	const queueJoined = roomJoined(queue, 'moderation');
	await queue.goto('/moderation');
	await expect(queue.getByRole('heading', { level: 1 })).toHaveText(msg('nl', 'queue_title'));
	await queueJoined;
	const item = queue.getByRole('listitem').filter({ has: queue.getByRole('link', { name: title, exact: true }) });
	await expect(item).toHaveCount(0);

	// C and A have the thread open; each sees the other reading along, so both are in the thread's room.
	const amiraPage = await amira.newPage();
	const sannePage = await sanne.newPage();
	await amiraPage.goto(`/group/t/${threadId}`);
	await sannePage.goto(`/group/t/${threadId}`);
	await expect(amiraPage.getByText(msg('en', 'live_readers', { names: NAMES.member }))).toBeVisible({ timeout: 15_000 });
	await expect(sannePage.getByText(msg('nl', 'live_readers', { names: NAMES.board }))).toBeVisible({ timeout: 15_000 });
	await expect(amiraPage.locator(`#post-${postId}`)).toContainText(id);

	// A reports Ingrid's reply: a reason and a note.
	const reported = sannePage.locator(`#post-${postId}`);
	// The form is written into the page only for the post being reported: the link opens it in place.
	await reported.getByRole('link', { name: new RegExp(`^${msg('nl', 'report_post')}`) }).click();
	expect(await sannePage.evaluate(() => location.search)).toBe('');
	await reported.getByRole('radio', { name: msg('nl', 'report_reason_spam') }).check();
	await reported.getByLabel(msg('nl', 'report_note')).fill('Reclame voor een eigen website.');
	await reported.getByRole('button', { name: msg('nl', 'report_submit') }).click();
	await expect(sannePage.getByRole('status').filter({ hasText: msg('nl', 'report_thanks') })).toBeVisible();

	// B: the report arrives in the open queue without a reload.
	await expect(item).toHaveCount(1);
	await expect(item.getByRole('heading', { level: 2 })).toHaveText(msg('nl', 'queue_kind_post'));
	await expect(item).toContainText(`${msg('nl', 'report_reason_spam')} × 1`);
	await expect(item).toContainText('Reclame voor een eigen website.');
	expect(await navigations(queue)).toBe(1);

	// B removes the reply, with a reason for its author.
	const reason = `Reclame is niet toegestaan in de groep (${id}).`;
	await item.getByLabel(msg('nl', 'mod_reason_for_author')).fill(reason);
	await item.getByRole('button', { name: msg('nl', 'mod_action_remove') }).click();
	await expect(queue.getByRole('status')).toHaveText(msg('nl', 'queue_done', { action: msg('nl', 'mod_action_remove') }));
	await expect(item).toHaveCount(0);

	// C: the reply leaves the open thread within seconds, still without a reload.
	await expect(amiraPage.locator(`#post-${postId}`)).toHaveCount(0, { timeout: 5_000 });
	await expect(amiraPage.getByText('mijn eigen website met aanbiedingen')).toHaveCount(0);
	expect(await navigations(amiraPage)).toBe(1);
	// The opening post is still there.
	await expect(amiraPage.getByText('Welke internationale school raden jullie aan')).toBeVisible();

	// A: My reports says the moderators acted.
	await sannePage.goto('/reports');
	await expect(sannePage.getByRole('heading', { level: 1 })).toHaveText(msg('nl', 'my_reports'));
	const mine = sannePage.getByRole('listitem').filter({ has: sannePage.getByRole('link', { name: title, exact: true }) });
	await expect(mine).toHaveCount(1);
	await expect(mine).toContainText(msg('nl', 'report_reason_spam'));
	await expect(mine.getByText(msg('nl', 'my_report_action_taken'))).toBeVisible();

	// B: the audit log says it in a sentence with names, found with the page's own filters (kind in words, a name, today).
	await queue.goto('/audit');
	await expect(queue.getByRole('heading', { level: 1 })).toHaveText(msg('nl', 'audit_title'));
	await queue.getByLabel(msg('nl', 'audit_kind'), { exact: true }).selectOption({ label: msg('nl', 'audit_kind_post_remove') });
	await queue.getByLabel(msg('nl', 'audit_person_filter'), { exact: true }).selectOption({ label: NAMES.moderator });
	await queue.getByLabel(msg('nl', 'audit_about')).fill('ingrid');
	const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
	await queue.getByLabel(msg('nl', 'audit_from'), { exact: true }).fill(yesterday);
	await queue.getByRole('button', { name: msg('nl', 'audit_filter') }).click();
	await expect(queue).toHaveURL(/action=post\.remove/);
	const sentence = `${msg('nl', 'audit_s_post_remove', { actor: NAMES.moderator, post: msg('nl', 'audit_post_in', { member: NAMES.ingrid, thread: title }) })}: ${reason}`;
	const row = queue.getByRole('row').filter({ hasText: reason });
	await expect(row).toHaveCount(1);
	await expect(row.getByRole('cell').nth(1)).toHaveText(sentence);
	await expect(queue.locator('main table')).not.toContainText(/\b(post|thread|member|case)\.[a-z_]+/);

	for (const c of [sanne, joost, amira, ingrid]) await c.close();
});

test('a thread a moderator locks loses its reply form on a member’s open page, and gets it back when unlocked', async ({ browser }) => {
	const sanne = await browser.newContext();
	const joost = await browser.newContext();
	await apiLogin(sanne, 'member', 'nl');
	await apiLogin(joost, 'moderator', 'nl');

	const id = unique();
	const threadId = await createThread(sanne, `Sluittest ${id}: verhuisdozen over`, 'Ik heb nog dertig verhuisdozen over, wie wil ze hebben?');

	const member = await sanne.newPage();
	const moderator = await joost.newPage();
	await member.goto(`/group/t/${threadId}`);
	await moderator.goto(`/group/t/${threadId}`);
	await expect(member.getByText(msg('nl', 'live_readers', { names: NAMES.moderator }))).toBeVisible({ timeout: 15_000 });
	const replyButton = member.getByRole('button', { name: msg('nl', 'reply_submit') });
	await expect(replyButton).toBeVisible();
	await expect(member.getByLabel(msg('nl', 'field_body'), { exact: true })).toBeVisible();

	// The moderator locks it from the thread's moderation panel.
	await moderator.locator('summary').filter({ hasText: msg('nl', 'moderate_thread') }).click();
	// The panel has a form per tool, each with its own reason field: use the one with the lock button.
	const lockForm = moderator.locator('form').filter({ has: moderator.getByRole('button', { name: msg('nl', 'mod_lock'), exact: true }) });
	await lockForm.getByLabel(msg('nl', 'mod_reason'), { exact: true }).fill(`Afgerond (${id}).`);
	await lockForm.getByRole('button', { name: msg('nl', 'mod_lock'), exact: true }).click();
	await expect(moderator.getByRole('button', { name: msg('nl', 'mod_unlock'), exact: true })).toBeVisible();

	// The member's open page follows without a reload.
	await expect(replyButton).toHaveCount(0, { timeout: 5_000 });
	await expect(member.getByLabel(msg('nl', 'field_body'), { exact: true })).toHaveCount(0);
	await expect(member.getByText(msg('nl', 'thread_locked_notice'))).toBeVisible();
	await expect(member.locator('.thread-badges').getByText(msg('nl', 'thread_locked'), { exact: true })).toBeVisible();
	expect(await navigations(member)).toBe(1);

	// Unlocked again, the form comes back.
	await moderator.getByRole('button', { name: msg('nl', 'mod_unlock'), exact: true }).click();
	await expect(moderator.getByRole('button', { name: msg('nl', 'mod_lock'), exact: true })).toBeVisible();
	await expect(replyButton).toBeVisible({ timeout: 5_000 });
	await expect(member.getByText(msg('nl', 'thread_locked_notice'))).toHaveCount(0);
	expect(await navigations(member)).toBe(1);

	await sanne.close();
	await joost.close();
});

test.describe('accessibility of the moderation pages', () => {
	// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
	test.use({ bypassCSP: true });
	test.describe.configure({ mode: 'parallel' });

	for (const lang of LANGS) {
		test(`queue, watched words, audit log, a member's record, my reports and a thread's tools, in ${lang === 'nl' ? 'Dutch' : 'English'}`, async ({ browser }) => {
			test.setTimeout(90_000);
			const joost = await browser.newContext();
			const sanne = await browser.newContext();
			await apiLogin(joost, 'moderator', lang);
			await apiLogin(sanne, 'member', lang);
			const page = await joost.newPage();

			await page.goto('/moderation');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'queue_title'));
			await expectAccessible(page, '/moderation', lang);
			// A member's record, through a link in the queue.
			let memberHref = await page.locator('main a[href^="/moderation/members/"]').first().getAttribute('href', { timeout: 2_000 }).catch(() => null);

			await page.goto('/moderation/words');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'words_title'));
			await expectAccessible(page, '/moderation/words', lang);

			await page.goto('/audit');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'audit_title'));
			// Sentences in the reader's language, not action codes or ids.
			await expect(page.locator('main tbody tr').first()).toBeVisible();
			await expect(page.locator('main table')).not.toContainText(/\b(post|thread|member|case)\.[a-z_]+|[0-9a-f]{8}-[0-9a-f]{4}-/);
			await expectAccessible(page, '/audit', lang);
			if (!memberHref) {
				// The queue can be empty when other specs handled the demo items: then a member's own id will do.
				const me = (await (await sanne.request.get('/api/me')).json()) as { id: string };
				memberHref = `/moderation/members/${me.id}`;
			}
			expect(memberHref).toMatch(/^\/moderation\/members\/[0-9a-f-]{36}$/);

			await page.goto(memberHref);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectAccessible(page, memberHref, lang);

			// A thread with the moderator's panels and a post's report and moderation forms open.
			const threadId = await createThread(sanne, `A11y-moderatie ${unique()}`, 'Een gesprek om de moderatieformulieren te bekijken.');
			await reply(sanne, threadId, 'Een tweede bericht, door dezelfde schrijver.');
			await page.goto(`/group/t/${threadId}`);
			await page.locator('summary').filter({ hasText: msg(lang, 'moderate_thread') }).click();
			for (const summary of await page.locator('article.post summary').all()) await summary.click();
			// Report forms are written in on demand: each post's link opens its own, open.
			// (each link gives way to its form, so the first one left is the next one)
			const reportLinks = page.locator('article.post a.report-link');
			for (let n = await reportLinks.count(); n > 0; n--) await reportLinks.first().click();
			await expect(page.locator('article.post details.report[open]')).toHaveCount(2);
			await expectAccessible(page, 'thread as moderator, tools open', lang);

			// The member's side: My reports.
			const memberPage = await sanne.newPage();
			await memberPage.goto('/reports');
			await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'my_reports'));
			await expectAccessible(memberPage, '/reports', lang);

			await joost.close();
			await sanne.close();
		});
	}
});
