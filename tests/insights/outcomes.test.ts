/**
 * From a decision to what partners see: actions for accepted insights with
 * an owner among policy staff, flagged once when overdue; an outcome for a
 * done action or a declined insight, published once as a thread in "You
 * said, we did"; and the notification, which reaches exactly the people
 * whose input led to it (a captured post's author, the attendees of the
 * session whose notes were evidence, a survey's whole audience: answered or
 * not, so no respondent is singled out) and names the outcome, not the input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, type TestMember } from '../helpers/discussion';
import { captureExcerpt, decidedInsight, highlightedNote, surveyMark } from '../helpers/insights';
import { answer, openSurvey, standardAnswer } from '../helpers/surveys';
import { categories, notifications, policyActions, profiles, threads, userRoles, users } from '../../src/lib/server/db/schema';
import { flagOverdueActions } from '../../src/lib/server/insights/actions';
import { OUTCOME_CATEGORY } from '../../src/lib/shared/insights';

const t = useServer();
let author: TestMember, moderator: TestMember, coordinator: TestMember, policy: TestMember, colleague: TestMember;
let attendees: TestMember[], absent: TestMember, answered: TestMember, silent: TestMember, bystander: TestMember;
let post: { threadId: number; postId: number };
let insight: number;

const OUTCOME = {
	titleNl: 'Informatie over werkvergunningen per land',
	titleEn: 'Work-permit information per country',
	heardNl: 'Partners hoorden pas na aankomst wat er mocht.',
	heardEn: 'Partners learned only after arriving what was allowed.',
	didNl: 'Elke post beschrijft nu vóór vertrek de regels voor werk.',
	didEn: 'Every posting now describes the rules for work before departure.'
};

async function inIceland(m: TestMember) {
	await t.db.insert(profiles).values({ userId: m.id, postingCountry: 'IS', postingRegion: 'europe' }).onConflictDoUpdate({ target: profiles.userId, set: { postingCountry: 'IS', postingRegion: 'europe' } });
}

async function action(insights: number[], change: Record<string, unknown> = {}) {
	return t.api('/api/policy-actions', { method: 'POST', cookie: policy.cookie, body: { title: 'Werkinformatie per post', description: 'Elke post schrijft de regels voor werk op.', ownerId: policy.id, insights, ...change } });
}

beforeAll(async () => {
	const category = await newCategory(t, 'Werk');
	author = await newMember(t, { name: 'Sanne de Vries' });
	moderator = await newMember(t, { roles: ['member', 'moderator'] });
	coordinator = await newMember(t, { roles: ['coordinator'] });
	policy = await newMember(t, { roles: ['policy_staff'], name: 'Pieter Bakker' });
	colleague = await newMember(t, { roles: ['policy_staff'], name: 'Fatima El Amrani' });
	attendees = [await newMember(t, { roles: ['member', 'board_member'] }), await newMember(t, { roles: ['member', 'board_member'] })];
	absent = await newMember(t, { roles: ['member', 'board_member'] });
	answered = await newMember(t);
	silent = await newMember(t);
	bystander = await newMember(t);
	await inIceland(answered);
	await inIceland(silent);

	post = await createThread(t, author.cookie, { category: category.slug, title: 'Werk in Brazilië', body: 'Zonder werkvergunning mocht ik niets, en niemand wist het vooraf.' });
	const excerpt = await captureExcerpt(t, moderator.cookie, post.postId, 'niemand wist het vooraf');
	const note = await highlightedNote(
		attendees.map((a) => a.id),
		'Besluit: het ministerie vraagt per land na wat partners mogen.',
		[absent.id]
	);
	const survey = await openSurvey(t, coordinator.cookie, { audience: 'segment', countries: ['IS'] });
	expect((await answer(t, answered.cookie, survey, standardAnswer())).status).toBe(201);
	const mark = await surveyMark(survey);
	insight = await decidedInsight(t, coordinator.cookie, policy.cookie, { excerpts: [excerpt], notes: [note.entryId], surveyResults: [mark] });
});

describe('policy actions', () => {
	it('link accepted insights only, with an owner among policy staff; members and coordinators cannot make them', async () => {
		const draft = (await t.api('/api/insights', { method: 'POST', cookie: coordinator.cookie, body: { title: 'Nog een concept', summary: 'Concept.' } })).body.id;
		expect((await action([draft])).status).toBe(400);
		expect((await action([insight], { ownerId: coordinator.id })).status).toBe(400);
		for (const who of [coordinator, author]) {
			const res = await t.api('/api/policy-actions', { method: 'POST', cookie: who.cookie, body: { title: 'x', description: 'x', ownerId: policy.id, insights: [insight] } });
			expect(res.status).toBe(403);
		}
		const made = await action([insight]);
		expect(made.status).toBe(201);
		const detail = (await t.api(`/api/policy-actions/${made.body.id}`, { cookie: coordinator.cookie })).body;
		expect(detail).toMatchObject({ status: 'planned', owner: { id: policy.id, name: 'Pieter Bakker' }, insights: [{ id: insight, status: 'accepted' }], can: { edit: false, outcome: false } });
	});

	it('are flagged once when past their date, to the owner and every policy officer; a new date flags again', async () => {
		const made = (await action([insight], { ownerId: colleague.id })).body.id as number;
		await t.db.update(policyActions).set({ dueDate: '2026-01-15' }).where(eq(policyActions.id, made));
		await flagOverdueActions();
		await flagOverdueActions();
		const flagged = async () =>
			(await t.db.select({ userId: notifications.userId, data: notifications.data }).from(notifications).where(eq(notifications.kind, 'action_overdue'))).filter(
				(n) => (n.data as { actionId: number }).actionId === made
			);
		const once = await flagged();
		const staff = await t.db.select({ id: userRoles.userId }).from(userRoles).innerJoin(users, eq(users.id, userRoles.userId)).where(and(eq(userRoles.role, 'policy_staff'), eq(users.status, 'active')));
		expect(once.map((n) => n.userId).sort()).toEqual(staff.map((s) => s.id).sort());
		expect(once.map((n) => n.userId)).toEqual(expect.arrayContaining([policy.id, colleague.id]));
		expect((once.find((n) => n.userId === colleague.id)!.data as { owner: boolean }).owner).toBe(true);
		const listed = (await t.api('/api/policy-actions', { cookie: policy.cookie })).body.items.find((a: { id: number }) => a.id === made);
		expect(listed.overdue).toBe(true);
		const put = await t.api(`/api/policy-actions/${made}`, { method: 'PUT', cookie: policy.cookie, body: { title: 'Werkinformatie', description: 'Opnieuw gepland.', ownerId: colleague.id, insights: [insight], dueDate: '2026-02-01' } });
		expect(put.status).toBe(200);
		await flagOverdueActions();
		expect((await flagged()).length).toBe(2 * staff.length);
	});
});

describe('publishing an outcome', () => {
	let actionId: number;
	let outcomeId: number;
	let published: { threadId: number; notified: number };

	beforeAll(async () => {
		actionId = (await action([insight])).body.id;
		const early = await t.api(`/api/policy-actions/${actionId}/outcome`, { method: 'PUT', cookie: policy.cookie, body: OUTCOME });
		expect(early.status).toBe(409);
		expect((await t.api(`/api/policy-actions/${actionId}/status`, { method: 'PUT', cookie: policy.cookie, body: { status: 'dropped' } })).status).toBe(400);
		expect((await t.api(`/api/policy-actions/${actionId}/status`, { method: 'PUT', cookie: policy.cookie, body: { status: 'done' } })).status).toBe(200);
		const saved = await t.api(`/api/policy-actions/${actionId}/outcome`, { method: 'PUT', cookie: policy.cookie, body: OUTCOME });
		expect(saved.status).toBe(200);
		outcomeId = saved.body.id;
		// Unpublished, it is the staff's alone.
		expect((await t.api(`/api/outcomes/${outcomeId}`, { cookie: author.cookie })).status).toBe(404);
		// Two presses at once make one thread.
		const both = await Promise.all([0, 1].map(() => t.api(`/api/outcomes/${outcomeId}/publish`, { method: 'POST', cookie: policy.cookie })));
		expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
		published = both.find((r) => r.status === 200)!.body;
	});

	it('posts it once in the group, in "You said, we did", with both languages and the way back', async () => {
		const [thread] = await t.db.select({ title: threads.title, slug: categories.slug }).from(threads).innerJoin(categories, eq(categories.id, threads.categoryId)).where(eq(threads.id, published.threadId));
		expect(thread).toEqual({ title: `${OUTCOME.titleNl} · ${OUTCOME.titleEn}`, slug: OUTCOME_CATEGORY });
		const read = await t.api(`/api/threads/${published.threadId}/posts`, { cookie: author.cookie });
		expect(read.status).toBe(200);
		const json = JSON.stringify(read.body);
		for (const words of [OUTCOME.heardNl, OUTCOME.didEn, `/outcomes/${outcomeId}`]) expect(json).toContain(words);
		expect((await t.api(`/api/outcomes/${outcomeId}/publish`, { method: 'POST', cookie: policy.cookie })).status).toBe(409);
		expect((await t.api(`/api/policy-actions/${actionId}/outcome`, { method: 'PUT', cookie: policy.cookie, body: OUTCOME })).status).toBe(409);
		expect((await t.api(`/api/policy-actions/${actionId}/status`, { method: 'PUT', cookie: policy.cookie, body: { status: 'in_progress' } })).status).toBe(409);
	});

	it('tells exactly the contributors: the post author, the attendees, the whole survey audience; naming the outcome only', async () => {
		const rows = await t.db
			.select({ userId: notifications.userId, data: notifications.data, threadId: notifications.threadId })
			.from(notifications)
			.where(and(eq(notifications.kind, 'outcome_published')));
		const mine = rows.filter((r) => (r.data as { outcomeId: number }).outcomeId === outcomeId);
		expect(mine.map((r) => r.userId).sort()).toEqual([author, ...attendees, answered, silent].map((m) => m.id).sort());
		expect(published.notified).toBe(5);
		// Answered or not, the survey's audience is told the same thing.
		const [a, s] = [answered, silent].map((m) => mine.find((r) => r.userId === m.id)!);
		expect(a!.data).toEqual(s!.data);
		expect(a!.data).toEqual({ outcomeId, title: { nl: OUTCOME.titleNl, en: OUTCOME.titleEn } });
		for (const r of mine) expect(r.threadId).toBe(published.threadId);
		const others = await t.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.kind, 'outcome_published'), inArray(notifications.userId, [absent.id, bystander.id, moderator.id, policy.id, coordinator.id])));
		expect(others).toEqual([]);
	});

	it('leads a member back to their thread, and lets them read only as far as they may follow', async () => {
		const inbox = (await t.api('/api/notifications', { cookie: author.cookie })).body.items.find((n: { kind: string }) => n.kind === 'outcome_published');
		expect(inbox.href).toContain(`/group/t/${published.threadId}`);
		const forMember = (await t.api(`/api/outcomes/${outcomeId}`, { cookie: author.cookie })).body;
		const evidence = forMember.insights[0].evidence as { kind: string; text: string; href: string | null }[];
		expect(evidence.find((e) => e.kind === 'post_excerpt')).toMatchObject({ text: 'niemand wist het vooraf', href: `/group/t/${post.threadId}?from=${post.postId}#post-${post.postId}` });
		// Session notes are the board's: a member reads that the board spoke, not what.
		expect(evidence.find((e) => e.kind === 'session_note')).toMatchObject({ text: '', href: null });
		expect(forMember.threadId).toBe(published.threadId);
		const forBoard = (await t.api(`/api/outcomes/${outcomeId}`, { cookie: attendees[0]!.cookie })).body;
		expect(forBoard.insights[0].evidence.find((e: { kind: string }) => e.kind === 'session_note').text).toMatch(/vraagt per land na/);
		const list = (await t.api('/api/outcomes', { cookie: bystander.cookie })).body;
		expect(list.items.map((o: { id: number }) => o.id)).toContain(outcomeId);
		expect((await t.api('/api/outcomes', { cookie: (await newMember(t, { roles: ['admin'] })).cookie })).status).toBe(403);
	});

	it('counts on the dashboard, for policy staff only', async () => {
		const res = await t.api('/api/insights/dashboard', { cookie: policy.cookie });
		expect(res.status).toBe(200);
		expect(res.body.funnel.outcomes).toBeGreaterThanOrEqual(1);
		expect(res.body.funnel.accepted).toBeGreaterThanOrEqual(1);
		expect(res.body.actionsByStatus.find((s: { status: string }) => s.status === 'done').count).toBeGreaterThanOrEqual(1);
		expect((await t.api('/api/insights/dashboard', { cookie: coordinator.cookie })).status).toBe(403);
	});
});

describe('a declined insight', () => {
	it('gets an outcome saying why not; an accepted one gets its outcome through its actions', async () => {
		const excerpt = await captureExcerpt(t, moderator.cookie, post.postId, 'Zonder werkvergunning mocht ik niets');
		const declined = await decidedInsight(t, coordinator.cookie, policy.cookie, { excerpts: [excerpt] }, 'declined');
		expect((await t.api(`/api/insights/${insight}/outcome`, { method: 'PUT', cookie: policy.cookie, body: OUTCOME })).status).toBe(409);
		const saved = await t.api(`/api/insights/${declined}/outcome`, { method: 'PUT', cookie: policy.cookie, body: { ...OUTCOME, titleNl: 'Waarom niet' } });
		expect(saved.status).toBe(200);
		const out = await t.api(`/api/outcomes/${saved.body.id}/publish`, { method: 'POST', cookie: policy.cookie });
		expect(out.status).toBe(200);
		const view = (await t.api(`/api/outcomes/${saved.body.id}`, { cookie: author.cookie })).body;
		expect(view.insights).toMatchObject([{ id: declined, status: 'declined', declineReason: 'Dit valt buiten wat het ministerie kan regelen.' }]);
	});
});
