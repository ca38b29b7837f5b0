import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pageGuard } from '$lib/server/kit';

export const load: PageServerLoad = (event) => {
	const actor = pageGuard(event, 'session');
	if (actor.user.status === 'active') redirect(303, '/home');
	return { email: actor.user.email };
};
