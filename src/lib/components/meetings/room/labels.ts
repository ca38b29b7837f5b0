import { m } from '$lib/paraglide/messages';
import { formatTimeZone } from '$lib/format';
import type { AttendanceRow } from '$lib/shared/meetings-room';
import type { NoteKind } from '$lib/shared/meetings';

/** An entry's kind in words. */
export const kindLabel = (kind: NoteKind): string =>
	({ point: m.room_kind_point, quote: m.room_kind_quote, decision: m.room_kind_decision, follow_up: m.room_kind_follow_up })[kind]();

/** An invitee's RSVP in words. */
export const rsvpLabel = (rsvp: AttendanceRow['rsvp']): string =>
	rsvp === 'yes' ? m.room_rsvp_yes() : rsvp === 'no' ? m.room_rsvp_no() : rsvp === 'maybe' ? m.room_rsvp_maybe() : m.room_rsvp_none();

/** Attendance as recorded, and how. */
export function attendanceLabel(row: Pick<AttendanceRow, 'attended' | 'source'>): string {
	if (row.attended === null) return m.room_attendance_unknown();
	const state = row.attended ? m.room_attendance_present() : m.room_attendance_absent();
	const how = row.source === 'coordinator' ? m.room_attendance_by_coordinator() : m.room_attendance_by_presence();
	return `${state} (${how})`;
}

/** A day (YYYY-MM-DD) in the reader's language, as a calendar day: no time zone moves it. */
export function formatDay(day: string, locale: string): string {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, mo - 1, d)));
}

/** A clock time in the reader's zone and language, with the zone named: "14:25 (Jakarta, UTC+7)". */
export function formatClock(at: Date | number, locale: string, timeZone: string): string {
	try {
		const time = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short', timeZone }).format(at);
		return `${time} (${formatTimeZone(timeZone, new Date(at))})`;
	} catch {
		return new Date(at).toISOString().slice(11, 16) + ' UTC';
	}
}
