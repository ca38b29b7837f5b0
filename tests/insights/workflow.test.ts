/**
 * From evidence to a decision: a post's excerpt is its own words and never
 * its author; drafts are the coordinators' until submitted; policy staff
 * review with a reason the community reads; every step is in the history;
 * merging moves the evidence; a post removed by moderation or its author is
 * withdrawn from the evidence wherever it was used.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, notificationsOf, type TestMember } from '../helpers/discussion';
import { captureExcerpt, decidedInsight, draftInsight, highlightedNote } from '../helpers/insights';

const t = useServer();
let author: TestMember;
let moderator: TestMember;
let coordinator: TestMember;
let policy: TestMember;
let post: { threadId: number; postId: number };
const BODY = 'In Brazilië mocht ik zonder werkvergunning niet eens vrijwilligerswerk doen. Niemand kon me vooraf vertellen hoe het zat.';

beforeAll(async () => {
	const category = await newCategory(t, 'Werk');
	author = await newMember(t, { name: 'Sanne de Vries' });
	moderator = await newMember(t, { roles: ['member', 'moderator'], name: 'Moderator Mo' });
	coordinator = await newMember(t, { roles: ['coordinator', 'member'], name: 'Marieke Coördinator' });
	policy = await newMember(t, { roles: ['policy_staff'], name: 'Pieter Beleid' });
	post = await createThread(t, author.cookie, { category: category.slug, title: 'Werken zonder verdrag', body: BODY });
});

describe('capturing a post', () => {
	it("keeps the post's own words (markdown and line breaks aside) and refuses words the post does not contain", async () => {
		const ok = await t.api('/api/insights/excerpts', { method: 'POST', cookie: moderator.cookie, body: { postId: post.postId, excerpt: 'zonder werkvergunning\nniet eens vrijwilligerswerk doen' } });
		expect(ok.status).toBe(201);
		const made = await t.api('/api/insights/excerpts', { method: 'POST', cookie: moderator.cookie, body: { postId: post.postId, excerpt: 'Het ministerie doet niets' } });
		expect(made.status).toBe(400);
		expect(made.body.fields.excerpt).toMatch(/own words/);
	});

	it('is for moderators and coordinators who read the group; policy staff and members are refused', async () => {
		for (const who of [policy, author]) {
			const res = await t.api('/api/insights/excerpts', { method: 'POST', cookie: who.cookie, body: { postId: post.postId, excerpt: 'niet eens vrijwilligerswerk' } });
			expect(res.status).toBe(403);
		}
		const coordinatorOnly = await newMember(t, { roles: ['coordinator'] });
		const res = await t.api('/api/insights/excerpts', { method: 'POST', cookie: coordinatorOnly.cookie, body: { postId: post.postId, excerpt: 'niet eens vrijwilligerswerk' } });
		expect(res.status).toBe(403);
	});

	it('never shows the author to policy staff: not in the insight, its evidence or the list', async () => {
		const excerpt = await captureExcerpt(t, coordinator.cookie, post.postId, 'Niemand kon me vooraf vertellen hoe het zat.');
		const id = await decidedInsight(t, coordinator.cookie, policy.cookie, { excerpts: [excerpt] });
		const detail = await t.api(`/api/insights/${id}`, { cookie: policy.cookie });
		expect(detail.status).toBe(200);
		expect(detail.body.evidence).toMatchObject([{ kind: 'post_excerpt', withdrawn: false, text: 'Niemand kon me vooraf vertellen hoe het zat.', href: null }]);
		const list = await t.api('/api/insights', { cookie: policy.cookie });
		for (const body of [detail.body, list.body, (await t.api('/api/insights/evidence', { cookie: coordinator.cookie })).body]) {
			const json = JSON.stringify(body);
			expect(json).not.toContain(author.id);
			expect(json).not.toContain('Sanne');
			expect(json).not.toContain(author.handle);
		}
		// A coordinator who reads the group may follow the link; policy staff, who do not, get none.
		const forCoordinator = await t.api(`/api/insights/${id}`, { cookie: coordinator.cookie });
		expect(forCoordinator.body.evidence[0].href).toBe(`/group/t/${post.threadId}?from=${post.postId}#post-${post.postId}`);
	});
});

describe('drafting and reviewing', () => {
	let excerpt: number;
	beforeAll(async () => {
		excerpt = await captureExcerpt(t, moderator.cookie, post.postId, 'niet eens vrijwilligerswerk doen');
	});

	it('keeps drafts from policy staff, and a draft needs evidence to be submitted', async () => {
		const id = await draftInsight(t, coordinator.cookie, {});
		expect((await t.api(`/api/insights/${id}`, { cookie: policy.cookie })).status).toBe(404);
		expect((await t.api(`/api/insights?status=draft`, { cookie: policy.cookie })).body.items).toEqual([]);
		const refused = await t.api(`/api/insights/${id}/submit`, { method: 'POST', cookie: coordinator.cookie });
		expect(refused.status).toBe(409);
		expect(refused.body.message).toMatch(/at least one piece of evidence/);
		expect((await t.api(`/api/insights/${id}/evidence`, { method: 'POST', cookie: coordinator.cookie, body: { kind: 'post_excerpt', sourceId: excerpt } })).status).toBe(201);
		expect((await t.api(`/api/insights/${id}/submit`, { method: 'POST', cookie: coordinator.cookie })).body).toEqual({ status: 'new' });
		expect((await t.api(`/api/insights/${id}`, { cookie: policy.cookie })).body.status).toBe('new');
	});

	it('tells the second of two editors that someone saved in between', async () => {
		const id = await draftInsight(t, coordinator.cookie, { excerpts: [excerpt] });
		const body = { title: 'Werkvergunningen', summary: 'Eerste versie.', version: 1 };
		expect((await t.api(`/api/insights/${id}`, { method: 'PUT', cookie: coordinator.cookie, body })).body).toEqual({ version: 2 });
		const second = await t.api(`/api/insights/${id}`, { method: 'PUT', cookie: coordinator.cookie, body: { ...body, summary: 'Tweede versie.' } });
		expect(second.status).toBe(409);
		expect(second.body.message).toMatch(/Someone else saved/);
	});

	it('moves new → under review → declined with a reason, records who did what and why, and tells the coordinator', async () => {
		const id = await draftInsight(t, coordinator.cookie, { excerpts: [excerpt] });
		await t.api(`/api/insights/${id}/submit`, { method: 'POST', cookie: coordinator.cookie });
		const noReason = await t.api(`/api/insights/${id}/review`, { method: 'POST', cookie: policy.cookie, body: { status: 'declined' } });
		expect(noReason.status).toBe(400);
		expect(Object.keys(noReason.body.fields)).toEqual(['reason']);
		expect((await t.api(`/api/insights/${id}/review`, { method: 'POST', cookie: coordinator.cookie, body: { status: 'accepted' } })).status).toBe(403);
		expect((await t.api(`/api/insights/${id}/review`, { method: 'POST', cookie: policy.cookie, body: { status: 'under_review' } })).status).toBe(200);
		const declined = await t.api(`/api/insights/${id}/review`, { method: 'POST', cookie: policy.cookie, body: { status: 'declined', reason: 'Werkvergunningen regelt het gastland.' } });
		expect(declined.status).toBe(200);
		const again = await t.api(`/api/insights/${id}/review`, { method: 'POST', cookie: policy.cookie, body: { status: 'accepted' } });
		expect(again.status).toBe(409);
		const detail = (await t.api(`/api/insights/${id}`, { cookie: coordinator.cookie })).body;
		expect(detail).toMatchObject({ status: 'declined', declineReason: 'Werkvergunningen regelt het gastland.' });
		expect(detail.history.map((h: { kind: string; by: string }) => [h.kind, h.by])).toEqual([
			['created', 'Marieke Coördinator'],
			['evidence_added', 'Marieke Coördinator'],
			['submitted', 'Marieke Coördinator'],
			['under_review', 'Pieter Beleid'],
			['declined', 'Pieter Beleid']
		]);
		expect(detail.history.at(-1).reason).toBe('Werkvergunningen regelt het gastland.');
		const told = (await notificationsOf(t, coordinator.cookie)).filter((n) => n.kind === 'insight_decided');
		expect(told.length).toBeGreaterThan(0);
	});

	it('merges a duplicate: its evidence moves (once, where both had it), it says where it went', async () => {
		const note = await highlightedNote([author.id]);
		const keep = await draftInsight(t, coordinator.cookie, { title: 'Kept', excerpts: [excerpt] });
		const dupe = await draftInsight(t, coordinator.cookie, { title: 'Duplicate', excerpts: [excerpt], notes: [note.entryId] });
		const merged = await t.api(`/api/insights/${dupe}/merge`, { method: 'POST', cookie: coordinator.cookie, body: { into: keep } });
		expect(merged.status).toBe(200);
		const kept = (await t.api(`/api/insights/${keep}`, { cookie: coordinator.cookie })).body;
		expect(kept.evidence.map((e: { kind: string }) => e.kind).sort()).toEqual(['post_excerpt', 'session_note']);
		const gone = (await t.api(`/api/insights/${dupe}`, { cookie: coordinator.cookie })).body;
		expect(gone).toMatchObject({ status: 'merged', mergedInto: { id: keep, title: 'Kept' }, evidence: [] });
		expect((await t.api(`/api/insights/${dupe}/merge`, { method: 'POST', cookie: coordinator.cookie, body: { into: keep } })).status).toBe(409);
		expect((await t.api(`/api/insights/${keep}/merge`, { method: 'POST', cookie: coordinator.cookie, body: { into: keep } })).status).toBe(400);
	});

	it('merges two insights into each other at once without a deadlock: one wins, the other is told', async () => {
		for (let round = 0; round < 5; round++) {
			const a = await draftInsight(t, coordinator.cookie, { title: `A${round}`, excerpts: [excerpt] });
			const b = await draftInsight(t, coordinator.cookie, { title: `B${round}`, excerpts: [excerpt] });
			const both = await Promise.all([
				t.api(`/api/insights/${a}/merge`, { method: 'POST', cookie: coordinator.cookie, body: { into: b } }),
				t.api(`/api/insights/${b}/merge`, { method: 'POST', cookie: coordinator.cookie, body: { into: a } })
			]);
			expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
		}
	});

	it('is closed to members, board members, moderators and admins', async () => {
		const id = await draftInsight(t, coordinator.cookie, { excerpts: [excerpt] });
		for (const roles of [['member'], ['member', 'board_member'], ['member', 'moderator'], ['admin']] as const) {
			const who = await newMember(t, { roles: [...roles] });
			expect((await t.api('/api/insights', { cookie: who.cookie })).status).toBe(403);
			expect((await t.api(`/api/insights/${id}`, { cookie: who.cookie })).status).toBe(403);
			expect((await t.api(`/api/insights/${id}/merge`, { method: 'POST', cookie: who.cookie, body: { into: 1 } })).status).toBe(403);
		}
	});
});

describe('withdrawn evidence', () => {
	it('hides the excerpt of a post removed by a moderator or deleted by its author, and says evidence was withdrawn', async () => {
		const category = await newCategory(t, 'Welzijn');
		const removed = await createThread(t, author.cookie, { category: category.slug, title: 'Heimwee', body: 'Het eerste jaar in Lagos was eenzaam, vooral zonder werk.' });
		const deleted = await createThread(t, author.cookie, { category: category.slug, title: 'School', body: 'De schoolinformatie kwam pas na de verhuizing binnen.' });
		const a = await captureExcerpt(t, moderator.cookie, removed.postId, 'Het eerste jaar in Lagos was eenzaam');
		const b = await captureExcerpt(t, moderator.cookie, deleted.postId, 'De schoolinformatie kwam pas na de verhuizing binnen.');
		const id = await decidedInsight(t, coordinator.cookie, policy.cookie, { excerpts: [a, b] });

		const mod = await t.api(`/api/moderation/posts/${removed.postId}`, { method: 'POST', cookie: moderator.cookie, body: { action: 'remove', reason: 'Bevat gegevens van een ander.' } });
		expect(mod.status, JSON.stringify(mod.body)).toBeLessThan(300);
		const del = await t.api(`/api/posts/${deleted.postId}`, { method: 'DELETE', cookie: author.cookie });
		expect(del.status, JSON.stringify(del.body)).toBeLessThan(300);

		for (const cookie of [policy.cookie, coordinator.cookie]) {
			const detail = (await t.api(`/api/insights/${id}`, { cookie })).body;
			expect(detail.evidence).toEqual([expect.objectContaining({ withdrawn: true, text: '', href: null }), expect.objectContaining({ withdrawn: true, text: '', href: null })]);
			expect(JSON.stringify(detail)).not.toContain('Lagos');
		}
		const listed = (await t.api('/api/insights?status=accepted', { cookie: policy.cookie })).body.items.find((i: { id: number }) => i.id === id);
		expect(listed).toMatchObject({ evidence: 2, withdrawn: 2 });
		// And it is no longer offered to draft from.
		const pool = (await t.api('/api/insights/evidence', { cookie: coordinator.cookie })).body;
		expect(pool.excerpts.map((e: { id: number }) => e.id)).not.toContain(a);
	});
});
