import { MEETING_LIMITS } from '$lib/shared/meetings-schedule';

/**
 * The session form (new and edit) as the pages' actions read it: the fields
 * as the domain takes them, the agenda from its rows (empty rows are no
 * items), the guests from the chosen checkboxes and the addresses typed;
 * and the domain's problems put back on the form's own fields.
 */

export const DEFAULT_AGENDA_ROWS = 5;
export const MORE_AGENDA_ROWS = 5;

/** Rows the form shows: as many as sent (never fewer than the default, never more than the agenda may hold). */
export const agendaRowsFor = (raw: string | null | undefined): number =>
	Math.min(MEETING_LIMITS.items, Math.max(DEFAULT_AGENDA_ROWS, Number.parseInt(raw ?? '', 10) || DEFAULT_AGENDA_ROWS));

const ITEM_FIELDS = ['title', 'body', 'minutes'] as const;

export interface MeetingForm {
	/** What the domain takes (createMeeting, changeMeeting). */
	input: {
		title: string;
		description: string;
		start: string;
		end: string;
		timeZone: string;
		meetingLink: string;
		agenda: { title: string; body: string; minutes: string }[];
		inviteBoard: boolean;
		guests: string[];
	};
	/** Every field as sent, to show again after a refusal. */
	values: Record<string, string>;
	guestIds: string[];
	rows: number;
	/** "Add agenda rows" was pressed: show more rows, save nothing. */
	moreRows: boolean;
	/** The domain's field names → the form's (an agenda item's index among the filled rows → its row). */
	fieldOf(field: string): string;
	/** A guest problem names the address it is about. */
	entryOf(field: string): string | null;
}

export function readMeetingForm(data: FormData): MeetingForm {
	const values: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string' && k !== 'guests') values[k] = v;
	const guestIds = data.getAll('guests').filter((g): g is string => typeof g === 'string' && g !== '');
	const emails = (values.guestEmails ?? '').split(/[\s,;]+/).filter(Boolean);
	const rows = agendaRowsFor(values.rows);
	const filled = Array.from({ length: rows }, (_, i) => i).filter((i) => ITEM_FIELDS.some((f) => (values[`agenda.${i}.${f}`] ?? '').trim() !== ''));
	const guests = [...guestIds, ...emails];
	return {
		input: {
			title: values.title ?? '',
			description: values.description ?? '',
			start: values.start ?? '',
			end: values.end ?? '',
			timeZone: values.timeZone ?? '',
			meetingLink: values.meetingLink ?? '',
			agenda: filled.map((i) => ({ title: values[`agenda.${i}.title`] ?? '', body: values[`agenda.${i}.body`] ?? '', minutes: values[`agenda.${i}.minutes`] ?? '' })),
			inviteBoard: values.inviteBoard === 'on',
			guests
		},
		values,
		guestIds,
		rows: Math.min(MEETING_LIMITS.items, rows + (values.moreRows ? MORE_AGENDA_ROWS : 0)),
		moreRows: Boolean(values.moreRows),
		fieldOf(field) {
			const item = /^agenda\.(\d+)\.(\w+)$/.exec(field);
			if (item) return `agenda.${filled[Number(item[1])] ?? item[1]}.${item[2]}`;
			const guest = /^guests\.(\d+)$/.exec(field);
			if (guest) return Number(guest[1]) < guestIds.length ? 'guests' : 'guestEmails';
			return field;
		},
		entryOf(field) {
			const guest = /^guests\.(\d+)$/.exec(field);
			return guest ? (guests[Number(guest[1])] ?? null) : null;
		}
	};
}
