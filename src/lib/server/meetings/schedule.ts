import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { transact } from '../runtime';
import { meetingAgendaItems, meetingInvitees, meetingNoteEntries, meetingPolls, meetings } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { audit } from '../audit/log';
import { CancelInput, GuestsInput, MeetingInput, type MeetingFields } from './schedule-schemas';
import { activeBoardMembers, addInvitees, inviteesOf, resolveGuests, type InviteePerson } from './invitees';
import { tellCancelled, tellChanged, tellInvited, type MeetingChange } from './schedule-mail';
import type { MeetingSaved } from '../../shared/meetings-schedule';

/**
 * A coordinator schedules a session, changes it and cancels it. Each is one
 * transaction: the session, its agenda and invitations, the notifications,
 * the emails (outbox) and the audit row commit together. Invitees are told
 * of what concerns them: an invitation, a change (what changed, and the time
 * as it now is on their clock) or a cancellation with its reason. A change
 * calendars must take over raises `sequence`. The meeting link reaches the
 * invitees' emails only: the audit log records whether there is one and
 * whether it changed, never the address.
 */

const HOUR = 3_600_000;

/**
 * Every problem with the input at once: the schema's, a start that has
 * passed (unless it is the one already set), and each guest who is not an
 * active person, as `guests.<i>`.
 */
async function checkInput(tx: Tx, raw: unknown, now: Date, keptStart?: Date): Promise<{ input: MeetingFields; guests: InviteePerson[] }> {
	const parsed = MeetingInput.safeParse(raw);
	const fields: Record<string, string> = {};
	if (!parsed.success) for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'body'] ??= issue.message;
	if (parsed.success && parsed.data.startAt.getTime() <= now.getTime() && parsed.data.startAt.getTime() !== keptStart?.getTime()) fields.start ??= 'error_meeting_in_past';
	const entries = GuestsInput.safeParse((raw as { guests?: unknown } | null)?.guests ?? []);
	let guests: InviteePerson[] = [];
	if (entries.success) {
		const found = await resolveGuests(tx, entries.data);
		guests = found.people;
		for (const i of found.unknown) fields[`guests.${i}`] ??= 'error_meeting_guest_unknown';
	}
	const first = Object.keys(fields)[0];
	if (first || !parsed.success) throw new DomainError('invalid_input', fields[first!] ?? 'error_malformed_request', { field: first, fields });
	return { input: parsed.data, guests };
}

/** The board (when asked) and the guests, each person once; a board member named as a guest stays a board member. */
async function peopleToInvite(tx: Tx, inviteBoard: boolean, guests: InviteePerson[]): Promise<InviteePerson[]> {
	const people = new Map<string, InviteePerson>();
	if (inviteBoard) for (const p of await activeBoardMembers(tx)) people.set(p.id, p);
	for (const g of guests) if (!people.has(g.id)) people.set(g.id, g);
	return [...people.values()];
}

/**
 * A session starting within a day (or an hour) needs no reminder that far
 * ahead: the invitation or the change just sent says it. Marked as sent so
 * the reminder job leaves those out.
 */
async function coverReminders(tx: Tx, meetingId: number, startAt: Date, now: Date): Promise<void> {
	const ahead = startAt.getTime() - now.getTime();
	if (ahead <= 24 * HOUR) await tx.update(meetingInvitees).set({ remindedDayAt: now }).where(eq(meetingInvitees.meetingId, meetingId));
	if (ahead <= HOUR) await tx.update(meetingInvitees).set({ remindedHourAt: now }).where(eq(meetingInvitees.meetingId, meetingId));
}

const auditShape = (m: { title: string; startAt: Date; endAt: Date }, items: number) => ({
	title: m.title,
	startAt: m.startAt.toISOString(),
	endAt: m.endAt.toISOString(),
	items
});

