import { and, desc, eq } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { categories, postExcerpts, posts, threads } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { can } from '../../shared/roles';
import { isPublic } from '../discussion/visibility';
import { ExcerptInput } from './schemas';

/**
 * Moderators and coordinators who read the group keep a post's words as
 * evidence: an excerpt, without the author's name. The excerpt must be the
 * post's own words (compared on letters and digits, so markdown and line
 * breaks do not matter): evidence is quoted, never paraphrased into
 * someone's mouth. Only content every member sees may be captured.
 */

const letters = (s: string) => s.toLocaleLowerCase('nl').replace(/[^\p{L}\p{N}]+/gu, '');
/** Whether the excerpt is the post's own words. */
export const inPost = (body: string, excerpt: string) => letters(excerpt) !== '' && letters(body).includes(letters(excerpt));

export async function captureExcerpt(actor: Actor, raw: ExcerptInput): Promise<{ id: number }> {
	const a = requireCapability(actor, 'insights.capture');
	if (!can(a.user, 'group.participate')) throw new DomainError('forbidden', 'error_forbidden');
	const input = parseInput(ExcerptInput, raw);
	return transact(async (tx, emit) => {
		const [row] = await tx
			.select({ body: posts.body, status: posts.status, threadId: threads.id, threadStatus: threads.status, archived: categories.archived })
			.from(posts)
			.innerJoin(threads, eq(threads.id, posts.threadId))
			.innerJoin(categories, eq(categories.id, threads.categoryId))
			.where(eq(posts.id, input.postId));
		if (!row || !isPublic({ status: row.status }, { status: row.threadStatus }, { archived: row.archived })) throw new DomainError('not_found', 'error_post_not_found');
		if (!inPost(row.body, input.excerpt))
			throw new DomainError('invalid_input', 'error_excerpt_not_in_post', { field: 'excerpt', fields: { excerpt: 'error_excerpt_not_in_post' } });
		const [excerpt] = await tx
			.insert(postExcerpts)
			.values({ postId: input.postId, threadId: row.threadId, excerpt: input.excerpt, capturedBy: a.user.id })
			.returning({ id: postExcerpts.id });
		emit({ type: 'insights.changed', what: 'evidence', id: excerpt!.id });
		return { id: excerpt!.id };
	});
}

/** The post a capture form starts from: its words, to cut down to the excerpt. Public content only. */
export async function postToCapture(actor: Actor, postId: number): Promise<{ postId: number; threadId: number; threadTitle: string; body: string }> {
	const a = requireCapability(actor, 'insights.capture');
	if (!can(a.user, 'group.participate')) throw new DomainError('forbidden', 'error_forbidden');
	const [row] = await db()
		.select({ body: posts.body, status: posts.status, threadId: threads.id, threadTitle: threads.title, threadStatus: threads.status, archived: categories.archived })
		.from(posts)
		.innerJoin(threads, eq(threads.id, posts.threadId))
		.innerJoin(categories, eq(categories.id, threads.categoryId))
		.where(eq(posts.id, postId));
	if (!row || !isPublic({ status: row.status }, { status: row.threadStatus }, { archived: row.archived })) throw new DomainError('not_found', 'error_post_not_found');
	return { postId, threadId: row.threadId, threadTitle: row.threadTitle, body: row.body };
}

/** The captured excerpts still standing (their post visible), newest first: what a coordinator drafts from. */
export async function recentExcerpts(limit = 50): Promise<{ id: number; excerpt: string; threadId: number | null; capturedAt: Date }[]> {
	return db()
		.select({ id: postExcerpts.id, excerpt: postExcerpts.excerpt, threadId: postExcerpts.threadId, capturedAt: postExcerpts.capturedAt })
		.from(postExcerpts)
		.innerJoin(posts, eq(posts.id, postExcerpts.postId))
		.innerJoin(threads, eq(threads.id, posts.threadId))
		.where(and(eq(posts.status, 'visible'), eq(threads.status, 'visible')))
		.orderBy(desc(postExcerpts.capturedAt), desc(postExcerpts.id))
		.limit(limit);
}
