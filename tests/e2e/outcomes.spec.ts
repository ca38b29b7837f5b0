import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPages, contextFor, LANGS, msg, roomJoined, type AccountName } from './helpers';

/**
 * Policy actions and "you said, we did" in the browser (issue 15): an
 * insight is made through the API from a post the demo member wrote (a
 * moderator keeps its words, a coordinator drafts and submits, policy staff
 * accept); then policy staff create an action for it, finish it, write the
 * outcome in both languages and publish it. The member who wrote the post
 * finds the notification, which leads to the group thread, which links to
 * the outcome, which links back to their own thread. The dashboard follows a
 * colleague's change live; the outcome editor and publishing work without
 * JavaScript. Then every page of these through axe-core in Dutch and English
 * at 1280 and 390 px, none scrolling sideways at 320 px.
 *
 * The spec makes its own insight, actions and outcomes (the demo's are not relied on).
 */

test.describe.configure({ mode: 'serial' });
// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const ACTION = `Werkvergunning bij de plaatsing ${unique}`;
const OUTCOME_NL = `Hulp bij je werkvergunning ${unique}`;
const OUTCOME_EN = `Help with your work permit ${unique}`;

/** What the run made, for the tests after the first. */
const made = { insightId: 0, threadId: 0, postId: 0, actionId: 0, outcomeId: 0, lateActionId: 0, doneActionId: 0, draftActionId: 0, draftOutcomeId: 0 };

async function ok<T>(response: Promise<import('@playwright/test').APIResponse>, what: string, status = 200): Promise<T> {
	const r = await response;
	expect(r.status(), `${what}: ${await r.text()}`).toBe(status);
	return (await r.json()) as T;
}

/** A visible post the member wrote in the demo group, and its first words (from its source, which the excerpt must match). */
async function memberPost(member: APIRequestContext): Promise<{ threadId: number; postId: number; words: string }> {
	const me = await ok<{ id: string }>(member.get('/api/me'), 'me');
	const threads = await ok<{ items: { id: number }[] }>(member.get('/api/threads'), 'threads');
	for (const t of threads.items) {
		const page = await ok<{ items: { id: number; status: string; source: string | null; author: { id: string } | null }[] }>(member.get(`/api/threads/${t.id}/posts`), 'posts');
		const post = page.items.find((p) => p.author?.id === me.id && p.status === 'visible' && (p.source ?? '').split(/\s+/).length >= 8);
		if (post) return { threadId: t.id, postId: post.id, words: post.source!.split(/\s+/).slice(0, 7).join(' ') };
	}
	throw new Error('no demo post by the member');
}

/** A policy action through the API (the browser makes the first one). */
async function apiAction(policy: APIRequestContext, title: string, dueDate: string | undefined, status?: 'in_progress' | 'done'): Promise<number> {
	const owners = await ok<{ id: string }[]>(policy.get('/api/policy-actions/owners'), 'owners');
	const { id } = await ok<{ id: number }>(
		policy.post('/api/policy-actions', { data: { title, description: 'Een actie van de test.', ownerId: owners[0]!.id, dueDate, insights: [made.insightId] } }),
		'action',
		201
	);
	if (status) await ok(policy.put(`/api/policy-actions/${id}/status`, { data: { status } }), 'status');
	return id;
}

