import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ACTION_STATUSES, EVIDENCE_KINDS, INSIGHT_EVENTS, INSIGHT_STATUSES } from '../../../shared/insights';
import { users } from './accounts';
import { posts, threads } from './discussion';
import { meetingNoteEntries } from './meetings';
import { surveyEvidence } from './surveys';

/**
 * The policy loop (src/lib/server/insights/). Evidence is marked where it
 * lives (a note entry's highlight, a survey's evidence mark) or, for a group
 * post, captured as an excerpt without its author; an insight links to its
 * evidence, so taking the source away (a post removed, a mark taken back)
 * withdraws it everywhere at once.
 */

export const insightStatusEnum = pgEnum('insight_status', INSIGHT_STATUSES);
export const evidenceKindEnum = pgEnum('evidence_kind', EVIDENCE_KINDS);
export const actionStatusEnum = pgEnum('policy_action_status', ACTION_STATUSES);
export const insightEventEnum = pgEnum('insight_event', INSIGHT_EVENTS);

/** A managed list, in both languages. */
export const insightThemes = pgTable(
	'insight_themes',
	{
		id: serial('id').primaryKey(),
		key: text('key').notNull().unique(),
		nameNl: text('name_nl').notNull(),
		nameEn: text('name_en').notNull(),
		position: integer('position').notNull().default(0),
		archived: boolean('archived').notNull().default(false)
	},
	(t) => [index('insight_themes_position_idx').on(t.position, t.id)]
);

/**
 * A group post's words kept as evidence: the excerpt, the post and thread it
 * came from (followed only by group members), who captured it. Never the
 * author's name; the author is found through the post only to tell them of
 * an outcome.
 */
export const postExcerpts = pgTable(
	'post_excerpts',
	{
		id: serial('id').primaryKey(),
		postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'set null' }),
		threadId: bigint('thread_id', { mode: 'number' }).references(() => threads.id, { onDelete: 'set null' }),
		excerpt: text('excerpt').notNull(),
		capturedBy: uuid('captured_by').references(() => users.id, { onDelete: 'set null' }),
		capturedAt: timestamp('captured_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('post_excerpts_captured_idx').on(t.capturedAt, t.id), index('post_excerpts_post_idx').on(t.postId)]
);

export const insights = pgTable(
	'insights',
	{
		id: serial('id').primaryKey(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		status: insightStatusEnum('status').notNull().default('draft'),
		/** Declined: why, in words the community will read. */
		declineReason: text('decline_reason'),
		mergedInto: integer('merged_into'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		/** Two people editing at once: the second is told rather than overwriting. */
		version: integer('version').notNull().default(1)
	},
	(t) => [index('insights_status_idx').on(t.status, t.updatedAt, t.id), index('insights_updated_idx').on(t.updatedAt, t.id)]
);

export const insightThemeLinks = pgTable(
	'insight_theme_links',
	{
		insightId: integer('insight_id')
			.notNull()
			.references(() => insights.id, { onDelete: 'cascade' }),
		themeId: integer('theme_id')
			.notNull()
			.references(() => insightThemes.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.insightId, t.themeId] }), index('insight_theme_links_theme_idx').on(t.themeId)]
);

/** One piece of evidence on an insight: exactly one source, which may since have been taken away (null: withdrawn). */
export const insightEvidence = pgTable(
	'insight_evidence',
	{
		id: serial('id').primaryKey(),
		insightId: integer('insight_id')
			.notNull()
			.references(() => insights.id, { onDelete: 'cascade' }),
		kind: evidenceKindEnum('kind').notNull(),
		noteEntryId: bigint('note_entry_id', { mode: 'number' }).references(() => meetingNoteEntries.id, { onDelete: 'set null' }),
		surveyEvidenceId: integer('survey_evidence_id').references(() => surveyEvidence.id, { onDelete: 'set null' }),
		excerptId: integer('excerpt_id').references(() => postExcerpts.id, { onDelete: 'set null' }),
		addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('insight_evidence_insight_idx').on(t.insightId, t.id),
		uniqueIndex('insight_evidence_note_idx').on(t.insightId, t.noteEntryId),
		uniqueIndex('insight_evidence_survey_idx').on(t.insightId, t.surveyEvidenceId),
		uniqueIndex('insight_evidence_excerpt_idx').on(t.insightId, t.excerptId),
		index('insight_evidence_note_source_idx').on(t.noteEntryId),
		index('insight_evidence_survey_source_idx').on(t.surveyEvidenceId),
		index('insight_evidence_excerpt_source_idx').on(t.excerptId)
	]
);

/** An insight's history: who changed what, when, and why. */
export const insightEvents = pgTable(
	'insight_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		insightId: integer('insight_id')
			.notNull()
			.references(() => insights.id, { onDelete: 'cascade' }),
		kind: insightEventEnum('kind').notNull(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		/** A decline's reason, the other insight of a merge. */
		reason: text('reason'),
		otherInsightId: integer('other_insight_id'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('insight_events_insight_idx').on(t.insightId, t.id), index('insight_events_kind_idx').on(t.kind, t.at)]
);

export const policyActions = pgTable(
	'policy_actions',
	{
		id: serial('id').primaryKey(),
		title: text('title').notNull(),
		description: text('description').notNull(),
		ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
		dueDate: date('due_date'),
		status: actionStatusEnum('status').notNull().default('planned'),
		dropReason: text('drop_reason'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		/** The overdue flag, sent once per due date (a new date clears it). */
		overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
		version: integer('version').notNull().default(1)
	},
	(t) => [index('policy_actions_status_idx').on(t.status, t.dueDate, t.id), index('policy_actions_owner_idx').on(t.ownerId, t.id)]
);

export const policyActionInsights = pgTable(
	'policy_action_insights',
	{
		actionId: integer('action_id')
			.notNull()
			.references(() => policyActions.id, { onDelete: 'cascade' }),
		insightId: integer('insight_id')
			.notNull()
			.references(() => insights.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.actionId, t.insightId] }), index('policy_action_insights_insight_idx').on(t.insightId)]
);

/**
 * "You said, we did": what was heard and what was done (or why not), in
 * both languages, for a done action or a declined insight. Published once:
 * then it is a thread in the group and on the outcomes page.
 */
export const outcomes = pgTable(
	'outcomes',
	{
		id: serial('id').primaryKey(),
		actionId: integer('action_id').references(() => policyActions.id, { onDelete: 'cascade' }),
		insightId: integer('insight_id').references(() => insights.id, { onDelete: 'cascade' }),
		titleNl: text('title_nl').notNull(),
		titleEn: text('title_en').notNull(),
		heardNl: text('heard_nl').notNull(),
		heardEn: text('heard_en').notNull(),
		didNl: text('did_nl').notNull(),
		didEn: text('did_en').notNull(),
		threadId: bigint('thread_id', { mode: 'number' }).references(() => threads.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		check('outcomes_one_source', sql`(${t.actionId} is null) <> (${t.insightId} is null)`),
		uniqueIndex('outcomes_action_idx').on(t.actionId),
		uniqueIndex('outcomes_insight_idx').on(t.insightId),
		index('outcomes_published_idx').on(t.publishedAt, t.id)
	]
);
