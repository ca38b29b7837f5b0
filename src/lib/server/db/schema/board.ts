import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { BOARD_STATUSES } from '../../../shared/board';
import { languageEnum, users } from './accounts';

/** The sounding board (src/lib/server/board/). */

export const boardStatusEnum = pgEnum('board_status', BOARD_STATUSES);

/**
 * One row per time a person is on the board's path: volunteering, selected,
 * active for a term, and how it ended. A person has at most one open row.
 */
export const boardMemberships = pgTable(
	'board_memberships',
	{
		id: serial('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: boardStatusEnum('status').notNull().default('volunteer'),
		motivation: text('motivation').notNull().default(''),
		/** The times that suit them, in their own words ("weekday evenings Jakarta time"). */
		availability: text('availability').notNull().default(''),
		termStart: date('term_start'),
		termEnd: date('term_end'),
		/** The draw that invited them, if one did. */
		selectionId: integer('selection_id'),
		/** When coordinators were told this term ends within 30 days (sent once). */
		endingNoticeAt: timestamp('ending_notice_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('board_memberships_open_idx')
			.on(t.userId)
			.where(sql`${t.status} in ('volunteer', 'candidate', 'invited', 'active')`),
		index('board_memberships_user_idx').on(t.userId, t.id),
		// Lists by status, newest first; the term sweep reads active rows by term end.
		index('board_memberships_status_idx').on(t.status, t.createdAt, t.id),
		index('board_memberships_term_end_idx').on(t.termEnd).where(sql`${t.status} = 'active'`)
	]
);

/** Every step of a membership: who made it (null: the platform's schedule), when and why. */
export const boardMembershipEvents = pgTable(
	'board_membership_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		membershipId: integer('membership_id')
			.notNull()
			.references(() => boardMemberships.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		fromStatus: boardStatusEnum('from_status'),
		toStatus: boardStatusEnum('to_status').notNull(),
		reason: text('reason'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('board_membership_events_membership_idx').on(t.membershipId, t.id)]
);

/** Dimensions coordinators added (the built-in ones are in shared/board.ts). */
export const boardDimensions = pgTable('board_dimensions', {
	key: text('key').primaryKey(),
	labelNl: text('label_nl').notNull(),
	labelEn: text('label_en').notNull(),
	/** [{ key, labelNl, labelEn }] in order. */
	options: jsonb('options').notNull(),
	position: integer('position').notNull().default(0),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	/** Retired dimensions keep their answers for history but are no longer asked or shown. */
	archivedAt: timestamp('archived_at', { withTimezone: true })
});

/**
 * A person's diversity profile. Ordinary answers are plain jsonb; the
 * special-category answer (relationship) is only ever stored sealed
 * (AES-256-GCM, src/lib/server/sensitive-data.ts), bound to the person.
 */
export const boardProfiles = pgTable('board_profiles', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	answers: jsonb('answers').notNull().default(sql`'{}'::jsonb`),
	sensitiveSealed: text('sensitive_sealed'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * The consent record for special-category answers: what text (and version)
 * the person saw, in which language, how, and when; withdrawals too. Never
 * deleted while the account exists: it is the proof the law asks for.
 */
export const boardConsents = pgTable(
	'board_consents',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		dimension: text('dimension').notNull(),
		/** 'given' or 'withdrawn'. */
		action: text('action').notNull(),
		textVersion: integer('text_version').notNull(),
		text: text('text').notNull(),
		language: languageEnum('language').notNull(),
		method: text('method').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('board_consents_user_idx').on(t.userId, t.dimension, t.id)]
);

/** Target ranges per option, append-only: the newest row per (dimension, option) holds; the rest is history. */
export const boardTargets = pgTable(
	'board_targets',
	{
		id: serial('id').primaryKey(),
		dimension: text('dimension').notNull(),
		option: text('option').notNull(),
		/** Whole percentages of active members; null: no bound. */
		minShare: integer('min_share'),
		maxShare: integer('max_share'),
		setBy: uuid('set_by').references(() => users.id, { onDelete: 'set null' }),
		setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('board_targets_current_idx').on(t.dimension, t.option, t.id)]
);

/** A recorded draw: enough to explain and to reproduce it (same seed, pool and quotas give the same panel). */
export const boardSelections = pgTable(
	'board_selections',
	{
		id: serial('id').primaryKey(),
		seats: integer('seats').notNull(),
		/** User ids of current members who keep their seats. */
		keep: jsonb('keep').notNull().default(sql`'[]'::jsonb`),
		/** [{ dimension, option, min, max }] in seats. */
		quotas: jsonb('quotas').notNull(),
		seed: text('seed').notNull(),
		/**
		 * The pool as drawn from, [{ id, features }], so the draw can be re-run; sealed like the
		 * relationship answer, which a quota may use (src/lib/server/sensitive-data.ts).
		 */
		poolSealed: text('pool_sealed').notNull(),
		/** userId → probability of selection. */
		probabilities: jsonb('probabilities').notNull(),
		selected: jsonb('selected').notNull(),
		/** In order: who is offered a seat when a selected person declines. */
		alternates: jsonb('alternates').notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		invitedAt: timestamp('invited_at', { withTimezone: true })
	},
	(t) => [index('board_selections_created_idx').on(t.createdAt, t.id)]
);