test('policy staff act on an insight from a member\'s post and publish the outcome; the member follows it back to their own thread', async ({ browser }) => {
	test.setTimeout(180_000);
	// Set up through the API: evidence from the member's post, an insight drafted, submitted and accepted.
	const member = await contextFor(browser, 'member', 'nl');
	const moderator = await contextFor(browser, 'moderator', 'nl');
	const coordinator = await contextFor(browser, 'coordinator', 'nl');
	const policy = await contextFor(browser, 'policy', 'en');
	const post = await memberPost(member.request);
	made.threadId = post.threadId;
	made.postId = post.postId;
	const excerpt = await ok<{ id: number }>(moderator.request.post('/api/insights/excerpts', { data: { postId: post.postId, excerpt: post.words } }), 'excerpt', 201);
	const insight = await ok<{ id: number }>(
		coordinator.request.post('/api/insights', { data: { title: `Werk op de post ${unique}`, summary: 'Partners weten niet of ze mogen werken.', excerpts: [excerpt.id] } }),
		'insight',
		201
	);
	made.insightId = insight.id;
	await ok(coordinator.request.post(`/api/insights/${insight.id}/submit`), 'submit');
	await ok(policy.request.post(`/api/insights/${insight.id}/review`, { data: { status: 'accepted' } }), 'accept');
	await moderator.close();
	await coordinator.close();

	// Policy staff create an action for it, from the insight's address (the insight ticked already).
	const page = await policy.newPage();
	await page.goto(`/insights/actions?insight=${insight.id}`);
	await expect(page.getByRole('heading', { level: 1, name: msg('en', 'policy_actions_title') })).toBeVisible();
	const form = page.locator('form[action="?/create"]');
	await expect(form.getByRole('checkbox', { name: `Werk op de post ${unique}` })).toBeChecked();
	// Sent without a title or description: every problem at the top, linked to its field.
	await form.getByRole('button', { name: msg('en', 'policy_action_new_submit') }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: `${msg('en', 'policy_action_form_title')}: ${msg('en', 'error_action_title')}` })).toBeVisible();
	await form.getByLabel(msg('en', 'policy_action_form_title')).fill(ACTION);
	await form.getByLabel(msg('en', 'policy_action_form_description')).fill('Bij elke plaatsing zoekt het ministerie uit of de partner mag werken.');
	await form.getByLabel(msg('en', 'policy_action_form_due')).fill('2027-03-31');
	await form.getByRole('button', { name: msg('en', 'policy_action_new_submit') }).click();
	await expect(page).toHaveURL(/\/insights\/actions\/\d+\?done=created/);
	await expect(page.getByRole('status')).toHaveText(msg('en', 'policy_action_done_created'));
	made.actionId = Number(/\/insights\/actions\/(\d+)/.exec(page.url())![1]);
	await expect(page.getByRole('heading', { level: 1, name: ACTION })).toBeVisible();
	await expect(page.getByText('31 March 2027')).toBeVisible();
	await expect(page.getByRole('link', { name: `Werk op de post ${unique}` })).toHaveAttribute('href', `/insights/${insight.id}`);

	// Done, then the outcome in both languages.
	await page.getByRole('radio', { name: msg('en', 'insights_action_done') }).check();
	await page.getByRole('button', { name: msg('en', 'policy_action_status_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'policy_action_done_status'));
	await page.getByRole('link', { name: msg('en', 'policy_action_outcome_write') }).click();
	await expect(page).toHaveURL(new RegExp(`/outcomes/new\\?action=${made.actionId}$`));
	await page.getByLabel(msg('en', 'policy_outcome_form_title_nl')).fill(OUTCOME_NL);
	await page.getByLabel(msg('en', 'policy_outcome_form_title_en')).fill(OUTCOME_EN);
	await page.getByLabel(msg('en', 'policy_outcome_form_heard_nl')).fill('Jullie wisten vaak pas laat of je op je post mocht werken.');
	await page.getByLabel(msg('en', 'policy_outcome_form_heard_en')).fill('You often found out late whether you could work at your posting.');
	await page.getByLabel(msg('en', 'policy_outcome_form_did_nl')).fill('Bij elke plaatsing zoeken we dat nu vooraf voor je uit.');
	await page.getByLabel(msg('en', 'policy_outcome_form_did_en')).fill('For every posting we now find this out for you beforehand.');
	await page.getByRole('button', { name: msg('en', 'policy_outcome_save') }).click();
	await expect(page).toHaveURL(/\/outcomes\/\d+\?done=saved/);
	made.outcomeId = Number(/\/outcomes\/(\d+)/.exec(page.url())![1]);
	await expect(page.getByRole('status')).toHaveText(msg('en', 'policy_outcome_done_saved'));
	await expect(page.getByRole('heading', { level: 1, name: OUTCOME_EN })).toBeVisible();
	await expect(page.getByText(msg('en', 'policy_outcome_not_published'))).toBeVisible();
	// What publishing does is said before the button; the post the group will get can be read first.
	await expect(page.getByText(msg('en', 'policy_outcome_publish_told'))).toBeVisible();
	await page.getByText(msg('en', 'policy_outcome_preview')).click();
	await expect(page.locator('details.preview')).toContainText('For every posting we now find this out for you beforehand.');
	await page.getByRole('button', { name: msg('en', 'policy_outcome_publish_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'policy_outcome_done_published', { count: 1 }));
	await expect(page.getByRole('button', { name: msg('en', 'policy_outcome_publish_submit') })).toHaveCount(0);
	// Policy staff do not read the group: the thread is named, not linked.
	await expect(page.getByText(msg('en', 'policy_outcome_thread_members_only'))).toBeVisible();
	// The action now links to its outcome and stays as it is.
	await page.goto(`/insights/actions/${made.actionId}`);
	await expect(page.getByRole('link', { name: msg('en', 'policy_action_outcome_read') })).toHaveAttribute('href', `/outcomes/${made.outcomeId}`);
	await expect(page.getByRole('button', { name: msg('en', 'policy_action_status_submit') })).toHaveCount(0);
	await policy.close();

	// The member: the notification names the outcome and leads to the group thread, which links to the outcome.
	const reader = await member.newPage();
	await reader.goto('/notifications');
	await reader.getByRole('link', { name: msg('nl', 'notification_outcome_published', { title: OUTCOME_NL }) }).click();
	await expect(reader).toHaveURL(/\/group\/t\/\d+/);
	await expect(reader.getByRole('heading', { level: 1 })).toContainText(OUTCOME_NL);
	await reader.getByRole('link', { name: msg('nl', 'outcome_post_link') }).first().click();
	await expect(reader).toHaveURL(new RegExp(`/outcomes/${made.outcomeId}$`));
	await expect(reader.getByRole('heading', { level: 1, name: OUTCOME_NL })).toBeVisible();
	await expect(reader.getByText('Bij elke plaatsing zoeken we dat nu vooraf voor je uit.')).toBeVisible();
	// The action is named, not linked (its page is the staff's); the insight's evidence is the member's own words.
	await expect(reader.getByRole('link', { name: ACTION })).toHaveCount(0);
	await expect(reader.getByText(ACTION)).toBeVisible();
	await expect(reader.getByText(post.words, { exact: false }).first()).toBeVisible();
	// The other language, folded.
	await reader.getByText(msg('nl', 'policy_outcome_read_in_en')).click();
	await expect(reader.getByText('For every posting we now find this out for you beforehand.')).toBeVisible();
	// And back to their own thread.
	await reader.getByRole('link', { name: msg('nl', 'insights_evidence_open_thread') }).first().click();
	await expect(reader).toHaveURL(new RegExp(`/group/t/${made.threadId}\\?from=${made.postId}`));
	// The list of outcomes has it, with the thread to reply in.
	await reader.goto('/outcomes');
	const item = reader.getByRole('listitem').filter({ has: reader.getByRole('heading', { name: OUTCOME_NL }) });
	await expect(item).toContainText('Bij elke plaatsing zoeken we dat nu vooraf voor je uit.');
	await expect(item.getByRole('link', { name: new RegExp(`^${msg('nl', 'policy_outcomes_discuss')}`) })).toHaveAttribute('href', /\/group\/t\/\d+$/);
	await member.close();
});

test('the dashboard follows a colleague changing an action, live; an overdue action is flagged in words', async ({ browser }) => {
	test.setTimeout(120_000);
	expect(made.insightId).toBeGreaterThan(0);
	const watcher = await contextFor(browser, 'policy', 'nl');
	made.lateActionId = await apiAction(watcher.request, `Te laat ${unique}`, '2024-01-15');

	const dashboard = await watcher.newPage();
	const joined = roomJoined(dashboard, 'insights');
	await dashboard.goto('/insights/dashboard');
	await joined;
	const byStatus = dashboard.getByRole('table', { name: msg('nl', 'policy_actions_by_status') });
	const count = (label: string) => byStatus.getByRole('row', { name: new RegExp(`^${label}\\b`) }).getByRole('cell');
	const inProgress = Number(await count(msg('nl', 'insights_action_in_progress')).textContent());
	const planned = Number(await count(msg('nl', 'insights_action_planned')).textContent());
	// Overdue actions, linked.
	const overdue = dashboard.getByRole('region', { name: msg('nl', 'policy_overdue_title') });
	await expect(overdue.getByRole('link', { name: `Te laat ${unique}` })).toHaveAttribute('href', `/insights/actions/${made.lateActionId}`);
	await expect(overdue).toContainText(msg('nl', 'policy_overdue_since', { date: '15 januari 2024' }));

	// A colleague, in another browser, starts on it.
	const colleague = await contextFor(browser, 'policy', 'en');
	const page = await colleague.newPage();
	await page.goto('/insights/actions');
	const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Te laat ${unique}` }) });
	await expect(row).toContainText(msg('en', 'policy_action_overdue'));
	await expect(row).toContainText('15 January 2024');
	await row.getByRole('link', { name: `Te laat ${unique}` }).click();
	await page.getByRole('radio', { name: msg('en', 'insights_action_in_progress') }).check();
	await page.getByRole('button', { name: msg('en', 'policy_action_status_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'policy_action_done_status'));

	// The dashboard moved without a reload, and says so politely.
	await expect(count(msg('nl', 'insights_action_in_progress'))).toHaveText(String(inProgress + 1));
	await expect(count(msg('nl', 'insights_action_planned'))).toHaveText(String(planned - 1));
	await expect(dashboard.locator('p.live[aria-live="polite"]')).toContainText(msg('nl', 'policy_dashboard_updated', { time: '' }).replace(/\s*\.$/, '').trim());
	await colleague.close();
	await watcher.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the outcome editor refuses an empty outcome, saves a whole one, and publishing works', async ({ browser }) => {
		expect(made.insightId).toBeGreaterThan(0);
		const context = await contextFor(browser, 'policy', 'nl', false);
		made.doneActionId = await apiAction(context.request, `Zonder script ${unique}`, undefined, 'done');
		const page = await context.newPage();
		await page.goto(`/insights/actions/${made.doneActionId}`);
		await page.getByRole('link', { name: msg('nl', 'policy_action_outcome_write') }).click();
		await page.getByRole('button', { name: msg('nl', 'policy_outcome_save') }).click();
		// Refused: every field named at the top.
		const summary = page.getByRole('alert');
		await expect(summary.getByRole('link', { name: `${msg('nl', 'policy_outcome_form_title_nl')}: ${msg('nl', 'error_outcome_title')}` })).toBeVisible();
		await expect(summary.getByRole('link', { name: `${msg('nl', 'policy_outcome_form_did_en')}: ${msg('nl', 'error_outcome_text')}` })).toBeVisible();
		await page.getByLabel(msg('nl', 'policy_outcome_form_title_nl')).fill(`Zonder script ${unique}`);
		await page.getByLabel(msg('nl', 'policy_outcome_form_title_en')).fill(`Without script ${unique}`);
		await page.getByLabel(msg('nl', 'policy_outcome_form_heard_nl')).fill('Wat we hoorden.');
		await page.getByLabel(msg('nl', 'policy_outcome_form_heard_en')).fill('What we heard.');
		await page.getByLabel(msg('nl', 'policy_outcome_form_did_nl')).fill('Wat we deden.');
		await page.getByLabel(msg('nl', 'policy_outcome_form_did_en')).fill('What we did.');
		await page.getByRole('button', { name: msg('nl', 'policy_outcome_save') }).click();
		await expect(page).toHaveURL(/\/outcomes\/\d+\?done=saved/);
		await expect(page.getByRole('status')).toHaveText(msg('nl', 'policy_outcome_done_saved'));
		// Written again before publishing: the editor opens on what was saved.
		await page.getByRole('link', { name: msg('nl', 'policy_outcome_edit') }).click();
		await expect(page.getByLabel(msg('nl', 'policy_outcome_form_did_en'))).toHaveValue('What we did.');
		await page.getByLabel(msg('nl', 'policy_outcome_form_did_en')).fill('What we did, in the end.');
		await page.getByRole('button', { name: msg('nl', 'policy_outcome_save') }).click();
		await expect(page.getByRole('status')).toHaveText(msg('nl', 'policy_outcome_done_saved'));
		await page.getByRole('button', { name: msg('nl', 'policy_outcome_publish_submit') }).click();
		await expect(page.getByRole('status')).toHaveText(msg('nl', 'policy_outcome_done_published', { count: 1 }));
		await expect(page.getByRole('button', { name: msg('nl', 'policy_outcome_publish_submit') })).toHaveCount(0);
		await context.close();
	});
});

for (const lang of LANGS) {
	test(`the action, outcome and dashboard pages pass axe in ${lang === 'nl' ? 'Dutch' : 'English'} at 1280 and 390 px, and none scrolls sideways at 320 px`, async ({ browser }) => {
		test.setTimeout(300_000);
		expect(made.outcomeId).toBeGreaterThan(0);
		if (!made.draftOutcomeId) {
			// A done action with an outcome saved and not published: the editor and the publish form.
			const policy = await contextFor(browser, 'policy', 'nl');
			made.draftActionId = await apiAction(policy.request, `Nog te publiceren ${unique}`, '2027-06-30', 'done');
			const words = { titleNl: `Concept ${unique}`, titleEn: `Draft ${unique}`, heardNl: 'Gehoord.', heardEn: 'Heard.', didNl: 'Gedaan.', didEn: 'Done.' };
			made.draftOutcomeId = (await ok<{ id: number }>(policy.request.put(`/api/policy-actions/${made.draftActionId}/outcome`, { data: words }), 'draft outcome')).id;
			await policy.close();
		}
		fs.mkdirSync('test-results/outcomes', { recursive: true });
		const pages: { account: AccountName; path: string; name: string }[] = [
			{ account: 'policy', path: '/insights/actions?new=1', name: 'actions' },
			{ account: 'policy', path: `/insights/actions/${made.lateActionId}`, name: 'action-open' },
			{ account: 'policy', path: `/insights/actions/${made.actionId}`, name: 'action-published' },
			{ account: 'policy', path: `/outcomes/new?action=${made.draftActionId}`, name: 'editor' },
			{ account: 'policy', path: `/outcomes/${made.draftOutcomeId}`, name: 'outcome-draft' },
			{ account: 'policy', path: `/outcomes/${made.outcomeId}`, name: 'outcome-staff' },
			{ account: 'policy', path: '/insights/dashboard', name: 'dashboard' },
			{ account: 'coordinator', path: '/insights/actions', name: 'actions-coordinator' },
			{ account: 'member', path: '/outcomes', name: 'outcomes-member' },
			{ account: 'member', path: `/outcomes/${made.outcomeId}`, name: 'outcome-member' }
		];
		await checkPages(browser, lang, 'outcomes', pages);
	});
}
