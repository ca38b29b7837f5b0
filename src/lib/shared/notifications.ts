import { z } from 'zod';
import { isoDate } from './wire';

/** Every kind of notification any capability writes (the `notification_kind` enum in the database). */
export const NOTIFICATION_KINDS = [
	'reply',
	'mention',
	'answer_accepted',
	'membership_decided',
	'moderation',
	'report_resolved',
	// The sounding board: an invitation to the person; to coordinators an answer, a term ending soon, a term ended.
	'board_invited',
	'board_invitation_answered',
	'board_term_ending',
	'board_term_ended',
	// Board sessions: an invitation, a change of time or place, a cancellation, notes published.
	'meeting_invited',
	'meeting_changed',
	'meeting_cancelled',
	'meeting_notes_published',
	// Surveys: one is open for you, closes soon and you have not answered, its results are published.
	'survey_open',
	'survey_reminder',
	'survey_results',
	// The policy loop: your draft insight was decided; an action you own (or any, for policy staff) is overdue; an outcome your input led to is published.
	'insight_decided',
	'action_overdue',
	'outcome_published'
] as const;
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

/**
 * Where a notification that is not about a post leads (the discussion's own
 * kinds lead to their thread). Notifications never carry a diversity answer
 * or a motivation: names, dates and counts of seats at most.
 */
export const NOTIFICATION_HREF: Partial<Record<NotificationKind, (data: Record<string, unknown>) => string>> = {
	membership_decided: () => '/home',
	report_resolved: () => '/reports',
	board_invited: () => '/board/invitation',
	board_invitation_answered: (d) => (typeof d.userId === 'string' ? `/board/manage/people/${d.userId}` : '/board/manage?group=invited'),
	board_term_ending: () => '/board/manage?group=active',
	board_term_ended: () => '/board',
	meeting_invited: (d) => (typeof d.meetingId === 'number' ? `/board/sessions/${d.meetingId}` : '/board/sessions'),
	meeting_changed: (d) => (typeof d.meetingId === 'number' ? `/board/sessions/${d.meetingId}` : '/board/sessions'),
	meeting_cancelled: (d) => (typeof d.meetingId === 'number' ? `/board/sessions/${d.meetingId}` : '/board/sessions'),
	meeting_notes_published: (d) => (typeof d.meetingId === 'number' ? `/board/sessions/${d.meetingId}/notes` : '/board'),
	survey_open: (d) => (typeof d.surveyId === 'number' ? `/surveys/${d.surveyId}` : '/surveys'),
	survey_reminder: (d) => (typeof d.surveyId === 'number' ? `/surveys/${d.surveyId}` : '/surveys'),
	survey_results: (d) => (typeof d.surveyId === 'number' ? `/surveys/${d.surveyId}/results` : '/surveys'),
	insight_decided: (d) => (typeof d.insightId === 'number' ? `/insights/${d.insightId}` : '/insights'),
	action_overdue: (d) => (typeof d.actionId === 'number' ? `/insights/actions/${d.actionId}` : '/insights/actions'),
	outcome_published: (d) => (typeof d.outcomeId === 'number' ? `/outcomes/${d.outcomeId}` : '/outcomes')
};
