import type { Actions, PageServerLoad } from './$types';
import { formAction, pageGuard } from '$lib/server/kit';
import { calendarFeedStatus, makeCalendarFeed, stopCalendarFeed } from '$lib/server/meetings/calendar-feed';
import { FEED_PAST_DAYS } from '$lib/shared/meetings-calendar';
import { can } from '$lib/shared/roles';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const feed = await calendarFeedStatus(actor);
	return {
		feed: { active: feed.active, createdAt: feed.createdAt?.toISOString() ?? null },
		timeZone: actor.user.timeZone,
		everySession: can(actor.user, 'board.manage'),
		pastDays: FEED_PAST_DAYS
	};
};

export const actions: Actions = {
	make: async (event) => {
		const actor = pageGuard(event, 'active');
		return formAction(
			async () => {
				// The address is in this answer only: the server keeps its SHA-256.
				const { url, webcalUrl } = await makeCalendarFeed(actor);
				return { form: 'feed', made: { url, webcalUrl } };
			},
			{ form: 'feed' }
		);
	},
	stop: async (event) => {
		const actor = pageGuard(event, 'active');
		return formAction(
			async () => {
				await stopCalendarFeed(actor);
				return { form: 'feed', stopped: true };
			},
			{ form: 'feed' }
		);
	}
};
