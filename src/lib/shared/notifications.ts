import { z } from 'zod';
import { isoDate } from './wire';

/** Every kind of notification any capability writes (the `notification_kind` enum in the database). */
export const NOTIFICATION_KINDS = ['reply', 'mention', 'answer_accepted', 'membership_decided', 'moderation', 'report_resolved'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification in my inbox. */
export const NotificationView = z.object({
	id: z.number(),
	kind: z.enum(NOTIFICATION_KINDS),
	createdAt: isoDate,
	readAt: isoDate.nullable(),
	actorName: z.string().nullable(),
	/** Null when the thread is gone or not (any more) visible to the reader. */
	thread: z.object({ id: z.number(), title: z.string() }).nullable(),
	postId: z.number().nullable(),
	data: z.record(z.string(), z.unknown()),
	/** Where the notification leads, or null when there is nothing to see. */
	href: z.string().nullable()
});
export type NotificationView = z.output<typeof NotificationView>;
