import { z } from 'zod';
import { defineRoute } from '../http/route';
import {
	adminListCategories,
	createCategory,
	listCategories,
	reorderCategories,
	updateCategory
} from '../../lib/server/discussion/categories';
import { acceptAnswer, createThread, getThread, listThreads, setWatching } from '../../lib/server/discussion/threads';
import { changesSince, deletePost, editPost, getPostView, listPosts, reply, revisionsOf, toggleReaction } from '../../lib/server/discussion/posts';
import { markRead } from '../../lib/server/discussion/reads';
import { can } from '../../lib/shared/roles';
import { listNotifications } from '../../lib/server/discussion/notifications';
import { listInbox, markNotificationsRead, unreadNotificationCount } from '../../lib/server/notifications/inbox';
import { MarkReadInput } from '../../lib/server/notifications/schemas';
import { searchPosts } from '../../lib/server/discussion/search';
import { suggestMembers } from '../../lib/server/discussion/mentions';
import { DomainError } from '../../lib/server/errors';
import {
	AcceptInput,
	CategoryIdParam,
	ChangesInput,
	CreateCategoryInput,
	CreateThreadInput,
	EditPostInput,
	ListNotificationsInput,
	ListPostsInput,
	ListThreadsInput,
	PostIdParam,
	ReactInput,
	ReadInput,
	ReorderCategoriesInput,
	ReplyInput,
	SearchInput,
	SuggestInput,
	ThreadIdParam,
	UpdateCategoryInput,
	WatchInput
} from '../../lib/server/discussion/schemas';
import {
	Category,
	CategoryView,
	MemberSuggestion,
	PostChange,
	PostPage,
	PostView,
	Revision,
	SearchHit,
	ThreadDetail,
	ThreadSummary
} from '../../lib/shared/discussion';
import { NotificationView } from '../../lib/shared/notifications';
import { pageOf } from '../../lib/shared/wire';

const tags = ['discussion'];
const G = 'group.participate' as const;

