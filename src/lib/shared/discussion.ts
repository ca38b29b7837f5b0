import { z } from 'zod';
import { isoDate } from './wire';
import { LANGUAGES } from './roles';

/** The group's discussions: the shapes pages, the API and the live layer share. */

export const THREAD_KINDS = ['discussion', 'question'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/**
 * Where a post or thread stands: 'visible' to every member; 'held' (waiting
 * for a moderator), 'hidden' and 'removed' only to its author and moderators;
 * 'deleted' (taken back by its author) keeps its place, its text shown to no one.
 */
export const CONTENT_STATUSES = ['visible', 'held', 'hidden', 'removed', 'deleted'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const REACTIONS = ['thumbs_up', 'heart', 'thanks', 'laugh', 'hug'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const Category = z.object({
	id: z.number(),
	slug: z.string(),
	nameNl: z.string(),
	nameEn: z.string(),
	descriptionNl: z.string(),
	descriptionEn: z.string(),
	position: z.number(),
	archived: z.boolean()
});
export type Category = z.output<typeof Category>;

/** A category in the group's list, with its threads' count and latest activity. */
export const CategoryView = Category.extend({ threadCount: z.number(), lastPostAt: isoDate.nullable() });
export type CategoryView = z.output<typeof CategoryView>;

export const ThreadSummary = z.object({
	id: z.number(),
	kind: z.enum(THREAD_KINDS),
	title: z.string(),
	country: z.string().nullable(),
	pinned: z.boolean(),
	locked: z.boolean(),
	status: z.enum(CONTENT_STATUSES),
	answered: z.boolean(),
	replyCount: z.number(),
	lastPostAt: isoDate,
	createdAt: isoDate,
	author: z.object({ id: z.string(), displayName: z.string() }),
	category: z.object({ id: z.number(), slug: z.string(), nameNl: z.string(), nameEn: z.string() }),
	/** Never opened by the viewer. */
	unseen: z.boolean(),
	/** Posts the viewer has not seen yet. */
	unreadCount: z.number(),
	/** Where "first unread" jumps to, or null when all is read. */
	firstUnreadPostId: z.number().nullable()
});
export type ThreadSummary = z.output<typeof ThreadSummary>;
/** A thread in a list as a page holds it (dates as Date when loaded with the page, as ISO strings from JSON). */
export type ThreadItem = ThreadSummary | z.input<typeof ThreadSummary>;

export const ThreadDetail = ThreadSummary.extend({
	acceptedPostId: z.number().nullable(),
	categoryArchived: z.boolean(),
	watching: z.boolean(),
	lastReadPostId: z.number().nullable(),
	/** Slow mode: seconds between one member's replies, and why it was set. */
	slowModeSeconds: z.number().nullable(),
	slowModeReason: z.string().nullable(),
	/** What the viewer may do here. */
	can: z.object({ reply: z.boolean(), accept: z.boolean(), watch: z.boolean(), moderate: z.boolean() })
});
export type ThreadDetail = z.output<typeof ThreadDetail>;

/** A thread's state as the live layer tells open pages of it (`thread:changed`): no content, so the same for everyone. */
export const ThreadChange = z.object({
	threadId: z.number(),
	locked: z.boolean(),
	pinned: z.boolean(),
	categoryId: z.number(),
	slowModeSeconds: z.number().nullable(),
	/** False when members may no longer see the thread (held, hidden, removed). */
	visible: z.boolean()
});
export type ThreadChange = z.output<typeof ThreadChange>;

/** One post as the viewer may see it. */
export const PostView = z.object({
	id: z.number(),
	threadId: z.number(),
	/** The post's change number (posts.seq): newer views have larger ones. */
	seq: z.number(),
	author: z.object({ id: z.string(), displayName: z.string(), handle: z.string().nullable(), initials: z.string() }),
	status: z.enum(CONTENT_STATUSES),
	/** Why a moderator withheld it: for its author and moderators only. */
	statusReason: z.string().nullable(),
	html: z.string().nullable().describe('Sanitised HTML; null when the text is not shown'),
	/** The language the author wrote it in (the `lang` of its body); null: not known (posts from before it was asked). */
	language: z.enum(LANGUAGES).nullable(),
	/** The markdown source, of the viewer's own posts and for moderators (for the edit forms). */
	source: z.string().nullable(),
	/** The thread title, on the opening post only. */
	title: z.string().nullable(),
	isOpening: z.boolean(),
	createdAt: isoDate,
	editedAt: isoDate.nullable(),
	revisionCount: z.number(),
	quote: z.object({ postId: z.number(), authorName: z.string(), excerpt: z.string().nullable() }).nullable(),
	/** Every kind of the fixed set, in its order, with counts. */
	reactions: z.array(z.object({ kind: z.enum(REACTIONS), count: z.number(), mine: z.boolean() })),
	accepted: z.boolean(),
	mine: z.boolean(),
	can: z.object({ edit: z.boolean(), delete: z.boolean(), react: z.boolean(), quote: z.boolean(), accept: z.boolean() })
});
export type PostView = z.output<typeof PostView>;
/** A post as a page holds it: loaded with the page (dates as Date) or arrived as JSON (dates as ISO strings). */
export type PostItem = PostView | z.input<typeof PostView>;

/** A change the viewer may not see the content of: a live page should drop the post. */
export const WithheldChange = z.object({ id: z.number(), threadId: z.number(), seq: z.number(), withheld: z.literal(true) });
export type WithheldChange = z.output<typeof WithheldChange>;

/** A post's change (`post:changed`, catch-up): the post as the reader may see it, or a withheld marker. */
export const PostChange = z.union([PostView.extend({ withheld: z.literal(false) }), WithheldChange]);
export type PostChange = z.output<typeof PostChange>;

export const PostPage = z.object({
	items: z.array(PostView),
	/** `before` for the page before this one, or null at the start. */
	earlier: z.number().nullable(),
	/** `after` for the page after this one, or null at the end. */
	later: z.number().nullable()
});
export type PostPage = z.output<typeof PostPage>;

/** An earlier version of a post. */
export const Revision = z.object({
	id: z.number(),
	/** The text as it was before that edit, rendered. */
	html: z.string(),
	title: z.string().nullable(),
	editedAt: isoDate
});
export type Revision = z.output<typeof Revision>;
export type RevisionItem = Revision | z.input<typeof Revision>;

/** One of my own posts that others cannot see now (waiting, hidden, removed). */
export const WithheldOwnPost = z.object({
	postId: z.number(),
	threadId: z.number(),
	threadTitle: z.string(),
	status: z.enum(CONTENT_STATUSES),
	reason: z.string().nullable(),
	createdAt: isoDate
});
export type WithheldOwnPost = z.output<typeof WithheldOwnPost>;

export const SearchHit = z.object({
	postId: z.number(),
	threadId: z.number(),
	isOpening: z.boolean(),
	/** The thread title as HTML: escaped, with matches in <mark>. */
	titleHtml: z.string(),
	/** A fragment of the post as HTML: escaped, with matches in <mark>. */
	snippetHtml: z.string(),
	rank: z.number(),
	createdAt: isoDate,
	authorName: z.string(),
	country: z.string().nullable(),
	category: z.object({ slug: z.string(), nameNl: z.string(), nameEn: z.string() })
});
export type SearchHit = z.output<typeof SearchHit>;

/** Someone whose handle or name starts with what was typed after @. */
export const MemberSuggestion = z.object({ handle: z.string(), displayName: z.string() });
export type MemberSuggestion = z.output<typeof MemberSuggestion>;
