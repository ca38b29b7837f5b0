import { sql } from 'drizzle-orm';
import {
	bigserial,
	integer,
	index,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { ROLES, USER_STATUSES, LANGUAGES } from '../../../shared/roles';

export const roleEnum = pgEnum('role', ROLES);
export const userStatusEnum = pgEnum('user_status', USER_STATUSES);
export const languageEnum = pgEnum('language', LANGUAGES);

const timestamps = {
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
};

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		displayName: text('display_name').notNull(),
		/** For @mentions: lower-case, unique, made from the name at sign-up. */
		handle: text('handle').unique(),
		language: languageEnum('language').notNull().default('nl'),
		timeZone: text('time_zone').notNull().default('Europe/Amsterdam'),
		status: userStatusEnum('status').notNull().default('pending'),
		passwordHash: text('password_hash').notNull(),
		/** With status 'suspended': the suspension ends then (null: until lifted). */
		suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
		/** Muted (read-only in the group) until then. */
		mutedUntil: timestamp('muted_until', { withTimezone: true }),
		/** Posts published or approved; below the setting, new posts wait for approval. */
		approvedPosts: integer('approved_posts').notNull().default(0),
		...timestamps
	},
	(t) => [
		uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
		// Admin list pages by (created_at, id).
		index('users_created_idx').on(t.createdAt, t.id),
		// The member directory pages by name (lower(display_name), id).
		index('users_name_idx').on(sql`lower(${t.displayName})`, t.id)
	]
);

export const userRoles = pgTable(
	'user_roles',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: roleEnum('role').notNull(),
		grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.role] })]
);

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the token, hex. The token itself is never stored. */
		id: text('id').primaryKey(),
		/** A public name for the session, so a list can offer "end this one" without exposing the hash. */
		handle: uuid('handle').notNull().unique().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		/** Idle expiry; slides forward on use. */
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		/** Hard end, however active the session is. */
		absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
		userAgent: text('user_agent'),
		ip: text('ip')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const loginFailures = pgTable(
	'login_failures',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		/** `account:<normalised email>` or `ip:<address>`. */
		key: text('key').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('login_failures_key_at_idx').on(t.key, t.at)]
);

/**
 * Password reset links: like sessions, only the SHA-256 of the token is
 * stored, so a leaked table opens no account. Single use (usedAt) and short-lived.
 */
export const passwordResets = pgTable(
	'password_resets',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [index('password_resets_user_idx').on(t.userId)]
);

export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
