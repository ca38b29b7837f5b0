import { and, desc, eq, inArray, isNull, lt, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db';
import { db, transact } from '../runtime';
import { categories, notifications, pendingNotifications, posts, profiles, threads, threadWatches, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { idCursor, toIdPage, type Page } from '../paging';
import { translate } from '../../i18n/translate';
import { enqueueEmail, siteUrl } from '../email/outbox';
import type { Language } from '../../shared/roles';
import { isPublic, participantSql, qualified, threadVisible, viewerOf } from './visibility';
import type { ContentStatus } from '../../shared/discussion';
import { NOTIFICATION_HREF, type NotificationKind, type NotificationView } from '../../shared/notifications';
import { ListNotificationsInput } from './schemas';
import type { Emit } from '../notifications/notify';

/** Who wrote a post, in which thread, and whether every member may see it. */
async function postFacts(tx: Tx, postId: number): Promise<{ threadId: number; authorId: string; public: boolean } | undefined> {
	const [row] = await tx
		.select({ threadId: posts.threadId, authorId: posts.authorId, status: posts.status, threadStatus: threads.status, archived: categories.archived })
		.from(posts)
		.innerJoin(threads, eq(threads.id, posts.threadId))
		.innerJoin(categories, eq(categories.id, threads.categoryId))
		.where(eq(posts.id, postId));
	return row && { threadId: row.threadId, authorId: row.authorId, public: isPublic({ status: row.status }, { status: row.threadStatus }, { archived: row.archived }) };
}

/**
 * After a post was written (or edited, or approved): tell the people it
 * concerns. Only content every member may see is ever notified about, and
 * only to active members of the group; never to its writer.
 *
 * - mentioned members get a 'mention';
 * - on a reply, everyone watching the thread (its starter and repliers watch
 *   automatically, unless they unwatched) gets a 'reply', unless mentioned.
 */
export async function notifyAboutPost(
	tx: Tx,
	emit: Emit,
	postId: number,
	options: { mentioned: string[]; isReply: boolean }
): Promise<void> {
	const post = await postFacts(tx, postId);
	if (!post || !post.public) return;

	const mentioned = options.mentioned.filter((id) => id !== post.authorId);
	// Each recipient list is read and written in one statement (insert … select), and the two go together:
	// one round trip for the whole fan-in, however many watch the thread.
	const insertFor = (kind: NotificationKind, userId: SQL, from: SQL, where: SQL) =>
		rowsOf<{ id: number; user_id: string }>(
			tx,
			sql`insert into notifications (user_id, kind, thread_id, post_id, actor_id)
				select ${userId}, ${kind}::notification_kind, ${post.threadId}::bigint, ${postId}::bigint, ${post.authorId}::uuid from ${from} where ${where}
				on conflict do nothing returning id, user_id`
		);
	const writes: Promise<{ id: number; user_id: string }[]>[] = [];
	// Mentions are checked for membership when resolved; check again here in case the caller did not.
	if (mentioned.length) writes.push(insertFor('mention', qualified(users.id), sql`users`, and(inArray(users.id, mentioned), participantSql(users.id))!));
	if (options.isReply)
		writes.push(
			insertFor(
				'reply',
				qualified(threadWatches.userId),
				sql`thread_watches`,
				and(
					eq(threadWatches.threadId, post.threadId),
					eq(threadWatches.watching, true),
					ne(threadWatches.userId, post.authorId),
					mentioned.length ? notInArray(threadWatches.userId, mentioned) : undefined,
					participantSql(threadWatches.userId)
				)!
			)
		);
	for (const r of (await Promise.all(writes)).flat()) emit({ type: 'notification.created', userId: r.user_id, notificationId: Number(r.id) });
}

/** Queues a reply's notifications in the reply's transaction (see pendingNotifications); sendQueuedNotifications sends them. */
export async function queueReplyNotifications(tx: Tx, postId: number, mentioned: string[]): Promise<void> {
	await tx.insert(pendingNotifications).values({ postId, mentioned }).onConflictDoNothing();
}

/** Queued notifications still unsent after this long are the background worker's. */
const LEFTOVER_AFTER = '30 seconds';

/**
 * Sends queued reply notifications, each in the same transaction that takes it
 * off the queue: one post's (right after its reply commits), or, without a
 * post, up to 100 left over (the background worker's sweep). Returns how many
 * posts' notifications went out. Rows another process is sending are skipped.
 */
export async function sendQueuedNotifications(postId?: number): Promise<number> {
	return transact(async (tx, emit) => {
		const rows = await rowsOf<{ post_id: number | string; mentioned: string[] }>(
			tx,
			sql`delete from pending_notifications where post_id in (
				select post_id from pending_notifications
				where ${postId === undefined ? sql`created_at < now() - ${LEFTOVER_AFTER}::interval` : sql`post_id = ${postId}`}
				order by created_at
				limit 100
				for update skip locked)
			returning post_id, mentioned`
		);
		for (const row of rows) await notifyAboutPost(tx, emit, Number(row.post_id), { mentioned: row.mentioned, isReply: true });
		return rows.length;
	});
}

/** My notifications, newest first, keyset on id. */
export async function listNotifications(actor: Actor, raw: ListNotificationsInput = {}): Promise<Page<NotificationView>> {
	const viewer = viewerOf(actor);
	const a = viewer.actor;
	const input = ListNotificationsInput.parse(raw);
	const after = idCursor(input.cursor);
	const rows = await db()
		.select({
			id: notifications.id,
			kind: notifications.kind,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt,
			data: notifications.data,
			postId: notifications.postId,
			actorName: users.displayName,
			threadId: threads.id,
			threadTitle: threads.title,
			threadStatus: threads.status,
			threadAuthor: threads.authorId,
			postStatus: posts.status,
			postAuthor: posts.authorId
		})
		.from(notifications)
		.leftJoin(users, eq(users.id, notifications.actorId))
		.leftJoin(threads, eq(threads.id, notifications.threadId))
		.leftJoin(posts, eq(posts.id, notifications.postId))
		.where(
			and(
				eq(notifications.userId, a.user.id),
				after !== undefined ? lt(notifications.id, after) : undefined,
				input.unread ? isNull(notifications.readAt) : undefined
			)
		)
		.orderBy(desc(notifications.id))
		.limit(input.limit + 1);
	const items = rows.map((r): NotificationView => {
		const threadOk =
			r.threadId !== null && threadVisible(viewer, { status: r.threadStatus as ContentStatus, authorId: r.threadAuthor! });
		const postOk = r.postId === null || (r.postStatus !== null && (r.postStatus === 'visible' || r.postAuthor === viewer.id || viewer.moderator));
		const thread = threadOk ? { id: r.threadId!, title: r.threadTitle! } : null;
		// A notification not about a post (a decision, the sounding board) leads where its kind says.
		const href = thread
			? postOk && r.postId
				? `/group/t/${thread.id}?from=${r.postId}#post-${r.postId}`
				: `/group/t/${thread.id}`
			: (NOTIFICATION_HREF[r.kind]?.((r.data ?? {}) as Record<string, unknown>) ?? null);
		return {
			id: r.id,
			kind: r.kind,
			createdAt: r.createdAt,
			readAt: r.readAt,
			// Who wrote a post that is no longer to be seen is no longer said either.
			actorName: thread && postOk ? r.actorName : null,
			thread,
			postId: thread ? r.postId : null,
			data: (r.data ?? {}) as Record<string, unknown>,
			href
		};
	});
	return toIdPage(items, input.limit);
}

/** Marks the notifications about posts of one thread up to a post read (when that part of the thread is seen). */
export async function markThreadNotificationsRead(tx: Tx, emit: Emit, userId: string, threadId: number, upToPostId: number): Promise<void> {
	const rows = await tx
		.update(notifications)
		.set({ readAt: new Date() })
		.where(
			and(
				eq(notifications.userId, userId),
				isNull(notifications.readAt),
				eq(notifications.threadId, threadId),
				lte(notifications.postId, upToPostId)
			)
		)
		.returning({ id: notifications.id });
	if (rows.length) emit({ type: 'notifications.read', userId });
}

const DAY = 24 * 3_600_000;

/**
 * The daily e-mail digest: for each active member who asked for it
 * (profiles.email_digest) and whose last digest is a day old (or who never
 * had one), one e-mail listing their unread notifications that no e-mail has
 * mentioned yet, about content they may still see. Those notifications are
 * marked e-mailed and the digest time is recorded, all in one transaction.
 * Returns how many e-mails were queued (outbox.ts's enqueueEmail). The email
 * sender (email/sender.ts) runs it on its timer.
 */
export async function sendDigests(now: Date = new Date(), origin = siteUrl('')): Promise<number> {
	const due = await db()
		.select({ userId: profiles.userId, email: users.email, language: users.language, name: users.displayName })
		.from(profiles)
		.innerJoin(users, eq(users.id, profiles.userId))
		.where(
			and(
				eq(profiles.emailDigest, true),
				sql`(${profiles.lastDigestAt} is null or ${profiles.lastDigestAt} <= ${new Date(now.getTime() - DAY + 60_000).toISOString()})`,
				participantSql(users.id),
				sql`exists (select 1 from notifications n where n.user_id = ${qualified(profiles.userId)} and n.read_at is null and n.emailed_at is null and n.created_at <= ${now.toISOString()})`
			)
		);
	let sent = 0;
	for (const person of due) {
		await transact(async (tx) => {
			const rows = await tx
				.select({
					id: notifications.id,
					kind: notifications.kind,
					threadId: threads.id,
					title: threads.title,
					threadStatus: threads.status,
					postStatus: posts.status,
					archived: categories.archived,
					postId: notifications.postId,
					actorName: users.displayName
				})
				.from(notifications)
				.leftJoin(threads, eq(threads.id, notifications.threadId))
				.leftJoin(categories, eq(categories.id, threads.categoryId))
				.leftJoin(posts, eq(posts.id, notifications.postId))
				.leftJoin(users, eq(users.id, notifications.actorId))
				.where(
					and(
						eq(notifications.userId, person.userId),
						isNull(notifications.readAt),
						isNull(notifications.emailedAt),
						lte(notifications.createdAt, now)
					)
				)
				.orderBy(notifications.id)
				.limit(200);
			const lang = person.language as Language;
			const lines: string[] = [];
			for (const r of rows) {
				const visible =
					r.threadId !== null &&
					isPublic({ status: (r.postStatus ?? 'visible') as ContentStatus }, { status: r.threadStatus as ContentStatus }, { archived: r.archived ?? true });
				if (r.kind === 'membership_decided') lines.push(`- ${translate('notification_membership_decided', lang)}`);
				else if (visible) {
					const key = `notification_${r.kind}`;
					lines.push(`- ${translate(key, lang, { name: r.actorName ?? '', title: r.title ?? '' })}\n  ${origin}/group/t/${r.threadId}${r.postId ? `?from=${r.postId}#post-${r.postId}` : ''}`);
				}
			}
			if (rows.length) await tx.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, rows.map((r) => r.id)));
			await tx.update(profiles).set({ lastDigestAt: now }).where(eq(profiles.userId, person.userId));
			if (lines.length === 0) return;
			await enqueueEmail(tx, {
				to: person.email,
				subject: translate('digest_subject', lang, { count: lines.length }),
				text: [translate('digest_greeting', lang, { name: person.name }), '', ...lines, '', translate('digest_footer', lang, { url: `${origin}/notifications` })].join('\n'),
				kind: 'digest',
				meta: { userId: person.userId, notifications: rows.map((r) => r.id) }
			});
			sent++;
		});
	}
	return sent;
}

