import { z } from 'zod';
import { CONTENT_STATUSES } from './discussion';
import { AuditRow } from './audit';
import { ROLES, USER_STATUSES } from './roles';
import { isoDate } from './wire';

/** Moderation: the shapes pages, the API and the live layer share. */

export const REPORT_REASONS = ['spam', 'harassment', 'personal_info', 'off_topic', 'illegal', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What a queue item is about. */
export const CASE_KINDS = ['post', 'member', 'join_request'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** What a watched word does to a post that contains it. */
export const WORD_ACTIONS = ['block', 'hold', 'report'] as const;
export type WordAction = (typeof WORD_ACTIONS)[number];
/** The languages a watched word is matched in. */
export const WORD_LANGUAGES = ['nl', 'en'] as const;
export type WordLanguage = (typeof WORD_LANGUAGES)[number];

/** My report, as its maker sees it. */
export const ReportReceipt = z.object({
	id: z.number(),
	/** True when this report made the post hide until a moderator looks. */
	hidden: z.boolean()
});
export type ReportReceipt = z.output<typeof ReportReceipt>;

export const MyReport = z.object({
	id: z.number(),
	createdAt: isoDate,
	reason: z.enum(REPORT_REASONS),
	note: z.string().nullable(),
	target: z.union([
		z.object({ kind: z.literal('post'), postId: z.number(), threadId: z.number(), threadTitle: z.string() }),
		z.object({ kind: z.literal('member'), memberId: z.string(), displayName: z.string() })
	]),
	/** 'open' while a moderator has not looked; otherwise what was decided (not by whom). */
	state: z.enum(['open', 'resolved']),
	outcome: z.enum(['action_taken', 'no_action']).nullable(),
	resolvedAt: isoDate.nullable()
});
export type MyReport = z.output<typeof MyReport>;

/** One item of the moderators' queue. */
export const QueueItem = z.object({
	id: z.number(),
	kind: z.enum(CASE_KINDS),
	openedAt: isoDate,
	severity: z.number(),
	reporterCount: z.number(),
	held: z.boolean(),
	holdReason: z.string().nullable(),
	autoHidden: z.boolean(),
	/** Each reason given, with how many reported it; notes of 'other' reports. */
	reasons: z.array(z.object({ reason: z.enum(REPORT_REASONS), count: z.number() })),
	notes: z.array(z.object({ text: z.string(), automatic: z.boolean() })),
	/** Who reported it (moderators see this; the author never does). */
	reporters: z.array(z.string()),
	member: z.object({ id: z.string(), displayName: z.string(), handle: z.string().nullable(), status: z.string() }),
	post: z
		.object({
			id: z.number(),
			threadId: z.number(),
			threadTitle: z.string(),
			isOpening: z.boolean(),
			status: z.enum(CONTENT_STATUSES),
			html: z.string(),
			excerpt: z.string(),
			statusReason: z.string().nullable()
		})
		.nullable(),
	joinRequest: z
		.object({
			id: z.string(),
			/** The applicant's address and the language they chose for the platform, as the requests page shows them. */
			email: z.string(),
			language: z.string(),
			guidelinesVersion: z.number(),
			postingCountry: z.string(),
			postingCity: z.string(),
			relation: z.string(),
			civilServantName: z.string(),
			civilServantDepartment: z.string(),
			languages: z.array(z.string()),
			message: z.string().nullable()
		})
		.nullable()
});
export type QueueItem = z.output<typeof QueueItem>;

/** A thread's moderated state: what lock, pin, move and slow mode change. */
export const ThreadModeration = z.object({
	id: z.number(),
	locked: z.boolean(),
	pinned: z.boolean(),
	categoryId: z.number(),
	slowModeSeconds: z.number().nullable(),
	slowModeReason: z.string().nullable()
});
export type ThreadModeration = z.output<typeof ThreadModeration>;

/** A member's standing, as moderators see it. */
export const MemberStanding = z.object({
	id: z.string(),
	displayName: z.string(),
	handle: z.string().nullable(),
	status: z.enum(USER_STATUSES),
	roles: z.array(z.enum(ROLES)),
	mutedUntil: isoDate.nullable(),
	suspendedUntil: isoDate.nullable(),
	approvedPosts: z.number(),
	createdAt: isoDate
});
export type MemberStanding = z.output<typeof MemberStanding>;

/** A moderator's note on a member; never shown to the member. */
export const MemberNote = z.object({ id: z.number(), body: z.string(), author: z.string(), createdAt: isoDate });
export type MemberNote = z.output<typeof MemberNote>;

/** Everything a moderator needs about one member: standing, notes, open items, and the record. */
export const MemberOverview = z.object({
	member: MemberStanding,
	notes: z.array(MemberNote),
	openCaseIds: z.array(z.number()),
	history: z.array(AuditRow)
});
export type MemberOverview = z.output<typeof MemberOverview>;

export const WatchedWord = z.object({
	id: z.number(),
	language: z.enum(WORD_LANGUAGES),
	pattern: z.string(),
	action: z.enum(WORD_ACTIONS),
	createdAt: isoDate
});
export type WatchedWord = z.output<typeof WatchedWord>;

/** `queue:changed`: the moderators' queue changed; `by` names who handled an item. */
export const QueueChange = z.object({ caseId: z.number(), change: z.enum(['opened', 'updated', 'resolved']), by: z.string().nullable() });
export type QueueChange = z.output<typeof QueueChange>;
