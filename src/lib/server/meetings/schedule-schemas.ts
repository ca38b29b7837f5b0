import { z } from 'zod';
import { plain, text } from '../text';
import { RSVPS } from '../../shared/meetings';
import { FINDER_LIMITS, MEETING_LIMITS, MEETING_LIST_WHEN, agendaMinutes } from '../../shared/meetings-schedule';
import { isTimeZone, localToUtc, parseLocal } from '../../shared/zoned-time';

/**
 * What arrives to schedule a session, answer an invitation, cancel, list and
 * find a time: bodies, URL parameters and query strings, pages and the API
 * alike. Times arrive as a wall-clock time plus the zone it was meant in
 * (a coordinator thinks in their own clock); the schema turns them into UTC
 * with the zone's own rules, and refuses an hour the clocks skip.
 */

const INT32 = 2_147_483_647;
export const MeetingIdParam = z.object({ id: z.coerce.number({ error: 'error_meeting_not_found' }).int({ error: 'error_meeting_not_found' }).positive({ error: 'error_meeting_not_found' }).max(INT32, { error: 'error_meeting_not_found' }) });

export const timeZoneField = plain('error_meeting_zone').refine(isTimeZone, { error: 'error_meeting_zone' });

/** "2026-03-29T14:00", as `<input type="datetime-local">` sends it (seconds, if a browser adds them, dropped). */
const localDateTime = (error: string) =>
	plain(error)
		.transform((s) => s.trim().replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(\.\d+)?$/, '$1'))
		.refine((s) => parseLocal(s) !== null, { error });

/** An https address only: a meeting link people click from an email. */
const httpsUrl = plain('error_meeting_link')
	.trim()
	.max(MEETING_LIMITS.link, { error: 'error_meeting_link' })
	.refine((s) => {
		if (s === '') return true;
		if (/\s/.test(s)) return false;
		try {
			const u = new URL(s);
			return u.protocol === 'https:' && u.hostname.includes('.') && !u.username && !u.password;
		} catch {
			return false;
		}
	}, { error: 'error_meeting_link' });

const minutes = z.coerce
	.number({ error: 'error_meeting_item_minutes' })
	.int({ error: 'error_meeting_item_minutes' })
	.min(MEETING_LIMITS.minMinutes, { error: 'error_meeting_item_minutes' })
	.max(MEETING_LIMITS.maxMinutes, { error: 'error_meeting_item_minutes' });

export const AgendaItemInput = z.object({
	title: text({ error: 'error_meeting_item_title', max: MEETING_LIMITS.itemTitle }),
	body: text({ error: 'error_meeting_item_body', max: MEETING_LIMITS.itemBody, multiline: true, allowEmpty: true }).default(''),
	minutes
});

/** A guest: an active person's id, or their email address (the form takes addresses, the API either). */
const guest = plain('error_meeting_guest_unknown').trim().min(1, { error: 'error_meeting_guest_unknown' }).max(254, { error: 'error_meeting_guest_unknown' });
export const GuestsInput = z.array(guest, { error: 'error_meeting_guests_count' }).max(MEETING_LIMITS.guests, { error: 'error_meeting_guests_count' });

export const MeetingInput = z
	.object({
		title: text({ error: 'error_meeting_title', max: MEETING_LIMITS.title }),
		description: text({ error: 'error_meeting_description', max: MEETING_LIMITS.description, multiline: true, allowEmpty: true }).default(''),
		start: localDateTime('error_meeting_start'),
		end: localDateTime('error_meeting_end'),
		timeZone: timeZoneField,
		meetingLink: httpsUrl.default(''),
		agenda: z
			.array(AgendaItemInput, { error: 'error_meeting_agenda_count' })
			.min(1, { error: 'error_meeting_agenda_count' })
			.max(MEETING_LIMITS.items, { error: 'error_meeting_agenda_count' }),
		/** Every active board member (the default), or only the named guests. */
		inviteBoard: z.boolean({ error: 'error_malformed_request' }).default(true),
		guests: GuestsInput.default([])
	})
	.superRefine((v, ctx) => {
		if (!isTimeZone(v.timeZone)) return;
		const start = parseLocal(v.start) ? localToUtc(v.start, v.timeZone) : undefined;
		const end = parseLocal(v.end) ? localToUtc(v.end, v.timeZone) : undefined;
		// The hour the clocks skip does not exist there: ask for another rather than move it silently.
		if (start === null) ctx.addIssue({ code: 'custom', path: ['start'], message: 'error_meeting_time_gap' });
		if (end === null) ctx.addIssue({ code: 'custom', path: ['end'], message: 'error_meeting_time_gap' });
		if (start && end && end.getTime() <= start.getTime()) ctx.addIssue({ code: 'custom', path: ['end'], message: 'error_meeting_end_before_start' });
		if (start && end && end.getTime() - start.getTime() > 24 * 3_600_000) ctx.addIssue({ code: 'custom', path: ['end'], message: 'error_meeting_too_long' });
		if (start && end && end > start && Array.isArray(v.agenda) && v.agenda.every((i) => typeof i?.minutes === 'number')) {
			if (agendaMinutes(v.agenda) > (end.getTime() - start.getTime()) / 60_000) ctx.addIssue({ code: 'custom', path: ['agenda'], message: 'error_meeting_agenda_too_long' });
		}
	})
	.transform((v) => ({ ...v, startAt: localToUtc(v.start, v.timeZone)!, endAt: localToUtc(v.end, v.timeZone)! }));
