import { and, asc, desc, eq, gt, isNotNull, lte, or, sql } from 'drizzle-orm';
import { db } from '../runtime';
import { meetingAgendaItems, meetingInvitees, meetings, users } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { cursorRefused, decodeCursor, timeKey, toPage, type Page } from '../paging';
import { accessOf, meetingAccess } from './access';
import { MeetingListQuery } from './schedule-schemas';
import { can } from '../../shared/roles';
import type { MeetingListItem, MeetingView } from '../../shared/meetings-schedule';

/**
 * Reading sessions: the list (upcoming and past, by cursor) and one
 * session's page. Both ask access.ts: the list's query selects what the rule
 * allows (the board and coordinators every session; anyone else the ones
 * they are invited to, and policy staff past sessions with published notes),
 * and every row is put to the rule itself before it is returned. The meeting
 * link is never in a list; on a session's page only for invitees and
 * coordinators.
 */

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Upcoming (not yet ended, soonest first) or past (latest first), by cursor (meetings_start_idx). */
export async function listMeetings(actor: Actor, raw: MeetingListQuery = {}, now: Date = new Date()): Promise<Page<MeetingListItem>> {
	const a = requireActive(actor);
	const input = parseInput(MeetingListQuery, raw);
	const cursor = decodeCursor(input.cursor);
	if (cursor && (typeof cursor.k !== 'string' || !TIME.test(cursor.k) || !/^[1-9]\d{0,9}$/.test(cursor.id))) throw cursorRefused();
	const past = input.when === 'past';
	const board = can(a.user, 'board.participate');
	const notesReader = past && can(a.user, 'board.notes.readPublished');
	const rows = await db()
		.select({ meeting: meetings, invitee: meetingInvitees, key: timeKey(meetings.startAt) })
		.from(meetings)
		.leftJoin(meetingInvitees, and(eq(meetingInvitees.meetingId, meetings.id), eq(meetingInvitees.userId, a.user.id)))
		.where(
			and(
				past ? lte(meetings.endAt, now) : gt(meetings.endAt, now),
				board ? undefined : or(isNotNull(meetingInvitees.userId), notesReader ? gt(meetings.notesRevision, 0) : undefined),
				cursor
					? past
						? sql`(${meetings.startAt}, ${meetings.id}) < (${cursor.k}::timestamptz, ${Number(cursor.id)})`
						: sql`(${meetings.startAt}, ${meetings.id}) > (${cursor.k}::timestamptz, ${Number(cursor.id)})`
					: undefined
			)
		)
		.orderBy(...(past ? [desc(meetings.startAt), desc(meetings.id)] : [asc(meetings.startAt), asc(meetings.id)]))
		.limit(input.limit + 1);
	const page = toPage(rows, input.limit, (r) => ({ k: r.key, id: String(r.meeting.id) }));
	return {
		nextCursor: page.nextCursor,
		items: page.items
			.map((r) => ({ ...r, access: accessOf(a, r.meeting, r.invitee) }))
			.filter(({ access, meeting }) => access.see || (access.readPublishedNotes && meeting.notesRevision > 0))
			.map(({ meeting: m, invitee, access }) => ({
				id: m.id,
				title: m.title,
				startAt: m.startAt,
				endAt: m.endAt,
				status: m.status,
				invited: invitee !== null,
				rsvp: invitee?.rsvp ?? null,
				notesPublished: m.notesRevision > 0,
				openable: access.see
			}))
	};
}

/**
 * One session as its page shows it to this reader. Who may only read its
 * published notes (policy staff not invited) is sent to those, not here:
 * for them the session's page does not exist.
 */
export async function meetingView(actor: Actor, meetingId: number, now: Date = new Date()): Promise<MeetingView> {
	const access = await meetingAccess(actor, meetingId);
	if (!access.see) throw new DomainError('not_found', 'error_meeting_not_found');
	const { meeting: m, invitee, manage } = access;
	const reader = db();
	const [agenda, people] = await Promise.all([
		reader
			.select({ id: meetingAgendaItems.id, position: meetingAgendaItems.position, title: meetingAgendaItems.title, body: meetingAgendaItems.body, minutes: meetingAgendaItems.minutes })
			.from(meetingAgendaItems)
			.where(eq(meetingAgendaItems.meetingId, meetingId))
			.orderBy(asc(meetingAgendaItems.position)),
		reader
			.select({ userId: meetingInvitees.userId, displayName: users.displayName, kind: meetingInvitees.kind, rsvp: meetingInvitees.rsvp, rsvpNote: meetingInvitees.rsvpNote, rsvpAt: meetingInvitees.rsvpAt })
			.from(meetingInvitees)
			.innerJoin(users, eq(users.id, meetingInvitees.userId))
			.where(eq(meetingInvitees.meetingId, meetingId))
			.orderBy(asc(users.displayName), asc(users.id))
	]);
	const tally = (answer: string | null) => people.filter((p) => p.rsvp === answer).length;
	return {
		id: m.id,
		uid: m.uid,
		title: m.title,
		description: m.description,
		startAt: m.startAt,
		endAt: m.endAt,
		status: m.status,
		cancelReason: m.cancelReason,
		sequence: m.sequence,
		notesPublished: m.notesRevision > 0,
		agenda,
		meetingLink: access.seeLink ? m.meetingLink : null,
		me: invitee ? { kind: invitee.kind, rsvp: invitee.rsvp, rsvpNote: invitee.rsvpNote, rsvpAt: invitee.rsvpAt } : null,
		can: {
			manage,
			rsvp: invitee !== null && m.status === 'scheduled' && m.endAt.getTime() > now.getTime(),
			enterRoom: access.enterRoom,
			readNotes: access.readPublishedNotes
		},
		invitees: {
			total: people.length,
			yes: tally('yes'),
			no: tally('no'),
			maybe: tally('maybe'),
			none: tally(null),
			// Each person's answer and access note are the coordinators' to read.
			people: people.map((p) => (manage ? p : { userId: p.userId, displayName: p.displayName, kind: p.kind }))
		}
	};
}
