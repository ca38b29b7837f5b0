import ical, { ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { asc, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, runtime } from '../runtime';
import { meetingAgendaItems } from '../db/schema';
import type { Actor } from '../auth/actor';
import { translate } from '../../i18n/translate';
import type { Language } from '../../shared/roles';
import { meetingAccess, requireAccess, type Meeting } from './access';

/**
 * Board sessions as iCalendar (RFC 5545), for a download per session and for
 * a person's feed (calendar-feed.ts). A calendar app updates an event in
 * place when it sees the same UID with a higher SEQUENCE, so every session
 * is one UID for life (meetings.uid, at this site's host) and its SEQUENCE is
 * meetings.sequence, which every change invitees must take over raises. A
 * cancelled session is sent as STATUS:CANCELLED under the same UID: the app
 * strikes or removes the event instead of keeping a stale one.
 *
 * Times go out in UTC (…Z): the app shows them on the person's own clock,
 * and no zone table of ours can go stale in their calendar. The meeting link
 * is written (LOCATION, URL, description) only for a reader access.ts lets
 * see it; anyone else gets the session's page on the platform.
 */

export interface AgendaLine {
	title: string;
	body: string;
	minutes: number;
}

export interface CalendarEntry {
	meeting: Meeting;
	items: readonly AgendaLine[];
	/** From access.ts: invitees and coordinators. */
	seeLink: boolean;
	/** The reader answered "no": the event stays (they may change their mind, and still hear of a move or a cancellation) but does not block their time. */
	declined: boolean;
}

const origin = (): string => runtime().config.origin;

/** Stable across every change: what calendar apps match on. */
export const eventUid = (meeting: Pick<Meeting, 'uid'>): string => `${meeting.uid}@${new URL(origin()).hostname}`;

export const meetingPageUrl = (meetingId: number): string => `${origin()}/board/sessions/${meetingId}`;

/** The agenda of each session, in order, in one query. */
export async function agendaOf(reader: Db | Tx, meetingIds: readonly number[]): Promise<Map<number, AgendaLine[]>> {
	const byMeeting = new Map<number, AgendaLine[]>();
	if (meetingIds.length === 0) return byMeeting;
	const rows = await reader
		.select({ meetingId: meetingAgendaItems.meetingId, title: meetingAgendaItems.title, body: meetingAgendaItems.body, minutes: meetingAgendaItems.minutes })
		.from(meetingAgendaItems)
		.where(inArray(meetingAgendaItems.meetingId, [...meetingIds]))
		.orderBy(asc(meetingAgendaItems.meetingId), asc(meetingAgendaItems.position));
	for (const { meetingId, ...item } of rows) {
		let list = byMeeting.get(meetingId);
		if (!list) byMeeting.set(meetingId, (list = []));
		list.push(item);
	}
	return byMeeting;
}

/** The event's text: why it is off (if it is), what it is about, the agenda, where to join, the page. */
function descriptionOf(entry: CalendarEntry, locale: Language): string {
	const { meeting, items } = entry;
	const blocks: string[] = [];
	if (meeting.status === 'cancelled') {
		blocks.push(
			meeting.cancelReason ? translate('meetings_calendar_cancelled_because', locale, { reason: meeting.cancelReason }) : translate('meetings_calendar_cancelled_text', locale)
		);
	}
	if (meeting.description.trim()) blocks.push(meeting.description.trim());
	if (items.length) {
		const lines = [translate('meetings_calendar_agenda', locale)];
		items.forEach((it, i) => {
			lines.push(translate('meetings_calendar_agenda_item', locale, { n: i + 1, title: it.title, minutes: it.minutes }));
			// Indented under its item, so a multi-line text still reads as belonging to it.
			for (const line of it.body.trim().split('\n')) if (line.trim()) lines.push(`   ${line.trim()}`);
		});
		blocks.push(lines.join('\n'));
	}
	if (entry.seeLink && meeting.meetingLink && meeting.status !== 'cancelled') blocks.push(translate('meetings_calendar_join', locale, { link: meeting.meetingLink }));
	if (entry.declined) blocks.push(translate('meetings_calendar_declined', locale));
	blocks.push(translate('meetings_calendar_page', locale, { url: meetingPageUrl(meeting.id) }));
	return blocks.join('\n\n');
}

/** One VCALENDAR (METHOD:PUBLISH) with an event per entry, in the reader's language. */
export function calendarText(entries: readonly CalendarEntry[], options: { locale: Language; name?: string }): string {
	const { locale } = options;
	const calendar = ical({
		prodId: { company: 'Partner community', product: 'Board sessions', language: locale.toUpperCase() },
		method: ICalCalendarMethod.PUBLISH,
		...(options.name ? { name: options.name, ttl: 60 * 60 } : {})
	});
	for (const entry of entries) {
		const { meeting } = entry;
		const cancelled = meeting.status === 'cancelled';
		const link = entry.seeLink && !cancelled && meeting.meetingLink ? meeting.meetingLink : null;
		calendar.createEvent({
			id: eventUid(meeting),
			sequence: meeting.sequence,
			// The moment this version of the event was made: the same text for the same version, so a feed that did not change reads the same.
			stamp: meeting.updatedAt,
			created: meeting.createdAt,
			lastModified: meeting.updatedAt,
			start: meeting.startAt,
			end: meeting.endAt,
			summary: cancelled ? translate('meetings_calendar_cancelled_summary', locale, { title: meeting.title }) : meeting.title,
			description: descriptionOf(entry, locale),
			location: link,
			url: link ?? meetingPageUrl(meeting.id),
			status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
			transparency: cancelled || entry.declined ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE
		});
	}
	return calendar.toString();
}

/** "sounding-board-2026-04-14.ics": ASCII, so every browser and mail client keeps it. */
function fileNameOf(meeting: Meeting): string {
	const slug = meeting.title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `${slug || 'session'}-${meeting.startAt.toISOString().slice(0, 10)}.ics`;
}

/** One session as a file to import: for whoever may see it; its link only for whoever may see that. */
export async function meetingCalendarFile(actor: Actor, meetingId: number, locale: Language): Promise<{ fileName: string; text: string }> {
	const access = await meetingAccess(actor, meetingId);
	requireAccess(access, 'see');
	const items = (await agendaOf(db(), [meetingId])).get(meetingId) ?? [];
	const entry: CalendarEntry = { meeting: access.meeting, items, seeLink: access.seeLink, declined: access.invitee?.rsvp === 'no' };
	return { fileName: fileNameOf(access.meeting), text: calendarText([entry], { locale }) };
}
