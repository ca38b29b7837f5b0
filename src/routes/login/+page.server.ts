import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LoginInput } from '$lib/server/auth/schemas';
import { login, type LoginResult } from '$lib/server/auth/login';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { cookieValue, formValues, parseWith, setCookie } from '$lib/server/kit';
import { isDomainError } from '$lib/server/errors';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { runtime } from '$lib/server/runtime';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor.kind === 'user') redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), runtime().config.origin, '/home'));
	const demo = runtime().config.demo;
	return {
		demoAccounts: demo ? DEMO_ACCOUNTS.map((a) => ({ email: a.email, roles: a.roles, status: a.status ?? 'active' })) : [],
		demoPassword: demo ? DEMO_PASSWORD : null,
		/** Back from choosing a new password (every session ended). */
		reset: url.searchParams.has('reset')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const values = formValues(await request.formData());
		let result: LoginResult;
		try {
			result = await login(locals.actor, parseWith(LoginInput, values), cookieValue(cookies, 'device'));
		} catch (e) {
			// Not formAction(): it answers `unauthenticated` with a redirect to /login,
			// which here would swallow "wrong email or password" without a word.
			if (!isDomainError(e)) throw e;
			return fail(e.status, {
				email: values.email ?? '',
				error: translate(e.message, getLocale(), e.inputs),
				field: e.field ?? null
			});
		}
		const { origin } = runtime().config;
		setCookie(cookies, 'session', result.token, result.session.expiresAt);
		setCookie(cookies, 'device', result.deviceCookie);
		setCookie(cookies, 'locale', result.user.language);
		const fallback = result.user.status === 'pending' ? '/pending' : '/home';
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), origin, fallback));
	}
};