/** Schedules a session and invites the board (by default) and the named guests. */
export async function createMeeting(actor: Actor, raw: MeetingInput, now: Date = new Date()): Promise<MeetingSaved> {
	const a = requireCapability(actor, 'board.manage');
	return transact(async (tx, emit) => {
		const { input, guests } = await checkInput(tx, raw, now);
		const [row] = await tx
			.insert(meetings)
			.values({ title: input.title, description: input.description, startAt: input.startAt, endAt: input.endAt, meetingLink: input.meetingLink, createdBy: a.user.id })
			.returning();
		const meeting = row!;
		await tx.insert(meetingAgendaItems).values(input.agenda.map((it, i) => ({ meetingId: meeting.id, position: i + 1, title: it.title, body: it.body, minutes: it.minutes })));
		const invited = await addInvitees(tx, meeting.id, await peopleToInvite(tx, input.inviteBoard, guests));
		await coverReminders(tx, meeting.id, meeting.startAt, now);
		await tellInvited(tx, emit, meeting, input.agenda, invited, a.user.id);
		await audit(tx, {
			actorId: a.user.id,
			action: 'meeting.create',
			targetKind: 'meeting',
			targetId: meeting.id,
			after: { ...auditShape(meeting, input.agenda.length), withLink: meeting.meetingLink !== '' },
			data: { invited: invited.length, guests: invited.filter((p) => p.kind === 'guest').length }
		});
		emit({ type: 'meeting.scheduled', change: 'created', meetingId: meeting.id, sequence: meeting.sequence });
		return { id: meeting.id, sequence: meeting.sequence, status: meeting.status, changed: [] };
	});
}

/** The session's row, locked for a change; refused when it is cancelled or over. */
async function lockedForChange(tx: Tx, meetingId: number, now: Date) {
	const [row] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
	if (!row) throw new DomainError('not_found', 'error_meeting_not_found');
	if (row.status === 'cancelled') throw new DomainError('conflict', 'error_meeting_cancelled');
	if (row.endAt.getTime() <= now.getTime()) throw new DomainError('conflict', 'error_meeting_over');
	return row;
}

/**
 * Replaces the agenda position by position: an item keeps its row (and the
 * notes written under it) where its position stays; items past the new end
 * go, unless notes or a poll hang on them.
 */
async function replaceAgenda(tx: Tx, meetingId: number, current: (typeof meetingAgendaItems.$inferSelect)[], next: MeetingFields['agenda']): Promise<void> {
	const removed = current.slice(next.length).map((it) => it.id);
	if (removed.length) {
		const [notes] = await tx.select({ n: sql<number>`count(*)::int` }).from(meetingNoteEntries).where(inArray(meetingNoteEntries.itemId, removed));
		const [polls] = await tx.select({ n: sql<number>`count(*)::int` }).from(meetingPolls).where(inArray(meetingPolls.itemId, removed));
		if ((notes?.n ?? 0) + (polls?.n ?? 0) > 0) throw new DomainError('conflict', 'error_meeting_item_has_notes', { field: 'agenda', fields: { agenda: 'error_meeting_item_has_notes' } });
		await tx.delete(meetingAgendaItems).where(and(eq(meetingAgendaItems.meetingId, meetingId), gt(meetingAgendaItems.position, next.length)));
		await tx.update(meetings).set({ currentItemId: null, currentItemSince: null }).where(and(eq(meetings.id, meetingId), inArray(meetings.currentItemId, removed)));
	}
	for (const [i, it] of next.entries()) {
		const old = current[i];
		if (!old) await tx.insert(meetingAgendaItems).values({ meetingId, position: i + 1, title: it.title, body: it.body, minutes: it.minutes });
		else if (old.title !== it.title || old.body !== it.body || old.minutes !== it.minutes)
			await tx.update(meetingAgendaItems).set({ title: it.title, body: it.body, minutes: it.minutes }).where(eq(meetingAgendaItems.id, old.id));
	}
}

/**
 * Changes a session: words, time, agenda, link, and invites whoever is new
 * (board members who joined since, when the board is invited, and added
 * guests; no one is uninvited here). Invitees hear what changed; the newly
 * invited get an invitation. Nothing changed: nothing is written or sent.
 */
