import { and, eq, lt } from 'drizzle-orm';
import type { Tx } from '../db';
import { postSubmissions } from '../db/schema';
import { db } from '../runtime';

/**
 * Post forms carry a key of their own (a fresh one with every page that shows
 * the form; API clients send one per post they mean to make). The first
 * submission with a key claims it in the transaction that writes the post; a
 * second one (a double press, a retry after a timeout) finds the claim and
 * gets the post the first made instead of making another.
 */

/** Thrown inside the writing transaction when the key was already claimed: everything the second try wrote is rolled back. */
export class AlreadySubmitted extends Error {
	constructor(readonly postId: number) {
		super('already submitted');
	}
}

/** The post an earlier submission with this key made, if any. */
export async function submittedPost(authorId: string, key: string | undefined, on: Tx | ReturnType<typeof db> = db()): Promise<number | null> {
	if (!key) return null;
	const [row] = await on
		.select({ postId: postSubmissions.postId })
		.from(postSubmissions)
		.where(and(eq(postSubmissions.authorId, authorId), eq(postSubmissions.key, key)));
	return row?.postId ?? null;
}

/**
 * Claims the key for the post being written. A concurrent claim of the same
 * key waits here until the other transaction ends; if that one committed, this
 * one throws AlreadySubmitted (with its post) and is rolled back.
 */
export async function claimSubmission(tx: Tx, authorId: string, key: string | undefined, postId: number): Promise<void> {
	if (!key) return;
	const claimed = await tx.insert(postSubmissions).values({ authorId, key, postId }).onConflictDoNothing().returning({ postId: postSubmissions.postId });
	if (claimed.length === 0) throw new AlreadySubmitted((await submittedPost(authorId, key, tx)) ?? postId);
}

/** Keys are for retries within minutes; a day later they have done their work. */
export async function forgetOldSubmissions(now = new Date()): Promise<number> {
	const gone = await db()
		.delete(postSubmissions)
		.where(lt(postSubmissions.createdAt, new Date(now.getTime() - 24 * 3_600_000)))
		.returning({ postId: postSubmissions.postId });
	return gone.length;
}
