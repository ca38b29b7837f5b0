import { sql } from 'drizzle-orm';
import { bigserial, bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ATTENDANCE_SOURCES, INVITEE_KINDS, MEETING_STATUSES, NOTE_KINDS, NOTE_STATES, NOTES_STATUSES, RSVPS } from '../../../shared/meetings';
import { users } from './accounts';
import { threads } from './discussion';

/** Board sessions (src/lib/server/meetings/). "meeting" in code: "session" already means a login session. */

export const meetingStatusEnum = pgEnum('meeting_status', MEETING_STATUSES);
export const notesStatusEnum = pgEnum('notes_status', NOTES_STATUSES);
export const rsvpEnum = pgEnum('rsvp', RSVPS);
export const inviteeKindEnum = pgEnum('invitee_kind', INVITEE_KINDS);
export const attendanceSourceEnum = pgEnum('attendance_source', ATTENDANCE_SOURCES);
export const noteKindEnum = pgEnum('note_kind', NOTE_KINDS);
export const noteStateEnum = pgEnum('note_state', NOTE_STATES);

export const meetings = pgTable(
	'meetings',
	{
		id: serial('id').primaryKey(),
		/** Stable for calendars: the same event across every change, so apps update instead of duplicating. */
		uid: uuid('uid').notNull().defaultRandom().unique(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		startAt: timestamp('start_at', { withTimezone: true }).notNull(),
		endAt: timestamp('end_at', { withTimezone: true }).notNull(),
		/** Shown to invitees only: never in another page, API answer, email to others or event. */
		meetingLink: text('meeting_link').notNull().default(''),
		status: meetingStatusEnum('status').notNull().default('scheduled'),
		cancelReason: text('cancel_reason'),
		/** iCalendar SEQUENCE: goes up with every change invitees' calendars must take over. */
		sequence: integer('sequence').notNull().default(0),
		/** The room's change counter: every live change takes the next, so a returning client asks for what came after. */
		seq: bigint('seq', { mode: 'number' }).notNull().default(0),
		/** The agenda item the room is on, and since when (for "time left"). */
		currentItemId: integer('current_item_id'),
		currentItemSince: timestamp('current_item_since', { withTimezone: true }),
		notesStatus: notesStatusEnum('notes_status').notNull().default('draft'),
		/** The latest published revision (0: never published). */
		notesRevision: integer('notes_revision').notNull().default(0),
		/** The summary posted to the group, when the coordinator chose to. */
		summaryThreadId: bigint('summary_thread_id', { mode: 'number' }).references(() => threads.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		// Upcoming and past lists, by start.
		index('meetings_start_idx').on(t.startAt, t.id),
		// The reminder sweep reads scheduled sessions starting soon.
		index('meetings_scheduled_start_idx').on(t.startAt).where(sql`${t.status} = 'scheduled'`)
	]
);

export const meetingAgendaItems = pgTable(
	'meeting_agenda_items',
	{
		id: serial('id').primaryKey(),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		position: smallint('position').notNull(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		/** The time box. */
		minutes: smallint('minutes').notNull()
	},
	(t) => [uniqueIndex('meeting_agenda_items_position_idx').on(t.meetingId, t.position)]
);

export const meetingInvitees = pgTable(
	'meeting_invitees',
	{
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: inviteeKindEnum('kind').notNull().default('board'),
		rsvp: rsvpEnum('rsvp'),
		/** Access needs, in their words: only coordinators see it. */
		rsvpNote: text('rsvp_note').notNull().default(''),
		rsvpAt: timestamp('rsvp_at', { withTimezone: true }),
		/** Null: not recorded yet. */
		attended: boolean('attended'),
		attendanceSource: attendanceSourceEnum('attendance_source'),
		/** Reminders sent (once each, whichever instance gets there first). */
		remindedDayAt: timestamp('reminded_day_at', { withTimezone: true }),
		remindedHourAt: timestamp('reminded_hour_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_invitees_user_idx').on(t.userId, t.meetingId)]
);

/**
 * Notes: one row per entry, so two people writing at once never overwrite each
 * other; an edit names the version it started from and a stale one is refused.
 */
export const meetingNoteEntries = pgTable(
	'meeting_note_entries',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: integer('item_id')
			.notNull()
			.references(() => meetingAgendaItems.id, { onDelete: 'cascade' }),
		kind: noteKindEnum('kind').notNull(),
		body: text('body').notNull(),
		/** Follow-ups: who carries it (a name, as people say it) and by when. */
		owner: text('owner'),
		dueDate: date('due_date'),
		/** Follow-ups: done since. */
		doneAt: timestamp('done_at', { withTimezone: true }),
		state: noteStateEnum('state').notNull().default('accepted'),
		/** Who wrote or proposed it: for coordinators' review only, never printed with a quote. */
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		version: integer('version').notNull().default(1),
		/** The room's change number of this entry's last change. */
		seq: bigint('seq', { mode: 'number' }).notNull().default(0),
		/** Marked as a candidate for an insight (the policy loop picks these up). */
		highlightedAt: timestamp('highlighted_at', { withTimezone: true }),
		highlightedBy: uuid('highlighted_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('meeting_note_entries_meeting_idx').on(t.meetingId, t.itemId, t.id),
		index('meeting_note_entries_highlight_idx').on(t.highlightedAt).where(sql`${t.highlightedAt} is not null`),
		index('meeting_note_entries_follow_up_idx').on(t.dueDate).where(sql`${t.kind} = 'follow_up' and ${t.doneAt} is null`)
	]
);

/** Published notes, frozen: each publication (the first, and every correction) keeps the whole text as it was. */
export const meetingNoteRevisions = pgTable(
	'meeting_note_revisions',
	{
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		revision: integer('revision').notNull(),
		/** The items and their accepted entries as published. */
		content: jsonb('content').notNull(),
		/** Why a correction was made (empty for the first publication). */
		reason: text('reason').notNull().default(''),
		publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
		publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.revision] })]
);

export const meetingQuestions = pgTable(
	'meeting_questions',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		votes: integer('votes').notNull().default(0),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		seq: bigint('seq', { mode: 'number' }).notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('meeting_questions_meeting_idx').on(t.meetingId, t.id)]
);

export const meetingQuestionVotes = pgTable(
	'meeting_question_votes',
	{
		questionId: bigint('question_id', { mode: 'number' })
			.notNull()
			.references(() => meetingQuestions.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.questionId, t.userId] })]
);

/** A quick single-choice poll, kept with the agenda item's notes. */
export const meetingPolls = pgTable(
	'meeting_polls',
	{
		id: serial('id').primaryKey(),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		itemId: integer('item_id')
			.notNull()
			.references(() => meetingAgendaItems.id, { onDelete: 'cascade' }),
		question: text('question').notNull(),
		options: jsonb('options').$type<string[]>().notNull(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		seq: bigint('seq', { mode: 'number' }).notNull().default(0),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('meeting_polls_meeting_idx').on(t.meetingId, t.id)]
);

export const meetingPollAnswers = pgTable(
	'meeting_poll_answers',
	{
		pollId: integer('poll_id')
			.notNull()
			.references(() => meetingPolls.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		option: smallint('option').notNull()
	},
	(t) => [primaryKey({ columns: [t.pollId, t.userId] })]
);

/** A person's calendar feed: the URL's secret, stored as its SHA-256 (as session tokens are); resetting makes a new one. */
export const calendarFeeds = pgTable('calendar_feeds', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
