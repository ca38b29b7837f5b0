import type { FastifyRequest } from 'fastify';
import { anonymous, type Actor } from '../../lib/server/auth/actor';
import { parseCookies, sessionCookieName } from '../../lib/server/auth/cookie';
import { validateSessionToken } from '../../lib/server/auth/sessions';

/** The same session validation pages use, read from a raw cookie header. */
export async function actorFromHeaders(
	cookieHeader: string | undefined,
	meta: { ip?: string; userAgent?: string },
	secure: boolean
): Promise<Actor> {
	const token = parseCookies(cookieHeader)[sessionCookieName(secure)];
	const v = await validateSessionToken(token);
	return v ? { kind: 'user', user: v.user, sessionId: v.session.id, ...meta } : anonymous(meta);
}

export const actorOf = (request: FastifyRequest, secure: boolean): Promise<Actor> =>
	actorFromHeaders(request.headers.cookie, { ip: request.ip, userAgent: request.headers['user-agent'] }, secure);
