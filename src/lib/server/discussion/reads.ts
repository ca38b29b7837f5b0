import { and, eq, gt, min, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db';
import { db, transact } from '../runtime';
import { posts, threadReads, threads } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from '../auth/actor';
import { markThreadNotificationsRead } from './notifications';
import type { Emit } from '../notifications/notify';
import { postPlaceSql, qualified, threadVisibleSql, viewerOf, type Viewer } from './visibility';

/**
 * Unread tracking: per member and thread, the id of the last post they have
 * seen (thread_reads). Posts have increasing ids, so "unread" is every post
 * with a larger id; the first of them is where "jump to first unread" goes.
 */

/** Raises the mark (never lowers it) and clears the notifications about what is now read. */
export async function markReadTx(tx: Tx, emit: Emit, userId: string, threadId: number, upToPostId: number): Promise<void> {
	// Independent: sent together.
	await Promise.all([
		tx
			.insert(threadReads)
			.values({ userId, threadId, lastReadPostId: upToPostId })
			.onConflictDoUpdate({
				target: [threadReads.userId, threadReads.threadId],
				set: { lastReadPostId: sql`greatest(${threadReads.lastReadPostId}, excluded.last_read_post_id)`, updatedAt: new Date() }
			}),
		markThreadNotificationsRead(tx, emit, userId, threadId, upToPostId)
	]);
}

/** "I have seen this thread up to this post" (a page of it was shown, or live posts scrolled into view). */
export async function markRead(actor: Actor, threadId: number, upToPostId: number): Promise<{ lastReadPostId: number }> {
	const viewer = viewerOf(actor);
	return transact(async (tx, emit) => {
		const [thread] = await tx
			.select({ id: threads.id, lastPostId: threads.lastPostId })
			.from(threads)
			.where(and(eq(threads.id, threadId), threadVisibleSql(viewer)));
		if (!thread) throw new DomainError('not_found', 'error_thread_not_found');
		const upTo = Math.min(upToPostId, thread.lastPostId ?? upToPostId);
		await markReadTx(tx, emit, viewer.id, threadId, upTo);
		const [row] = await tx
			.select({ last: threadReads.lastReadPostId })
			.from(threadReads)
			.where(and(eq(threadReads.userId, viewer.id), eq(threadReads.threadId, threadId)));
		return { lastReadPostId: row?.last ?? upTo };
	});
}

/** The last post the viewer has seen in the thread, or null if they never opened it. */
export async function lastReadPostId(viewer: Viewer, threadId: number): Promise<number | null> {
	const [row] = await db()
		.select({ last: threadReads.lastReadPostId })
		.from(threadReads)
		.where(and(eq(threadReads.userId, viewer.id), eq(threadReads.threadId, threadId)));
	return row?.last ?? null;
}

/** The first post the viewer has not seen yet (that they may see), or null when all is read. */
export async function firstUnreadPostId(actor: Actor | Viewer, threadId: number): Promise<number | null> {
	const viewer = 'kind' in actor ? viewerOf(actor) : actor;
	const last = await lastReadPostId(viewer, threadId);
	const [row] = await db()
		.select({ id: min(posts.id) })
		.from(posts)
		.where(and(eq(posts.threadId, threadId), gt(posts.id, last ?? 0), postPlaceSql(viewer)));
	return row?.id == null ? null : Number(row.id);
}

/** SQL for thread lists (needs `thread_reads` joined as `r` for the viewer): how many posts are new. */
export const unreadCountSql = (): SQL<number> =>
	sql<number>`(select count(*)::int from posts up where up.thread_id = ${qualified(threads.id)} and up.id > coalesce(r.last_read_post_id, 0) and up.status = 'visible')`;

/** SQL: the first new post of each listed thread (same join). */
export const firstUnreadSql = (): SQL<number | null> =>
	sql<number | null>`(select min(up.id) from posts up where up.thread_id = ${qualified(threads.id)} and up.id > coalesce(r.last_read_post_id, 0) and up.status = 'visible')`.mapWith(
		(v: unknown) => (v == null ? null : Number(v))
	);
