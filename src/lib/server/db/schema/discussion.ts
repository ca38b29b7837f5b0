import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	index,
	integer,
	jsonb,
	pgEnum,
	pgSequence,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { CONTENT_STATUSES, REACTIONS, THREAD_KINDS } from '../../../shared/discussion';
import { NOTIFICATION_KINDS } from '../../../shared/notifications';
import { languageEnum, users } from './accounts';
import { tsvector } from './types';

export const categories = pgTable(
	'categories',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		slug: text('slug').notNull().unique(),
		nameNl: text('name_nl').notNull(),
		nameEn: text('name_en').notNull(),
		descriptionNl: text('description_nl').notNull().default(''),
		descriptionEn: text('description_en').notNull().default(''),
		position: integer('position').notNull().default(0),
		archived: boolean('archived').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('categories_position_idx').on(t.position, t.id)]
);

export const threadKindEnum = pgEnum('thread_kind', THREAD_KINDS);
/**
 * visible: everyone in the group sees it; held: waits for a moderator's approval;
 * hidden: taken out of view pending review; removed: taken out by a moderator;
 * deleted: the author took it back (the place stays, "removed by author").
 */
export const contentStatusEnum = pgEnum('content_status', CONTENT_STATUSES);

/** Every change to a post takes the next number, so a client can ask "what changed since N". */
export const postChangeSeq = pgSequence('post_change_seq');

export const threads = pgTable(
	'threads',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => categories.id),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		kind: threadKindEnum('kind').notNull().default('discussion'),
		title: text('title').notNull(),
		/** ISO 3166-1 alpha-2 of the country the thread is about, if any. */
		country: text('country'),
		pinned: boolean('pinned').notNull().default(false),
		locked: boolean('locked').notNull().default(false),
		/** Slow mode: a member may reply once per this many seconds (null: off). */
		slowModeSeconds: integer('slow_mode_seconds'),
		slowModeSetBy: uuid('slow_mode_set_by').references(() => users.id),
		slowModeReason: text('slow_mode_reason'),
		status: contentStatusEnum('status').notNull().default('visible'),
		acceptedPostId: bigint('accepted_post_id', { mode: 'number' }),
		replyCount: integer('reply_count').notNull().default(0),
		lastPostId: bigint('last_post_id', { mode: 'number' }),
		lastPostAt: timestamp('last_post_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		// Thread lists: pinned first, then latest activity, keyset on (last_post_at, id).
		index('threads_category_list_idx').on(t.categoryId, t.pinned, t.lastPostAt, t.id).where(sql`${t.status} = 'visible'`),
		index('threads_list_idx').on(t.pinned, t.lastPostAt, t.id).where(sql`${t.status} = 'visible'`),
		index('threads_author_idx').on(t.authorId, t.id)
	]
);

