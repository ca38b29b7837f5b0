import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { logout } from '$lib/server/auth/login';
import { clearCookie } from '$lib/server/kit';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		await logout(locals.actor);
		clearCookie(cookies, 'session');
		redirect(303, '/');
	}
};
