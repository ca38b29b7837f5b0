import type { Tx } from '../db';
import { notifications } from '../db/schema';
import type { NotificationKind } from '../../shared/notifications';
import type { DomainEvent } from '../events/types';

/**
 * Notifications are a floor under every capability: a capability writes rows
 * with `notify` in its own transaction; the inbox (inbox.ts) counts and marks
 * them read. What a notification about a post looks like is discussion's
 * business (discussion/notifications.ts), as a board session's will be the
 * board's.
 */
export type Emit = (event: DomainEvent) => void;

export interface NewNotification {
	userId: string;
	kind: NotificationKind;
	threadId?: number | null;
	postId?: number | null;
	actorId?: string | null;
	data?: Record<string, unknown>;
}

/**
 * Writes notification rows in the caller's transaction and records one
 * 'notification.created' event per row. A row that exists already (same
 * person, kind and post) is not written twice. Never notifies the person
 * who caused it. Other capabilities (membership decisions) use this too.
 */
export async function notify(tx: Tx, emit: Emit, items: NewNotification[]): Promise<number[]> {
	const rows = items.filter((n) => n.userId !== n.actorId);
	if (rows.length === 0) return [];
	const inserted = await tx
		.insert(notifications)
		.values(rows.map((n) => ({ userId: n.userId, kind: n.kind, threadId: n.threadId ?? null, postId: n.postId ?? null, actorId: n.actorId ?? null, data: n.data ?? {} })))
		.onConflictDoNothing()
		.returning({ id: notifications.id, userId: notifications.userId });
	for (const r of inserted) emit({ type: 'notification.created', userId: r.userId, notificationId: r.id });
	return inserted.map((r) => r.id);
}
