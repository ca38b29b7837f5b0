import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, replyTo, setThread, type TestMember } from '../helpers/discussion';
import { categories, posts, threads } from '../../src/lib/server/db/schema';
import { changesSince } from '../../src/lib/server/discussion/posts';

const t = useServer();
let a: TestMember;
let b: TestMember;
let mod: TestMember;
beforeAll(async () => {
	a = await newMember(t, { name: 'Anna Asker' });
	b = await newMember(t, { name: 'Bram Beantwoorder' });
	mod = await newMember(t, { name: 'Mona Moderator', roles: ['member', 'moderator'] });
});

const list = async (cookie: string, query: string) => {
	const res = await t.api(`/api/threads?${query}`, { cookie });
	expect(res.status, JSON.stringify(res.body)).toBe(200);
	return res.body as { items: { id: number; title: string; pinned: boolean; unreadCount: number; unseen: boolean; firstUnreadPostId: number | null }[]; nextCursor: string | null };
};

describe('threads', () => {
	it('creates a thread with its opening post, whose title is the thread title', async () => {
		const cat = await newCategory(t);
		const res = await t.api('/api/threads', {
			method: 'POST',
			cookie: a.cookie,
			body: { category: cat.slug, kind: 'question', title: '  Werkvergunning voor partners in Peru?  ', body: 'Wie weet dit?', country: 'pe' }
		});
		expect(res.status).toBe(201);
		const thread = await t.api(`/api/threads/${res.body.threadId}`, { cookie: b.cookie });
		expect(thread.body).toMatchObject({ title: 'Werkvergunning voor partners in Peru?', kind: 'question', country: 'PE', replyCount: 0, answered: false });
		const [opening] = await t.db.select().from(posts).where(eq(posts.id, res.body.postId));
		expect(opening!.title).toBe('Werkvergunning voor partners in Peru?');
		// The starter has read it and watches it.
		const own = await t.api(`/api/threads/${res.body.threadId}`, { cookie: a.cookie });
		expect(own.body).toMatchObject({ watching: true, unreadCount: 0, firstUnreadPostId: null });
	});

	it('refuses bad input with a field and a readable message', async () => {
		const cat = await newCategory(t);
		const cases: [Record<string, unknown>, string][] = [
			[{ category: cat.slug, title: 'x', body: 'y' }, 'title'],
			[{ category: cat.slug, title: 'A good title', body: '   ' }, 'body'],
			[{ category: cat.slug, title: 'A good title', body: 'y', country: 'XX' }, 'country'],
			[{ category: cat.slug, title: 'A good title', body: 'y', kind: 'poll' }, 'kind']
		];
		for (const [body, field] of cases) {
			const res = await t.api('/api/threads', { method: 'POST', cookie: a.cookie, body, headers: { 'accept-language': 'en' } });
			expect(res.status, field).toBe(400);
			expect(res.body.field).toBe(field);
			expect(res.body.message).not.toMatch(/^error_/);
		}
		const missing = await t.api('/api/threads', { method: 'POST', cookie: a.cookie, body: { category: 'no-such-category', title: 'A good title', body: 'y' } });
		expect(missing.status).toBe(404);
	});

	it('lists pinned threads first, then by latest activity', async () => {
		const cat = await newCategory(t);
		const first = await createThread(t, a.cookie, { category: cat.slug, title: 'Oldest thread' });
		const second = await createThread(t, a.cookie, { category: cat.slug, title: 'Pinned thread' });
		const third = await createThread(t, a.cookie, { category: cat.slug, title: 'Newest thread' });
		await setThread(t, second.threadId, { pinned: true });
		expect((await list(b.cookie, `category=${cat.slug}`)).items.map((i) => i.title)).toEqual(['Pinned thread', 'Newest thread', 'Oldest thread']);
		// A reply brings the oldest thread up, below the pinned one.
		await replyTo(t, b.cookie, first.threadId, 'Bumping this.');
		expect((await list(b.cookie, `category=${cat.slug}`)).items.map((i) => i.id)).toEqual([second.threadId, first.threadId, third.threadId]);
		// The whole-group list has the pinned one before any unpinned one too.
		const all = await list(b.cookie, 'limit=50');
		const pinnedAt = all.items.findIndex((i) => i.id === second.threadId);
		expect(all.items.slice(0, pinnedAt).every((i) => i.pinned)).toBe(true);
	});

	it('pages by keyset with no duplicates and no gaps, ties on time included', async () => {
		const cat = await newCategory(t);
		const ids: number[] = [];
		for (let i = 0; i < 9; i++) ids.push((await createThread(t, a.cookie, { category: cat.slug, title: `Paging thread ${i}` })).threadId);
		// Same activity time for several (microseconds and all), and two pinned.
		await t.db.update(threads).set({ lastPostAt: sql`'2026-01-01T10:00:00.123456Z'::timestamptz` }).where(sql`${threads.id} in (${sql.join(ids.slice(2, 7).map((i) => sql`${i}`), sql`, `)})`);
		await setThread(t, ids[0]!, { pinned: true });
		await setThread(t, ids[5]!, { pinned: true });
		const seen: number[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const page = await list(b.cookie, `category=${cat.slug}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
			seen.push(...page.items.map((i) => i.id));
			cursor = page.nextCursor;
			pages++;
		} while (cursor && pages < 20);
		expect(pages).toBe(5);
		expect(new Set(seen).size).toBe(9);
		expect([...seen].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
		expect(seen.slice(0, 2).sort()).toEqual([ids[0], ids[5]].sort());
		// A tampered cursor is a 400, not a 500.
		const bad = await t.api(`/api/threads?cursor=not-a-cursor`, { cookie: b.cookie });
		expect(bad.status).toBe(400);
	});

	it('leaves archived categories out of lists and refuses new threads there', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug, title: 'In a category soon archived' });
		await t.db.update(categories).set({ archived: true }).where(eq(categories.id, cat.id));
		expect((await t.api(`/api/threads?category=${cat.slug}`, { cookie: b.cookie })).status).toBe(404);
		expect((await list(b.cookie, 'limit=50')).items.map((i) => i.id)).not.toContain(th.threadId);
		expect((await t.api('/api/categories', { cookie: b.cookie })).body.map((c: { slug: string }) => c.slug)).not.toContain(cat.slug);
		const create = await t.api('/api/threads', { method: 'POST', cookie: a.cookie, body: { category: cat.slug, title: 'Another one', body: 'x' } });
		expect(create.status).toBe(409);
		const reply = await t.api(`/api/threads/${th.threadId}/posts`, { method: 'POST', cookie: b.cookie, body: { body: 'x' } });
		expect(reply.status).toBe(409);
	});
});

describe('posts', () => {
	it('pages a thread by keyset on id: after, from and before, no duplicates', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug });
		const ids = [th.postId];
		for (let i = 0; i < 7; i++) ids.push((await replyTo(t, b.cookie, th.threadId, `Reply ${i}`)).id);
		const seen: number[] = [];
		let after: number | null = null;
		let earlier: number | null = null;
		do {
			const res: { body: { items: { id: number }[]; earlier: number | null; later: number | null } } = await t.api(`/api/threads/${th.threadId}/posts?limit=3${after ? `&after=${after}` : ''}`, { cookie: a.cookie });
			seen.push(...res.body.items.map((p: { id: number }) => p.id));
			if (after) earlier ??= res.body.earlier;
			after = res.body.later;
		} while (after);
		expect(seen).toEqual(ids);
		expect(earlier).toBe(ids[3]);
		const from = await t.api(`/api/threads/${th.threadId}/posts?limit=3&from=${ids[4]}`, { cookie: a.cookie });
		expect(from.body.items.map((p: { id: number }) => p.id)).toEqual(ids.slice(4, 7));
		const before = await t.api(`/api/threads/${th.threadId}/posts?limit=3&before=${ids[4]}`, { cookie: a.cookie });
		expect(before.body.items.map((p: { id: number }) => p.id)).toEqual(ids.slice(1, 4));
		expect(before.body.earlier).toBe(ids[1]);
	});

	it('edits keep the history and show "edited"; only the author may edit', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug, title: 'Original title', body: 'First version' });
		const edit = await t.api(`/api/posts/${th.postId}`, { method: 'PATCH', cookie: a.cookie, body: { body: 'Second version', title: 'Better title' } });
		expect(edit.status).toBe(200);
		expect(edit.body).toMatchObject({ html: '<p>Second version</p>\n', revisionCount: 1, title: 'Better title' });
		expect(edit.body.editedAt).toBeTruthy();
		expect((await t.api(`/api/threads/${th.threadId}`, { cookie: b.cookie })).body.title).toBe('Better title');
		const history = await t.api(`/api/posts/${th.postId}/revisions`, { cookie: b.cookie });
		expect(history.body).toHaveLength(1);
		expect(history.body[0]).toMatchObject({ html: '<p>First version</p>\n', title: 'Original title' });
		const other = await t.api(`/api/posts/${th.postId}`, { method: 'PATCH', cookie: b.cookie, body: { body: 'Hijacked' } });
		expect(other.status).toBe(403);
		// Even a moderator does not edit someone else's words.
		expect((await t.api(`/api/posts/${th.postId}`, { method: 'PATCH', cookie: mod.cookie, body: { body: 'x' } })).status).toBe(403);
	});

	it('delete by the author keeps the place ("removed by author") and the text out of every view', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug });
		const r = await replyTo(t, b.cookie, th.threadId, 'Secretwordzz I regret writing');
		await replyTo(t, a.cookie, th.threadId, 'A later reply', r.id);
		expect((await t.api(`/api/posts/${r.id}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(403);
		const del = await t.api(`/api/posts/${r.id}`, { method: 'DELETE', cookie: b.cookie });
		expect(del.status).toBe(200);
		expect(del.body).toMatchObject({ status: 'deleted', html: null, source: null });
		for (const who of [a, b, mod]) {
			const page = await t.api(`/api/threads/${th.threadId}/posts`, { cookie: who.cookie });
			expect(page.body.items.map((p: { id: number }) => p.id)).toContain(r.id);
			expect(JSON.stringify(page.body)).not.toContain('Secretwordzz');
		}
		expect(JSON.stringify((await t.api(`/api/posts/${r.id}/revisions`, { cookie: a.cookie })).body)).not.toContain('Secretwordzz');
		expect((await t.api(`/api/posts/${r.id}`, { method: 'PATCH', cookie: b.cookie, body: { body: 'again' } })).status).toBe(409);
		expect((await t.api(`/api/posts/${r.id}/reactions`, { method: 'POST', cookie: a.cookie, body: { kind: 'heart' } })).status).toBe(409);
	});

	it('toggles reactions from the fixed set', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug });
		const react = (m: TestMember, kind: string) => t.api(`/api/posts/${th.postId}/reactions`, { method: 'POST', cookie: m.cookie, body: { kind } });
		const heart = (body: { reactions: { kind: string; count: number; mine: boolean }[] }) => body.reactions.find((r) => r.kind === 'heart');
		expect(heart((await react(b, 'heart')).body)).toEqual({ kind: 'heart', count: 1, mine: true });
		expect(heart((await react(mod, 'heart')).body)).toEqual({ kind: 'heart', count: 2, mine: true });
		expect(heart((await react(b, 'heart')).body)).toEqual({ kind: 'heart', count: 1, mine: false });
		expect((await react(b, 'thumbs_up')).body.reactions.map((r: { count: number }) => r.count)).toEqual([1, 1, 0, 0, 0]);
		expect((await react(b, 'angry')).status).toBe(400);
	});

	it('quotes a post of the same thread only', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug, body: 'Is **this** right?' });
		const other = await createThread(t, a.cookie, { category: cat.slug });
		const q = await t.api(`/api/threads/${th.threadId}/posts`, { method: 'POST', cookie: b.cookie, body: { body: 'Yes', quotePostId: th.postId } });
		expect(q.status).toBe(201);
		expect(q.body.quote).toEqual({ postId: th.postId, authorName: 'Anna Asker', excerpt: 'Is this right?' });
		const wrong = await t.api(`/api/threads/${th.threadId}/posts`, { method: 'POST', cookie: b.cookie, body: { body: 'No', quotePostId: other.postId } });
		expect(wrong.status).toBe(404);
		expect(wrong.body.field).toBe('quotePostId');
	});

	it('accepted answers: questions only, by the asker or a moderator, never the question itself', async () => {
		const cat = await newCategory(t);
		const q = await createThread(t, a.cookie, { category: cat.slug, kind: 'question' });
		const answer = await replyTo(t, b.cookie, q.threadId, 'The answer');
		const better = await replyTo(t, mod.cookie, q.threadId, 'A better answer');
		const accept = (m: TestMember, postId: number | null, threadId = q.threadId) =>
			t.api(`/api/threads/${threadId}/accept`, { method: 'POST', cookie: m.cookie, body: { postId } });
		expect((await accept(b, answer.id)).status).toBe(403);
		expect((await accept(a, q.postId)).status).toBe(409);
		expect((await accept(a, answer.id)).body).toEqual({ acceptedPostId: answer.id });
		let posts = (await t.api(`/api/threads/${q.threadId}/posts`, { cookie: b.cookie })).body.items;
		expect(posts.filter((p: { accepted: boolean }) => p.accepted).map((p: { id: number }) => p.id)).toEqual([answer.id]);
		expect((await t.api(`/api/threads/${q.threadId}`, { cookie: b.cookie })).body.answered).toBe(true);
		// A moderator may change it; only one answer is accepted at a time.
		expect((await accept(mod, better.id)).status).toBe(200);
		posts = (await t.api(`/api/threads/${q.threadId}/posts`, { cookie: b.cookie })).body.items;
		expect(posts.filter((p: { accepted: boolean }) => p.accepted).map((p: { id: number }) => p.id)).toEqual([better.id]);
		expect((await accept(a, null)).body).toEqual({ acceptedPostId: null });
		expect((await t.api(`/api/threads/${q.threadId}`, { cookie: b.cookie })).body.answered).toBe(false);
		// A discussion has no accepted answer.
		const d = await createThread(t, a.cookie, { category: cat.slug });
		const reply = await replyTo(t, b.cookie, d.threadId, 'x');
		expect((await accept(a, reply.id, d.threadId)).status).toBe(409);
		// Deleting the accepted answer opens the question again.
		await accept(a, answer.id);
		await t.api(`/api/posts/${answer.id}`, { method: 'DELETE', cookie: b.cookie });
		expect((await t.api(`/api/threads/${q.threadId}`, { cookie: a.cookie })).body.answered).toBe(false);
	});

	it('a locked thread refuses replies', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug });
		await setThread(t, th.threadId, { locked: true });
		const res = await t.api(`/api/threads/${th.threadId}/posts`, { method: 'POST', cookie: b.cookie, body: { body: 'Too late' }, headers: { 'accept-language': 'en' } });
		expect(res.status).toBe(409);
		expect(res.body.message).toMatch(/locked/i);
		expect((await t.api(`/api/threads/${th.threadId}`, { cookie: b.cookie })).body.can.reply).toBe(false);
		// Reading still works.
		expect((await t.api(`/api/threads/${th.threadId}/posts`, { cookie: b.cookie })).status).toBe(200);
	});

	it('withheld posts and threads are seen only by their author (with the reason) and moderators', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug });
		const held = await replyTo(t, b.cookie, th.threadId, 'Waiting for approval');
		await t.db.update(posts).set({ status: 'held', statusReason: 'First post of a new member' }).where(eq(posts.id, held.id));
		const ids = async (m: TestMember) => (await t.api(`/api/threads/${th.threadId}/posts`, { cookie: m.cookie })).body.items.map((p: { id: number }) => p.id);
		expect(await ids(a)).not.toContain(held.id);
		expect(await ids(b)).toContain(held.id);
		expect(await ids(mod)).toContain(held.id);
		expect((await t.api(`/api/posts/${held.id}`, { cookie: b.cookie })).body).toMatchObject({ status: 'held', statusReason: 'First post of a new member' });
		expect((await t.api(`/api/posts/${held.id}`, { cookie: a.cookie })).status).toBe(404);

		const hidden = await createThread(t, b.cookie, { category: cat.slug, title: 'A hidden thread' });
		await setThread(t, hidden.threadId, { status: 'hidden' });
		expect((await t.api(`/api/threads/${hidden.threadId}`, { cookie: a.cookie })).status).toBe(404);
		expect((await t.api(`/api/threads/${hidden.threadId}/posts`, { cookie: a.cookie })).status).toBe(404);
		expect((await t.api(`/api/threads/${hidden.threadId}`, { cookie: b.cookie })).status).toBe(200);
		expect((await t.api(`/api/threads/${hidden.threadId}`, { cookie: mod.cookie })).status).toBe(200);
		expect((await list(a.cookie, `category=${cat.slug}`)).items.map((i) => i.id)).not.toContain(hidden.threadId);
	});
});

