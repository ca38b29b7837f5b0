import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { alias } from 'drizzle-orm/pg-core';
import { db, prepared, transact } from '../runtime';
import { rowsOf, type Tx } from '../db';
import { categories, modCases, postRevisions, posts, reactions, threads, threadWatches, users } from '../db/schema';
import { REACTIONS, type ContentStatus, type PostChange, type PostPage, type PostView, type Reaction, type Revision, type ThreadDetail, type WithheldOwnPost } from '../../shared/discussion';
import { DomainError } from '../errors';
import type { Actor } from '../auth/actor';
import { plainText, renderMarkdown } from './markdown';
import { resolveMentions } from './mentions';
import { notifyAboutPost, queueReplyNotifications, sendQueuedNotifications } from './notifications';
import { markReadTx } from './reads';
import { AlreadySubmitted, claimSubmission, submittedPost } from './submissions';
import { lockPost } from './post-state';
import { ChangesInput, EditPostInput, ListPostsInput, ReactInput, ReplyInput } from './schemas';
import { admitPost, afterAdmission, assertNotMuted, checkEdit } from '../moderation/posting';
import {
	audienceOf,
	isPublic,
	postContentShown,
	postHasPlace,
	postPlaceSql,
	qualified,
	reasonShown,
	threadVisible,
	threadVisibleSql,
	viewerOf,
	type Viewer
} from './visibility';

export const initialsOf = (name: string): string =>
	name
		.split(/\s+/)
		.filter((w) => w && w[0] === w[0]!.toUpperCase() && /\p{L}/u.test(w[0]!))
		.map((w) => w[0])
		.filter((_, i, all) => i === 0 || i === all.length - 1)
		.join('')
		.toUpperCase() || name.slice(0, 1).toUpperCase();

const rowColumns = {
	id: posts.id,
	threadId: posts.threadId,
	authorId: posts.authorId,
	authorName: users.displayName,
	authorHandle: users.handle,
	title: posts.title,
	body: posts.body,
	bodyHtml: posts.bodyHtml,
	language: posts.language,
	quotePostId: posts.quotePostId,
	status: posts.status,
	statusReason: posts.statusReason,
	seq: posts.seq,
	createdAt: posts.createdAt,
	editedAt: posts.editedAt,
	threadKind: threads.kind,
	threadAuthorId: threads.authorId,
	threadStatus: threads.status,
	acceptedPostId: threads.acceptedPostId,
	locked: threads.locked,
	archived: categories.archived,
	revisionCount: sql<number>`(select count(*)::int from post_revisions pr where pr.post_id = ${qualified(posts.id)})`
};
export type PostRow = Awaited<ReturnType<typeof selectRows>>[number];

function selectRows(d = db()) {
	return d
		.select(rowColumns)
		.from(posts)
		.innerJoin(threads, eq(threads.id, posts.threadId))
		.innerJoin(categories, eq(categories.id, threads.categoryId))
		.innerJoin(users, eq(users.id, posts.authorId));
}

interface ReactionCount {
	postId: number;
	kind: Reaction;
	count: number;
	mine: boolean;
}
interface QuotedPost {
	id: number;
	threadId: number;
	status: ContentStatus;
	authorId: string;
	authorName: string;
	bodyHtml: string;
}
const quoteAuthor = alias(users, 'qa');
const quotedColumns = { id: posts.id, threadId: posts.threadId, status: posts.status, authorId: posts.authorId, authorName: quoteAuthor.displayName, bodyHtml: posts.bodyHtml };
const selectQuoted = (q: Tx | ReturnType<typeof db>, ids: number[]) =>
	q.select(quotedColumns).from(posts).innerJoin(quoteAuthor, eq(quoteAuthor.id, posts.authorId)).where(inArray(posts.id, ids));

/** Turns rows into what the viewer may see: reactions, quotes and permissions filled in. */
async function buildViews(viewer: Viewer, rows: PostRow[]): Promise<PostView[]> {
	if (rows.length === 0) return [];
	const { counts, quotes } = await extrasOf(viewer, rows);
	return rows.map((r) => toView(viewer, r, counts, quotes));
}

