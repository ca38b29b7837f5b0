import { z } from 'zod';
import { NOTE_KINDS, NOTE_STATES } from './meetings';
import { isoDate } from './wire';

/**
 * After a board session: published notes (frozen revisions and their
 * history), the closing summary, open follow-ups across sessions and
 * highlights. The shapes pages and the API share.
 *
 * No shape here carries who wrote an entry: a quote is recorded without a
 * name, and so is every other entry once it is in the notes. A follow-up's
 * owner is the one name notes hold (who carries the action, as the session
 * agreed it), and it stays out of the summary posted to the group.
 */

/** The group category a session's summary is posted in (the demo seed makes it; an admin can too). */
export const BOARD_SUMMARY_CATEGORY = 'sounding-board';

export const REVISION_REASON_MAX = 1000;

/** One entry as published. */
export const PublishedEntry = z.object({
	id: z.number().int(),
	kind: z.enum(NOTE_KINDS),
	body: z.string(),
	owner: z.string().nullable(),
	dueDate: z.string().nullable()
});
export type PublishedEntry = z.output<typeof PublishedEntry>;

/** A closed quick poll as published with its item: counts only. */
export const PublishedPoll = z.object({
	question: z.string(),
	options: z.array(z.object({ label: z.string(), count: z.number().int() })),
	total: z.number().int()
});
export type PublishedPoll = z.output<typeof PublishedPoll>;

export const PublishedItem = z.object({
	id: z.number().int(),
	position: z.number().int(),
	title: z.string(),
	entries: z.array(PublishedEntry),
	polls: z.array(PublishedPoll)
});
export type PublishedItem = z.output<typeof PublishedItem>;

/**
 * What a revision freezes (meeting_note_revisions.content): the session as it
 * was, its agenda items with their accepted entries and closed polls, and how
 * many attended. Times as ISO strings: this is stored JSON, read back as is.
 */
export const NotesContent = z.object({
	title: z.string(),
	startAt: z.string(),
	endAt: z.string(),
	attendance: z.number().int(),
	items: z.array(PublishedItem)
});
export type NotesContent = z.output<typeof NotesContent>;

/** One publication in the history: when, by whom (a coordinator), why. */
export const RevisionSummary = z.object({
	revision: z.number().int(),
	publishedAt: isoDate,
	publishedBy: z.string().nullable(),
	reason: z.string()
});
export type RevisionSummary = z.output<typeof RevisionSummary>;

export const NotesRevision = RevisionSummary.extend({ content: NotesContent });
export type NotesRevision = z.output<typeof NotesRevision>;

/** The closing summary of one session, counted from the notes shown (the latest revision, or the draft for coordinators). */
export const ClosingSummary = z.object({
	attendance: z.number().int(),
	invited: z.number().int(),
	itemsCovered: z.number().int(),
	itemsTotal: z.number().int(),
	points: z.number().int(),
	quotes: z.number().int(),
	decisions: z.number().int(),
	followUps: z.number().int(),
	openFollowUps: z.number().int()
});
export type ClosingSummary = z.output<typeof ClosingSummary>;

/** An entry as coordinators see it in the draft: with its state and highlight mark. */
export const DraftEntry = PublishedEntry.extend({
	state: z.enum(NOTE_STATES),
	doneAt: isoDate.nullable(),
	highlightedAt: isoDate.nullable(),
	highlightedBy: z.string().nullable()
});
export type DraftEntry = z.output<typeof DraftEntry>;

/** A session's notes page: what every reader sees, and the coordinators' part. */
export const NotesView = z.object({
	meeting: z.object({
		id: z.number().int(),
		title: z.string(),
		startAt: isoDate,
		endAt: isoDate,
		status: z.enum(['scheduled', 'cancelled']),
		notesStatus: z.enum(['draft', 'published']),
		notesRevision: z.number().int(),
		summaryThreadId: z.number().int().nullable()
	}),
	manage: z.boolean(),
	/** The latest revision; null while the notes are a draft. */
	published: NotesRevision.nullable(),
	/** Every revision, newest first. */
	revisions: z.array(RevisionSummary),
	/** Follow-ups of the shown notes that are done, by entry id. */
	done: z.record(z.string(), isoDate),
	summary: ClosingSummary.nullable(),
	/** Coordinators only: the notes as they are now, proposals waiting, whether they differ from the latest revision. */
	draft: z
		.object({
			items: z.array(PublishedItem.omit({ entries: true }).extend({ entries: z.array(DraftEntry) })),
			proposed: z.number().int(),
			changed: z.boolean(),
			highlights: z.array(DraftEntry.extend({ itemTitle: z.string() }))
		})
		.nullable(),
	/** Coordinators only: whether a summary can go to the group (the category exists), and the thread once posted. */
	group: z.object({ categoryName: z.object({ nl: z.string(), en: z.string() }).nullable(), threadId: z.number().int().nullable() }).nullable()
});
export type NotesView = z.output<typeof NotesView>;

/** An open follow-up across sessions. */
export const FollowUp = z.object({
	id: z.number().int(),
	body: z.string(),
	owner: z.string().nullable(),
	dueDate: z.string().nullable(),
	/** The due date is before today in the reader's time zone. */
	overdue: z.boolean(),
	meeting: z.object({ id: z.number().int(), title: z.string(), startAt: isoDate }),
	itemTitle: z.string()
});
export type FollowUp = z.output<typeof FollowUp>;

/** A note entry marked as a candidate for an insight, with who marked it (never who wrote it). */
export const Highlight = z.object({
	id: z.number().int(),
	kind: z.enum(NOTE_KINDS),
	body: z.string(),
	state: z.enum(NOTE_STATES),
	highlightedAt: isoDate,
	highlightedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
	meeting: z.object({ id: z.number().int(), title: z.string(), startAt: isoDate, notesRevision: z.number().int() }),
	itemTitle: z.string()
});
export type Highlight = z.output<typeof Highlight>;

/** Counts the closing summary from items as shown; `done` says which follow-ups are done. */
export function closingSummary(items: readonly PublishedItem[], attendance: number, invited: number, done: (entryId: number) => boolean): ClosingSummary {
	const all = items.flatMap((i) => i.entries);
	const count = (kind: PublishedEntry['kind']) => all.filter((e) => e.kind === kind).length;
	const followUps = all.filter((e) => e.kind === 'follow_up');
	return {
		attendance,
		invited,
		itemsCovered: items.filter((i) => i.entries.length > 0 || i.polls.length > 0).length,
		itemsTotal: items.length,
		points: count('point'),
		quotes: count('quote'),
		decisions: count('decision'),
		followUps: followUps.length,
		openFollowUps: followUps.filter((e) => !done(e.id)).length
	};
}

/** Today in a time zone, as YYYY-MM-DD: a follow-up due before it is overdue for the person in that zone. */
export function todayIn(timeZone: string, now = new Date()): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
	} catch {
		return now.toISOString().slice(0, 10);
	}
}
