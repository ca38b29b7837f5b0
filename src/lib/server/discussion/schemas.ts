import { z } from 'zod';
import { REACTIONS, THREAD_KINDS } from '../../shared/discussion';
import { LANGUAGES } from '../../shared/roles';
import { isCountryCode } from './countries';
import { plain } from '../text';

/** Inputs of the discussion domain, shared by the JSON API and the form actions. */
const id = (error: string) => z.coerce.number({ error }).int({ error }).positive({ error }).max(Number.MAX_SAFE_INTEGER, { error });
export const ThreadIdParam = z.object({ id: id('error_thread_not_found') });
export const PostIdParam = z.object({ id: id('error_post_not_found') });
export const CategoryIdParam = z.object({ id: id('error_category_not_found') });
export const NotificationIdParam = z.object({ id: id('error_notification_not_found') });

export const BODY_MAX = 20_000;
export const body = plain('error_body', { multiline: true })
	.trim()
	.min(1, { error: 'error_body' })
	.max(BODY_MAX, { error: 'error_body' });
export const title = plain('error_title').trim().min(3, { error: 'error_title' }).max(150, { error: 'error_title' });
const country = plain('error_country')
	.trim()
	.toUpperCase()
	.refine((c) => c === '' || isCountryCode(c), { error: 'error_country' })
	.transform((c) => c || null);
const cursor = plain('error_cursor').max(300).optional();
/** The language a post is written in (its `lang`); left out or empty, the author's platform language. */
const postLanguage = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(LANGUAGES, { error: 'error_language' }).optional());
const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);
const optionalId = (error: string) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), id(error).optional());

/** A post form's own key (see submissions.ts): the same key twice makes one post. Empty in a form means none. */
const submissionKey = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.uuid({ error: 'error_submission_key' }).optional());

export const ListThreadsInput = z.object({
	category: plain('error_category_not_found').trim().max(60).optional(),
	cursor,
	limit: limit(50, 25)
});
export type ListThreadsInput = z.input<typeof ListThreadsInput>;

export const CreateThreadInput = z.object({
	category: z.union([plain('error_category_not_found').trim().min(1).max(60), z.number().int().positive()], { error: 'error_category_not_found' }),
	kind: z.enum(THREAD_KINDS, { error: 'error_kind' }).default('discussion'),
	title,
	body,
	country: country.optional().nullable(),
	language: postLanguage,
	idempotencyKey: submissionKey
});
export type CreateThreadInput = z.input<typeof CreateThreadInput>;

export const ListPostsInput = z.object({
	/** Posts after this id (exclusive), oldest first. */
	after: optionalId('error_cursor'),
	/** Posts before this id (exclusive): the page before, oldest first. */
	before: optionalId('error_cursor'),
	/** Posts from this id on (inclusive): where "first unread" jumps to. */
	from: optionalId('error_cursor'),
	/** The page that ends with this post (inclusive): where a reader lands after replying, their reply last. */
	to: optionalId('error_cursor'),
	limit: limit(100, 25)
});
export type ListPostsInput = z.input<typeof ListPostsInput>;

export const ReplyInput = z.object({ body, quotePostId: optionalId('error_post_not_found'), language: postLanguage, idempotencyKey: submissionKey });
export type ReplyInput = z.input<typeof ReplyInput>;

export const EditPostInput = z.object({ body, title: title.optional() });
export type EditPostInput = z.input<typeof EditPostInput>;

export const ReactInput = z.object({ kind: z.enum(REACTIONS, { error: 'error_reaction' }) });
export type ReactInput = z.input<typeof ReactInput>;

export const AcceptInput = z.object({ postId: z.preprocess((v) => (v === '' ? null : v), id('error_post_not_found').nullable()) });
export type AcceptInput = z.input<typeof AcceptInput>;

export const WatchInput = z.object({ watching: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'error_malformed_request' })) });
export const ReadInput = z.object({ upTo: id('error_post_not_found') });
export const ChangesInput = z.object({ since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER), limit: limit(500, 200) });

export const ListNotificationsInput = z.object({ cursor, limit: limit(100, 25), unread: z.preprocess((v) => v === 'true' || v === '1' || v === true, z.boolean()).default(false) });
export type ListNotificationsInput = z.input<typeof ListNotificationsInput>;

export const SearchInput = z.object({
	q: plain('error_search_query').trim().min(2, { error: 'error_search_query' }).max(200, { error: 'error_search_query' }),
	category: plain('error_category_not_found').trim().max(60).optional().transform((v) => v || undefined),
	country: country.optional().transform((v) => v || undefined),
	cursor,
	limit: limit(50, 20)
});
export type SearchInput = z.input<typeof SearchInput>;

export const SuggestInput = z.object({ q: plain('error_search_query').trim().max(40).default(''), limit: limit(8, 8) });

const slug = plain('error_slug')
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, { error: 'error_slug' })
	.refine((s) => s !== 't', { error: 'error_slug' });
const categoryName = plain('error_category_name').trim().min(2, { error: 'error_category_name' }).max(60, { error: 'error_category_name' });
const descriptionText = plain('error_category_description').trim().max(300, { error: 'error_category_description' });
const description = descriptionText.default('');

export const CreateCategoryInput = z.object({
	slug: slug.optional(),
	nameNl: categoryName,
	nameEn: categoryName,
	descriptionNl: description,
	descriptionEn: description
});
export type CreateCategoryInput = z.input<typeof CreateCategoryInput>;

export const UpdateCategoryInput = z
	.object({
		slug,
		nameNl: categoryName,
		nameEn: categoryName,
		descriptionNl: descriptionText,
		descriptionEn: descriptionText,
		archived: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean())
	})
	.partial()
	.refine((v) => Object.keys(v).length > 0, { error: 'error_nothing_to_change' });
export type UpdateCategoryInput = z.input<typeof UpdateCategoryInput>;

export const ReorderCategoriesInput = z.object({ ids: z.array(z.number().int().positive()).min(1).max(200) });
export type ReorderCategoriesInput = z.input<typeof ReorderCategoriesInput>;
