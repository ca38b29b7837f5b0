/**
 * Socket.IO room names, spelled once. The server joins sockets to them and
 * broadcasts to them, pages ask to follow them (`room:join`), and the room
 * rules read a requested name back with `parseRoom`.
 */

/** Everything for one person (their notifications, their account); joined by the server at connection. */
export const userRoom = (userId: string) => `user:${userId}`;
/** One login session, so ending it reaches its sockets; joined by the server at connection. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** One thread's posts, state and readers. */
export const threadRoom = (threadId: number) => `thread:${threadId}`;
/** Everything that happens in the group at large: new threads and replies, for "N new — show". */
export const GROUP_ROOM = 'group';
/** The moderators' queue. */
export const MODERATION_ROOM = 'moderation';
/** The admin user list: someone's roles or status changed. */
export const ADMIN_USERS_ROOM = 'admin:users';

/** The sounding board's own room: its members (and coordinators) while they are on it. */
export const BOARD_ROOM = 'board';
/** The coordinators' board: memberships that took a step. */
export const BOARD_COORDINATORS_ROOM = 'board:coordinators';

/** A board session's live room (`session:` names login sessions): its invitees and coordinators. */
export const meetingRoom = (meetingId: number) => `meeting:${meetingId}`;
/** The coordinators of one session's room: proposals waiting for them, attendance. */
export const meetingCoordinatorsRoom = (meetingId: number) => `meeting:${meetingId}:coordinators`;

/** A survey's owners' room: the count of answers as they come in. */
export const surveyRoom = (surveyId: number) => `survey:${surveyId}`;

/** The policy loop's staff room: coordinators and policy staff, while an insights page or the dashboard is open. */
export const INSIGHTS_ROOM = 'insights';

/** A room a person may ask to follow, as its rule sees it. */
export type Room =
	| { kind: 'group' }
	| { kind: 'thread'; threadId: number }
	| { kind: 'moderation' }
	| { kind: 'admin:users' }
	| { kind: 'board' }
	| { kind: 'board:coordinators' }
	| { kind: 'meeting'; meetingId: number }
	| { kind: 'meeting:coordinators'; meetingId: number }
	| { kind: 'survey'; surveyId: number }
	| { kind: 'insights' };
export type RoomKind = Room['kind'];

/**
 * Who may follow each kind of room, one rule per kind, each kept by the
 * capability the room belongs to: a rule returns when the actor may follow
 * the room and throws (a refusal the caller can translate) when not.
 */
export type RoomRules<A> = { [K in RoomKind]?: (actor: A, room: Extract<Room, { kind: K }>) => void | Promise<void> };

const THREAD = /^thread:(\d{1,15})$/;
const MEETING = /^meeting:(\d{1,9})(:coordinators)?$/;
const SURVEY = /^survey:(\d{1,9})$/;

/** The room a name asks for, or null for a name no one may ask for (the personal rooms among them). */
export function parseRoom(name: string): Room | null {
	if (name === GROUP_ROOM) return { kind: 'group' };
	if (name === MODERATION_ROOM) return { kind: 'moderation' };
	if (name === ADMIN_USERS_ROOM) return { kind: 'admin:users' };
	if (name === BOARD_ROOM) return { kind: 'board' };
	if (name === BOARD_COORDINATORS_ROOM) return { kind: 'board:coordinators' };
	if (name === INSIGHTS_ROOM) return { kind: 'insights' };
	const meeting = MEETING.exec(name);
	if (meeting) return { kind: meeting[2] ? 'meeting:coordinators' : 'meeting', meetingId: Number(meeting[1]) };
	const survey = SURVEY.exec(name);
	if (survey) return { kind: 'survey', surveyId: Number(survey[1]) };
	const thread = THREAD.exec(name);
	return thread ? { kind: 'thread', threadId: Number(thread[1]) } : null;
}

/** `user:<id>` and `session:<id>`: joined by the server itself, never joined, left or restored on request. */
export const isPersonalRoom = (name: string) => name.startsWith('user:') || name.startsWith('session:');

/** Rooms whose readers are counted ("who is reading"). */
export const isThreadRoom = (name: string) => name.startsWith('thread:');

/** The thread a `thread:<id>` room is about. */
export const threadOfRoom = (name: string) => Number(name.slice('thread:'.length));

/** The session a `meeting:<id>` room is about (its coordinators' room is not one: null). */
export function meetingOfRoom(name: string): number | null {
	const meeting = MEETING.exec(name);
	return meeting && !meeting[2] ? Number(meeting[1]) : null;
}
