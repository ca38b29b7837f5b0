import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { anonymous } from '$lib/server/auth/actor';
import { LOCALE_COOKIE } from '$lib/server/auth/cookie';
import { clearCookie, cookieValue, setCookie } from '$lib/server/kit';
import { validateSessionToken } from '$lib/server/auth/sessions';
import { serializeError } from '$lib/server/log';

/**
 * One Intl.PluralRules per language and options, made once. Paraglide's generated registry makes a new one
 * for every plural message it formats, and making one costs about twenty-five times what choosing a form
 * with it does: a thread page formats a plural for each reaction of each post (125 on a page of 25 posts).
 * The rules are immutable, so one instance serves every request. Bounded: past 64 kinds (languages and
 * options), a new kind is made on every call as before, not kept.
 */
const NativePluralRules = Intl.PluralRules;
const pluralRules = new Map<string, Intl.PluralRules>();
const CachedPluralRules: typeof Intl.PluralRules = new Proxy(NativePluralRules, {
	construct(target, args: [Intl.LocalesArgument?, Intl.PluralRulesOptions?], newTarget) {
		if (newTarget !== CachedPluralRules) return Reflect.construct(target, args, newTarget) as object;
		const [locales, options] = args;
		const key = `${String(locales)}|${options ? JSON.stringify(options) : ''}`;
		let rules = pluralRules.get(key);
		if (!rules) {
			rules = new NativePluralRules(locales, options);
			if (pluralRules.size < 64) pluralRules.set(key, rules);
		}
		return rules;
	}
});
Object.defineProperty(Intl, 'PluralRules', { value: CachedPluralRules, writable: true, configurable: true });

/**
 * The language: the switch's cookie, else (signed in) the account's setting,
 * else the browser's wish. A signed-in browser without the cookie gets it, so
 * the account's language follows the person to a new device.
 */
const handleLocale: Handle = ({ event, resolve }) => {
	let incoming = event.request;
	const actor = event.locals.actor;
	if (actor.kind === 'user' && !event.cookies.get(LOCALE_COOKIE) && (incoming.method === 'GET' || incoming.method === 'HEAD')) {
		const headers = new Headers(incoming.headers);
		const cookie = headers.get('cookie');
		headers.set('cookie', `${cookie ? `${cookie}; ` : ''}${LOCALE_COOKIE}=${actor.user.language}`);
		incoming = new Request(incoming, { headers });
		setCookie(event.cookies, 'locale', actor.user.language);
	}
	return paraglideMiddleware(incoming, ({ request, locale }) => {
		event.request = request;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) });
	});
};

/** The same session validation the API and sockets use; the cookie slides with the session. */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = cookieValue(event.cookies, 'session');
	const meta = { ip: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') ?? undefined };
	const valid = token ? await validateSessionToken(token) : null;
	if (valid && token) {
		event.locals.actor = { kind: 'user', user: valid.user, sessionId: valid.session.id, ...meta };
		setCookie(event.cookies, 'session', token, valid.session.expiresAt);
	} else {
		if (token) clearCookie(event.cookies, 'session');
		event.locals.actor = anonymous(meta);
	}
	return resolve(event);
};

export const handle = sequence(handleSession, handleLocale);

/**
 * SvelteKit's default prints `error.stack`, whose first lines are a failed
 * query's message with its values (post bodies, addresses): the log gets what
 * serializeError keeps instead.
 *
 * What it answers is its own English ("Not Found", "Internal Error"): the
 * error page gets a message in the reader's language instead. This runs inside
 * handleLocale's paraglideMiddleware (an unknown path is resolved there too),
 * so the messages speak the request's language.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: m.error_page_not_found_text() };
	console.error(`[${status}] ${event.request.method} ${event.url.pathname}`, JSON.stringify(serializeError(error)));
	if (status >= 500) return { message: m.error_internal() };
};
