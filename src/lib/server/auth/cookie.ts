/**
 * Every cookie the platform sets, defined once for pages, API and sockets, so
 * each gets the same flags whichever door set it: SameSite=Lax, Path=/,
 * Secure over https, and the `__Host-` prefix there for the two credentials
 * (which pins them to this exact origin). The language cookie is read by the
 * page's own scripts (paraglide), so it is the one that is not httpOnly.
 */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-session' : 'session');
/** The device cookie (see device.ts). */
export const deviceCookieName = (secure: boolean): string => (secure ? '__Host-device' : 'device');
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

export type CookieKind = 'session' | 'device' | 'locale';

export interface CookieOptions {
	path: '/';
	httpOnly: boolean;
	sameSite: 'lax';
	secure: boolean;
	expires: Date;
}

const DAY = 86_400_000;
/** How long each lasts when the caller does not say: a device is recognised months later; a language choice is kept. */
const LIFETIME: Record<CookieKind, number> = { session: 14 * DAY, device: 365 * DAY, locale: 400 * DAY };

export function cookieFor(kind: CookieKind, secure: boolean, expires = new Date(Date.now() + LIFETIME[kind])): { name: string; options: CookieOptions } {
	const name = kind === 'session' ? sessionCookieName(secure) : kind === 'device' ? deviceCookieName(secure) : LOCALE_COOKIE;
	return { name, options: { path: '/', httpOnly: kind !== 'locale', sameSite: 'lax', secure, expires } };
}

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
	const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path}`, `Expires=${o.expires.toUTCString()}`];
	if (o.httpOnly) parts.push('HttpOnly');
	parts.push('SameSite=Lax');
	if (o.secure) parts.push('Secure');
	return parts.join('; ');
}

/** A Set-Cookie header value (the API's side; pages use kit.ts's setCookie). */
export function cookieHeader(kind: CookieKind, value: string, secure: boolean, expires?: Date): string {
	const { name, options } = cookieFor(kind, secure, expires);
	return serializeCookie(name, value, options);
}

/** A Set-Cookie header value that removes the cookie. */
export const clearedCookieHeader = (kind: CookieKind, secure: boolean): string => cookieHeader(kind, '', secure, new Date(0));

export function parseCookies(header: string | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	if (!header) return out;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const key = part.slice(0, eq).trim();
		if (!key || key in out) continue;
		try {
			out[key] = decodeURIComponent(part.slice(eq + 1).trim());
		} catch {
			// A mangled cookie is treated as absent.
		}
	}
	return out;
}

/**
 * Same-origin check for state-changing requests and socket handshakes: the
 * Origin must be ORIGIN exactly. Not the request's own Host: whoever can point
 * a name at this server (DNS rebinding, a proxy passing Host through) chooses
 * the Host, and would then choose what counts as "same origin" too.
 * Browsers always send Origin on such requests; tools that send none are not
 * carrying a victim's cookies through a foreign page.
 */
export function isSameOrigin(originHeader: string | undefined, configuredOrigin: string, secFetchSite?: string): boolean {
	if (!originHeader) return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
	return originHeader === configuredOrigin;
}