/** The reactions and quoted posts of these rows: two independent reads, sent together. */
async function extrasOf(viewer: Viewer, rows: PostRow[]) {
	const ids = rows.map((r) => r.id);
	const quoteIds = [...new Set(rows.map((r) => r.quotePostId).filter((id): id is number => id !== null))];
	const [counts, quoted] = await Promise.all([
		prepared('reaction_counts', (d) =>
			d
				.select({
					postId: reactions.postId,
					kind: reactions.kind,
					count: sql<number>`count(*)::int`,
					// As text: an anonymous view (groupPostChange) has no user id.
					mine: sql<boolean>`bool_or(${reactions.userId}::text = ${sql.placeholder('viewer')})`
				})
				.from(reactions)
				.where(sql`${reactions.postId} = any(${sql.placeholder('ids')}::bigint[])`)
				.groupBy(reactions.postId, reactions.kind)
				.prepare('reaction_counts')
		).execute({ viewer: viewer.id, ids }),
		quoteIds.length ? selectQuoted(db(), quoteIds) : []
	]);
	return { counts, quotes: new Map(quoted.map((q) => [q.id, q])) };
}

/** One row as the viewer may see it, from what is already in hand: no queries. */
function toView(viewer: Viewer, r: PostRow, counts: readonly ReactionCount[], quotes: ReadonlyMap<number, QuotedPost>): PostView {
	const shown = postContentShown(viewer, r);
	const mine = r.authorId === viewer.id;
	const open = !r.locked && !r.archived && r.threadStatus !== 'removed';
	const q = r.quotePostId !== null ? quotes.get(r.quotePostId) : undefined;
	const quote =
		q && q.threadId === r.threadId && postHasPlace(viewer, q)
			? { postId: q.id, authorName: q.authorName, excerpt: postContentShown(viewer, q) ? plainText(q.bodyHtml) : null }
			: null;
	const isOpening = r.title !== null;
	return {
		id: r.id,
		threadId: r.threadId,
		seq: r.seq,
		author: { id: r.authorId, displayName: r.authorName, handle: r.authorHandle, initials: initialsOf(r.authorName) },
		status: r.status,
		statusReason: reasonShown(viewer, r) ? r.statusReason : null,
		html: shown ? r.bodyHtml : null,
		language: r.language,
		source: shown && (mine || viewer.moderator) ? r.body : null,
		title: r.title,
		isOpening,
		createdAt: r.createdAt,
		editedAt: r.editedAt,
		revisionCount: shown ? r.revisionCount : 0,
		quote,
		reactions: REACTIONS.map((kind) => {
			const c = counts.find((x) => x.postId === r.id && x.kind === kind);
			return { kind, count: c?.count ?? 0, mine: c?.mine ?? false };
		}),
		accepted: r.acceptedPostId === r.id,
		mine,
		can: {
			// A held post is not edited while it waits: the moderator approves the text they read.
			edit: mine && r.status === 'visible',
			delete: mine && (r.status === 'visible' || r.status === 'held'),
			react: r.status === 'visible' && !r.archived,
			quote: r.status === 'visible' && open,
			accept:
				r.threadKind === 'question' && !isOpening && r.status === 'visible' && (r.threadAuthorId === viewer.id || viewer.moderator)
		}
	};
}

/** Anyone who is an ordinary member: the view broadcast to a whole thread room. */
const anyMember: Viewer = { id: '', moderator: false };

const withheldFromMembers = (row: PostRow) =>
	!threadVisible(anyMember, { status: row.threadStatus, authorId: row.threadAuthorId }) || !postHasPlace(anyMember, row);

/** The post as any member sees it, or a bare `withheld` marker when members may not see it. */
function groupChangeOf(row: PostRow, counts: readonly ReactionCount[], quotes: ReadonlyMap<number, QuotedPost>): PostChange {
	if (withheldFromMembers(row)) return { id: row.id, threadId: row.threadId, seq: row.seq, withheld: true };
	return { ...toView(anyMember, row, counts, quotes), withheld: false };
}

/**
 * A post just written, from what its writer has in hand (no reactions, no
 * revisions yet): as the writer sees it, and as any member sees it for the
 * broadcast, which then goes out the moment the write commits.
 */
export function newPostViews(viewer: Viewer, row: Omit<PostRow, 'revisionCount' | 'editedAt' | 'statusReason'>, quoted: readonly QuotedPost[] = []) {
	const full: PostRow = { ...row, statusReason: null, editedAt: null, revisionCount: 0 };
	const quotes = new Map(quoted.map((q) => [q.id, q]));
	return { own: toView(viewer, full, [], quotes), group: groupChangeOf(full, [], quotes) };
}

