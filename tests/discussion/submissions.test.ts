/**
 * A post form pressed twice, or a request retried after a timeout, makes one
 * post: the second submission with the same key answers with the first's.
 * And the page a reader lands on after replying ends with their reply.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, replyTo, type TestMember } from '../helpers/discussion';
import { posts, threads } from '../../src/lib/server/db/schema';
import { listPosts } from '../../src/lib/server/discussion/posts';
import { putSetting } from '../../src/lib/server/settings';

const t = useServer();
let writer: TestMember;
let category: { slug: string };
beforeAll(async () => {
	await putSetting('postsPerWindow', 1000);
	writer = await newMember(t, { name: 'Femke de Vries' });
	category = await newCategory(t, 'Submissions');
});

const countPosts = async (threadId: number) => (await t.db.select({ id: posts.id }).from(posts).where(eq(posts.threadId, threadId))).length;

describe('one key, one post', () => {
	it('answers a reply sent twice at once with the same post, and saves it once', async () => {
		const { threadId } = await createThread(t, writer.cookie, { category: category.slug, title: 'Verhuizen naar Nairobi' });
		const key = randomUUID();
		const send = () => t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: writer.cookie, body: { body: 'Wie weet een goede verhuizer?', idempotencyKey: key } });
		const [a, b] = await Promise.all([send(), send()]);
		expect([a.status, b.status]).toEqual([201, 201]);
		expect(a.body.id).toBe(b.body.id);
		expect(await countPosts(threadId)).toBe(2);
		// Later, too (a retry after a timeout).
		const c = await send();
		expect(c.status).toBe(201);
		expect(c.body.id).toBe(a.body.id);
		expect(await countPosts(threadId)).toBe(2);
		// Another key is another post.
		const d = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: writer.cookie, body: { body: 'Wie weet een goede verhuizer?', idempotencyKey: randomUUID() } });
		expect(d.body.id).not.toBe(a.body.id);
		expect(await countPosts(threadId)).toBe(3);
	});

	it('starts one thread from a new-thread form sent twice at once', async () => {
		const key = randomUUID();
		const send = () =>
			t.api('/api/threads', { method: 'POST', cookie: writer.cookie, body: { category: category.slug, title: 'Scholen in Bogotá', body: 'Ervaringen met de Duitse school?', idempotencyKey: key } });
		const [a, b] = await Promise.all([send(), send()]);
		expect([a.status, b.status]).toEqual([201, 201]);
		expect(a.body.threadId).toBe(b.body.threadId);
		expect(a.body.postId).toBe(b.body.postId);
		const same = await t.db.select({ id: threads.id }).from(threads).where(eq(threads.title, 'Scholen in Bogotá'));
		expect(same).toHaveLength(1);
	});

	it('keeps one person’s key apart from another’s', async () => {
		const other = await newMember(t);
		const { threadId } = await createThread(t, writer.cookie, { category: category.slug });
		const key = randomUUID();
		const mine = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: writer.cookie, body: { body: 'Mijn antwoord', idempotencyKey: key } });
		const theirs = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: other.cookie, body: { body: 'Hun antwoord', idempotencyKey: key } });
		expect(theirs.status).toBe(201);
		expect(theirs.body.id).not.toBe(mine.body.id);
	});

	it('refuses a key that is not one, with a message', async () => {
		const { threadId } = await createThread(t, writer.cookie, { category: category.slug });
		const res = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: writer.cookie, body: { body: 'Hallo', idempotencyKey: 'twice' } });
		expect(res.status).toBe(400);
		expect(res.body.message).toMatch(/expired|verlopen/);
	});
});

describe('the page after a reply', () => {
	it('ends with the reply and shows the posts before it, with no page after', async () => {
		const { threadId } = await createThread(t, writer.cookie, { category: category.slug, title: 'Een lange draad' });
		for (let i = 0; i < 29; i++) await replyTo(t, writer.cookie, threadId, `bericht ${i}`);
		const mine = await replyTo(t, writer.cookie, threadId, 'mijn nieuwe antwoord');
		const page = await listPosts(writer.actor, threadId, { to: mine.id, limit: 25 });
		expect(page.items).toHaveLength(25);
		expect(page.items.at(-1)!.id).toBe(mine.id);
		expect(page.items.at(-2)!.html).toContain('bericht 28');
		expect(page.later).toBeNull();
		expect(page.earlier).toBe(page.items[0]!.id);
		// With a reply after it, the page says there is more.
		await replyTo(t, writer.cookie, threadId, 'nog een');
		expect((await listPosts(writer.actor, threadId, { to: mine.id, limit: 25 })).later).toBe(mine.id);
	});
});

describe('old keys', () => {
	it('are forgotten after a day, and only then', async () => {
		const { forgetOldSubmissions } = await import('../../src/lib/server/discussion/submissions');
		const { threadId } = await createThread(t, writer.cookie, { category: category.slug });
		const key = randomUUID();
		await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: writer.cookie, body: { body: 'Bewaard', idempotencyKey: key } });
		expect(await forgetOldSubmissions(new Date(Date.now() + 23 * 3_600_000))).toBe(0);
		expect(await forgetOldSubmissions(new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThan(0);
	});
});
