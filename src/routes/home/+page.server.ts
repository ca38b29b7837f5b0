import type { PageServerLoad } from './$types';
import { pageGuard } from '$lib/server/kit';
import { can } from '$lib/shared/roles';
import { myWithheldPosts } from '$lib/server/discussion/posts';
import { mySurveys } from '$lib/server/surveys/lists';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const answer = can(actor.user, 'surveys.answer');
	// A member's own posts under moderation, so a held first thread is not lost from sight; and the open surveys they have not answered yet.
	const [withheld, surveys] = await Promise.all([
		can(actor.user, 'group.participate') ? myWithheldPosts(actor) : Promise.resolve([]),
		answer ? mySurveys(actor) : Promise.resolve([])
	]);
	return {
		withheld,
		surveys: answer ? surveys.filter((s) => s.phase === 'open' && !s.answered).map((s) => ({ id: s.id, title: s.title, closesAt: s.closesAt })) : null,
		timeZone: actor.user.timeZone
	};
};