describe('unread tracking', () => {
	it('counts new posts per thread and knows the first unread one', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug });
		let item = (await list(b.cookie, `category=${cat.slug}`)).items[0]!;
		expect(item).toMatchObject({ unseen: true, unreadCount: 1, firstUnreadPostId: th.postId });
		expect((await t.api(`/api/threads/${th.threadId}/read`, { method: 'POST', cookie: b.cookie, body: { upTo: th.postId } })).body).toEqual({ lastReadPostId: th.postId });
		const r1 = await replyTo(t, a.cookie, th.threadId, 'One');
		await replyTo(t, a.cookie, th.threadId, 'Two');
		item = (await list(b.cookie, `category=${cat.slug}`)).items[0]!;
		expect(item).toMatchObject({ unseen: false, unreadCount: 2, firstUnreadPostId: r1.id });
		const detail = await t.api(`/api/threads/${th.threadId}`, { cookie: b.cookie });
		expect(detail.body).toMatchObject({ firstUnreadPostId: r1.id, lastReadPostId: th.postId });
		// The writer has read their own replies.
		expect((await list(a.cookie, `category=${cat.slug}`)).items[0]).toMatchObject({ unreadCount: 0, firstUnreadPostId: null });
		// Reading up to the first reply leaves one; the mark never goes back.
		await t.api(`/api/threads/${th.threadId}/read`, { method: 'POST', cookie: b.cookie, body: { upTo: r1.id } });
		await t.api(`/api/threads/${th.threadId}/read`, { method: 'POST', cookie: b.cookie, body: { upTo: th.postId } });
		expect((await list(b.cookie, `category=${cat.slug}`)).items[0]).toMatchObject({ unreadCount: 1 });
	});
});