async function visibleThread(viewer: Viewer, threadId: number) {
	const [t] = await prepared(`visible_thread:${viewer.moderator}`, (d) =>
		d
			.select({ id: threads.id, status: threads.status, authorId: threads.authorId })
			.from(threads)
			.where(and(eq(threads.id, sql.placeholder('thread')), threadVisibleSql({ id: sql.placeholder('viewer'), moderator: viewer.moderator })))
			.prepare(`visible_thread_${viewer.moderator ? 'moderator' : 'member'}`)
	).execute({ thread: threadId, viewer: viewer.id });
	if (!t) throw new DomainError('not_found', 'error_thread_not_found');
	return t;
}

/**
 * A page of a thread's posts, oldest first, keyset on id: from the start,
 * `after` an id, `from` an id (inclusive: where "first unread" lands), or the
 * page `before` an id. Deleted posts keep their place; withheld ones appear
 * only to their author and moderators.
 */
export async function listPosts(actor: Actor, threadId: number, raw: ListPostsInput = {}): Promise<PostPage> {
	const viewer = viewerOf(actor);
	const input = ListPostsInput.parse(raw);
	await visibleThread(viewer, threadId);
	return postsOf(viewer, threadId, input);
}

/**
 * A page of posts of a thread the viewer was just shown by getThread (which decides whether they may see
 * it): the thread page asks once, not twice. `shown` is that answer, so no caller can skip the question.
 */
export async function postsOfShownThread(actor: Actor, shown: ThreadDetail, raw: ListPostsInput = {}): Promise<PostPage> {
	return postsOf(viewerOf(actor), shown.id, ListPostsInput.parse(raw));
}

async function postsOf(viewer: Viewer, threadId: number, input: z.output<typeof ListPostsInput>): Promise<PostPage> {
	const base = and(eq(posts.threadId, threadId), postPlaceSql(viewer));
	const page = (mode: PageMode, at: number | null) =>
		postPageQuery(viewer.moderator, mode).execute({ thread: threadId, viewer: viewer.id, at, limit: input.limit + 1 });
	let rows: PostRow[];
	if (input.before !== undefined || input.to !== undefined) {
		const to = input.to !== undefined;
		rows = (await page(to ? 'to' : 'before', input.to ?? input.before!)).reverse();
		const hasEarlier = rows.length > input.limit;
		if (hasEarlier) rows = rows.slice(1);
		let later = rows.at(-1)?.id ?? null;
		// A page that ends with a given post is often the thread's last: then there is no page after it.
		if (to && later !== null) {
			const [after] = await db().select({ id: posts.id }).from(posts).where(and(base, gt(posts.id, later))).limit(1);
			if (!after) later = null;
		}
		return { items: await buildViews(viewer, rows), earlier: hasEarlier ? rows[0]!.id : null, later };
	}
	const mode = input.from !== undefined ? 'from' : input.after !== undefined ? 'after' : 'first';
	rows = await page(mode, input.from ?? input.after ?? null);
	const hasLater = rows.length > input.limit;
	rows = rows.slice(0, input.limit);
	let earlier: number | null = null;
	if (mode !== 'first' && rows.length) {
		const [before] = await db()
			.select({ id: posts.id })
			.from(posts)
			.where(and(base, lt(posts.id, rows[0]!.id)))
			.limit(1);
		if (before) earlier = rows[0]!.id;
	}
	return { items: await buildViews(viewer, rows), earlier, later: hasLater ? rows.at(-1)!.id : null };
}

type PageMode = 'before' | 'to' | 'from' | 'after' | 'first';
const backwards = (mode: PageMode) => mode === 'before' || mode === 'to';

/** A page of a thread's posts in its shapes (moderator or member; where the page starts), each prepared once. */
const postPageQuery = (moderator: boolean, mode: PageMode) =>
	prepared(`post_page:${moderator}:${mode}`, (d) => {
		const at = sql.placeholder('at');
		const bound = { before: lt, to: lte, from: gte, after: gt, first: undefined }[mode];
		return selectRows(d)
			.where(and(eq(posts.threadId, sql.placeholder('thread')), postPlaceSql({ id: sql.placeholder('viewer'), moderator }), bound?.(posts.id, at)))
			.orderBy(backwards(mode) ? desc(posts.id) : asc(posts.id))
			.limit(sql.placeholder('limit'))
			.prepare(`post_page_${moderator ? 'moderator' : 'member'}_${mode}`);
	});

