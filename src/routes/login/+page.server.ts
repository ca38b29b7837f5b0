import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LoginInput } from '$lib/server/auth/schemas';
import { login, type LoginResult } from '$lib/server/auth/login';
import { deviceCookieName, deviceCookieOptions, sessionCookieName, sessionCookieOptions, LOCALE_COOKIE } from '$lib/server/auth/cookie';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { formValues, parseWith } from '$lib/server/kit';
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
		demoPassword: demo ? DEMO_PASSWORD : null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const values = formValues(await request.formData());
		let result: LoginResult;
		try {
			const secure = runtime().config.origin.startsWith('https:');
			result = await login(locals.actor, parseWith(LoginInput, values), cookies.get(deviceCookieName(secure)));
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
		const secure = origin.startsWith('https:');
		cookies.set(sessionCookieName(secure), result.token, sessionCookieOptions(secure, result.session.expiresAt));
		cookies.set(deviceCookieName(secure), result.deviceCookie, deviceCookieOptions(secure));
		cookies.set(LOCALE_COOKIE, result.user.language, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge: 34_560_000 });
		const fallback = result.user.status === 'pending' ? '/pending' : '/home';
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), origin, fallback));
	}
};
