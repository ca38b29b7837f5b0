import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LOCALE_COOKIE } from '$lib/server/auth/cookie';
import { updateProfile } from '$lib/server/accounts/account';
import { language as Language } from '$lib/server/accounts/schemas';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
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
		const secure = runtime().config.origin.startsWith('https:');
		cookies.set(LOCALE_COOKIE, parsed.data, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge: 34_560_000 });
		if (locals.actor.kind === 'user') await updateProfile(locals.actor, { language: parsed.data });
		redirect(303, target);
	}
};
