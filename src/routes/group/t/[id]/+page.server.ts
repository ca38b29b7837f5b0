import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formAction, formValues, pageGuard, parseWith, idParam, orErrorPage } from '$lib/server/kit';
import { acceptAnswer, getThread, setWatching } from '$lib/server/discussion/threads';
import { deletePost, editPost, getPostView, postsOfShownThread, reply, revisionsOf, toggleReaction } from '$lib/server/discussion/posts';
import { markRead } from '$lib/server/discussion/reads';
import { AcceptInput, EditPostInput, PostIdParam, ReactInput, ReplyInput, WatchInput } from '$lib/server/discussion/schemas';
import { translate } from '$lib/i18n/translate';
import { moderatePost, moderateThread, moderatorEditPost } from '$lib/server/moderation/content';
import { reportPost } from '$lib/server/moderation/reports';
import { ModeratorEditInput, PostActionInput, ReportInput, ThreadActionInput } from '$lib/server/moderation/schemas';
import { listCategories } from '$lib/server/discussion/categories';
import { getLocale } from '$lib/paraglide/runtime';

function threadId(event: { params: { id: string } }): number {
	const id = idParam(event.params.id);
	if (!id) error(404, translate('error_thread_not_found', getLocale()));
	return id;
}

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const id = threadId(event);
	const q = event.url.searchParams;
	const thread = await orErrorPage(() => getThread(actor, id));
	const page = await orErrorPage(() =>
		postsOfShownThread(actor, thread, { after: idParam(q.get('after')), before: idParam(q.get('before')), from: idParam(q.get('from')), to: idParam(q.get('to')), limit: 25 })
	);
	const edited = page.items.filter((p) => p.revisionCount > 0).map((p) => p.id);
	const revisions = Object.fromEntries(await revisionsOf(actor, edited));
	const quoteId = idParam(q.get('quote'));
	const quote = quoteId ? await getPostView(actor, quoteId) : null;
	// What this page shows is now read; the first unread post was worked out before.
	const shownUpTo = page.items.at(-1)?.id;
	if (shownUpTo && shownUpTo > (thread.lastReadPostId ?? 0)) await markRead(actor, id, shownUpTo);
	return {
		thread,
		/** Where a moderator may move the thread. */
		moveTo: thread.can.moderate ? (await listCategories(actor)).map((c) => ({ id: c.id, nameNl: c.nameNl, nameEn: c.nameEn })) : [],
		posts: page.items,
		earlier: page.earlier,
		later: page.later,
		revisions,
		editingId: idParam(q.get('edit')) ?? null,
		reportingId: idParam(q.get('report')) ?? null,
		quote: quote && quote.threadId === id && quote.html !== null ? { id: quote.id, authorName: quote.author.displayName, excerpt: quote.html } : null,
		firstUnreadPostId: thread.firstUnreadPostId,
		firstUnreadOnPage: thread.firstUnreadPostId !== null && page.items.some((p) => p.id === thread.firstUnreadPostId),
		/** The reply form's key: a fresh one with every page, so pressing twice makes one post. */
		submissionKey: randomUUID()
	};
};

/** Back to the post an action was about, so a page without JavaScript lands where it was. */
const backTo = (threadId: number, postId: number) => `/group/t/${threadId}?from=${postId}#post-${postId}`;

async function postAction<T>(event: RequestEvent, work: (actor: ReturnType<typeof pageGuard>, values: Record<string, string>, postId: number) => Promise<T>) {
	const actor = pageGuard(event, 'group.participate');
	const id = threadId(event);
	const values = formValues(await event.request.formData());
	const result = await formAction(async () => {
		const { id: postId } = parseWith(PostIdParam, { id: values.postId });
		await work(actor, values, postId);
		return { postId };
	}, { which: 'post' as const });
	if ('postId' in result && typeof result.postId === 'number') redirect(303, backTo(id, result.postId));
	return result;
}

export const actions: Actions = {
	reply: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const id = threadId(event);
		const values = formValues(await event.request.formData());
		const result = await formAction(async () => reply(actor, id, parseWith(ReplyInput, values)), { which: 'reply' as const, values: { body: values.body ?? '', language: values.language ?? '' } });
		// Back into the conversation: the page that ends with the new reply, the posts before it above.
		if ('id' in result && typeof result.id === 'number') redirect(303, `/group/t/${id}?to=${result.id}#post-${result.id}`);
		return result;
	},
	edit: (event) => postAction(event, (actor, values, postId) => editPost(actor, postId, parseWith(EditPostInput, values))),
	delete: (event) => postAction(event, (actor, _values, postId) => deletePost(actor, postId)),
	react: (event) => postAction(event, (actor, values, postId) => toggleReaction(actor, postId, parseWith(ReactInput, values))),
	accept: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const id = threadId(event);
		const values = formValues(await event.request.formData());
		const result = await formAction(async () => acceptAnswer(actor, id, parseWith(AcceptInput, { postId: values.postId ?? '' })));
		if ('acceptedPostId' in result) redirect(303, result.acceptedPostId ? backTo(id, result.acceptedPostId) : `/group/t/${id}`);
		return result;
	},
	report: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const id = threadId(event);
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id: postId } = parseWith(PostIdParam, { id: values.postId });
				const receipt = await reportPost(actor, postId, parseWith(ReportInput, values));
				return { which: 'report' as const, reported: postId, hidden: receipt.hidden, threadId: id };
			},
			// The report panel of that post shows what to correct (ReportForm).
			{ which: 'post' as const, reportFor: values.postId }
		);
	},
	moderate: (event) => postAction(event, (actor, values, postId) => moderatePost(actor, postId, parseWith(PostActionInput, values))),
	modedit: (event) => postAction(event, (actor, values, postId) => moderatorEditPost(actor, postId, parseWith(ModeratorEditInput, values))),
	thread: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const id = threadId(event);
		const values = formValues(await event.request.formData());
		return formAction(async () => ({ which: 'thread' as const, state: await moderateThread(actor, id, parseWith(ThreadActionInput, values)) }), { which: 'thread' as const });
	},
	watch: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const id = threadId(event);
		const values = formValues(await event.request.formData());
		return formAction(async () => setWatching(actor, id, parseWith(WatchInput, values).watching));
	}
};