export const posts = pgTable(
	'posts',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		threadId: bigint('thread_id', { mode: 'number' })
			.notNull()
			.references(() => threads.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		/** The thread's title, copied onto its opening post so one index searches both. */
		title: text('title'),
		body: text('body').notNull(),
		/** The language the author wrote in (their choice, by default the UI's); null: not known (posts from before it was asked). */
		language: languageEnum('language'),
		/** Rendered and sanitised once at write time; pages never render user markdown. */
		bodyHtml: text('body_html').notNull(),
		quotePostId: bigint('quote_post_id', { mode: 'number' }),
		status: contentStatusEnum('status').notNull().default('visible'),
		/** Why a moderator held, hid or removed it; shown to the author only. */
		statusReason: text('status_reason'),
		seq: bigint('seq', { mode: 'number' })
			.notNull()
			.default(sql`nextval('post_change_seq')`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		search: tsvector('search')
			.notNull()
			.generatedAlwaysAs(
				sql`setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(title, '')), 'A') || to_tsvector('dutch', body) || to_tsvector('english', body) || to_tsvector('simple', body)`
			)
	},
	(t) => [
		index('posts_thread_idx').on(t.threadId, t.id),
		index('posts_thread_seq_idx').on(t.threadId, t.seq),
		index('posts_author_idx').on(t.authorId, t.id),
		// Posting rate limits count an author's recent posts.
		index('posts_author_created_idx').on(t.authorId, t.createdAt),
		// An author's own posts under moderation (the list on /home), without reading all their posts.
		index('posts_author_withheld_idx').on(t.authorId, t.id).where(sql`${t.status} in ('held', 'hidden', 'removed')`),
		// No pending list: its merge, paid by whichever post crosses the limit, stalled a reply for over a second at a million posts.
		index('posts_search_idx').using('gin', t.search).with({ fastupdate: false })
	]
);

export const postRevisions = pgTable(
	'post_revisions',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		postId: bigint('post_id', { mode: 'number' })
			.notNull()
			.references(() => posts.id, { onDelete: 'cascade' }),
		/** The text as it was before this edit. */
		body: text('body').notNull(),
		title: text('title'),
		editedBy: uuid('edited_by')
			.notNull()
			.references(() => users.id),
		note: text('note'),
		editedAt: timestamp('edited_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('post_revisions_post_idx').on(t.postId, t.id)]
);

export const reactionEnum = pgEnum('reaction', REACTIONS);

export const reactions = pgTable(
	'reactions',
	{
		postId: bigint('post_id', { mode: 'number' })
			.notNull()
			.references(() => posts.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: reactionEnum('kind').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.postId, t.userId, t.kind] })]
);

export const threadWatches = pgTable(
	'thread_watches',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		threadId: bigint('thread_id', { mode: 'number' })
			.notNull()
			.references(() => threads.id, { onDelete: 'cascade' }),
		watching: boolean('watching').notNull().default(true)
	},
	(t) => [primaryKey({ columns: [t.userId, t.threadId] }), index('thread_watches_thread_idx').on(t.threadId)]
);

/** How far each member has read each thread: the last post id they saw. */
export const threadReads = pgTable(
	'thread_reads',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		threadId: bigint('thread_id', { mode: 'number' })
			.notNull()
			.references(() => threads.id, { onDelete: 'cascade' }),
		lastReadPostId: bigint('last_read_post_id', { mode: 'number' }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.threadId] })]
);

/** moderation: a moderator acted on your content or account; report_resolved: a report you made was handled. */
export const notificationKindEnum = pgEnum('notification_kind', NOTIFICATION_KINDS);

export const notifications = pgTable(
	'notifications',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: notificationKindEnum('kind').notNull(),
		threadId: bigint('thread_id', { mode: 'number' }).references(() => threads.id, { onDelete: 'cascade' }),
		postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp('read_at', { withTimezone: true }),
		emailedAt: timestamp('emailed_at', { withTimezone: true })
	},
	(t) => [
		index('notifications_user_idx').on(t.userId, t.id),
		index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
		uniqueIndex('notifications_once_idx').on(t.userId, t.kind, t.postId)
	]
);

/**
 * A reply's notifications, queued in the reply's own transaction and sent just
 * after it commits; a row still here later (the process stopped in between, or
 * sending failed) is sent by the background worker. So none is lost, and a
 * reply in a thread many watch does not wait for one row per watcher.
 */
export const pendingNotifications = pgTable(
	'pending_notifications',
	{
		postId: bigint('post_id', { mode: 'number' })
			.primaryKey()
			.references(() => posts.id, { onDelete: 'cascade' }),
		mentioned: uuid('mentioned').array().notNull().default(sql`'{}'::uuid[]`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('pending_notifications_created_idx').on(t.createdAt)]
);

/**
 * One row per post form submitted with a key (threads and replies): a second
 * press, or a request retried after a timeout, finds the post the first one
 * made instead of making another. No foreign key to the post: the key is
 * claimed in the same transaction that writes it, and rows older than a day
 * are swept (a retry comes within seconds).
 */
export const postSubmissions = pgTable(
	'post_submissions',
	{
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		key: uuid('key').notNull(),
		postId: bigint('post_id', { mode: 'number' }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.authorId, t.key] }), index('post_submissions_created_idx').on(t.createdAt)]
);
