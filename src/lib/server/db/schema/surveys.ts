import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid, serial, uniqueIndex } from 'drizzle-orm/pg-core';
import { AUDIENCES } from '../../../shared/surveys';
import { users } from './accounts';

/**
 * Surveys (src/lib/server/surveys/). Anonymous by design: who answered
 * (survey_participations) and what was answered (survey_responses and
 * survey_answers) are kept apart. A response has a random id, the day and no
 * finer time, and no column, index or foreign key that leads to a person.
 * Only a named survey's response is tied to its respondent, in a table of
 * its own (survey_respondents) that anonymous surveys never write.
 */

export const audienceEnum = pgEnum('survey_audience', AUDIENCES);

export const surveys = pgTable(
	'surveys',
	{
		id: serial('id').primaryKey(),
		/** { nl, en } */
		title: jsonb('title').notNull(),
		intro: jsonb('intro').notNull(),
		/** The questions, in sections (shared/surveys.ts SurveyDefinition); the latest revision. */
		definition: jsonb('definition').notNull(),
		revision: integer('revision').notNull().default(1),
		anonymous: boolean('anonymous').notNull().default(true),
		audience: audienceEnum('audience').notNull().default('members'),
		/** For audience 'segment': { regions, countries, languages }. */
		segment: jsonb('segment').notNull().default(sql`'{}'::jsonb`),
		opensAt: timestamp('opens_at', { withTimezone: true }),
		closesAt: timestamp('closes_at', { withTimezone: true }),
		/** Null while a draft: the owners may change anything. */
		scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
		resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
		/** The invitation and the one reminder, sent once whichever instance gets there first. */
		invitedAt: timestamp('invited_at', { withTimezone: true }),
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('surveys_open_idx').on(t.opensAt, t.closesAt).where(sql`${t.scheduledAt} is not null`), index('surveys_created_idx').on(t.createdAt, t.id)]
);

/** Every revision's definition and texts, kept when a wording fix replaces them. */
export const surveyRevisions = pgTable(
	'survey_revisions',
	{
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		revision: integer('revision').notNull(),
		title: jsonb('title').notNull(),
		intro: jsonb('intro').notNull(),
		definition: jsonb('definition').notNull(),
		changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.surveyId, t.revision] })]
);

/** This member has answered this survey: refuses a second answer, and tells the reminder whom to skip. No time, no response. */
export const surveyParticipations = pgTable(
	'survey_participations',
	{
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.surveyId, t.userId] }), index('survey_participations_user_idx').on(t.userId)]
);

/** A response: a random id, the day it came in (no finer), and the diversity answers the respondent chose to attach (a copy). */
export const surveyResponses = pgTable(
	'survey_responses',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		day: date('day').notNull(),
		/** dimension key → option key; {} when nothing was attached. */
		dimensions: jsonb('dimensions').notNull().default(sql`'{}'::jsonb`)
	},
	(t) => [index('survey_responses_survey_idx').on(t.surveyId)]
);

/** One row per answer; a multiple-choice question has one row per chosen option. */
export const surveyAnswers = pgTable(
	'survey_answers',
	{
		responseId: uuid('response_id')
			.notNull()
			.references(() => surveyResponses.id, { onDelete: 'cascade' }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		question: text('question').notNull(),
		/** single, multiple: the option's key ('other' with `text`). */
		option: text('option'),
		/** likert 1–5, scale 0–10. */
		value: smallint('value'),
		/** short and long text, and "other, namely". */
		text: text('text')
	},
	(t) => [index('survey_answers_question_idx').on(t.surveyId, t.question, t.option), index('survey_answers_response_idx').on(t.responseId)]
);

/** Named surveys only (an event sign-up): whose response this is. Anonymous surveys never write here. */
export const surveyRespondents = pgTable('survey_respondents', {
	responseId: uuid('response_id')
		.primaryKey()
		.references(() => surveyResponses.id, { onDelete: 'cascade' }),
	userId: uuid('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' })
});

/**
 * A result an owner marked as evidence for an insight: a question, optionally
 * broken down by a dimension (the policy loop reads these, and shows them
 * suppressed as everywhere). One mark per question and breakdown.
 */
export const surveyEvidence = pgTable(
	'survey_evidence',
	{
		id: serial('id').primaryKey(),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		question: text('question').notNull(),
		/** The breakdown's dimension, '' for none. */
		dimension: text('dimension').notNull().default(''),
		note: text('note').notNull().default(''),
		markedBy: uuid('marked_by').references(() => users.id, { onDelete: 'set null' }),
		markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('survey_evidence_mark_idx').on(t.surveyId, t.question, t.dimension), index('survey_evidence_marked_idx').on(t.markedAt, t.id)]
);
