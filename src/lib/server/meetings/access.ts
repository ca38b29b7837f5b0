import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { prepared } from '../runtime';
import { meetingInvitees, meetings } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { can } from '../../shared/roles';

/**
 * Who may see and do what with one board session: the one rule every door
 * asks (pages, API, the calendar, the live room, reminders). Coordinators hold
 * every session; invitees (the board, and named guests such as a policy
 * officer) see theirs, its meeting link included, and may enter its room;
 * board members who were not invited see that it exists, never its link;
 * policy staff read published notes. Anyone else is told it does not exist.
 */

export type Meeting = typeof meetings.$inferSelect;
export type Invitee = typeof meetingInvitees.$inferSelect;

export interface MeetingAccess {
	meeting: Meeting;
	/** The reader's own invitation, if they have one. */
	invitee: Invitee | null;
	/** A coordinator: edit, cancel, run the room, write and accept notes, publish. */
	manage: boolean;
	/** The session's page: date, agenda, who is invited. */
	see: boolean;
	/** The online meeting link: invitees and coordinators only, on every transport. */
	seeLink: boolean;
	/** The live room (and its socket room): invitees and coordinators, not for a cancelled session. */
	enterRoom: boolean;
	/** Board members may propose note entries; coordinators write them. */
	proposeNotes: boolean;
	/** Published notes: the board, coordinators, policy staff, and the session's guests. */
	readPublishedNotes: boolean;
}

/** What the actor may do with this session, as already loaded rows (no query). */
export function accessOf(actor: Extract<Actor, { kind: 'user' }>, meeting: Meeting, invitee: Invitee | null): MeetingAccess {
	const manage = can(actor.user, 'board.manage');
	const invited = invitee !== null;
	const board = can(actor.user, 'board.participate');
	const live = meeting.status === 'scheduled';
	return {
		meeting,
		invitee,
		manage,
		see: manage || invited || board,
		seeLink: manage || invited,
		enterRoom: live && (manage || invited),
		proposeNotes: manage || (invited && can(actor.user, 'board.notes.propose')),
		readPublishedNotes: manage || invited || board || can(actor.user, 'board.notes.readPublished')
	};
}

/** The session's row with the reader's invitation (null when they have none). */
function sessionWithInvitation(reader: Db | Tx, userId: SQL, meetingId: SQL) {
	return reader
		.select({ meeting: meetings, invitee: meetingInvitees })
		.from(meetings)
		.leftJoin(meetingInvitees, and(eq(meetingInvitees.meetingId, meetings.id), eq(meetingInvitees.userId, userId)))
		.where(eq(meetings.id, meetingId));
}

/** The session with what the actor may do with it; `not_found` when they may not even know it exists. */
export async function meetingAccess(actor: Actor, meetingId: number, reader?: Db | Tx): Promise<MeetingAccess> {
	const a = requireActive(actor);
	// Every door of the room asks this first: outside a transaction it is built once (prepared), not per request.
	const [row] = reader
		? await sessionWithInvitation(reader, sql`${a.user.id}`, sql`${meetingId}`)
		: await prepared('meeting_access', (d) => sessionWithInvitation(d, sql`${sql.placeholder('user')}`, sql`${sql.placeholder('meeting')}`).prepare('meeting_access')).execute({
				user: a.user.id,
				meeting: meetingId
			});
	if (!row) throw new DomainError('not_found', 'error_meeting_not_found');
	const access = accessOf(a, row.meeting, row.invitee);
	if (!access.see && !(access.readPublishedNotes && row.meeting.notesRevision > 0)) throw new DomainError('not_found', 'error_meeting_not_found');
	return access;
}

/** Refuses unless `allowed`: a session the actor may see but not act on answers 403, one they may not see 404 (meetingAccess). */
export function requireAccess(access: MeetingAccess, allowed: keyof Omit<MeetingAccess, 'meeting' | 'invitee'>): void {
	if (!access[allowed]) throw new DomainError('forbidden', 'error_forbidden');
}