/** One post as the viewer may see it, or null when it has no place for them. The live layer's view function. */
export async function getPostView(actor: Actor, postId: number): Promise<PostView | null> {
	const viewer = viewerOf(actor);
	const [row] = await selectRows().where(eq(posts.id, postId));
	if (!row || !threadVisible(viewer, { status: row.threadStatus, authorId: row.threadAuthorId }) || !postHasPlace(viewer, row)) return null;
	return (await buildViews(viewer, [row]))[0]!;
}

/**
 * The posts of a thread that changed after `seq`, in seq order: what a live
 * page missed while disconnected. A post the viewer may not (any longer) see
 * comes as a `withheld` marker, so the page can drop it. At most `limit`
 * (default 200): ask again from the last seq when that many came back.
 */
export async function changesSince(actor: Actor, threadId: number, seq: number, limit = 200): Promise<PostChange[]> {
	const viewer = viewerOf(actor);
	const input = ChangesInput.parse({ since: seq, limit });
	await visibleThread(viewer, threadId);
	const rows = await selectRows()
		.where(and(eq(posts.threadId, threadId), gt(posts.seq, input.since)))
		.orderBy(asc(posts.seq))
		.limit(input.limit);
	const placed = rows.filter((r) => postHasPlace(viewer, r));
	const views = new Map((await buildViews(viewer, placed)).map((v) => [v.id, v]));
	return rows.map((r): PostChange => {
		const v = views.get(r.id);
		return v ? { ...v, withheld: false } : { id: r.id, threadId: r.threadId, seq: r.seq, withheld: true };
	});
}

/** Earlier versions of posts the viewer may read, newest first, by post id. */
export async function revisionsOf(actor: Actor, postIds: number[]): Promise<Map<number, Revision[]>> {
	const viewer = viewerOf(actor);
	const out = new Map<number, Revision[]>();
	if (postIds.length === 0) return out;
	const rows = await db()
		.select({
			id: postRevisions.id,
			postId: postRevisions.postId,
			body: postRevisions.body,
			title: postRevisions.title,
			editedAt: postRevisions.editedAt,
			status: posts.status,
			authorId: posts.authorId,
			threadStatus: threads.status,
			threadAuthorId: threads.authorId
		})
		.from(postRevisions)
		.innerJoin(posts, eq(posts.id, postRevisions.postId))
		.innerJoin(threads, eq(threads.id, posts.threadId))
		.where(inArray(postRevisions.postId, postIds.slice(0, 200)))
		.orderBy(desc(postRevisions.id));
	for (const r of rows) {
		if (!postContentShown(viewer, r) || !threadVisible(viewer, { status: r.threadStatus, authorId: r.threadAuthorId })) continue;
		const list = out.get(r.postId) ?? [];
		list.push({ id: r.id, html: renderMarkdown(r.body), title: r.title, editedAt: r.editedAt });
		out.set(r.postId, list);
	}
	return out;
}

/**
 * Replies to a thread, optionally quoting one of its posts. Refused in a
 * locked thread or an archived category. The writer watches the thread
 * (unless they unwatched it) and has read it up to their reply; watchers and
 * mentioned members are notified right after it is committed. A reply sent
 * again with the same idempotency key answers with the post the first made.
 */
