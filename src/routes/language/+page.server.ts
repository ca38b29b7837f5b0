import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { updateProfile } from '$lib/server/accounts/account';
import { language as Language } from '$lib/server/accounts/schemas';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { setCookie } from '$lib/server/kit';
import { runtime } from '$lib/server/runtime';

export const load: PageServerLoad = () => redirect(303, '/');

/** The language switch: a cookie for everyone, and the account setting once logged in. */
export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const data = await request.formData();
		const parsed = Language.safeParse(data.get('language'));
		const redirectTo = data.get('redirectTo');
		const target = safeRedirectTarget(typeof redirectTo === 'string' ? redirectTo : null, runtime().config.origin);
		if (!parsed.success) redirect(303, target);
		setCookie(cookies, 'locale', parsed.data);
		if (locals.actor.kind === 'user') await updateProfile(locals.actor, { language: parsed.data });
		redirect(303, target);
	}
};
