import type { PageServerLoad } from './$types';
import { orErrorPage, pageGuard } from '$lib/server/kit';
import { listMeetings } from '$lib/server/meetings/lists';
import { can } from '$lib/shared/roles';

/**
 * Board sessions the reader may see, upcoming and past, each paged by its own
 * cursor. Open to every active account: a guest (a policy officer invited by
 * name) finds their sessions here; the list holds only what access.ts allows.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const params = event.url.searchParams;
	const [upcoming, past] = await Promise.all([
		orErrorPage(() => listMeetings(actor, { when: 'upcoming', cursor: params.get('upcoming') || undefined, limit: 20 })),
		orErrorPage(() => listMeetings(actor, { when: 'past', cursor: params.get('past') || undefined, limit: 10 }))
	]);
	return {
		upcoming,
		past,
		manage: can(actor.user, 'board.manage'),
		timeZone: actor.user.timeZone,
		paged: { upcoming: params.has('upcoming'), past: params.has('past') }
	};
};
