import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor.kind === 'user') redirect(303, locals.actor.user.status === 'pending' ? '/pending' : '/home');
};
