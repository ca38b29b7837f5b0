import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { meetingInvitees, users } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { meetingAccess, requireAccess } from './access';
import { AttendanceInput, type Raw } from './note-schemas';
import { inAttendanceWindow, type AttendanceRow, type MeetingAttendanceChange } from '../../shared/meetings-room';

/**
 * Attendance: recorded from presence in the room, corrected by a
 * coordinator. An invitee who opens the room inside the attendance window
 * (shared/meetings-room.ts: from 15 minutes before the start to 30 minutes
 * after the end) is recorded present, once; a coordinator may set anyone
 * present or absent (joined by phone, or opened the room by mistake), and a
 * correction stands: later presence never overrides it.
 */

/** The invitees with their attendance, for coordinators; by name. */
export async function attendanceList(meetingId: number, reader: Db | Tx = db()): Promise<AttendanceRow[]> {
	return reader
		.select({
			userId: meetingInvitees.userId,
			name: users.displayName,
			kind: meetingInvitees.kind,
			rsvp: meetingInvitees.rsvp,
			attended: meetingInvitees.attended,
			source: meetingInvitees.attendanceSource
		})
		.from(meetingInvitees)
		.innerJoin(users, eq(users.id, meetingInvitees.userId))
		.where(eq(meetingInvitees.meetingId, meetingId))
		.orderBy(asc(users.displayName), asc(users.id));
}

/**
 * The actor opened the session's room (the socket layer calls this on each
 * join). Records them present when they are invited, inside the window, and
 * nothing was recorded for them yet; returns the change, or null.
 */
export async function recordPresence(actor: Actor, meetingId: number, at: Date = new Date()): Promise<MeetingAttendanceChange | null> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	const { invitee, meeting } = access;
	if (!access.enterRoom || !invitee || invitee.attendanceSource !== null) return null;
	if (!inAttendanceWindow(meeting.startAt, meeting.endAt, at)) return null;
	return transact(async (tx, emit) => {
		// Only where nothing is recorded yet: a coordinator's correction made meanwhile stands.
		const [row] = await tx
			.update(meetingInvitees)
			.set({ attended: true, attendanceSource: 'presence' })
			.where(and(eq(meetingInvitees.meetingId, meetingId), eq(meetingInvitees.userId, a.user.id), isNull(meetingInvitees.attendanceSource)))
			.returning({ userId: meetingInvitees.userId });
		if (!row) return null;
		const change: MeetingAttendanceChange = { meetingId, userId: row.userId, attended: true, source: 'presence' };
		emit({ type: 'meeting.attendance.changed', ...change });
		return change;
	});
}

/** A coordinator sets an invitee present or absent; it wins over presence, before and after. */
export async function setAttendance(actor: Actor, meetingId: number, userId: string, raw: Raw<AttendanceInput>): Promise<MeetingAttendanceChange> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	requireAccess(access, 'manage');
	const input = parseInput(AttendanceInput, raw);
	// Not an id at all (a form's hidden field tampered with): no such invitee, rather than the database's complaint.
	if (!z.uuid().safeParse(userId).success) throw new DomainError('not_found', 'error_meeting_invitee_not_found');
	return transact(async (tx, emit) => {
		const [row] = await tx
			.update(meetingInvitees)
			.set({ attended: input.attended, attendanceSource: 'coordinator' })
			.where(and(eq(meetingInvitees.meetingId, meetingId), eq(meetingInvitees.userId, userId)))
			.returning({ userId: meetingInvitees.userId });
		if (!row) throw new DomainError('not_found', 'error_meeting_invitee_not_found');
		const change: MeetingAttendanceChange = { meetingId, userId, attended: input.attended, source: 'coordinator' };
		emit({ type: 'meeting.attendance.changed', ...change });
		return change;
	});
}
