import type { PageServerLoad } from './$types';
import { pageGuard } from '$lib/server/kit';
import { can } from '$lib/shared/roles';
import { myWithheldPosts } from '$lib/server/discussion/posts';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	// A member's own posts under moderation, so a held first thread is not lost from sight.
	return { withheld: can(actor.user, 'group.participate') ? await myWithheldPosts(actor) : [] };
};
