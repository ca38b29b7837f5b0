import fs from 'node:fs';
import { expect, test, type BrowserContext } from '@playwright/test';
import { checkPages, contextFor, LANGS, msg, roomJoined, type AccountName } from './helpers';

/**
 * Insights in the browser (issue 15): a moderator keeps a post's words as
 * evidence from the thread (and another through the API); the coordinator
 * drafts an insight from the pool and submits it; policy staff take it under
 * review and accept it while the coordinator's page follows live; a second
 * insight is declined with a reason that its page shows; a merge moves the
 * evidence. Without JavaScript, the draft form and the review form work.
 * Then every insight page, and the capture page, through axe-core in Dutch
 * and English at 1280 and 390 px, none scrolling sideways at 320 px.
 *
 * The spec makes its own evidence and insights (the demo's are not relied on).
 */

test.describe.configure({ mode: 'serial' });
// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TITLE = `Werkvergunningen zonder verdrag ${unique}`;

/** A demo thread and one of its visible posts, with the post's first words (as letters and spaces) to keep. */
interface DemoPost {
	threadId: number;
	postId: number;
	words: string;
}
const posts: DemoPost[] = [];
/** Excerpts made through the API, for the insights made through it. */
const excerpts: number[] = [];
let firstInsight = 0;
let declinedInsight = 0;
let mergedFrom = 0;
let mergedInto = 0;

const textOf = (html: string) =>
	html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&[a-z#0-9]+;/gi, ' ')
		.replace(/\s+/g, ' ')
		.trim();

async function demoPosts(context: BrowserContext): Promise<DemoPost[]> {
	const threads = await context.request.get('/api/threads');
	expect(threads.status()).toBe(200);
	const found: DemoPost[] = [];
	for (const t of ((await threads.json()) as { items: { id: number }[] }).items) {
		const res = await context.request.get(`/api/threads/${t.id}/posts`);
		expect(res.status()).toBe(200);
		for (const p of ((await res.json()) as { items: { id: number; status: string; html: string | null }[] }).items) {
			const words = textOf(p.html ?? '').split(' ').slice(0, 6).join(' ');
			if (p.status === 'visible' && words.split(' ').length >= 4) found.push({ threadId: t.id, postId: p.id, words });
			if (found.length >= 4) return found;
		}
	}
	return found;
}

async function capture(context: BrowserContext, post: DemoPost): Promise<number> {
	const res = await context.request.post('/api/insights/excerpts', { data: { postId: post.postId, excerpt: post.words } });
	expect(res.status(), await res.text()).toBe(201);
	return ((await res.json()) as { id: number }).id;
}

async function draft(context: BrowserContext, title: string, excerptIds: number[], submit = true): Promise<number> {
	const res = await context.request.post('/api/insights', { data: { title, summary: `Samenvatting van ${title}.`, excerpts: excerptIds } });
	expect(res.status(), await res.text()).toBe(201);
	const id = ((await res.json()) as { id: number }).id;
	if (submit) expect((await context.request.post(`/api/insights/${id}/submit`)).status()).toBe(200);
	return id;
}

test("a moderator keeps a post's words as evidence from the thread, without its author", async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await contextFor(browser, 'moderator', 'nl');
	posts.push(...(await demoPosts(context)));
	expect(posts.length, 'demo posts to keep').toBeGreaterThanOrEqual(4);
	const post = posts[0]!;

	const page = await context.newPage();
	await page.goto(`/group/t/${post.threadId}?from=${post.postId}`);
	const article = page.locator(`#post-${post.postId}`);
	const author = (await article.locator('.post-author').textContent())!.trim();
	await article.getByRole('link', { name: new RegExp(`^${msg('nl', 'insights_capture_link')}`) }).click();
	await expect(page).toHaveURL(new RegExp(`/group/t/${post.threadId}/capture/${post.postId}$`));
	await expect(page.getByRole('heading', { level: 1, name: msg('nl', 'insights_capture_title') })).toBeVisible();
	await expect(page.getByText(msg('nl', 'insights_capture_no_author'))).toBeVisible();
	// The page names no author: the excerpt is kept without one.
	await expect(page.getByRole('main')).not.toContainText(author);

	// Words that are not the post's own are refused, beside the field.
	const field = page.getByLabel(msg('nl', 'insights_capture_field'));
	await expect(field).not.toHaveValue('');
	await field.fill('Iets wat niemand hier schreef, verzonnen door de moderator.');
	await page.getByRole('button', { name: msg('nl', 'insights_capture_submit') }).click();
	await expect(page.getByRole('alert')).toContainText(msg('nl', 'error_excerpt_not_in_post'));

	await field.fill(post.words);
	await page.getByRole('button', { name: msg('nl', 'insights_capture_submit') }).click();
	// Moderators do not draft: back to the thread, told it was kept.
	await expect(page).toHaveURL(new RegExp(`/group/t/${post.threadId}\\?from=${post.postId}&captured=1`));
	await expect(page.getByRole('status').filter({ hasText: msg('nl', 'insights_capture_done') })).toBeVisible();

	// And through the API, as the other doors do: evidence for the insights made below.
	for (const p of posts.slice(1, 4)) excerpts.push(await capture(context, p));
	await context.close();

	// A member reads the thread without the link.
	const member = await contextFor(browser, 'member', 'nl');
	const memberPage = await member.newPage();
	await memberPage.goto(`/group/t/${post.threadId}?from=${post.postId}`);
	await expect(memberPage.locator(`#post-${post.postId}`)).toBeVisible();
	await expect(memberPage.getByRole('link', { name: new RegExp(`^${msg('nl', 'insights_capture_link')}`) })).toHaveCount(0);
	await member.close();
});

