import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../lib/server/auth/actor';
import { LOCALE_COOKIE, parseCookies } from '../../lib/server/auth/cookie';
import type { Language } from '../../lib/shared/roles';

/** The reader's language: their setting, else the switch's cookie, else the browser's wish. */
export function localeOf(request: FastifyRequest, actor?: Actor): Language {
	if (actor?.kind === 'user') return actor.user.language;
	const cookie = parseCookies(request.headers.cookie)[LOCALE_COOKIE];
	if (cookie === 'en' || cookie === 'nl') return cookie;
	const accept = request.headers['accept-language'] ?? '';
	const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
	return first.startsWith('en') ? 'en' : 'nl';
}
