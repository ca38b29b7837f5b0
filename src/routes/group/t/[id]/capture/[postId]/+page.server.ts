import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formAction, formValues, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { captureExcerpt, postToCapture } from '$lib/server/insights/excerpts';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { can } from '$lib/shared/roles';

/**
 * Keeping a post's words as evidence: the post is shown, its words cut down
 * to the excerpt, kept without the author's name. Coordinators go on to
 * draft an insight with it; moderators (who do not draft) go back to the
 * thread.
 */
function ids(event: RequestEvent): { threadId: number; postId: number } {
	const threadId = idParam(event.params.id);
	const postId = idParam(event.params.postId);
	if (!threadId || !postId || postId > 2_147_483_647) error(404, translate('error_post_not_found', getLocale()));
	return { threadId, postId };
}

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'insights.capture');
	const { threadId, postId } = ids(event);
	const post = await orErrorPage(() => postToCapture(actor, postId));
	// The address names the thread too; a post from another thread is not this page's.
	if (post.threadId !== threadId) error(404, translate('error_post_not_found', getLocale()));
	return { post };
};

export const actions: Actions = {
	capture: async (event) => {
		const actor = pageGuard(event, 'insights.capture');
		const { threadId, postId } = ids(event);
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = await captureExcerpt(actor, { postId, excerpt: v.excerpt ?? '' });
				if (can(actor.user, 'insights.contribute')) redirect(303, `/insights/new?excerpt=${id}`);
				redirect(303, `/group/t/${threadId}?from=${postId}&captured=1#post-${postId}`);
			},
			{ values: { excerpt: v.excerpt ?? '' } }
		);
	}
};
