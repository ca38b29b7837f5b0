import { z } from 'zod';
import { MEETING_STATUSES, RSVPS, INVITEE_KINDS } from './meetings';
import { isoDate } from './wire';
import { formatTimeZone } from '../format';
import { wallTime } from './zoned-time';

/**
 * Scheduling board sessions: the shapes the pages, the API and the emails
 * share, the limits the forms state, and how a session's time reads in a
 * person's own zone and language. The meeting link appears in a shape only
 * where the reader is an invitee or a coordinator (MeetingView.meetingLink).
 */

export const MEETING_LIMITS = {
	title: 200,
	description: 5000,
	itemTitle: 200,
	itemBody: 1000,
	items: 50,
	minMinutes: 1,
	maxMinutes: 240,
	link: 500,
	guests: 100,
	note: 1000,
	reason: 1000
} as const;

/** The time finder's choices: duration, weeks ahead, hours. */
export const FINDER_LIMITS = { minMinutes: 15, maxMinutes: 480, defaultMinutes: 90, maxWeeks: 8, defaultWeeks: 2 } as const;

export const MEETING_LIST_WHEN = ['upcoming', 'past'] as const;

export const AgendaItemView = z.object({
	id: z.number().int(),
	position: z.number().int(),
	title: z.string(),
	body: z.string(),
	minutes: z.number().int()
});
export type AgendaItemView = z.output<typeof AgendaItemView>;

/** One session in a list: never its link. */
export const MeetingListItem = z.object({
	id: z.number().int(),
	title: z.string(),
	startAt: isoDate,
	endAt: isoDate,
	status: z.enum(MEETING_STATUSES),
	/** The reader is invited. */
	invited: z.boolean(),
	/** The reader's own answer, if invited and answered. */
	rsvp: z.enum(RSVPS).nullable(),
	notesPublished: z.boolean(),
	/** The session's page is open to the reader; otherwise only its published notes are (policy staff). */
	openable: z.boolean()
});
export type MeetingListItem = z.output<typeof MeetingListItem>;

/** An invitee as the session page lists them: the answer and access note for coordinators only. */
export const InviteeView = z.object({
	userId: z.uuid(),
	displayName: z.string(),
	kind: z.enum(INVITEE_KINDS),
	rsvp: z.enum(RSVPS).nullable().optional(),
	rsvpNote: z.string().optional(),
	rsvpAt: isoDate.nullable().optional()
});
export type InviteeView = z.output<typeof InviteeView>;

export const MeetingView = z.object({
	id: z.number().int(),
	uid: z.uuid(),
	title: z.string(),
	description: z.string(),
	startAt: isoDate,
	endAt: isoDate,
	status: z.enum(MEETING_STATUSES),
	cancelReason: z.string().nullable(),
	/** Goes up with every change calendars must take over. */
	sequence: z.number().int(),
	notesPublished: z.boolean(),
	agenda: z.array(AgendaItemView),
	/** Invitees and coordinators only; null for anyone else, and '' when none was given yet. */
	meetingLink: z.string().nullable(),
	/** The reader's own invitation and answer (their own note included). */
	me: z
		.object({ kind: z.enum(INVITEE_KINDS), rsvp: z.enum(RSVPS).nullable(), rsvpNote: z.string(), rsvpAt: isoDate.nullable() })
		.nullable(),
	can: z.object({ manage: z.boolean(), rsvp: z.boolean(), enterRoom: z.boolean(), readNotes: z.boolean() }),
	invitees: z.object({
		total: z.number().int(),
		yes: z.number().int(),
		no: z.number().int(),
		maybe: z.number().int(),
		none: z.number().int(),
		people: z.array(InviteeView)
	})
});
export type MeetingView = z.output<typeof MeetingView>;

/** A person a coordinator may invite as a named guest. */
export const PersonOption = z.object({ id: z.uuid(), displayName: z.string(), email: z.string(), board: z.boolean() });
export type PersonOption = z.output<typeof PersonOption>;

/** One slot of the time finder: who would be outside their daytime, with their zone (the page shows their clock). */
export const SlotView = z.object({
	start: isoDate,
	end: isoDate,
	inside: z.number().int(),
	total: z.number().int(),
	outside: z.array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() }))
});
export type SlotView = z.output<typeof SlotView>;

export const TimeFinderAnswer = z.object({ invitees: z.number().int(), candidates: z.number().int(), slots: z.array(SlotView) });
export type TimeFinderAnswer = z.output<typeof TimeFinderAnswer>;

export const RsvpAnswer = z.object({ meetingId: z.number().int(), rsvp: z.enum(RSVPS), rsvpNote: z.string() });
export type RsvpAnswer = z.output<typeof RsvpAnswer>;

export const MeetingSaved = z.object({ id: z.number().int(), sequence: z.number().int(), status: z.enum(MEETING_STATUSES), changed: z.array(z.string()) });
export type MeetingSaved = z.output<typeof MeetingSaved>;

const intl = (locale: string) => (locale === 'nl' ? 'nl-NL' : 'en-GB');
const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, zone: string, kind: 'day' | 'time'): Intl.DateTimeFormat {
	const key = `${locale}|${zone}|${kind}`;
	let f = formats.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(
			intl(locale),
			kind === 'day' ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }
		);
		formats.set(key, f);
	}
	return f;
}

/** The zone by its place and its offset on that day: "Amsterdam (UTC+2)". */
export const zoneName = (zone: string, at: Date): string => formatTimeZone(zone, at);

/**
 * A session's time as the reader's clock shows it, in their language, the
 * zone named with the offset it has on that day:
 * "dinsdag 14 april 2026, 15:00–16:30, Amsterdam (UTC+2)". A session that
 * ends on the next day there names both days.
 */
export function meetingWhen(start: Date | string, end: Date | string, locale: string, zone: string): string {
	const s = new Date(start);
	const e = new Date(end);
	try {
		const a = wallTime(s, zone);
		const b = wallTime(e, zone);
		const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
		const day = format(locale, zone, 'day');
		const time = format(locale, zone, 'time');
		const span = sameDay ? `${day.format(s)}, ${time.format(s)}–${time.format(e)}` : `${day.format(s)}, ${time.format(s)} – ${day.format(e)}, ${time.format(e)}`;
		return `${span}, ${zoneName(zone, s)}`;
	} catch {
		return `${s.toISOString().slice(0, 16).replace('T', ' ')}–${e.toISOString().slice(11, 16)} UTC`;
	}
}

/** Just the clock times in a zone: "02:00–03:30" (for "who would be outside their daytime"). */
export function clockSpan(start: Date | string, end: Date | string, locale: string, zone: string): string {
	try {
		const time = format(locale, zone, 'time');
		return `${time.format(new Date(start))}–${time.format(new Date(end))}`;
	} catch {
		return '';
	}
}

/** Minutes the agenda's time boxes add up to. */
export const agendaMinutes = (items: readonly { minutes: number }[]): number => items.reduce((sum, i) => sum + i.minutes, 0);