export type MeetingInput = z.input<typeof MeetingInput>;

/**
 * The API's body for scheduling and changing: documented as MeetingInput, but
 * passed to the domain as it came when it does not parse, so the domain names
 * every problem at once (unknown guests and a start in the past included)
 * rather than the schema's alone.
 */
export const MeetingBody = MeetingInput.catch((ctx) => ctx.input as never);
export type MeetingFields = z.output<typeof MeetingInput>;

export const RsvpInput = z.object({
	answer: z.enum(RSVPS, { error: 'error_meeting_rsvp' }),
	note: text({ error: 'error_meeting_note', max: MEETING_LIMITS.note, multiline: true, allowEmpty: true }).default('')
});
export type RsvpInput = z.input<typeof RsvpInput>;

export const CancelInput = z.object({ reason: text({ error: 'error_meeting_reason', max: MEETING_LIMITS.reason, multiline: true }) });
export type CancelInput = z.input<typeof CancelInput>;

export const MeetingListQuery = z.object({
	when: z.enum(MEETING_LIST_WHEN, { error: 'error_malformed_request' }).default('upcoming'),
	cursor: z.string().max(400).optional(),
	limit: z.coerce.number().int().min(1).max(50).default(20)
});
export type MeetingListQuery = z.input<typeof MeetingListQuery>;

export const PeopleQuery = z.object({ q: plain('error_meeting_people_query').trim().min(1, { error: 'error_meeting_people_query' }).max(100, { error: 'error_meeting_people_query' }) });
export type PeopleQuery = z.input<typeof PeopleQuery>;

/** One value or several (a query string repeats a key for a list). */
const many = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : String(v).split(',')), z.array(item));
const hour = (error: string) => z.coerce.number({ error }).int({ error }).min(0, { error }).max(23, { error });

export const TimeFinderQuery = z
	.object({
		minutes: z.coerce
			.number({ error: 'error_meeting_finder_minutes' })
			.int({ error: 'error_meeting_finder_minutes' })
			.min(FINDER_LIMITS.minMinutes, { error: 'error_meeting_finder_minutes' })
			.max(FINDER_LIMITS.maxMinutes, { error: 'error_meeting_finder_minutes' })
			.default(FINDER_LIMITS.defaultMinutes),
		/** auto: the next 14 days at each whole hour 06–22 UTC; custom: the window below. */
		mode: z.enum(['auto', 'custom'], { error: 'error_malformed_request' }).default('auto'),
		weeks: z.coerce
			.number({ error: 'error_meeting_finder_weeks' })
			.int({ error: 'error_meeting_finder_weeks' })
			.min(1, { error: 'error_meeting_finder_weeks' })
			.max(FINDER_LIMITS.maxWeeks, { error: 'error_meeting_finder_weeks' })
			.default(FINDER_LIMITS.defaultWeeks),
		days: many(z.coerce.number({ error: 'error_meeting_finder_days' }).int({ error: 'error_meeting_finder_days' }).min(1, { error: 'error_meeting_finder_days' }).max(7, { error: 'error_meeting_finder_days' })),
		from: hour('error_meeting_finder_hours').default(9),
		to: hour('error_meeting_finder_hours').default(17),
		/** The zone the window's days and hours are meant in (the coordinator's own, unless chosen). */
		zone: timeZoneField.optional(),
		/** Weigh every active board member (the default) as well as the guests. */
		board: z
			.union([z.boolean(), z.enum(['0', '1', 'true', 'false']).transform((s) => s === '1' || s === 'true')], { error: 'error_malformed_request' })
			.default(true),
		guests: many(z.uuid({ error: 'error_meeting_guest_unknown' })).pipe(z.array(z.string()).max(MEETING_LIMITS.guests, { error: 'error_meeting_guests_count' }))
	})
	.superRefine((v, ctx) => {
		if (v.mode !== 'custom') return;
		if (v.days.length === 0) ctx.addIssue({ code: 'custom', path: ['days'], message: 'error_meeting_finder_days' });
		if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'error_meeting_finder_hours' });
	});
export type TimeFinderQuery = z.input<typeof TimeFinderQuery>;
