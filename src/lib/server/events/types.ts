import type { PostChange } from '../../shared/discussion';
import type { BoardStatus } from '../../shared/board';
import type { MeetingPoll, MeetingQuestion } from '../../shared/meetings-questions';
import type { MeetingAgendaChange, NoteEntry } from '../../shared/meetings-room';
import type { AttendanceSource } from '../../shared/meetings';

/**
 * Domain events: facts the domain layer publishes after a commit. The realtime
 * layer turns them into socket messages; nothing else may invent them.
 *
 * Events about content say who may see it (`audience`): 'group' means every
 * active member; 'author' means only the author (and moderators), e.g. a post
 * held for approval. The realtime layer never sends content beyond its audience.
 */
export type Audience = 'group' | 'author';

export type DomainEvent =
	| { type: 'session.ended'; userId: string; sessionIds: string[] }
	| { type: 'user.changed'; userId: string; status: string; roles: string[] }
	| {
			type: 'post.changed';
			change: 'created' | 'edited' | 'deleted' | 'status' | 'reactions';
			threadId: number;
			categoryId: number;
			postId: number;
			/** The post's change number after this change (posts.seq). */
			seq: number;
			authorId: string;
			audience: Audience;
			/** The post as any member sees it, when the writer had it in hand: the fan-out then need not read it back. */
			group?: PostChange;
	  }
	| {
			type: 'thread.changed';
			/** moderated: locked, pinned, moved or slowed by a moderator (open pages adjust); status: shown or withdrawn. */
			change: 'created' | 'updated' | 'status' | 'moderated';
			threadId: number;
			categoryId: number;
			authorId: string;
			audience: Audience;
	  }
	| {
			/** The moderators' queue changed: an item opened, grew (another report) or was handled. */
			type: 'moderation.case';
			caseId: number;
			change: 'opened' | 'updated' | 'resolved';
			/** Who handled it, for "handled by" in other moderators' queues. */
			byName?: string;
			/** Whom the item is about: their own queue leaves it out, so it is not told of it either. */
			subjectId?: string;
	  }
	| {
			/** A board membership took a step (volunteered, invited, active, ended…): coordinators' board views and the person's own page update. */
			type: 'board.membership.changed';
			membershipId: number;
			userId: string;
			from: BoardStatus | null;
			to: BoardStatus;
	  }
	| {
			/** A question in a session's room was asked, voted on, answered or put back: the room's queue updates. */
			type: 'meeting.question.changed';
			change: 'asked' | 'voted' | 'answered' | 'reopened';
			meetingId: number;
			questionId: number;
			seq: number;
			/** As every participant sees it (no one's own vote), from the writer's hands. */
			question: MeetingQuestion;
	  }
	| {
			/** A quick poll in a session's room was opened, answered or closed: the room shows the counts (never who chose what). */
			type: 'meeting.poll.changed';
			change: 'opened' | 'answered' | 'closed';
			meetingId: number;
			pollId: number;
			seq: number;
			poll: MeetingPoll;
	  }
	| {
			/** A board session was scheduled, changed (time, agenda, link, words, new invitees) or cancelled. Never carries the link. */
			type: 'meeting.scheduled';
			change: 'created' | 'changed' | 'cancelled';
			meetingId: number;
			/** The calendar SEQUENCE after this change. */
			sequence: number;
	  }
	| {
			/** The live room moved its agenda on (or off): every participant's page shows the new current item and its time left. */
			type: 'meeting.agenda.moved';
			meetingId: number;
			agenda: MeetingAgendaChange;
	  }
	| {
			/**
			 * A note entry was written, proposed, edited, accepted, rejected, (un)marked as a highlight or deleted.
			 * Accepted entries reach the room; proposed and rejected ones only its coordinators and `authorId`.
			 */
			type: 'meeting.entry.changed';
			change: 'created' | 'edited' | 'accepted' | 'rejected' | 'highlighted' | 'deleted';
			meetingId: number;
			/** As the room shows it (no author), with its new seq; for 'deleted', as it was, with the deletion's seq. */
			entry: NoteEntry;
			/** Who wrote or proposed it: only to reach them with their own proposal, never sent on. */
			authorId: string | null;
	  }
	| {
			/** Someone's attendance was recorded from their presence or corrected by a coordinator (coordinators' view). */
			type: 'meeting.attendance.changed';
			meetingId: number;
			userId: string;
			attended: boolean | null;
			source: AttendanceSource | null;
	  }
	| {
			/** Who may enter a session's room changed (invitees removed, the session cancelled): open sockets are asked again. */
			type: 'meeting.access.changed';
			meetingId: number;
	  }
	| {
			/** A survey was created or changed by its owners (their lists and the builder update). */
			type: 'survey.changed';
			surveyId: number;
			change: 'created' | 'edited' | 'results';
	  }
	| {
			/** Someone answered (the owners' live count). Names no one, ever: responses are anonymous. */
			type: 'survey.answered';
			surveyId: number;
	  }
	| {
			/** The policy loop moved (an insight, its evidence, an action, an outcome): the staff's pages and dashboard fetch again. */
			type: 'insights.changed';
			what: 'insight' | 'action' | 'outcome' | 'evidence';
			id: number;
	  }
	| { type: 'notification.created'; userId: string; notificationId: number }
	| { type: 'notifications.read'; userId: string };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
