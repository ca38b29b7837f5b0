import type { Tx } from '../db';
import { notify, type Emit } from '../notifications/notify';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';
import { translate } from '../../i18n/translate';
import { meetingWhen } from '../../shared/meetings-schedule';
import type { Language } from '../../shared/roles';
import type { InviteePerson } from './invitees';

/**
 * Telling invitees: a notification in the app and an email, each in the
 * person's language with the time on their own clock, the zone named. The
 * meeting link goes into these emails only (every recipient is an invitee);
 * the notification carries the session's id, title and time, never the link.
 */

export interface MeetingForMail {
	id: number;
	title: string;
	startAt: Date;
	endAt: Date;
	meetingLink: string;
}

export type MeetingChange = 'title' | 'description' | 'time' | 'agenda' | 'link';

type Paragraph = string | [key: string, inputs?: Record<string, unknown>];
type Recipient = Pick<InviteePerson, 'id' | 'email' | 'displayName' | 'language' | 'timeZone'>;

const pageUrl = (meetingId: number) => siteUrl(`/board/sessions/${meetingId}`);

/** "Wanneer: dinsdag 14 april 2026, 15:00–16:30, Amsterdam (UTC+2)", for this person. */
const whenFor = (m: MeetingForMail, p: Recipient): Paragraph => ['meetings_email_when', { when: meetingWhen(m.startAt, m.endAt, p.language, p.timeZone) }];

const linkParagraph = (m: MeetingForMail): Paragraph => (m.meetingLink ? ['meetings_email_link', { link: m.meetingLink }] : ['meetings_email_link_later']);

function agendaLines(items: readonly { title: string; minutes: number }[], locale: Language): string {
	return [translate('meetings_email_agenda', locale), ...items.map((it, i) => translate('meetings_email_agenda_item', locale, { n: i + 1, title: it.title, minutes: it.minutes }))].join('\n');
}

/** What changed, in words: "de tijd en de agenda". */
function changesInWords(changed: readonly MeetingChange[], locale: Language): string {
	const words = changed.map((c) => translate(`meetings_change_${c}`, locale));
	return new Intl.ListFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { type: 'conjunction' }).format(words);
}

const dataOf = (m: MeetingForMail) => ({ meetingId: m.id, title: m.title, startAt: m.startAt.toISOString(), endAt: m.endAt.toISOString() });

/** The people just invited: a notification and an invitation by email. */
export async function tellInvited(tx: Tx, emit: Emit, m: MeetingForMail, agenda: readonly { title: string; minutes: number }[], people: readonly Recipient[], actorId: string): Promise<void> {
	const to = people.filter((p) => p.id !== actorId);
	await notify(tx, emit, to.map((p) => ({ userId: p.id, kind: 'meeting_invited' as const, actorId, data: dataOf(m) })));
	for (const p of to) {
		const mail = compose(
			p.language,
			'meetings_email_invited_subject',
			[
				['email_greeting', { name: p.displayName }],
				['meetings_email_invited_text', { title: m.title }],
				whenFor(m, p),
				agendaLines(agenda, p.language),
				linkParagraph(m),
				['meetings_email_page', { url: pageUrl(m.id) }]
			],
			{ title: m.title }
		);
		await enqueueEmail(tx, { to: p.email, ...mail, kind: 'meeting_invited', meta: { meetingId: m.id } });
	}
}

/** A change of time, agenda, link or words: every invitee hears what changed, with the time as it now is. */
export async function tellChanged(
	tx: Tx,
	emit: Emit,
	m: MeetingForMail,
	agenda: readonly { title: string; minutes: number }[],
	changed: readonly MeetingChange[],
	people: readonly Recipient[],
	actorId: string
): Promise<void> {
	const to = people.filter((p) => p.id !== actorId);
	await notify(tx, emit, to.map((p) => ({ userId: p.id, kind: 'meeting_changed' as const, actorId, data: { ...dataOf(m), changed } })));
	for (const p of to) {
		const mail = compose(
			p.language,
			'meetings_email_changed_subject',
			[
				['email_greeting', { name: p.displayName }],
				['meetings_email_changed_text', { title: m.title, what: changesInWords(changed, p.language) }],
				whenFor(m, p),
				...(changed.includes('agenda') ? [agendaLines(agenda, p.language)] : []),
				linkParagraph(m),
				['meetings_email_page', { url: pageUrl(m.id) }]
			],
			{ title: m.title }
		);
		await enqueueEmail(tx, { to: p.email, ...mail, kind: 'meeting_changed', meta: { meetingId: m.id, changed } });
	}
}

/** A cancellation, with the reason the coordinator gave. */
export async function tellCancelled(tx: Tx, emit: Emit, m: MeetingForMail, reason: string, people: readonly Recipient[], actorId: string): Promise<void> {
	const to = people.filter((p) => p.id !== actorId);
	await notify(tx, emit, to.map((p) => ({ userId: p.id, kind: 'meeting_cancelled' as const, actorId, data: { ...dataOf(m), reason } })));
	for (const p of to) {
		const mail = compose(
			p.language,
			'meetings_email_cancelled_subject',
			[
				['email_greeting', { name: p.displayName }],
				['meetings_email_cancelled_text', { title: m.title, when: meetingWhen(m.startAt, m.endAt, p.language, p.timeZone) }],
				['meetings_email_reason', { reason }]
			],
			{ title: m.title }
		);
		await enqueueEmail(tx, { to: p.email, ...mail, kind: 'meeting_cancelled', meta: { meetingId: m.id } });
	}
}

/** A reminder a day or an hour before, with the link to join. */
export function reminderMail(m: MeetingForMail, p: Recipient, which: 'day' | 'hour'): { subject: string; text: string } {
	return compose(
		p.language,
		which === 'day' ? 'meetings_email_reminder_day_subject' : 'meetings_email_reminder_hour_subject',
		[
			['email_greeting', { name: p.displayName }],
			[which === 'day' ? 'meetings_email_reminder_day_text' : 'meetings_email_reminder_hour_text', { title: m.title }],
			whenFor(m, p),
			linkParagraph(m),
			['meetings_email_reminder_page', { url: pageUrl(m.id) }]
		],
		{ title: m.title }
	);
}
