/**
 * Helpers for the discussion tests: members with handles, threads and
 * replies through the API, and domain actors for calling the domain directly.
 */
import { eq, sql } from 'drizzle-orm';
import type { TestServer } from './server';
import type { Role } from '../../src/lib/shared/roles';
import { userColumns, type Actor } from '../../src/lib/server/auth/actor';
import { categories, threads, users } from '../../src/lib/server/db/schema';

export interface TestMember {
	id: string;
	email: string;
	handle: string;
	cookie: string;
	actor: Actor;
}

let counter = 0;

/** A new active person (a member unless other roles are given) with a handle, logged in. */
export async function newMember(t: TestServer, options: { roles?: Role[]; name?: string; handle?: string; newMember?: boolean } = {}): Promise<TestMember> {
	counter++;
	const handle = options.handle ?? `tester-${process.pid}-${counter}`;
	const user = await t.createUser({ roles: options.roles ?? ['member'], displayName: options.name ?? `Tester ${counter}`, newMember: options.newMember });
	await t.db.update(users).set({ handle }).where(eq(users.id, user.id));
	const cookie = await t.login(user.email, user.password);
	return { id: user.id, email: user.email, handle, cookie, actor: await actorFor(t, user.id) };
}

/** The domain's view of a person, as a session would give it. */
export async function actorFor(t: TestServer, userId: string): Promise<Actor> {
	const [user] = await t.db.select(userColumns).from(users).where(eq(users.id, userId));
	if (!user) throw new Error(`no user ${userId}`);
	return { kind: 'user', user: user as never, sessionId: 'test' };
}

/** A fresh category of its own, so a test's threads are the only ones in it. */
export async function newCategory(t: TestServer, name = 'Test'): Promise<{ id: number; slug: string }> {
	counter++;
	const slug = `test-${process.pid}-${counter}`;
	const [row] = await t.db
		.insert(categories)
		.values({ slug, nameNl: `${name} ${counter}`, nameEn: `${name} ${counter}`, position: 1000 + counter })
		.returning({ id: categories.id, slug: categories.slug });
	return row!;
}

export interface NewThread {
	category: string;
	title?: string;
	body?: string;
	kind?: 'discussion' | 'question';
	country?: string | null;
}

export async function createThread(t: TestServer, cookie: string, input: NewThread): Promise<{ threadId: number; postId: number }> {
	const res = await t.api('/api/threads', {
		method: 'POST',
		cookie,
		body: { title: 'A thread to test with', body: 'Opening post.', ...input }
	});
	if (res.status !== 201) throw new Error(`create thread: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

export async function replyTo(t: TestServer, cookie: string, threadId: number, body: string, quotePostId?: number) {
	const res = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie, body: { body, quotePostId } });
	if (res.status !== 201) throw new Error(`reply: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body as { id: number; seq: number; html: string };
}

/** Sets moderation state directly (moderation tools come later). */
export async function setThread(t: TestServer, threadId: number, change: Partial<typeof threads.$inferInsert>) {
	await t.db.update(threads).set(change).where(eq(threads.id, threadId));
}

export async function notificationsOf(t: TestServer, cookie: string) {
	const res = await t.api('/api/notifications?limit=100', { cookie });
	if (res.status !== 200) throw new Error(`notifications: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.items as { id: number; kind: string; postId: number | null; thread: { id: number; title: string } | null; readAt: string | null }[];
}

export const nextSeq = async (t: TestServer): Promise<number> =>
	Number((await t.database.rows<{ s: string }>(sql`select last_value as s from post_change_seq`))[0]!.s);
