import type { LayoutServerLoad } from './$types';
import { can, capabilitiesOf } from '$lib/shared/roles';
import { runtime } from '$lib/server/runtime';
import { unreadNotificationCount } from '$lib/server/notifications/inbox';
import { guidelinesToAccept } from '$lib/server/membership/guidelines';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	const user =
		actor.kind === 'user'
			? {
					id: actor.user.id,
					displayName: actor.user.displayName,
					status: actor.user.status,
					roles: actor.user.roles,
					timeZone: actor.user.timeZone,
					language: actor.user.language
				}
			: null;
	const participant = actor.kind === 'user' && can(actor.user, 'group.participate') && url.pathname !== '/logout';
	return {
		user,
		// A new version of the guidelines waits for this member's acceptance before they post again.
		guidelinesToAccept: participant && url.pathname !== '/guidelines' ? await guidelinesToAccept(actor) : null,
		capabilities: [...capabilitiesOf(actor.kind === 'user' ? actor.user : null)],
		demo: runtime().config.demo,
		// The bell: counted again on every navigation (url), so it follows what was read.
		unreadNotifications:
			actor.kind === 'user' && can(actor.user, 'group.participate') && url.pathname !== '/logout' ? await unreadNotificationCount(actor) : null
	};
};
