import type { LayoutServerLoad } from './$types';
import { capabilitiesOf } from '$lib/roles';
import { runtime } from '$lib/server/runtime';

export const load: LayoutServerLoad = ({ locals }) => {
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
	return {
		user,
		capabilities: [...capabilitiesOf(actor.kind === 'user' ? actor.user : null)],
		demo: runtime().config.demo
	};
};
