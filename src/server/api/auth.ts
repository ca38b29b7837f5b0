import { z } from 'zod';
import { defineRoute } from '../http/route';
import { LoginInput } from '../../lib/server/auth/schemas';
import { login, logout, logoutEverywhere } from '../../lib/server/auth/login';
import { me } from '../../lib/server/accounts/account';
import {
	deviceCookieName,
	deviceCookieOptions,
	parseCookies,
	serializeCookie,
	sessionCookieName,
	sessionCookieOptions,
	LOCALE_COOKIE
} from '../../lib/server/auth/cookie';
import { MeResponse } from './shapes';

export const authRoutes = (secure: boolean) => [
	defineRoute({
		method: 'POST',
		url: '/api/auth/login',
		summary: 'Log in with email and password; sets the session cookie',
		tags: ['auth'],
		access: 'public',
		body: LoginInput,
		response: MeResponse,
		handler: async ({ actor, body, request, reply }) => {
			const result = await login(actor, body, parseCookies(request.headers.cookie)[deviceCookieName(secure)]);
			reply.header('set-cookie', [
				serializeCookie(sessionCookieName(secure), result.token, sessionCookieOptions(secure, result.session.expiresAt)),
				serializeCookie(deviceCookieName(secure), result.deviceCookie, deviceCookieOptions(secure)),
				`${LOCALE_COOKIE}=${result.user.language}; Path=/; Max-Age=34560000; SameSite=Lax`
			]);
			return me({ kind: 'user', user: result.user, sessionId: result.session.id });
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/auth/logout',
		summary: 'End this session and its live connections',
		tags: ['auth'],
		access: 'session',
		status: 204,
		handler: async ({ actor, reply }) => {
			await logout(actor);
			reply.header('set-cookie', serializeCookie(sessionCookieName(secure), '', sessionCookieOptions(secure, new Date(0))));
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/auth/logout-everywhere',
		summary: 'End every session of this account, on every device',
		tags: ['auth'],
		access: 'session',
		response: z.object({ ended: z.number() }),
		handler: async ({ actor, reply }) => {
			const ended = await logoutEverywhere(actor);
			reply.header('set-cookie', serializeCookie(sessionCookieName(secure), '', sessionCookieOptions(secure, new Date(0))));
			return { ended };
		}
	})
];
