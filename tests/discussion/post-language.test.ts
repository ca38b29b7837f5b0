import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, type TestMember } from '../helpers/discussion';
import { posts, users } from '../../src/lib/server/db/schema';

const t = useServer();
let author: TestMember;
let category: string;

beforeAll(async () => {
	author = await newMember(t, { name: 'Talia Talen' });
	category = (await newCategory(t, 'Languages')).slug;
});

const reply = (threadId: number, body: Record<string, unknown>) => t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: author.cookie, body });
const postsOf = async (threadId: number) => (await t.api(`/api/threads/${threadId}/posts`, { cookie: author.cookie })).body.items as { id: number; language: string | null }[];

describe('posts carry their language', () => {
	it("a reply in English says so, in the answer, the thread's posts and the database", async () => {
		const { threadId } = await createThread(t, author.cookie, { category });
		const res = await reply(threadId, { body: 'Does anyone know a good school in Lima?', language: 'en' });
		expect(res.status).toBe(201);
		expect(res.body.language).toBe('en');
		expect((await postsOf(threadId)).find((p) => p.id === res.body.id)?.language).toBe('en');
		const [row] = await t.db.select({ language: posts.language }).from(posts).where(eq(posts.id, res.body.id));
		expect(row!.language).toBe('en');
	});

	it("unsaid, a post is in its author's platform language; a new thread's opening post takes the choice too", async () => {
		await t.db.update(users).set({ language: 'nl' }).where(eq(users.id, author.id));
		const { threadId, postId } = await createThread(t, author.cookie, { category, body: 'An English opening post.', language: 'en' } as never);
		expect((await postsOf(threadId)).find((p) => p.id === postId)?.language).toBe('en');
		const dutch = await reply(threadId, { body: 'Een Nederlandse reactie.' });
		expect(dutch.body.language).toBe('nl');
	});

	it('refuses a language that is not offered', async () => {
		const { threadId } = await createThread(t, author.cookie, { category });
		const res = await reply(threadId, { body: 'Bonjour à tous.', language: 'fr' });
		expect(res.status).toBe(400);
		expect(res.body.field).toBe('language');
	});

	it('posts from before the language was asked are unknown (null), not guessed', async () => {
		const { threadId, postId } = await createThread(t, author.cookie, { category });
		await t.db.update(posts).set({ language: null }).where(eq(posts.id, postId));
		expect((await postsOf(threadId)).find((p) => p.id === postId)?.language).toBeNull();
	});
});
