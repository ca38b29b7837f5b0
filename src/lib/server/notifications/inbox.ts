import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { notifications } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { MarkReadInput } from './schemas';

/** Whose inbox: today only members of the group have one (notifications are about the group). */
const inboxOwner = (actor: Actor) => requireCapability(actor, 'group.participate');

/** How many of my notifications are unread (the bell). */
export async function unreadNotificationCount(actor: Actor): Promise<number> {
	const a = inboxOwner(actor);
	const [row] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(notifications)
		.where(and(eq(notifications.userId, a.user.id), isNull(notifications.readAt)));
	return row?.n ?? 0;
}

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
