import { and, desc, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { db, prepared, transact } from '../runtime';
import { alias } from 'drizzle-orm/pg-core';
import { categories, posts, threadReads, threads, threadWatches, users } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from '../auth/actor';
import { cursorRefused, decodeCursor, encodeCursor, type Page } from '../paging';
import { openCategory } from './categories';
import { renderMarkdown } from './markdown';
import { resolveMentions } from './mentions';
import { notifyAboutPost } from './notifications';
import { notify } from '../notifications/notify';
import { newPostViews, sameSubmission } from './posts';
import { AlreadySubmitted, claimSubmission, submittedPost } from './submissions';
import { firstUnreadSql, markReadTx, unreadCountSql } from './reads';
import { AcceptInput, CreateThreadInput, ListThreadsInput } from './schemas';
import { admitPost, afterAdmission } from '../moderation/posting';
import type { ContentStatus, ThreadChange, ThreadDetail, ThreadKind, ThreadSummary } from '../../shared/discussion';
import { audienceOf, threadListedSql, threadVisible, threadVisibleSql, viewerOf, type Viewer } from './visibility';

/** The viewer's read mark, joined as `r` (the unread SQL in reads.ts refers to it). */
const r = alias(threadReads, 'r');

const summaryColumns = {
	id: threads.id,
	kind: threads.kind,
	title: threads.title,
	country: threads.country,
	pinned: threads.pinned,
	locked: threads.locked,
	status: threads.status,
	acceptedPostId: threads.acceptedPostId,
	replyCount: threads.replyCount,
	lastPostAt: threads.lastPostAt,
	createdAt: threads.createdAt,
	authorId: threads.authorId,
	authorName: users.displayName,
	categoryId: categories.id,
	categorySlug: categories.slug,
	categoryNameNl: categories.nameNl,
	categoryNameEn: categories.nameEn,
	categoryArchived: categories.archived,
	lastRead: r.lastReadPostId,
	slowModeSeconds: threads.slowModeSeconds,
	slowModeReason: threads.slowModeReason,
	unreadCount: unreadCountSql(),
	firstUnreadPostId: firstUnreadSql(),
	/** Microsecond-exact, for the cursor (a JS Date keeps only milliseconds). */
	cursorAt: sql<string>`(${threads.lastPostAt} at time zone 'UTC')::text`
};

type SummaryRow = {
	[K in keyof typeof summaryColumns]: unknown;
} & Record<string, unknown>;

function toSummary(r: SummaryRow): ThreadSummary {
	return {
		id: r.id as number,
		kind: r.kind as ThreadKind,
		title: r.title as string,
		country: r.country as string | null,
		pinned: r.pinned as boolean,
		locked: r.locked as boolean,
		status: r.status as ContentStatus,
		answered: r.acceptedPostId != null,
		replyCount: r.replyCount as number,
		lastPostAt: r.lastPostAt as Date,
		createdAt: r.createdAt as Date,
		author: { id: r.authorId as string, displayName: r.authorName as string },
		category: { id: r.categoryId as number, slug: r.categorySlug as string, nameNl: r.categoryNameNl as string, nameEn: r.categoryNameEn as string },
		unseen: r.lastRead == null,
		unreadCount: r.unreadCount as number,
		firstUnreadPostId: r.firstUnreadPostId as number | null
	};
}

function baseSummaryQuery<E extends Record<string, SQL.Aliased | SQL>>(viewerId: string | Placeholder, d = db(), extra = {} as E) {
	return d
		.select({ ...summaryColumns, ...extra })
		.from(threads)
		.innerJoin(categories, eq(categories.id, threads.categoryId))
		.innerJoin(users, eq(users.id, threads.authorId))
		.leftJoin(r, and(eq(r.threadId, threads.id), eq(r.userId, viewerId)));
}

/** The list's query in its four shapes (one category or all; first page or after a cursor), each prepared once. */
const threadListQuery = (inCategory: boolean, paged: boolean) =>
	prepared(`thread_list:${inCategory}:${paged}`, (d) =>
		baseSummaryQuery(sql.placeholder('viewer'), d)
			.where(
				and(
					threadListedSql(),
					eq(categories.archived, false),
					inCategory ? eq(threads.categoryId, sql.placeholder('category')) : undefined,
					paged
						? sql`(${threads.pinned}, ${threads.lastPostAt}, ${threads.id}) < (${sql.placeholder('pinned')}::boolean, (${sql.placeholder('at')}::timestamp at time zone 'UTC'), ${sql.placeholder('id')}::bigint)`
						: undefined
				)
			)
			.orderBy(desc(threads.pinned), desc(threads.lastPostAt), desc(threads.id))
			.limit(sql.placeholder('limit'))
			.prepare(`thread_list_${inCategory ? 'category' : 'all'}_${paged ? 'after' : 'first'}`)
	);

/**
 * Threads of one category (by slug) or of the whole group: pinned first, then
 * by latest activity. Keyset on (pinned, last_post_at, id), the order of the
 * partial indexes threads_category_list_idx and threads_list_idx.
 */
export async function listThreads(actor: Actor, raw: ListThreadsInput = {}): Promise<Page<ThreadSummary>> {
	const viewer = viewerOf(actor);
	const input = ListThreadsInput.parse(raw);
	const cursor = decodeCursor(input.cursor);
	let categoryId: number | undefined;
	if (input.category) {
		const [c] = await db()
			.select({ id: categories.id })
			.from(categories)
			.where(and(/^\d+$/.test(input.category) ? eq(categories.id, Number(input.category)) : eq(categories.slug, input.category), eq(categories.archived, false)));
		if (!c) throw new DomainError('not_found', 'error_category_not_found');
		categoryId = c.id;
	}
	let after: { pinned: boolean; at: string; id: number } | undefined;
	if (cursor) {
		const [pinned, at] = String(cursor.k).split('|');
		if ((pinned !== '0' && pinned !== '1') || !at || !/^\d+$/.test(cursor.id) || Number.isNaN(Date.parse(at.replace(' ', 'T') + 'Z')))
			throw cursorRefused();
		after = { pinned: pinned === '1', at, id: Number(cursor.id) };
	}
	const rows = await threadListQuery(categoryId !== undefined, after !== undefined).execute({
		viewer: viewer.id,
		category: categoryId ?? null,
		pinned: after?.pinned ?? null,
		at: after?.at ?? null,
		id: after?.id ?? null,
		limit: input.limit + 1
	});
	const items = rows.slice(0, input.limit);
	const last = items.at(-1);
	return {
		items: items.map(toSummary),
		nextCursor: rows.length > input.limit && last ? encodeCursor({ k: `${last.pinned ? 1 : 0}|${last.cursorAt}`, id: String(last.id) }) : null
	};
}

/** One thread the viewer may see, with their unread state and what they may do. */
/** One thread for its page, whether the viewer watches it included: one prepared statement per kind of viewer, on every thread page. */
const threadDetailQuery = (moderator: boolean) =>
	prepared(`thread_detail:${moderator}`, (d) =>
		baseSummaryQuery(sql.placeholder('viewer'), d, {
			watching: sql<boolean | null>`(select ${threadWatches.watching} from ${threadWatches} where ${threadWatches.threadId} = ${threads.id} and ${threadWatches.userId} = ${sql.placeholder('viewer')}::uuid)`
		})
			.where(and(eq(threads.id, sql.placeholder('thread')), threadVisibleSql({ id: sql.placeholder('viewer'), moderator })))
			.prepare(`thread_detail_${moderator ? 'moderator' : 'member'}`)
	);

export async function getThread(actor: Actor, threadId: number): Promise<ThreadDetail> {
	const viewer = viewerOf(actor);
	const [row] = await threadDetailQuery(viewer.moderator).execute({ thread: threadId, viewer: viewer.id });
	if (!row) throw new DomainError('not_found', 'error_thread_not_found');
	const summary = toSummary(row);
	const open = !row.locked && !row.categoryArchived && row.status !== 'removed' && row.status !== 'deleted';
	return {
		...summary,
		acceptedPostId: row.acceptedPostId,
		categoryArchived: row.categoryArchived,
		watching: row.watching ?? false,
		lastReadPostId: row.lastRead,
		slowModeSeconds: row.slowModeSeconds,
		slowModeReason: row.slowModeReason,
		can: {
			reply: open,
			accept: row.kind === 'question' && (row.authorId === viewer.id || viewer.moderator),
			watch: true,
			moderate: viewer.moderator
		}
	};
}

/** Throws not_found unless the viewer may see the thread; the live layer uses this to authorise thread rooms. */
export async function assertThreadVisible(actor: Actor, threadId: number): Promise<{ id: number; categoryId: number; status: ContentStatus }> {
	const viewer = viewerOf(actor);
	const [row] = await db()
		.select({ id: threads.id, categoryId: threads.categoryId, status: threads.status, authorId: threads.authorId })
		.from(threads)
		.where(eq(threads.id, threadId));
	if (!row || !threadVisible(viewer, row)) throw new DomainError('not_found', 'error_thread_not_found');
	return row;
}

/**
 * Starts a thread with its opening post. The post carries the thread's title
 * (posts.title), which is how the title becomes searchable. The starter
 * watches the thread and has read it; mentioned members are notified. The
 * same form sent again (same idempotency key) answers with the thread the
 * first one started.
 */
export async function createThread(actor: Actor, raw: CreateThreadInput): Promise<{ threadId: number; postId: number; categorySlug: string; status: ContentStatus }> {
	const viewer = viewerOf(actor);
	const input = CreateThreadInput.parse(raw);
	const key = input.idempotencyKey;
	const done = await submittedPost(viewer.id, key);
	if (done !== null) return startedThread(actor, done);
	const result = await transact(async (tx, emit) => {
		const category = await openCategory(tx, input.category);
		const admission = await admitPost(tx, viewer, { text: `${input.title}\n${input.body}` });
		if ('refused' in admission) return admission;
		const status: ContentStatus = admission.status;
		const now = new Date();
		const [thread] = await tx
			.insert(threads)
			.values({ categoryId: category.id, authorId: viewer.id, kind: input.kind, title: input.title, country: input.country ?? null, status, lastPostAt: now, createdAt: now })
			.returning({ id: threads.id });
		const mentions = await resolveMentions(tx, input.body, viewer.id);
		const bodyHtml = renderMarkdown(input.body, { mentions: mentions.handles });
		// The author's choice, else the language they use the platform in.
		const language = input.language ?? viewer.actor.user.language;
		const [post] = await tx
			.insert(posts)
			.values({ threadId: thread!.id, authorId: viewer.id, title: input.title, body: input.body, bodyHtml, language, status, createdAt: now })
			.returning({ id: posts.id, seq: posts.seq });
		// Claimed as soon as the post has its id: a concurrent second press waits here, then finds this one's thread.
		await claimSubmission(tx, viewer.id, key, post!.id);
		await tx.update(threads).set({ lastPostId: post!.id }).where(eq(threads.id, thread!.id));
		await tx.insert(threadWatches).values({ userId: viewer.id, threadId: thread!.id, watching: true }).onConflictDoNothing();
		await markReadTx(tx, emit, viewer.id, thread!.id, post!.id);
		await notifyAboutPost(tx, emit, post!.id, { mentioned: mentions.userIds, isReply: false });
		await afterAdmission(tx, emit, admission, { id: post!.id, authorId: viewer.id, threadId: thread!.id });
		const audience = audienceOf(status);
		emit({ type: 'thread.changed', change: 'created', threadId: thread!.id, categoryId: category.id, authorId: viewer.id, audience });
		const { group } = newPostViews(viewer, {
			id: post!.id,
			threadId: thread!.id,
			authorId: viewer.id,
			authorName: viewer.actor.user.displayName,
			authorHandle: viewer.actor.user.handle,
			title: input.title,
			body: input.body,
			bodyHtml,
			language,
			quotePostId: null,
			status,
			seq: post!.seq,
			createdAt: now,
			threadKind: input.kind,
			threadAuthorId: viewer.id,
			threadStatus: status,
			acceptedPostId: null,
			locked: false,
			archived: false
		});
		emit({ type: 'post.changed', change: 'created', threadId: thread!.id, categoryId: category.id, postId: post!.id, seq: post!.seq, authorId: viewer.id, audience, group });
		return { threadId: thread!.id, postId: post!.id, categorySlug: category.slug, status };
	}).catch((err: unknown) => {
		if (err instanceof AlreadySubmitted) return { again: err.postId };
		throw err;
	});
	if ('again' in result) return startedThread(actor, result.again);
	if ('refused' in result) throw result.refused;
	return result;
}

/** The thread an earlier submission of the same form started, as createThread answered it then. */
async function startedThread(actor: Actor, postId: number): Promise<{ threadId: number; postId: number; categorySlug: string; status: ContentStatus }> {
	const view = await sameSubmission(actor, postId);
	const [row] = await db()
		.select({ slug: categories.slug })
		.from(threads)
		.innerJoin(categories, eq(categories.id, threads.categoryId))
		.where(eq(threads.id, view.threadId));
	return { threadId: view.threadId, postId, categorySlug: row!.slug, status: view.status };
}

/**
 * Marks a reply as the accepted answer of a question (postId null takes the
 * mark away). Only the asker or a moderator; only a visible reply of the same
 * question. The answer's author is notified. Both the newly and the formerly
 * accepted post take a new change number, so live pages and catch-up see it.
 */
export async function acceptAnswer(actor: Actor, threadId: number, raw: AcceptInput): Promise<{ acceptedPostId: number | null }> {
	const viewer = viewerOf(actor);
	const { postId } = AcceptInput.parse(raw);
	return transact(async (tx, emit) => {
		const [thread] = await tx
			.select({ id: threads.id, kind: threads.kind, authorId: threads.authorId, status: threads.status, categoryId: threads.categoryId, acceptedPostId: threads.acceptedPostId })
			.from(threads)
			.where(eq(threads.id, threadId))
			.for('no key update');
		if (!thread || !threadVisible(viewer, thread)) throw new DomainError('not_found', 'error_thread_not_found');
		if (thread.kind !== 'question') throw new DomainError('conflict', 'error_not_a_question');
		if (thread.authorId !== viewer.id && !viewer.moderator) throw new DomainError('forbidden', 'error_accept_not_allowed');
		let answer: { id: number; authorId: string; title: string | null } | undefined;
		if (postId !== null) {
			[answer] = await tx
				.select({ id: posts.id, authorId: posts.authorId, title: posts.title })
				.from(posts)
				.where(and(eq(posts.id, postId), eq(posts.threadId, threadId), eq(posts.status, 'visible')));
			if (!answer) throw new DomainError('not_found', 'error_post_not_found');
			if (answer.title !== null) throw new DomainError('conflict', 'error_accept_opening');
		}
		if (thread.acceptedPostId === postId) return { acceptedPostId: postId };
		await tx.update(threads).set({ acceptedPostId: postId }).where(eq(threads.id, threadId));
		const touched = [thread.acceptedPostId, postId].filter((id): id is number => id !== null);
		for (const id of touched) {
			const [p] = await tx
				.update(posts)
				.set({ seq: sql`nextval('post_change_seq')` })
				.where(eq(posts.id, id))
				.returning({ id: posts.id, seq: posts.seq, authorId: posts.authorId, status: posts.status });
			if (p)
				emit({ type: 'post.changed', change: 'edited', threadId, categoryId: thread.categoryId, postId: p.id, seq: p.seq, authorId: p.authorId, audience: audienceOf(p.status) });
		}
		if (answer && thread.status === 'visible')
			await notify(tx, emit, [{ userId: answer.authorId, kind: 'answer_accepted', threadId, postId: answer.id, actorId: viewer.id }]);
		emit({ type: 'thread.changed', change: 'updated', threadId, categoryId: thread.categoryId, authorId: thread.authorId, audience: audienceOf(thread.status) });
		return { acceptedPostId: postId };
	});
}

/** Watch or stop watching a thread (replies in watched threads are notified). */
export async function setWatching(actor: Actor, threadId: number, watching: boolean): Promise<{ watching: boolean }> {
	const viewer = viewerOf(actor);
	await assertThreadVisible(actor, threadId);
	await db()
		.insert(threadWatches)
		.values({ userId: viewer.id, threadId, watching })
		.onConflictDoUpdate({ target: [threadWatches.userId, threadWatches.threadId], set: { watching } });
	return { watching };
}

export type { Viewer };

/** A thread's state as the live layer tells open pages of it (no content, so the same for everyone in the room). */
export async function threadState(threadId: number): Promise<ThreadChange | null> {
	const [t] = await db()
		.select({ locked: threads.locked, pinned: threads.pinned, categoryId: threads.categoryId, slowModeSeconds: threads.slowModeSeconds, status: threads.status })
		.from(threads)
		.where(eq(threads.id, threadId));
	return t ? { threadId, locked: t.locked, pinned: t.pinned, categoryId: t.categoryId, slowModeSeconds: t.slowModeSeconds, visible: t.status === 'visible' } : null;
}
