import type { LayoutServerLoad } from './$types';
import { can, capabilitiesOf } from '$lib/shared/roles';
import { runtime } from '$lib/server/runtime';
import { frameFacts } from '$lib/server/membership/frame';

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
	const facts = await frameFacts(actor, {
		// A new version of the guidelines waits for this member's acceptance before they post again.
		guidelines: participant && url.pathname !== '/guidelines',
		// The bell: counted again on every navigation (url), so it follows what was read. Every active person has an inbox.
		unread: actor.kind === 'user' && actor.user.status === 'active' && url.pathname !== '/logout'
	});
	return {
		user,
		guidelinesToAccept: facts.guidelinesToAccept,
		capabilities: [...capabilitiesOf(actor.kind === 'user' ? actor.user : null)],
		demo: runtime().config.demo,
		unreadNotifications: facts.unread
	};
};
