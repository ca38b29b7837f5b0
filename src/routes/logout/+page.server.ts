import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { logout } from '$lib/server/auth/login';
import { sessionCookieName } from '$lib/server/auth/cookie';
import { runtime } from '$lib/server/runtime';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		await logout(locals.actor);
		const secure = runtime().config.origin.startsWith('https:');
		cookies.delete(sessionCookieName(secure), { path: '/', secure });
		redirect(303, '/');
	}
};