describe('changesSince', () => {
	it('returns exactly the posts changed after a seq, in seq order, each once at its latest', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, a.cookie, { category: cat.slug });
		const early = await replyTo(t, b.cookie, th.threadId, 'Early');
		const untouched = await replyTo(t, b.cookie, th.threadId, 'Untouched');
		const since = untouched.seq;
		const created = await replyTo(t, a.cookie, th.threadId, 'Created after');
		await t.api(`/api/posts/${early.id}`, { method: 'PATCH', cookie: b.cookie, body: { body: 'Early, edited' } });
		await t.api(`/api/posts/${th.postId}/reactions`, { method: 'POST', cookie: b.cookie, body: { kind: 'thanks' } });
		await t.api(`/api/posts/${created.id}`, { method: 'DELETE', cookie: a.cookie });
		const res = await t.api(`/api/threads/${th.threadId}/changes?since=${since}`, { cookie: b.cookie });
		expect(res.status).toBe(200);
		const changes = res.body as { id: number; seq: number; status: string; withheld: boolean; html: string | null }[];
		expect(changes.map((c) => c.id)).toEqual([early.id, th.postId, created.id]);
		const seqs = changes.map((c) => c.seq);
		expect(seqs.every((s) => s > since)).toBe(true);
		expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
		expect(changes[0]!.html).toContain('Early, edited');
		expect(changes[2]).toMatchObject({ status: 'deleted', html: null, withheld: false });
		expect(changes.map((c) => c.id)).not.toContain(untouched.id);
		// From the last seq on, nothing.
		expect((await t.api(`/api/threads/${th.threadId}/changes?since=${seqs.at(-1)}`, { cookie: b.cookie })).body).toEqual([]);

		// A post taken out of view comes as a marker to others, in full to its author.
		const last = seqs.at(-1)!;
		await t.db.update(posts).set({ status: 'hidden', seq: sql`nextval('post_change_seq')` }).where(eq(posts.id, early.id));
		const forA = await changesSince(a.actor, th.threadId, last);
		expect(forA).toEqual([{ id: early.id, threadId: th.threadId, seq: expect.any(Number), withheld: true }]);
		const forB = await changesSince(b.actor, th.threadId, last);
		expect(forB[0]).toMatchObject({ id: early.id, status: 'hidden', withheld: false });
	});
});
