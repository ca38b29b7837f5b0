import { and, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { notifications, users } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { idCursor, toIdPage, type Page } from '../paging';
import { NOTIFICATION_HREF, type NotificationView } from '../../shared/notifications';
import { ListInboxInput, MarkReadInput } from './schemas';

/**
 * Whose inbox: every active person. Members hear about the group; coordinators
 * and policy staff, who are not group members, hear about the sounding board.
 */
const inboxOwner = (actor: Actor) => requireActive(actor);

/**
 * My notifications, newest first, for someone who is not a member of the
 * group (a coordinator, policy staff): none of theirs is about a post, so each
 * is read as it is, leading where its kind says. Members' inboxes are the
 * discussion's listNotifications, which knows which posts they may still see.
 */
export async function listInbox(actor: Actor, raw: ListInboxInput = {}): Promise<Page<NotificationView>> {
	const a = inboxOwner(actor);
	const input = ListInboxInput.parse(raw);
	const after = idCursor(input.cursor);
	const rows = await db()
		.select({
			id: notifications.id,
			kind: notifications.kind,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt,
			data: notifications.data,
			actorName: users.displayName
		})
		.from(notifications)
		.leftJoin(users, eq(users.id, notifications.actorId))
		.where(and(eq(notifications.userId, a.user.id), after !== undefined ? lt(notifications.id, after) : undefined, input.unread ? isNull(notifications.readAt) : undefined))
		.orderBy(desc(notifications.id))
		.limit(input.limit + 1);
	const items = rows.map((r): NotificationView => {
		const data = (r.data ?? {}) as Record<string, unknown>;
		return { id: r.id, kind: r.kind, createdAt: r.createdAt, readAt: r.readAt, actorName: r.actorName, thread: null, postId: null, data, href: NOTIFICATION_HREF[r.kind]?.(data) ?? null };
	});
	return toIdPage(items, input.limit);
}

/** How many of my notifications are unread (the bell). */
export async function unreadNotificationCount(actor: Actor): Promise<number> {
	const a = inboxOwner(actor);
	const [row] = await db()
		.select({ n: unreadCountSql(sql`${a.user.id}::uuid`) })
		.from(sql`(select 1) as one`);
	return row?.n ?? 0;
}

/** SQL: how many of the person's (a uuid expression) notifications are unread (notifications_unread_idx). The bell's one count. */
export const unreadCountSql = (userId: SQL) =>
	sql<number>`(select count(*)::int from ${notifications} where ${notifications.userId} = ${userId} and ${notifications.readAt} is null)`;

/** Marks some (by id) or all of my notifications read. Returns how many changed. */
export async function markNotificationsRead(actor: Actor, raw: MarkReadInput): Promise<{ updated: number; unread: number }> {
	const a = inboxOwner(actor);
	const input = MarkReadInput.parse(raw);
	const updated = await transact(async (tx, emit) => {
		const rows = await tx
			.update(notifications)
			.set({ readAt: new Date() })
			.where(and(eq(notifications.userId, a.user.id), isNull(notifications.readAt), 'ids' in input ? inArray(notifications.id, input.ids) : undefined))
			.returning({ id: notifications.id });
		if (rows.length) emit({ type: 'notifications.read', userId: a.user.id });
		return rows.length;
	});
	return { updated, unread: await unreadNotificationCount(actor) };
}
