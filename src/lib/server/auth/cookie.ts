/**
 * The session cookie, one definition for pages, API and sockets. Over https it
 * takes the `__Host-` prefix and Secure, which pins it to this exact origin.
 */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-session' : 'session');

export interface CookieOptions {
	path: '/';
	httpOnly: true;
	sameSite: 'lax';
	secure: boolean;
	expires: Date;
}

export const sessionCookieOptions = (secure: boolean, expires: Date): CookieOptions => ({
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	secure,
	expires
});

export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

/** The device cookie (see device.ts): httpOnly, and pinned to this origin over https like the session. */
export const deviceCookieName = (secure: boolean): string => (secure ? '__Host-device' : 'device');

/** Long-lived: the point is to recognise the owner's browser months later. */
const DEVICE_COOKIE_DAYS = 365;

export const deviceCookieOptions = (secure: boolean): CookieOptions =>
	sessionCookieOptions(secure, new Date(Date.now() + DEVICE_COOKIE_DAYS * 86_400_000));

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
	const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path}`, `Expires=${o.expires.toUTCString()}`, 'HttpOnly', 'SameSite=Lax'];
	if (o.secure) parts.push('Secure');
	return parts.join('; ');
}

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
