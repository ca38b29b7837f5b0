import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../../lib/server/config';
import { anonymous, type Actor } from '../../lib/server/auth/actor';
import { parseCookies, sessionCookieName } from '../../lib/server/auth/cookie';
import { validateSessionToken } from '../../lib/server/auth/sessions';

/**
 * How pages learn the client's address: Fastify works it out once (TRUST_PROXY
 * decides which X-Forwarded-For entries count) and writes it into this header,
 * overwriting whatever a client sent; adapter-node reads it (ADDRESS_HEADER).
 * So a page's form login and an API login count the same address.
 */
export const CLIENT_ADDRESS_HEADER = 'x-partnerplein-client-address';

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes a function, because
 * Fastify 5 ignores a bare number (it cannot tell whether the peer is a proxy
 * at all): n hops trusts the n nearest addresses, so only entries those proxies
 * appended count. That is safe only where nothing but the proxy can reach the
 * port (the README says so); a list of proxy addresses is checked per request.
 */
export function trustProxyOption(trust: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
	if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
	return trust;
}

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
