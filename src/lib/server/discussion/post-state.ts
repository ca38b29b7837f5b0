import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { posts, threads } from '../db/schema';
import { DomainError } from '../errors';
import type { Emit } from '../notifications/notify';
import { audienceOf } from './visibility';
import type { ContentStatus } from '../../shared/discussion';

/**
 * A post's state, in one place: the lock every change to a post takes first,
 * and the move from one status to another. Discussion (an author's edit or
 * withdrawal) and moderation (approve, hide, remove, an automatic hold) both
 * come here, so moderation depends on discussion and never the other way round.
 */

export interface LockedPost {
	id: number;
	threadId: number;
	authorId: string;
	status: ContentStatus;
	body: string;
	title: string | null;
	isOpening: boolean;
	categoryId: number;
	threadAuthorId: string;
	threadStatus: ContentStatus;
}

/** A post with its thread's facts, locked for the rest of the transaction (author edits, moderation, reports). */
export async function lockPost(tx: Tx, postId: number): Promise<LockedPost> {
	const [p] = await tx
		.select({
			id: posts.id,
			threadId: posts.threadId,
			authorId: posts.authorId,
			status: posts.status,
			body: posts.body,
			title: posts.title,
			categoryId: threads.categoryId,
			threadAuthorId: threads.authorId,
			threadStatus: threads.status
		})
		.from(posts)
		.innerJoin(threads, eq(threads.id, posts.threadId))
		.where(eq(posts.id, postId))
		.for('no key update', { of: posts });
	if (!p) throw new DomainError('not_found', 'error_post_not_found');
	return { ...p, isOpening: p.title !== null };
}

/**
 * Moves a post to another status and tells every open view: a withheld post
 * drops out of other members' pages, a restored or approved one appears. An
 * opening post carries its thread with it. Replies count only while visible.
 */
export async function setPostStatus(tx: Tx, emit: Emit, p: LockedPost, to: ContentStatus, reason: string | null): Promise<void> {
	if (p.status === to) return;
	const [u] = await tx
		.update(posts)
		.set({ status: to, statusReason: to === 'visible' ? null : reason, seq: sql`nextval('post_change_seq')` })
		.where(eq(posts.id, p.id))
		.returning({ seq: posts.seq });
	const was = p.status === 'visible', now = to === 'visible';
	if (p.isOpening) {
		await tx.update(threads).set({ status: to }).where(eq(threads.id, p.threadId));
		emit({ type: 'thread.changed', change: 'status', threadId: p.threadId, categoryId: p.categoryId, authorId: p.threadAuthorId, audience: 'group' });
	} else if (was !== now) {
		await tx
			.update(threads)
			.set(
				now && p.status === 'held'
					? { replyCount: sql`${threads.replyCount} + 1`, lastPostAt: new Date(), lastPostId: sql`greatest(${threads.lastPostId}, ${p.id})` }
					: { replyCount: sql`greatest(${threads.replyCount} + ${now ? 1 : -1}, 0)` }
			)
			.where(eq(threads.id, p.threadId));
	}
	emit({ type: 'post.changed', change: 'status', threadId: p.threadId, categoryId: p.categoryId, postId: p.id, seq: u!.seq, authorId: p.authorId, audience: audienceOf(to) });
	p.status = to;
}