test('a coordinator drafts an insight from the pool and submits it', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await contextFor(browser, 'coordinator', 'nl');
	const page = await context.newPage();
	// First a highlight in the session going on now: a candidate for an insight, at the top of the pool.
	const sessions = (await (await context.request.get('/api/board/sessions')).json()).items as { id: number; startAt: string; notesPublished: boolean }[];
	const live = sessions.find((s) => !s.notesPublished && Date.parse(s.startAt) <= Date.now())!;
	await page.goto(`/board/sessions/${live.id}/room`);
	await page.getByRole('button', { name: msg('nl', 'room_entry_highlight') }).first().click();
	await expect(page.getByText(msg('nl', 'room_highlight_done'))).toBeVisible();
	await page.goto('/insights');
	await page.getByRole('link', { name: msg('nl', 'insights_new_link') }).click();
	await expect(page.getByRole('heading', { level: 1, name: msg('nl', 'insights_new_title') })).toBeVisible();

	// Sent empty: every problem at once, at the top, linked to its field.
	await page.getByRole('button', { name: msg('nl', 'insights_new_submit') }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: `${msg('nl', 'insights_field_title')}: ${msg('nl', 'error_insight_title')}` })).toBeVisible();

	await page.getByLabel(msg('nl', 'insights_field_title'), { exact: true }).fill(TITLE);
	await page.getByLabel(msg('nl', 'insights_field_summary'), { exact: true }).fill('Partners lopen vast op werkvergunningen waar Nederland geen verdrag heeft.');
	await page.getByRole('group', { name: msg('nl', 'insights_field_themes') }).getByRole('checkbox').first().check();
	// The excerpt the moderator kept from the thread, by its words (no author anywhere).
	const pool = page.getByRole('group', { name: msg('nl', 'insights_pool_excerpts') });
	await pool.getByRole('checkbox', { name: new RegExp(posts[0]!.words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().check();
	// With a session's highlight and a survey's result beside it: the three kinds of evidence in one insight.
	await page.getByRole('group', { name: msg('nl', 'insights_pool_notes') }).getByRole('checkbox').first().check();
	await page.getByRole('group', { name: msg('nl', 'insights_pool_surveys') }).getByRole('checkbox').first().check();
	await page.getByRole('button', { name: msg('nl', 'insights_new_submit') }).click();

	await expect(page).toHaveURL(/\/insights\/\d+\?done=created/);
	firstInsight = Number(/\/insights\/(\d+)/.exec(page.url())![1]);
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'insights_done_created'));
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(page.locator('.badges .badge')).toHaveText(msg('nl', 'insights_status_draft'));
	const evidence = page.getByRole('region', { name: msg('nl', 'insights_evidence_title') });
	await expect(evidence).toContainText(posts[0]!.words);
	await expect(evidence.locator('ol.evidence-list > li')).toHaveCount(3);

	await page.getByRole('button', { name: msg('nl', 'insights_submit_button') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'insights_done_submitted'));
	await expect(page.locator('.badges .badge')).toHaveText(msg('nl', 'insights_status_new'));
	await expect(page.getByRole('region', { name: msg('nl', 'insights_history_title') })).toContainText(msg('nl', 'insights_event_submitted'));
	await context.close();
});

