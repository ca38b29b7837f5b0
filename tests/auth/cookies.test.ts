/**
 * Every cookie, whichever door sets it (pages through kit.ts, the API through
 * cookieHeader), comes from one definition: the same name and flags.
 */
import { describe, expect, it } from 'vitest';
import { clearedCookieHeader, cookieFor, cookieHeader, type CookieKind } from '../../src/lib/server/auth/cookie';

const KINDS: CookieKind[] = ['session', 'device', 'locale'];
const flags = (header: string) => header.split('; ').slice(1);

describe('cookies', () => {
	it('over https: Secure on every cookie, and the __Host- prefix on the two credentials', () => {
		for (const kind of KINDS) {
			const header = cookieHeader(kind, 'v', true);
			expect(flags(header), kind).toContain('Secure');
			expect(flags(header), kind).toContain('SameSite=Lax');
			expect(flags(header), kind).toContain('Path=/');
		}
		expect(cookieHeader('session', 't', true)).toMatch(/^__Host-session=t;/);
		expect(cookieHeader('device', 'd', true)).toMatch(/^__Host-device=d;/);
		expect(cookieHeader('locale', 'en', true)).toMatch(/^PARAGLIDE_LOCALE=en;/);
	});

	it('over plain http (a local demo): no Secure, which the browser would refuse there', () => {
		for (const kind of KINDS) expect(flags(cookieHeader(kind, 'v', false)), kind).not.toContain('Secure');
		expect(cookieHeader('session', 't', false)).toMatch(/^session=t;/);
	});

	it('keeps the credentials from scripts; only the language is readable by the page', () => {
		expect(flags(cookieHeader('session', 't', true))).toContain('HttpOnly');
		expect(flags(cookieHeader('device', 'd', true))).toContain('HttpOnly');
		expect(flags(cookieHeader('locale', 'nl', true))).not.toContain('HttpOnly');
	});

	it('gives pages the same options it writes for the API, and removes with the same name', () => {
		const { name, options } = cookieFor('session', true, new Date('2027-01-01T00:00:00Z'));
		expect(name).toBe('__Host-session');
		expect(options).toEqual({ path: '/', httpOnly: true, sameSite: 'lax', secure: true, expires: new Date('2027-01-01T00:00:00Z') });
		expect(clearedCookieHeader('session', true)).toMatch(/^__Host-session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT;/);
	});
});
