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
	// Asked at once, not one after the other: every page waits for this layout.
	const [toAccept, unread] = await Promise.all([
		// A new version of the guidelines waits for this member's acceptance before they post again.
		participant && url.pathname !== '/guidelines' ? guidelinesToAccept(actor) : null,
		// The bell: counted again on every navigation (url), so it follows what was read. Every active person has an inbox.
		actor.kind === 'user' && actor.user.status === 'active' && url.pathname !== '/logout' ? unreadNotificationCount(actor) : null
	]);
	return {
		user,
		guidelinesToAccept: toAccept,
		capabilities: [...capabilitiesOf(actor.kind === 'user' ? actor.user : null)],
		demo: runtime().config.demo,
		unreadNotifications: unread
	};
};