test('policy staff take it under review and accept it, while the coordinator sees it change live', async ({ browser }) => {
	test.setTimeout(120_000);
	expect(firstInsight).toBeGreaterThan(0);
	const coordinator = await contextFor(browser, 'coordinator', 'nl');
	const watching = await coordinator.newPage();
	const joined = roomJoined(watching, 'insights');
	await watching.goto(`/insights/${firstInsight}`);
	await joined;

	const context = await contextFor(browser, 'policy', 'en');
	const page = await context.newPage();
	await page.goto('/insights?status=new');
	const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: TITLE }) });
	await expect(item).toContainText(msg('en', 'insights_status_new'));
	await expect(item).toContainText(msg('en', 'insights_evidence_count', { count: 3 }));
	await item.getByRole('link', { name: TITLE }).click();
	await expect(page).toHaveURL(new RegExp(`/insights/${firstInsight}$`));
	// The excerpt reads as words only: no link into the group for staff who are not in it.
	const evidence = page.getByRole('region', { name: msg('en', 'insights_evidence_title') });
	await expect(evidence).toContainText(posts[0]!.words);
	await expect(evidence.getByRole('link', { name: msg('en', 'insights_evidence_open_thread') })).toHaveCount(0);

	await page.getByLabel(msg('en', 'insights_review_under_review')).check();
	await page.getByRole('button', { name: msg('en', 'insights_review_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'insights_done_under_review'));
	await expect(watching.locator('.badges .badge')).toHaveText(msg('nl', 'insights_status_under_review'));

	await page.getByLabel(msg('en', 'insights_review_accept')).check();
	await page.getByRole('button', { name: msg('en', 'insights_review_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'insights_done_accepted'));
	await expect(page.locator('.badges .badge')).toHaveText(msg('en', 'insights_status_accepted'));
	const history = page.getByRole('region', { name: msg('en', 'insights_history_title') });
	await expect(history).toContainText(msg('en', 'insights_event_under_review'));
	await expect(history).toContainText(msg('en', 'insights_event_accepted'));
	// Live, without a reload: the coordinator's page says accepted, and offers no more edits.
	await expect(watching.locator('.badges .badge')).toHaveText(msg('nl', 'insights_status_accepted'));
	await expect(watching.getByText(msg('nl', 'insights_edit_show'))).toHaveCount(0);
	await context.close();
	await coordinator.close();
});

test('a declined insight says why, on its page and in its history', async ({ browser }) => {
	test.setTimeout(120_000);
	const coordinator = await contextFor(browser, 'coordinator', 'nl');
	declinedInsight = await draft(coordinator, `Schoolinformatie voor vertrek ${unique}`, [excerpts[0]!]);
	await coordinator.close();

	const context = await contextFor(browser, 'policy', 'nl');
	const page = await context.newPage();
	await page.goto(`/insights/${declinedInsight}`);
	// Declined without a reason: refused, beside the reason.
	await page.getByLabel(msg('nl', 'insights_review_decline')).check();
	await page.getByRole('button', { name: msg('nl', 'insights_review_submit') }).click();
	await expect(page.getByRole('alert')).toContainText(msg('nl', 'error_decline_reason'));
	const reason = 'Scholen vallen onder het onderwijsbeleid van het gastland; we verwijzen naar de bestaande gidsen.';
	await page.getByLabel(msg('nl', 'insights_review_reason'), { exact: true }).fill(reason);
	await page.getByLabel(msg('nl', 'insights_review_decline')).check();
	await page.getByRole('button', { name: msg('nl', 'insights_review_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'insights_done_declined'));
	await expect(page.getByRole('note').filter({ hasText: msg('nl', 'insights_decline_reason_title') })).toContainText(reason);
	await expect(page.getByRole('region', { name: msg('nl', 'insights_history_title') })).toContainText(msg('nl', 'insights_history_reason', { reason }));
	// Policy staff write the outcome of a declined insight (on the outcome pages).
	await expect(page.getByRole('link', { name: msg('nl', 'insights_outcome_new_link') })).toHaveAttribute('href', `/outcomes/new?insight=${declinedInsight}`);
	await context.close();
});

test('a merge moves the evidence to the insight kept', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await contextFor(browser, 'coordinator', 'en');
	mergedInto = await draft(context, `Allowance applications ${unique}`, [excerpts[1]!], false);
	mergedFrom = await draft(context, `Applying for the allowance ${unique}`, [excerpts[2]!], false);
	const page = await context.newPage();
	await page.goto(`/insights/${mergedFrom}`);
	await page.getByText(msg('en', 'insights_merge_show')).click();
	await page.getByLabel(msg('en', 'insights_merge_into')).selectOption(String(mergedInto));
	await page.getByRole('button', { name: msg('en', 'insights_merge_submit') }).click();
	await expect(page).toHaveURL(new RegExp(`/insights/${mergedInto}\\?done=merged`));
	await expect(page.getByRole('status')).toHaveText(msg('en', 'insights_done_merged'));
	const evidence = page.getByRole('region', { name: msg('en', 'insights_evidence_title') });
	await expect(evidence.getByRole('listitem')).toHaveCount(2);
	await expect(evidence).toContainText(posts[3]!.words);
	await expect(page.getByRole('region', { name: msg('en', 'insights_history_title') }).getByRole('link', { name: `Applying for the allowance ${unique}` })).toBeVisible();

	await page.goto(`/insights/${mergedFrom}`);
	await expect(page.locator('.badges .badge')).toHaveText(msg('en', 'insights_status_merged'));
	await expect(page.getByText(msg('en', 'insights_merged_into_note'))).toBeVisible();
	await expect(page.getByRole('region', { name: msg('en', 'insights_evidence_title') })).toContainText(msg('en', 'insights_evidence_none'));
	await context.close();
});

test('without JavaScript, the draft form and the review form work', async ({ browser }) => {
	test.setTimeout(120_000);
	const coordinator = await contextFor(browser, 'coordinator', 'nl', false);
	const page = await coordinator.newPage();
	await page.goto(`/insights/new?excerpt=${excerpts[0]}`);
	// The excerpt asked for in the address is ticked already.
	await expect(page.locator(`#new-excerpt-${excerpts[0]}`)).toBeChecked();
	await page.getByRole('button', { name: msg('nl', 'insights_new_submit') }).click();
	// Refused with the summary, the ticks kept.
	await expect(page.getByRole('alert')).toContainText(msg('nl', 'error_insight_title'));
	await expect(page.locator(`#new-excerpt-${excerpts[0]}`)).toBeChecked();
	const title = `Zonder script ${unique}`;
	await page.getByLabel(msg('nl', 'insights_field_title'), { exact: true }).fill(title);
	await page.getByLabel(msg('nl', 'insights_field_summary'), { exact: true }).fill('Ook zonder JavaScript te maken.');
	await page.getByRole('button', { name: msg('nl', 'insights_new_submit') }).click();
	await expect(page).toHaveURL(/\/insights\/\d+\?done=created/);
	const id = Number(/\/insights\/(\d+)/.exec(page.url())![1]);
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'insights_done_created'));
	await page.getByRole('button', { name: msg('nl', 'insights_submit_button') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'insights_done_submitted'));
	await coordinator.close();

	const policy = await contextFor(browser, 'policy', 'nl', false);
	const review = await policy.newPage();
	await review.goto(`/insights/${id}`);
	await review.getByLabel(msg('nl', 'insights_review_decline')).check();
	await review.getByLabel(msg('nl', 'insights_review_reason'), { exact: true }).fill('Dit is al geregeld.');
	await review.getByRole('button', { name: msg('nl', 'insights_review_submit') }).click();
	await expect(review).toHaveURL(new RegExp(`/insights/${id}\\?done=declined`));
	await expect(review.getByRole('status')).toHaveText(msg('nl', 'insights_done_declined'));
	await expect(review.getByRole('note').filter({ hasText: msg('nl', 'insights_decline_reason_title') })).toContainText('Dit is al geregeld.');
	await policy.close();
});

for (const lang of LANGS) {
	test(`the insight pages pass axe in ${lang === 'nl' ? 'Dutch' : 'English'} at 1280 and 390 px, and none scrolls sideways at 320 px`, async ({ browser }) => {
		test.setTimeout(300_000);
		expect(firstInsight * declinedInsight * mergedInto).toBeGreaterThan(0);
		// A draft of its own, so the edit, evidence and submit forms are on the page.
		const setup = await contextFor(browser, 'coordinator', lang);
		const draftId = await draft(setup, `Concept ${lang} ${unique}`, [excerpts[1]!], false);
		const submitted = await draft(setup, `Ingediend ${lang} ${unique}`, [excerpts[2]!]);
		await setup.close();
		fs.mkdirSync('test-results/insights', { recursive: true });
		const post = posts[0]!;
		const pages: { account: AccountName; path: string; name: string }[] = [
			{ account: 'coordinator', path: '/insights', name: 'list-coordinator' },
			{ account: 'coordinator', path: '/insights/new', name: 'new' },
			{ account: 'coordinator', path: `/insights/${draftId}`, name: 'draft' },
			{ account: 'coordinator', path: `/insights/${mergedFrom}`, name: 'merged' },
			{ account: 'coordinator', path: '/insights/themes', name: 'themes-coordinator' },
			{ account: 'policy', path: '/insights?status=accepted', name: 'list-policy' },
			{ account: 'policy', path: `/insights/${submitted}`, name: 'review' },
			{ account: 'policy', path: `/insights/${firstInsight}`, name: 'accepted' },
			{ account: 'policy', path: `/insights/${declinedInsight}`, name: 'declined' },
			{ account: 'policy', path: '/insights/themes', name: 'themes-policy' },
			{ account: 'moderator', path: `/group/t/${post.threadId}/capture/${post.postId}`, name: 'capture' }
		];
		await checkPages(browser, lang, 'insights', pages);
	});
}
