import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { joinRequests } from './membership';
import { posts } from './discussion';
import { CASE_KINDS, REPORT_REASONS, WORD_ACTIONS } from '../../../shared/moderation';

export const reportReasonEnum = pgEnum('report_reason', REPORT_REASONS);

export const caseKindEnum = pgEnum('case_kind', CASE_KINDS);

/**
 * One item in the moderators' queue: a post that is reported or held for
 * approval, a reported member, or a join request. At most one open case per
 * target (partial unique indexes); reports on the same target join it. The
 * queue orders by severity, then distinct reporters, then age, all stored
 * here so the order is an index scan.
 */
export const modCases = pgTable(
	'mod_cases',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		kind: caseKindEnum('kind').notNull(),
		postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'cascade' }),
		/** The member concerned: the reported member, the post's author, or the applicant. */
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		joinRequestId: uuid('join_request_id').references(() => joinRequests.id, { onDelete: 'cascade' }),
		/** The post waits for approval (a new member's, or a watched word's hold). */
		held: boolean('held').notNull().default(false),
		/** Why it was held, for the moderator: 'new_member' or 'watched_word:<word>'. */
		holdReason: text('hold_reason'),
		/** Hidden automatically by enough distinct reports. */
		autoHidden: boolean('auto_hidden').notNull().default(false),
		/** The highest severity among its reasons (see moderation/cases.ts). */
		severity: integer('severity').notNull().default(0),
		reporterCount: integer('reporter_count').notNull().default(0),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		resolvedBy: uuid('resolved_by').references(() => users.id),
		/** What was done: the action's name (approve, remove, dismiss, warn…). */
		resolution: text('resolution'),
		resolutionReason: text('resolution_reason')
	},
	(t) => [
		index('mod_cases_queue_idx').on(t.severity.desc(), t.reporterCount.desc(), t.openedAt, t.id).where(sql`${t.resolvedAt} is null`),
		uniqueIndex('mod_cases_open_post_idx').on(t.postId).where(sql`${t.resolvedAt} is null and ${t.kind} = 'post'`),
		uniqueIndex('mod_cases_open_member_idx').on(t.userId).where(sql`${t.resolvedAt} is null and ${t.kind} = 'member'`),
		uniqueIndex('mod_cases_open_join_idx').on(t.joinRequestId).where(sql`${t.resolvedAt} is null and ${t.kind} = 'join_request'`),
		index('mod_cases_user_idx').on(t.userId, t.id)
	]
);

/** A member's report of a post or a member. One per reporter per item, ever. */
export const reports = pgTable(
	'reports',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		caseId: bigint('case_id', { mode: 'number' })
			.notNull()
			.references(() => modCases.id, { onDelete: 'cascade' }),
		/** Null for an automatic report (a watched word). */
		reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'cascade' }),
		postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id').references(() => users.id, { onDelete: 'cascade' }),
		reason: reportReasonEnum('reason').notNull(),
		note: text('note'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('reports_once_post_idx').on(t.reporterId, t.postId).where(sql`${t.postId} is not null`),
		uniqueIndex('reports_once_member_idx').on(t.reporterId, t.memberId).where(sql`${t.memberId} is not null`),
		index('reports_case_idx').on(t.caseId),
		index('reports_reporter_idx').on(t.reporterId, t.id)
	]
);

export const wordActionEnum = pgEnum('word_action', WORD_ACTIONS);

/** Watched words, per language; `*` matches any letters within a word. */
export const watchedWords = pgTable(
	'watched_words',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		language: text('language').notNull(),
		pattern: text('pattern').notNull(),
		action: wordActionEnum('action').notNull(),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('watched_words_pattern_idx').on(t.language, sql`lower(${t.pattern})`)]
);

/** Moderators' notes on a member; only moderators read them. */
export const memberNotes = pgTable(
	'member_notes',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('member_notes_user_idx').on(t.userId, t.id)]
);

/**
 * Every moderation action, automatic ones too. Append-only: the code only
 * inserts, and a trigger (migration 0002) refuses UPDATE, DELETE and TRUNCATE.
 * No foreign keys, so deleting a person can never reach (and be refused by) it.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		/** Null for the platform's own automatic actions. */
		actorId: uuid('actor_id'),
		action: text('action').notNull(),
		targetKind: text('target_kind').notNull(),
		targetId: text('target_id').notNull(),
		/** The member the action concerns (a post's author), for "everything about this member". */
		subjectId: uuid('subject_id'),
		reason: text('reason'),
		before: jsonb('before'),
		after: jsonb('after'),
		data: jsonb('data').notNull().default(sql`'{}'::jsonb`)
	},
	(t) => [
		index('audit_log_action_idx').on(t.action, t.id),
		index('audit_log_actor_idx').on(t.actorId, t.id),
		index('audit_log_subject_idx').on(t.subjectId, t.id),
		index('audit_log_target_idx').on(t.targetKind, t.targetId, t.id)
	]
);
