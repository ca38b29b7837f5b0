import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LoginInput } from '$lib/server/auth/schemas';
import { login } from '$lib/server/auth/login';
import { sessionCookieName, sessionCookieOptions, LOCALE_COOKIE } from '$lib/server/auth/cookie';
import { formAction, formValues, parseWith, safeRedirectTarget } from '$lib/server/kit';
import { runtime } from '$lib/server/runtime';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor.kind === 'user') redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	const demo = runtime().config.demo;
	return {
		demoAccounts: demo ? DEMO_ACCOUNTS.map((a) => ({ email: a.email, roles: a.roles, status: a.status ?? 'active' })) : [],
		demoPassword: demo ? DEMO_PASSWORD : null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const values = formValues(await request.formData());
		const result = await formAction(
			async () => {
				const input = parseWith(LoginInput, values);
				return login(locals.actor, input);
			},
			{ email: values.email ?? '' }
		);
		if (!('token' in result)) return result;
		const secure = runtime().config.origin.startsWith('https:');
		cookies.set(sessionCookieName(secure), result.token, sessionCookieOptions(secure, result.session.expiresAt));
		cookies.set(LOCALE_COOKIE, result.user.language, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge: 34_560_000 });
		const fallback = result.user.status === 'pending' ? '/pending' : '/home';
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), fallback));
	}
};