export const discussionRoutes = () => [
	defineRoute({
		method: 'GET',
		url: '/api/categories',
		summary: 'The open categories of the group, in order, with thread counts',
		tags,
		access: G,
		response: z.array(CategoryView),
		handler: async ({ actor }) => listCategories(actor)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/admin/categories',
		summary: 'Every category, archived ones included (admin)',
		tags: ['admin'],
		access: 'admin.categories',
		response: z.array(Category),
		handler: async ({ actor }) => adminListCategories(actor)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/admin/categories',
		summary: 'Create a category (admin)',
		tags: ['admin'],
		access: 'admin.categories',
		body: CreateCategoryInput,
		response: Category,
		status: 201,
		handler: async ({ actor, body }) => createCategory(actor, body)
	}),
	defineRoute({
		method: 'PATCH',
		url: '/api/admin/categories/:id',
		summary: 'Rename, describe, archive or restore a category (admin)',
		tags: ['admin'],
		access: 'admin.categories',
		params: CategoryIdParam,
		body: UpdateCategoryInput,
		response: Category,
		handler: async ({ actor, params, body }) => updateCategory(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/admin/categories/order',
		summary: 'Put the categories in this order (admin)',
		tags: ['admin'],
		access: 'admin.categories',
		body: ReorderCategoriesInput,
		response: z.array(Category),
		handler: async ({ actor, body }) => reorderCategories(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/threads',
		summary: 'Threads of a category or of the whole group: pinned first, then latest activity; by cursor',
		tags,
		access: G,
		query: ListThreadsInput,
		response: pageOf(ThreadSummary),
		handler: async ({ actor, query }) => listThreads(actor, query)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/threads',
		summary: 'Start a discussion or ask a question',
		tags,
		access: G,
		body: CreateThreadInput,
		response: z.object({ threadId: z.number(), postId: z.number(), categorySlug: z.string() }),
		status: 201,
		// Unsaid, a post is in the language the request is made in (the UI's).
		handler: async ({ actor, body, locale }) => createThread(actor, { ...body, language: body.language ?? locale })
	}),
	defineRoute({
		method: 'GET',
		url: '/api/threads/:id',
		summary: 'One thread, with my unread state and what I may do',
		tags,
		access: G,
		params: ThreadIdParam,
		response: ThreadDetail,
		handler: async ({ actor, params }) => getThread(actor, params.id)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/threads/:id/posts',
		summary: "A page of a thread's posts, oldest first (after, from or before a post id)",
		tags,
		access: G,
		params: ThreadIdParam,
		query: ListPostsInput,
		response: PostPage,
		handler: async ({ actor, params, query }) => listPosts(actor, params.id, query)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/threads/:id/posts',
		summary: 'Reply to a thread, optionally quoting one of its posts',
		tags,
		access: G,
		params: ThreadIdParam,
		body: ReplyInput,
		response: PostView,
		status: 201,
		handler: async ({ actor, params, body, locale }) => reply(actor, params.id, { ...body, language: body.language ?? locale })
	}),
	defineRoute({
		method: 'GET',
		url: '/api/threads/:id/changes',
		summary: 'Posts of a thread changed after a change number, in order (catch-up after a reconnect)',
		tags,
		access: G,
		params: ThreadIdParam,
		query: ChangesInput,
		response: z.array(PostChange),
		handler: async ({ actor, params, query }) => changesSince(actor, params.id, query.since, query.limit)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/threads/:id/accept',
		summary: 'Accept a reply as the answer to a question (null takes it back); asker or moderator',
		tags,
		access: G,
		params: ThreadIdParam,
		body: AcceptInput,
		response: z.object({ acceptedPostId: z.number().nullable() }),
		handler: async ({ actor, params, body }) => acceptAnswer(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/threads/:id/watch',
		summary: 'Watch a thread (notified of replies) or stop watching it',
		tags,
		access: G,
		params: ThreadIdParam,
		body: WatchInput,
		response: z.object({ watching: z.boolean() }),
		handler: async ({ actor, params, body }) => setWatching(actor, params.id, body.watching)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/threads/:id/read',
		summary: 'I have read this thread up to this post',
		tags,
		access: G,
		params: ThreadIdParam,
		body: ReadInput,
		response: z.object({ lastReadPostId: z.number() }),
		handler: async ({ actor, params, body }) => markRead(actor, params.id, body.upTo)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/posts/:id',
		summary: 'One post, as I may see it',
		tags,
		access: G,
		params: PostIdParam,
		response: PostView,
		handler: async ({ actor, params }) => {
			const view = await getPostView(actor, params.id);
			if (!view) throw new DomainError('not_found', 'error_post_not_found');
			return view;
		}
	}),
	defineRoute({
		method: 'PATCH',
		url: '/api/posts/:id',
		summary: 'Edit my post (the earlier text is kept as a revision)',
		tags,
		access: G,
		params: PostIdParam,
		body: EditPostInput,
		response: PostView,
		handler: async ({ actor, params, body }) => editPost(actor, params.id, body)
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/posts/:id',
		summary: 'Take my post back (its place stays: "removed by author")',
		tags,
		access: G,
		params: PostIdParam,
		response: PostView,
		handler: async ({ actor, params }) => deletePost(actor, params.id)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/posts/:id/revisions',
		summary: 'Earlier versions of a post, newest first',
		tags,
		access: G,
		params: PostIdParam,
		response: z.array(Revision),
		handler: async ({ actor, params }) => {
			const view = await getPostView(actor, params.id);
			if (!view) throw new DomainError('not_found', 'error_post_not_found');
			return (await revisionsOf(actor, [params.id])).get(params.id) ?? [];
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/posts/:id/reactions',
		summary: 'Add my reaction of this kind to a post, or take it away',
		tags,
		access: G,
		params: PostIdParam,
		body: ReactInput,
		response: PostView,
		handler: async ({ actor, params, body }) => toggleReaction(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/notifications',
		summary: 'My notifications, newest first, by cursor (a member\'s include the group\'s; anyone active has an inbox)',
		tags,
		access: 'active',
		query: ListNotificationsInput,
		response: pageOf(NotificationView),
		handler: async ({ actor, query }) => (actor.kind === 'user' && can(actor.user, G) ? listNotifications(actor, query) : listInbox(actor, query))
	}),
	defineRoute({
		method: 'GET',
		url: '/api/notifications/count',
		summary: 'How many of my notifications are unread',
		tags,
		access: 'active',
		response: z.object({ unread: z.number() }),
		handler: async ({ actor }) => ({ unread: await unreadNotificationCount(actor) })
	}),
	defineRoute({
		method: 'POST',
		url: '/api/notifications/read',
		summary: 'Mark some ({ids}) or all ({all: true}) of my notifications read',
		tags,
		access: 'active',
		body: MarkReadInput,
		response: z.object({ updated: z.number(), unread: z.number() }),
		handler: async ({ actor, body }) => markNotificationsRead(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/search',
		summary: 'Full-text search (Dutch and English) over what I may see, ranked, with highlighted snippets',
		tags,
		access: G,
		query: SearchInput,
		response: pageOf(SearchHit),
		handler: async ({ actor, query }) => searchPosts(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/members/suggest',
		summary: 'Members whose handle or name starts with q (for @mentions)',
		tags,
		access: G,
		query: SuggestInput,
		response: z.array(MemberSuggestion),
		handler: async ({ actor, query }) => suggestMembers(actor, query)
	})
];
