import { z } from 'zod';
import { ATTENDANCE_SOURCES, INVITEE_KINDS, MEETING_STATUSES, NOTE_KINDS, NOTE_STATES, NOTES_STATUSES, RSVPS } from './meetings';

/**
 * The live session room: the shapes its page, the API and its socket events
 * share. Times travel as ISO strings on every transport alike (a page load,
 * a catch-up, a broadcast), so the browser handles one kind of value.
 *
 * No shape here names who wrote an entry: a quote is recorded without a
 * name, and the room needs no author for the rest either (a proposal reaches
 * only coordinators and the person who proposed it). The meeting link is in
 * none of them: the page passes it beside the room's state, to invitees only.
 */

export const ENTRY_BODY_MAX = 2000;
export const ENTRY_OWNER_MAX = 120;
/** A session's notes are read whole (small by nature); this keeps them so. */
export const ENTRIES_PER_MEETING = 1000;

/**
 * When presence in the room counts as attendance: from a quarter of an hour
 * before the start (people come early to test their sound) to half an hour
 * after the end (sessions overrun). A clock rule, not "while a coordinator is
 * in the room": it needs no one else's state, reads the same on every
 * instance, and a test at a time box's edge gives one answer.
 */
export const ATTENDANCE_WINDOW = { beforeStartMinutes: 15, afterEndMinutes: 30 } as const;

export const AgendaItem = z.object({
	id: z.number().int(),
	position: z.number().int(),
	title: z.string(),
	body: z.string(),
	/** The time box. */
	minutes: z.number().int()
});
export type AgendaItem = z.output<typeof AgendaItem>;

/** `meeting:agenda`: the item the room is on, since when, stamped with the room's change number. */
export const MeetingAgendaChange = z.object({
	meetingId: z.number().int(),
	seq: z.number().int(),
	currentItemId: z.number().int().nullable(),
	currentItemSince: z.string().nullable()
});
export type MeetingAgendaChange = z.output<typeof MeetingAgendaChange>;

/** One note entry as the room shows it (`meeting:entry`). */
export const NoteEntry = z.object({
	id: z.number().int(),
	meetingId: z.number().int(),
	itemId: z.number().int(),
	kind: z.enum(NOTE_KINDS),
	body: z.string(),
	/** Follow-ups: who carries it, as the session said it. */
	owner: z.string().nullable(),
	/** Follow-ups: by when (YYYY-MM-DD). */
	dueDate: z.string().nullable(),
	/** Proposed and rejected entries reach coordinators and their proposer only. */
	state: z.enum(NOTE_STATES),
	/** The text's version: an edit names the one it started from. */
	version: z.number().int(),
	/** The room's change number of this entry's last change. */
	seq: z.number().int(),
	highlighted: z.boolean()
});
export type NoteEntry = z.output<typeof NoteEntry>;

/** `meeting:entry-removed`: a coordinator deleted an entry. */
export const NoteEntryRemoved = z.object({ meetingId: z.number().int(), id: z.number().int(), itemId: z.number().int(), seq: z.number().int() });
export type NoteEntryRemoved = z.output<typeof NoteEntryRemoved>;

export const RoomPerson = z.object({ id: z.uuid(), name: z.string() });
export type RoomPerson = z.output<typeof RoomPerson>;

/** `meeting:presence`: who has the room open now, each person once however many tabs. */
export const MeetingPresence = z.object({ meetingId: z.number().int(), people: z.array(RoomPerson) });
export type MeetingPresence = z.output<typeof MeetingPresence>;

/** One invitee's attendance, for coordinators (the correction form). */
export const AttendanceRow = z.object({
	userId: z.uuid(),
	name: z.string(),
	kind: z.enum(INVITEE_KINDS),
	rsvp: z.enum(RSVPS).nullable(),
	attended: z.boolean().nullable(),
	source: z.enum(ATTENDANCE_SOURCES).nullable()
});
export type AttendanceRow = z.output<typeof AttendanceRow>;

/** `meeting:attendance` (coordinators only): someone's attendance was recorded or corrected. */
export const MeetingAttendanceChange = z.object({
	meetingId: z.number().int(),
	userId: z.uuid(),
	attended: z.boolean().nullable(),
	source: z.enum(ATTENDANCE_SOURCES).nullable()
});
export type MeetingAttendanceChange = z.output<typeof MeetingAttendanceChange>;

/**
 * The room as one person sees it. With `since` 0 it is everything; with a
 * change number it is what a returning browser needs: the entries changed
 * after it (`entries`), the ids of every entry there is now (`entryIds`, so
 * one deleted meanwhile is dropped), and the rest whole (it is small). `seq`
 * is the room's change number when this was read: ask for what came after it
 * next time. `sections` holds what other parts of the room add (questions,
 * polls: see room-sections.ts on the server), each under its own key.
 */
export const MeetingRoomState = z.object({
	meetingId: z.number().int(),
	title: z.string(),
	status: z.enum(MEETING_STATUSES),
	notesStatus: z.enum(NOTES_STATUSES),
	startAt: z.string(),
	endAt: z.string(),
	/** The server's clock when this was read: the countdown corrects the browser's clock by it. */
	serverNow: z.string(),
	seq: z.number().int(),
	since: z.number().int(),
	agenda: z.object({
		items: z.array(AgendaItem),
		currentItemId: z.number().int().nullable(),
		currentItemSince: z.string().nullable()
	}),
	entries: z.array(NoteEntry),
	entryIds: z.array(z.number().int()),
	present: z.array(RoomPerson),
	me: z.object({
		id: z.uuid(),
		/** A coordinator: writes and accepts entries, moves the agenda, corrects attendance. */
		manage: z.boolean(),
		/** May propose entries (an invited board member). */
		propose: z.boolean()
	}),
	/** Coordinators only; null for everyone else. */
	attendance: z.array(AttendanceRow).nullable(),
	sections: z.record(z.string(), z.unknown())
});
export type MeetingRoomState<S extends Record<string, unknown> = Record<string, unknown>> = Omit<z.output<typeof MeetingRoomState>, 'sections'> & { sections: S };

/** When the current item's time box ends (ms since the epoch), or null when the room is on no item. */
export function itemEndsAt(agenda: { items: readonly AgendaItem[]; currentItemId: number | null; currentItemSince: string | null }): number | null {
	const item = agenda.items.find((i) => i.id === agenda.currentItemId);
	if (!item || !agenda.currentItemSince) return null;
	return new Date(agenda.currentItemSince).getTime() + item.minutes * 60_000;
}

/** Minutes and seconds of a span, "4:05"; over time is said by the caller. */
export function clockOf(ms: number): string {
	const total = Math.floor(Math.abs(ms) / 1000);
	return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Whether `at` falls in the attendance window of a session from `startAt` to `endAt`. */
export function inAttendanceWindow(startAt: Date, endAt: Date, at: Date): boolean {
	return at.getTime() >= startAt.getTime() - ATTENDANCE_WINDOW.beforeStartMinutes * 60_000 && at.getTime() <= endAt.getTime() + ATTENDANCE_WINDOW.afterEndMinutes * 60_000;
}

/** An entry a coordinator still has to decide on. */
export const isPending = (e: Pick<NoteEntry, 'state'>) => e.state === 'proposed';
