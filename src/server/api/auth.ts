import { z } from 'zod';
import { defineRoute } from '../http/route';
import { LoginInput } from '../../lib/server/auth/schemas';
import { login, logout, logoutEverywhere } from '../../lib/server/auth/login';
import { me } from '../../lib/server/accounts/account';
import { clearedCookieHeader, cookieFor, cookieHeader, parseCookies } from '../../lib/server/auth/cookie';
import { Me } from '../../lib/shared/accounts';

export const authRoutes = (secure: boolean) => [
	defineRoute({
		method: 'POST',
		url: '/api/auth/login',
		summary: 'Log in with email and password; sets the session cookie',
		tags: ['auth'],
		access: 'public',
		body: LoginInput,
		response: Me,
		handler: async ({ actor, body, request, reply }) => {
			const result = await login(actor, body, parseCookies(request.headers.cookie)[cookieFor('device', secure).name]);
			reply.header('set-cookie', [
				cookieHeader('session', result.token, secure, result.session.expiresAt),
				cookieHeader('device', result.deviceCookie, secure),
				cookieHeader('locale', result.user.language, secure)
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
			reply.header('set-cookie', clearedCookieHeader('session', secure));
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
			reply.header('set-cookie', clearedCookieHeader('session', secure));
			return { ended };
		}
	})
];