export async function reply(actor: Actor, threadId: number, raw: ReplyInput): Promise<PostView> {
	const viewer = viewerOf(actor);
	const input = ReplyInput.parse(raw);
	const me = viewer.actor.user;
	const key = input.idempotencyKey;
	const result = await transact(async (tx, emit) => {
		// Everything up to the write goes in one round trip: postgres.js pipelines the statements on the transaction's
		// connection, in the order they are started. The thread is locked first, so replies to one thread are written
		// (and numbered) one at a time; the admission locks the member next (the same order as every other writer).
		// The new post's id is drawn now, so that everything written about it can go together with the post itself.
		// A second submission of the same form waits for the thread lock, so it finds the first one's post here.
		const [[thread], earlier, quoted, mentions, [next], admitted] = await Promise.all([
			tx
				.select({
					status: threads.status,
					authorId: threads.authorId,
					kind: threads.kind,
					acceptedPostId: threads.acceptedPostId,
					locked: threads.locked,
					categoryId: threads.categoryId,
					archived: categories.archived
				})
				.from(threads)
				.innerJoin(categories, eq(categories.id, threads.categoryId))
				.where(eq(threads.id, threadId))
				.for('no key update', { of: threads })
				.execute(),
			submittedPost(viewer.id, key, tx),
			input.quotePostId !== undefined ? selectQuoted(tx, [input.quotePostId]).execute() : [],
			resolveMentions(tx, input.body, viewer.id),
			rowsOf<{ id: string }>(tx, sql`select nextval(pg_get_serial_sequence('posts', 'id')) as id`),
			// Settled, not thrown: a thread the member may not see answers 404 before anything about them.
			admitPost(tx, viewer, { text: input.body, threadId }).then(
				(admission) => ({ admission }),
				(error: unknown) => ({ error })
			)
		]);
		if (!thread || !threadVisible(viewer, thread)) throw new DomainError('not_found', 'error_thread_not_found');
		if (earlier !== null) throw new AlreadySubmitted(earlier);
		if (thread.locked || thread.status === 'removed') throw new DomainError('conflict', 'error_thread_locked');
		if (thread.archived) throw new DomainError('conflict', 'error_category_archived');
		const q = quoted[0];
		if (input.quotePostId !== undefined && (!q || q.threadId !== threadId || !postContentShown(viewer, q)))
			throw new DomainError('not_found', 'error_quote_not_found', { field: 'quotePostId' });
		if ('error' in admitted) throw admitted.error;
		const { admission } = admitted;
		if ('refused' in admission) return admission;
		const status: ContentStatus = admission.status;
		const now = new Date();
		const postId = Number(next!.id);
		// Only what every member may see is notified; a held reply is, once approved.
		const notified = isPublic({ status }, thread, thread);
		const bodyHtml = renderMarkdown(input.body, { mentions: mentions.handles });
		// The author's choice, else the language they use the platform in.
		const language = input.language ?? viewer.actor.user.language;
		// The post and everything written about it, in one round trip; the post is started first, so the rows that
		// refer to it (notifications, a moderation case) follow it on the connection.
		const [[post]] = await Promise.all([
			tx
				.insert(posts)
				.overridingSystemValue()
				.values({ id: postId, threadId, authorId: viewer.id, body: input.body, bodyHtml, language, quotePostId: input.quotePostId ?? null, status, createdAt: now })
				.returning({ seq: posts.seq })
				.execute(),
			status === 'visible' &&
				tx
					.update(threads)
					.set({ lastPostId: postId, lastPostAt: now, replyCount: sql`${threads.replyCount} + 1` })
					.where(eq(threads.id, threadId))
					.execute(),
			tx.insert(threadWatches).values({ userId: viewer.id, threadId, watching: true }).onConflictDoNothing().execute(),
			markReadTx(tx, emit, viewer.id, threadId, postId),
			afterAdmission(tx, emit, admission, { id: postId, authorId: viewer.id, threadId }),
			notified && queueReplyNotifications(tx, postId, mentions.userIds),
			claimSubmission(tx, viewer.id, key, postId)
		]);
		// Everything a view needs is in hand: neither the answer nor the broadcast reads the post back.
		const views = newPostViews(
			viewer,
			{
				id: postId,
				threadId,
				authorId: viewer.id,
				authorName: me.displayName,
				authorHandle: me.handle,
				title: null,
				body: input.body,
				bodyHtml,
				language,
				quotePostId: input.quotePostId ?? null,
				status,
				seq: post!.seq,
				createdAt: now,
				threadKind: thread.kind,
				threadAuthorId: thread.authorId,
				threadStatus: thread.status,
				acceptedPostId: thread.acceptedPostId,
				locked: thread.locked,
				archived: thread.archived
			},
			quoted
		);
		// In a thread members cannot see (held, hidden), even a visible reply is news for no one else.
		const audience = thread.status === 'visible' ? audienceOf(status) : 'author';
		emit({
			type: 'post.changed',
			change: 'created',
			threadId,
			categoryId: thread.categoryId,
			postId,
			seq: post!.seq,
			authorId: viewer.id,
			audience,
			group: views.group
		});
		if (status === 'visible')
			emit({ type: 'thread.changed', change: 'updated', threadId, categoryId: thread.categoryId, authorId: thread.authorId, audience: audienceOf(thread.status) });
		return { view: views.own, notified };
	}).catch(async (err: unknown) => {
		if (!(err instanceof AlreadySubmitted)) throw err;
		return { again: err.postId };
	});
	if ('again' in result) return sameSubmission(actor, result.again);
	if ('refused' in result) throw result.refused;
	// Watchers and mentioned members are told once the reply is committed (and broadcast): one row per watcher,
	// so a reply in a thread many watch would otherwise wait on all of them. notifyAboutPost reads the post
	// again, so one withheld in between is not announced.
	if (result.notified)
		await sendQueuedNotifications(result.view.id).catch((err: unknown) => {
			// The reply stands (answering 500 would only invite the writer to post it again); the queued
			// notifications stay queued, and the background worker sends them.
			console.error(`notifying about post ${result.view.id} failed; left for the background worker`, err);
		});
	return result.view;
}

