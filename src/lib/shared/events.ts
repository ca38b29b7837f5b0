/**
 * The socket protocol, shared by server and browser so both sides type-check
 * against one definition. Payloads are the shapes of this folder; rooms are
 * named in rooms.ts.
 */
import type { AccountChange, AdminUserChange } from './accounts';
import type { PostChange, ThreadChange } from './discussion';
import type { QueueChange } from './moderation';
import type { BoardMembershipChange, MyBoardStatus } from './board-memberships';

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
}

export interface ClientToServerEvents {
	/** Ask to follow a resource room; the server checks permission first. */
	'room:join': (room: string, ack: (result: Ack) => void) => void;
	'room:leave': (room: string, ack: (result: Ack) => void) => void;
}

export const CLIENT_EVENTS = ['room:join', 'room:leave'] as const satisfies readonly (keyof ClientToServerEvents)[];
