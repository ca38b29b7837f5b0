import { z } from 'zod';
import { defineRoute } from '../http/route';
import { changePassword, endSession, listSessions, me, updateProfile } from '../../lib/server/accounts/account';
import { ChangePasswordInput, SessionHandle, UpdateProfileInput } from '../../lib/server/accounts/schemas';
import { cookieHeader } from '../../lib/server/auth/cookie';
import { Me, SessionSummary } from '../../lib/shared/accounts';

export const meRoutes = (secure: boolean) => [
	defineRoute({
		method: 'GET',
		url: '/api/me',
		summary: 'Who I am: account, roles and what I may do',
		tags: ['account'],
		access: 'session',
		response: Me,
		handler: async ({ actor }) => me(actor)
	}),
	defineRoute({
		method: 'PATCH',
		url: '/api/me',
		summary: 'Change my display name, language or time zone',
		tags: ['account'],
		access: 'session',
		body: UpdateProfileInput,
		response: Me,
		handler: async ({ actor, body, reply }) => {
			const user = await updateProfile(actor, body);
			if (body.language) reply.header('set-cookie', cookieHeader('locale', body.language, secure));
			return me({ ...actor, kind: 'user', user, sessionId: actor.kind === 'user' ? actor.sessionId : '' });
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/me/password',
		summary: 'Change my password; ends every other session and gives this one a new token (new cookie)',
		tags: ['account'],
		access: 'session',
		body: ChangePasswordInput,
		response: z.object({ endedSessions: z.number() }),
		handler: async ({ actor, body, reply }) => {
			const { endedSessions, token, session } = await changePassword(actor, body);
			reply.header('set-cookie', cookieHeader('session', token, secure, session.expiresAt));
			return { endedSessions };
		}
	}),
	defineRoute({
		method: 'GET',
		url: '/api/me/sessions',
		summary: 'My sessions on every device',
		tags: ['account'],
		access: 'session',
		response: z.array(SessionSummary),
		handler: async ({ actor }) => listSessions(actor)
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/me/sessions/:handle',
		summary: 'End one of my sessions',
		tags: ['account'],
		access: 'session',
		params: SessionHandle,
		status: 204,
		handler: async ({ actor, params }) => endSession(actor, params.handle)
	})
];