/** The post an earlier submission of the same form made, as the writer sees it now. */
export async function sameSubmission(actor: Actor, postId: number): Promise<PostView> {
	const view = await getPostView(actor, postId);
	if (!view) throw new DomainError('conflict', 'error_post_not_found');
	return view;
}

async function ownPostForChange(tx: Tx, viewer: Viewer, postId: number) {
	const post = await lockPost(tx, postId);
	if (!threadVisible(viewer, { status: post.threadStatus, authorId: post.threadAuthorId }) || !postHasPlace(viewer, post))
		throw new DomainError('not_found', 'error_post_not_found');
	if (post.authorId !== viewer.id) throw new DomainError('forbidden', 'error_not_your_post');
	if (post.status === 'deleted') throw new DomainError('conflict', 'error_post_deleted');
	if (post.status !== 'visible' && post.status !== 'held') throw new DomainError('conflict', 'error_post_withheld');
	return post;
}

/**
 * The author edits their post. The text before the edit is kept in
 * post_revisions and the post shows "edited". A new title on the opening post
 * renames the thread. Newly mentioned members are notified.
 */
export async function editPost(actor: Actor, postId: number, raw: EditPostInput): Promise<PostView> {
	const viewer = viewerOf(actor);
	const input = EditPostInput.parse(raw);
	const refused = await transact(async (tx, emit) => {
		const post = await ownPostForChange(tx, viewer, postId);
		if (post.status === 'held') throw new DomainError('conflict', 'error_post_waiting');
		const newTitle = post.title !== null && input.title !== undefined ? input.title : post.title;
		if (input.body === post.body && newTitle === post.title) return;
		const checked = await checkEdit(tx, emit, viewer, post, `${newTitle ?? ''}\n${input.body}`);
		if (checked) return checked;
		await tx.insert(postRevisions).values({ postId, body: post.body, title: post.title, editedBy: viewer.id });
		const mentions = await resolveMentions(tx, input.body, viewer.id);
		const [updated] = await tx
			.update(posts)
			.set({
				body: input.body,
				title: newTitle,
				bodyHtml: renderMarkdown(input.body, { mentions: mentions.handles }),
				editedAt: new Date(),
				seq: sql`nextval('post_change_seq')`
			})
			.where(eq(posts.id, postId))
			.returning({ seq: posts.seq, status: posts.status });
		if (newTitle !== post.title && newTitle !== null) {
			await tx.update(threads).set({ title: newTitle }).where(eq(threads.id, post.threadId));
			emit({ type: 'thread.changed', change: 'updated', threadId: post.threadId, categoryId: post.categoryId, authorId: post.threadAuthorId, audience: audienceOf(post.threadStatus) });
		}
		await notifyAboutPost(tx, emit, postId, { mentioned: mentions.userIds, isReply: false });
		emit({ type: 'post.changed', change: 'edited', threadId: post.threadId, categoryId: post.categoryId, postId, seq: updated!.seq, authorId: viewer.id, audience: audienceOf(updated!.status) });
	});
	if (refused) throw refused.refused;
	return (await getPostView(actor, postId))!;
}

/**
 * The author takes their post back. Its place stays ("removed by author"),
 * its text is never shown again; if it was the accepted answer, the question
 * is open again.
 */
