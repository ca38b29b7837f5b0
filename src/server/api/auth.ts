import { z } from 'zod';
import { defineRoute } from '../http/route';
import { LoginInput } from '../../lib/server/auth/schemas';
import { login, logout, logoutEverywhere } from '../../lib/server/auth/login';
import { me } from '../../lib/server/accounts/account';
import { clearedCookieHeader, cookieFor, cookieHeader, parseCookies } from '../../lib/server/auth/cookie';
import { Me } from '../../lib/shared/accounts';
import { RequestResetInput, ResetPasswordInput } from '../../lib/server/accounts/schemas';
import { requestPasswordReset, resetPassword } from '../../lib/server/accounts/password-reset';

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
	}),
	defineRoute({
		method: 'POST',
		url: '/api/auth/password-reset',
		summary: 'Ask for a password reset link by email (single use, 60 minutes). Answers alike whether or not the address has an account; limited per address asked for and per client (429)',
		tags: ['auth'],
		access: 'public',
		body: RequestResetInput,
		status: 202,
		response: z.object({ status: z.literal('received') }),
		handler: async ({ actor, body }) => {
			await requestPasswordReset(actor, body);
			return { status: 'received' as const };
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/auth/password-reset/confirm',
		summary: "Choose a new password with a reset link's token (in the body, so it stays out of access logs): uses the link up, ends every session of the account; then log in",
		tags: ['auth'],
		access: 'public',
		body: ResetPasswordInput,
		status: 204,
		handler: async ({ actor, body }) => {
			await resetPassword(actor, body);
		}
	})
];
