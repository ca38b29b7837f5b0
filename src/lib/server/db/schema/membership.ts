import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uuid, bigserial, jsonb } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { JOIN_REQUEST_STATUSES, RELATIONS } from '../../../shared/membership';

/** Community guidelines, versioned; members accept the current version. */
export const guidelines = pgTable('guidelines', {
	version: serial('version').primaryKey(),
	bodyNl: text('body_nl').notNull(),
	bodyEn: text('body_en').notNull(),
	publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
	publishedBy: uuid('published_by').references(() => users.id)
});

export const guidelineAcceptances = pgTable(
	'guideline_acceptances',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		version: integer('version')
			.notNull()
			.references(() => guidelines.version),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.version] })]
);

/** Single-use invitation links; only the SHA-256 of the token is stored, like sessions. */
export const invitations = pgTable(
	'invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		tokenHash: text('token_hash').notNull().unique(),
		/** When set, only this address may register with the link. */
		email: text('email'),
		note: text('note'),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		usedBy: uuid('used_by').references(() => users.id),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('invitations_created_idx').on(t.createdAt, t.id)]
);

export const relationEnum = pgEnum('relation', RELATIONS);
export const joinRequestStatusEnum = pgEnum('join_request_status', JOIN_REQUEST_STATUSES);

/** A request to join without an invitation, with the membership questions' answers. */
export const joinRequests = pgTable(
	'join_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.unique()
			.references(() => users.id, { onDelete: 'cascade' }),
		postingCountry: text('posting_country').notNull(),
		postingCity: text('posting_city').notNull(),
		relation: relationEnum('relation').notNull(),
		civilServantName: text('civil_servant_name').notNull(),
		civilServantDepartment: text('civil_servant_department').notNull(),
		languages: text('languages').array().notNull().default(sql`'{}'`),
		message: text('message'),
		guidelinesVersion: integer('guidelines_version')
			.notNull()
			.references(() => guidelines.version),
		status: joinRequestStatusEnum('status').notNull().default('pending'),
		decidedBy: uuid('decided_by').references(() => users.id),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		decisionReason: text('decision_reason'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('join_requests_status_created_idx').on(t.status, t.createdAt, t.id)]
);

/** What members show each other. The posting is shown only when they allow it. */
export const profiles = pgTable(
	'profiles',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		bio: text('bio').notNull().default(''),
		languages: text('languages').array().notNull().default(sql`'{}'`),
		/** ISO 3166-1 alpha-2. */
		postingCountry: text('posting_country'),
		postingCity: text('posting_city'),
		/** Derived from the country, for the directory's region filter. */
		postingRegion: text('posting_region'),
		showPosting: boolean('show_posting').notNull().default(false),
		emailDigest: boolean('email_digest').notNull().default(false),
		lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('profiles_directory_country_idx').on(t.postingCountry).where(sql`${t.showPosting}`),
		index('profiles_directory_region_idx').on(t.postingRegion).where(sql`${t.showPosting}`),
		index('profiles_languages_idx').using('gin', t.languages),
		// The daily digest looks only at those who asked for it.
		index('profiles_digest_idx').on(t.lastDigestAt).where(sql`${t.emailDigest}`)
	]
);

/** Every email the platform sends is stored here first; a sender delivers it (SMTP) or logs it. */
export const outbox = pgTable(
	'outbox',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		toEmail: text('to_email').notNull(),
		subject: text('subject').notNull(),
		bodyText: text('body_text').notNull(),
		kind: text('kind').notNull(),
		meta: jsonb('meta').notNull().default(sql`'{}'::jsonb`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error')
	},
	(t) => [index('outbox_unsent_idx').on(t.id).where(sql`${t.sentAt} is null`)]
);