export async function deletePost(actor: Actor, postId: number): Promise<PostView | null> {
	const viewer = viewerOf(actor);
	const withdrawn = await transact(async (tx, emit) => {
		const post = await ownPostForChange(tx, viewer, postId);
		if (post.status === 'held') {
			// Nobody else ever saw it: it goes without a trace in the thread (a held opening post takes its thread along).
			const [c] = await tx.select({ id: modCases.id }).from(modCases).where(and(eq(modCases.postId, postId), isNull(modCases.resolvedAt)));
			if (post.isOpening) await tx.delete(threads).where(eq(threads.id, post.threadId));
			else await tx.delete(posts).where(eq(posts.id, postId));
			if (c) emit({ type: 'moderation.case', caseId: c.id, change: 'resolved' });
			return true;
		}
		const [updated] = await tx
			.update(posts)
			.set({ status: 'deleted', seq: sql`nextval('post_change_seq')` })
			.where(eq(posts.id, postId))
			.returning({ seq: posts.seq });
		const unaccepted = await tx
			.update(threads)
			.set({ acceptedPostId: null })
			.where(and(eq(threads.id, post.threadId), eq(threads.acceptedPostId, postId)))
			.returning({ id: threads.id });
		emit({ type: 'post.changed', change: 'deleted', threadId: post.threadId, categoryId: post.categoryId, postId, seq: updated!.seq, authorId: viewer.id, audience: 'group' });
		if (unaccepted.length)
			emit({ type: 'thread.changed', change: 'updated', threadId: post.threadId, categoryId: post.categoryId, authorId: post.threadAuthorId, audience: audienceOf(post.threadStatus) });
		return false;
	});
	return withdrawn ? null : (await getPostView(actor, postId))!;
}

/** Adds the viewer's reaction of that kind, or takes it away if it was there. */
export async function toggleReaction(actor: Actor, postId: number, raw: ReactInput): Promise<PostView> {
	const viewer = viewerOf(actor);
	const { kind } = ReactInput.parse(raw);
	await transact(async (tx, emit) => {
		const [post] = await tx
			.select({
				id: posts.id,
				threadId: posts.threadId,
				authorId: posts.authorId,
				status: posts.status,
				categoryId: threads.categoryId,
				threadStatus: threads.status,
				threadAuthorId: threads.authorId,
				archived: categories.archived
			})
			.from(posts)
			.innerJoin(threads, eq(threads.id, posts.threadId))
			.innerJoin(categories, eq(categories.id, threads.categoryId))
			.where(eq(posts.id, postId))
			.for('no key update', { of: posts });
		if (!post || !threadVisible(viewer, { status: post.threadStatus, authorId: post.threadAuthorId }) || !postHasPlace(viewer, post))
			throw new DomainError('not_found', 'error_post_not_found');
		if (post.status !== 'visible' || post.archived) throw new DomainError('conflict', 'error_cannot_react');
		await assertNotMuted(tx, viewer);
		const removed = await tx
			.delete(reactions)
			.where(and(eq(reactions.postId, postId), eq(reactions.userId, viewer.id), eq(reactions.kind, kind)))
			.returning({ postId: reactions.postId });
		if (removed.length === 0) await tx.insert(reactions).values({ postId, userId: viewer.id, kind }).onConflictDoNothing();
		const [updated] = await tx.update(posts).set({ seq: sql`nextval('post_change_seq')` }).where(eq(posts.id, postId)).returning({ seq: posts.seq });
		emit({ type: 'post.changed', change: 'reactions', threadId: post.threadId, categoryId: post.categoryId, postId, seq: updated!.seq, authorId: post.authorId, audience: 'group' });
	});
	return (await getPostView(actor, postId))!;
}

/**
 * A post as any ordinary member sees it, for broadcasting one change to a
 * whole thread room: no one's own flags, and a `withheld` marker when members
 * may not see it (held, hidden, removed), so open views drop it.
 */
export async function groupPostChange(postId: number): Promise<PostChange | null> {
	const [row] = await selectRows().where(eq(posts.id, postId));
	if (!row) return null;
	if (withheldFromMembers(row)) return groupChangeOf(row, [], new Map());
	const { counts, quotes } = await extrasOf(anyMember, [row]);
	return groupChangeOf(row, counts, quotes);
}

/** My own posts that others cannot see now (waiting, hidden, removed), newest first: so I can find them again. */
export async function myWithheldPosts(actor: Actor, limit = 20): Promise<WithheldOwnPost[]> {
	const viewer = viewerOf(actor);
	const rows = await db()
		.select({ postId: posts.id, threadId: posts.threadId, threadTitle: threads.title, status: posts.status, reason: posts.statusReason, createdAt: posts.createdAt })
		.from(posts)
		.innerJoin(threads, eq(threads.id, posts.threadId))
		.where(and(eq(posts.authorId, viewer.id), inArray(posts.status, ['held', 'hidden', 'removed'])))
		.orderBy(desc(posts.id))
		.limit(limit);
	return rows;
}