export async function changeMeeting(actor: Actor, meetingId: number, raw: MeetingInput, now: Date = new Date()): Promise<MeetingSaved> {
	const a = requireCapability(actor, 'board.manage');
	return transact(async (tx, emit) => {
		const row = await lockedForChange(tx, meetingId, now);
		const { input, guests } = await checkInput(tx, raw, now, row.startAt);
		const items = await tx.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId)).orderBy(asc(meetingAgendaItems.position));
		const agendaChanged = items.length !== input.agenda.length || input.agenda.some((it, i) => items[i]!.title !== it.title || items[i]!.body !== it.body || items[i]!.minutes !== it.minutes);
		const changed: MeetingChange[] = [];
		if (row.title !== input.title) changed.push('title');
		if (row.description !== input.description) changed.push('description');
		if (row.startAt.getTime() !== input.startAt.getTime() || row.endAt.getTime() !== input.endAt.getTime()) changed.push('time');
		if (agendaChanged) changed.push('agenda');
		if (row.meetingLink !== input.meetingLink) changed.push('link');

		const before = await inviteesOf(tx, meetingId);
		const invited = await addInvitees(tx, meetingId, await peopleToInvite(tx, input.inviteBoard, guests));
		if (changed.length === 0 && invited.length === 0) return { id: row.id, sequence: row.sequence, status: row.status, changed: [] };

		let sequence = row.sequence;
		if (changed.length) {
			if (agendaChanged) await replaceAgenda(tx, meetingId, items, input.agenda);
			const [saved] = await tx
				.update(meetings)
				.set({ title: input.title, description: input.description, startAt: input.startAt, endAt: input.endAt, meetingLink: input.meetingLink, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
				.where(eq(meetings.id, meetingId))
				.returning({ sequence: meetings.sequence });
			sequence = saved!.sequence;
			// A new time: the reminders are due again, counted from it.
			if (changed.includes('time')) await tx.update(meetingInvitees).set({ remindedDayAt: null, remindedHourAt: null }).where(eq(meetingInvitees.meetingId, meetingId));
		}
		if (changed.includes('time') || invited.length) await coverReminders(tx, meetingId, input.startAt, now);
		const meeting = { id: row.id, title: input.title, startAt: input.startAt, endAt: input.endAt, meetingLink: input.meetingLink };
		if (changed.length) await tellChanged(tx, emit, meeting, input.agenda, changed, before, a.user.id);
		await tellInvited(tx, emit, meeting, input.agenda, invited, a.user.id);
		await audit(tx, {
			actorId: a.user.id,
			action: 'meeting.change',
			targetKind: 'meeting',
			targetId: meetingId,
			before: auditShape(row, items.length),
			after: auditShape(meeting, input.agenda.length),
			data: { changed, invited: invited.length }
		});
		emit({ type: 'meeting.scheduled', change: 'changed', meetingId, sequence });
		return { id: row.id, sequence, status: row.status, changed };
	});
}

/** Cancels a session with a reason every invitee reads. */
export async function cancelMeeting(actor: Actor, meetingId: number, raw: CancelInput, now: Date = new Date()): Promise<MeetingSaved> {
	const a = requireCapability(actor, 'board.manage');
	const input = parseInput(CancelInput, raw);
	return transact(async (tx, emit) => {
		const row = await lockedForChange(tx, meetingId, now);
		const [saved] = await tx
			.update(meetings)
			.set({ status: 'cancelled', cancelReason: input.reason, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
			.where(eq(meetings.id, meetingId))
			.returning({ sequence: meetings.sequence });
		await tellCancelled(tx, emit, row, input.reason, await inviteesOf(tx, meetingId), a.user.id);
		await audit(tx, {
			actorId: a.user.id,
			action: 'meeting.cancel',
			targetKind: 'meeting',
			targetId: meetingId,
			reason: input.reason,
			before: { title: row.title, startAt: row.startAt.toISOString(), endAt: row.endAt.toISOString(), status: row.status },
			after: { status: 'cancelled' }
		});
		emit({ type: 'meeting.scheduled', change: 'cancelled', meetingId, sequence: saved!.sequence });
		return { id: row.id, sequence: saved!.sequence, status: 'cancelled', changed: [] };
	});
}
