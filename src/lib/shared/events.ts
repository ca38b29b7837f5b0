/**
 * The socket protocol, shared by server and browser so both sides type-check
 * against one definition. Payloads are the shapes of this folder; rooms are
 * named in rooms.ts.
 */
import type { AccountChange, AdminUserChange } from './accounts';
import type { PostChange, ThreadChange } from './discussion';
import type { QueueChange } from './moderation';
import type { BoardMembershipChange, MyBoardStatus } from './board-memberships';
import type { PollChange, QuestionChange } from './meetings-questions';
import type { MeetingAgendaChange, MeetingAttendanceChange, MeetingPresence, NoteEntry, NoteEntryRemoved } from './meetings-room';

export type Ack = { ok: true } | { ok: false; error: string; message: string };

/** `thread:activity`: something new in the group, for "N new — show" on lists. */
export interface ThreadActivity {
	threadId: number;
	categoryId: number;
	kind: 'thread' | 'reply';
}

/** `thread:presence`: who has this thread open now. */
export interface ThreadPresence {
	threadId: number;
	readers: { id: string; name: string }[];
}

export interface ServerToClientEvents {
	/** Your own account changed (roles, status); pages re-check what they show. */
	'account:changed': (payload: AccountChange) => void;
	/** For the admin user list (room `admin:users`): someone's roles or status changed. */
	'admin:user-changed': (payload: AdminUserChange) => void;
	/** A post in this thread changed (room `thread:<id>`): as any member sees it, or a withheld marker. */
	'post:changed': (change: PostChange) => void;
	/** Your own view of this thread differs from the broadcast (your post was held, hidden…): fetch changes since `seq`. */
	'thread:stale': (payload: { threadId: number; seq: number }) => void;
	/** Something new in the group (room `group`), for "N new — show" on lists. */
	'thread:activity': (payload: ThreadActivity) => void;
	/** A notification for you; the bell counts up. */
	'notification:new': (payload: { id: number }) => void;
	/** Your notifications were read elsewhere; the bell asks for its count again. */
	'notification:read': (payload: Record<string, never>) => void;
	/** The thread itself changed (room `thread:<id>`): locked, pinned, moved, slow mode, or withdrawn from view. */
	'thread:changed': (payload: ThreadChange) => void;
	/** The moderators' queue changed (room `moderation`): fetch it again; `by` names who handled an item. */
	'queue:changed': (payload: QueueChange) => void;
	/** Who has this thread open now (room `thread:<id>`). */
	'thread:presence': (payload: ThreadPresence) => void;
	/** A board membership took a step (room `board:coordinators`): the board view fetches it again. No profile, no motivation. */
	'board:membership-changed': (payload: BoardMembershipChange) => void;
	/** Your own board membership's new status (your own room). */
	'board:my-status': (payload: MyBoardStatus) => void;
	/** A question in a session's room was asked, voted on or answered (room `meeting:<id>`): no one's own vote in it. */
	'meeting:question': (payload: QuestionChange) => void;
	/** A quick poll in a session's room was opened, answered or closed (room `meeting:<id>`): counts only, no names. */
	'meeting:poll': (payload: PollChange) => void;
	/** The room's agenda moved on (room `meeting:<id>`): the current item and since when, with the room's change number. */
	'meeting:agenda': (payload: MeetingAgendaChange) => void;
	/** A note entry, new or changed (room `meeting:<id>` when accepted; a proposal to `meeting:<id>:coordinators` and its proposer). No author. */
	'meeting:entry': (payload: NoteEntry) => void;
	/** A note entry was deleted (to whoever was shown it). */
	'meeting:entry-removed': (payload: NoteEntryRemoved) => void;
	/** Who has the room open now (room `meeting:<id>`). */
	'meeting:presence': (payload: MeetingPresence) => void;
	/** Someone's attendance was recorded or corrected (room `meeting:<id>:coordinators`). */
	'meeting:attendance': (payload: MeetingAttendanceChange) => void;
	/** Someone answered a survey (room `survey:<id>`, its owners): the new count, never who. */
	'survey:count': (payload: { surveyId: number; responses: number }) => void;
	/** A survey's owners changed it (room `survey:<id>`): open builders and results fetch it again. */
	'survey:changed': (payload: { surveyId: number; change: 'created' | 'edited' | 'results' }) => void;
	/** The policy loop moved (room `insights`, coordinators and policy staff): lists and the dashboard fetch again. */
	'insights:changed': (payload: { what: 'insight' | 'action' | 'outcome' | 'evidence'; id: number }) => void;
}

export interface ClientToServerEvents {
	/** Ask to follow a resource room; the server checks permission first. */
	'room:join': (room: string, ack: (result: Ack) => void) => void;
	'room:leave': (room: string, ack: (result: Ack) => void) => void;
}

export const CLIENT_EVENTS = ['room:join', 'room:leave'] as const satisfies readonly (keyof ClientToServerEvents)[];
