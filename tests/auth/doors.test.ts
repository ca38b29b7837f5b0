/**
 * The doors around authentication: where a login may send someone afterwards,
 * how guesses are counted (in parallel, per account, per device, per address,
 * behind a proxy), the origin check, and the password change.
 * Page-level redirects and the adapter-node side of the proxy setting are
 * covered in tests/e2e/account.spec.ts and tests/e2e/proxy.spec.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { DEMO_PASSWORD, useServer } from '../helpers/server';
import { loginFailures, settings } from '../../src/lib/server/db/schema';
import { putSetting, resetSetting } from '../../src/lib/server/settings';
import { safeRedirectTarget } from '../../src/lib/server/auth/redirect';
import { failuresFor } from '../../src/lib/server/auth/rate-limit';
import { DEVICE_SECRET_KEY } from '../../src/lib/server/auth/device';
import { parseTrustProxy } from '../../src/lib/server/config';
import { buildApp } from '../../src/server/app';
import { CLIENT_ADDRESS_HEADER } from '../../src/server/http/actor';

const t = useServer();
beforeEach(async () => {
	await t.db.delete(loginFailures);
	await resetSetting('loginFailuresPerAccount');
	await resetSetting('loginFailuresPerAddress');
});

const loginRaw = (email: string, password: string, headers: Record<string, string> = {}) =>
	t.api('/api/auth/login', { method: 'POST', body: { email, password }, headers });
const cookieOf = (setCookies: string[], name: string) => setCookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0];

describe('safeRedirectTarget', () => {
	const ORIGIN = 'http://localhost:3000';
	const nasty = [
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'/home\r\nSet-Cookie: x=1',
		'/\\evil.example',
		'\\\\evil.example',
		'/\\/evil.example',
		'//evil.example',
		'///evil.example',
		'/.//evil.example',
		'/a/..//evil.example',
		'\t//evil.example',
		' //evil.example',
		'javascript:alert(1)',
		'JavaScript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'http://evil.example/',
		'https://evil.example/home',
		'https://localhost:3000/home',
		'http://localhost:3001/home',
		'http://localhost:3000@evil.example/',
		'\u0000/home',
		'/home\u0000'
	];
	it.each(nasty)('sends %j home', (raw) => {
		expect(safeRedirectTarget(raw, ORIGIN)).toBe('/');
		expect(safeRedirectTarget(raw, ORIGIN, '/home')).toBe('/home');
	});

	it('keeps targets on this site, path, query and fragment, as a path', () => {
		expect(safeRedirectTarget('/group/t/12?page=2#post-3', ORIGIN)).toBe('/group/t/12?page=2#post-3');
		expect(safeRedirectTarget('http://localhost:3000/search?q=visa', ORIGIN)).toBe('/search?q=visa');
		expect(safeRedirectTarget('account', ORIGIN)).toBe('/account');
		// Same scheme without slashes is a relative path to the URL parser, and to browsers.
		expect(safeRedirectTarget('http:evil.example', ORIGIN)).toBe('/evil.example');
		// Encoded characters stay encoded: a path, not a new host.
		expect(safeRedirectTarget('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
		expect(safeRedirectTarget('/%09/evil.example', ORIGIN)).toBe('/%09/evil.example');
		expect(safeRedirectTarget('/%0d%0a', ORIGIN)).toBe('/%0d%0a');
		expect(safeRedirectTarget(null, ORIGIN, '/home')).toBe('/home');
		expect(safeRedirectTarget('', ORIGIN)).toBe('/');
	});
});

describe('counting guesses atomically', () => {
	it('checks at most 5 of 30 wrong passwords sent at once to one account', async () => {
		const user = await t.createUser();
		const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => loginRaw(user.email, `wrong-${i}`)));
		const statuses = answers.map((a) => a.status);
		const checked = statuses.filter((s) => s === 401).length;
		expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
		expect(checked).toBeLessThanOrEqual(5);
		expect(checked).toBeGreaterThan(0);
		expect(statuses.filter((s) => s === 429).length).toBe(30 - checked);
		expect(await failuresFor(`account:${user.email}`)).toBe(checked);
	});

	it('checks at most 5 of 30 wrong current passwords sent at once from one session', async () => {
		const user = await t.createUser();
		const cookie = await t.login(user.email, user.password);
		const answers = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				t.api('/api/me/password', { method: 'POST', cookie, body: { currentPassword: `wrong-${i}`, newPassword: 'a fine new passphrase' } })
			)
		);
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
		expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
	});
});

describe('the device cookie', () => {
	async function ownerBrowser(user: { email: string; password: string }) {
		const res = await loginRaw(user.email, user.password);
		expect(res.status).toBe(200);
		const device = cookieOf(res.setCookies, 'device');
		expect(device).toBeDefined();
		const attributes = res.setCookies.find((c) => c.startsWith('device='))!.toLowerCase();
		expect(attributes).toContain('httponly');
		expect(new Date(attributes.match(/expires=([^;]+)/)![1]!).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
		return device!;
	}

	it("keeps the owner's browser in after a stranger's 5 failures; the stranger gets 429", async () => {
		const user = await t.createUser();
		const device = await ownerBrowser(user);
		for (let i = 0; i < 5; i++) expect((await loginRaw(user.email, `guess-${i}`)).status).toBe(401);
		// The stranger (no device cookie) is refused, even with the right password.
		expect((await loginRaw(user.email, user.password)).status).toBe(429);
		// The owner's browser is not.
		const owner = await loginRaw(user.email, user.password, { cookie: device });
		expect(owner.status).toBe(200);
		expect(cookieOf(owner.setCookies, 'session')).toBeDefined();
		// And the stranger is still refused: the owner's login did not hand them five more guesses.
		expect((await loginRaw(user.email, `guess-again`)).status).toBe(429);
	});

	it("counts the owner's own mistakes per device, not against the account", async () => {
		const user = await t.createUser();
		const device = await ownerBrowser(user);
		for (let i = 0; i < 5; i++) expect((await loginRaw(user.email, `typo-${i}`, { cookie: device })).status).toBe(401);
		expect((await loginRaw(user.email, user.password, { cookie: device })).status).toBe(429);
		expect(await failuresFor(`account:${user.email}`)).toBe(0);
		// Another browser is not held back by this one's typos.
		expect((await loginRaw(user.email, user.password)).status).toBe(200);
	});

	it('exempts nothing when it is forged, altered, or made for another account', async () => {
		const user = await t.createUser();
		const other = await t.createUser();
		const othersDevice = await ownerBrowser(other);
		const [nonce, mac] = othersDevice.slice('device='.length).split('.');
		const forged = [
			othersDevice,
			`device=${nonce}.${'A'.repeat(43)}`,
			`device=${'B'.repeat(22)}.${mac}`,
			'device=garbage',
			`device=${'x'.repeat(5000)}`
		];
		for (let i = 0; i < 5; i++) expect((await loginRaw(user.email, `guess-${i}`)).status).toBe(401);
		for (const cookie of forged) expect((await loginRaw(user.email, user.password, { cookie })).status, cookie.slice(0, 40)).toBe(429);
	});

	it('keeps the entries of the other accounts that log in on a shared browser', async () => {
		const a = await t.createUser();
		const b = await t.createUser();
		const first = await ownerBrowser(a);
		const both = cookieOf((await loginRaw(b.email, b.password, { cookie: first })).setCookies, 'device')!;
		for (const user of [a, b]) for (let i = 0; i < 5; i++) await loginRaw(user.email, `guess-${i}`);
		expect((await loginRaw(a.email, a.password, { cookie: both })).status).toBe(200);
		expect((await loginRaw(b.email, b.password, { cookie: both })).status).toBe(200);
	});

	it('is signed with a secret the admin settings neither list nor change', async () => {
		const user = await t.createUser();
		await ownerBrowser(user);
		const rows = await t.db.select().from(settings);
		const secret = rows.find((r) => r.key === DEVICE_SECRET_KEY)?.value as string;
		expect(secret).toMatch(/^[\w-]{43}$/);
		const admin = await t.login('admin@example.org');
		const list = await t.api('/api/admin/settings', { cookie: admin });
		expect(list.status).toBe(200);
		expect(JSON.stringify(list.body)).not.toContain(secret);
		expect(JSON.stringify(list.body)).not.toContain(DEVICE_SECRET_KEY);
		const change = await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { [DEVICE_SECRET_KEY]: 'chosen' } });
		expect(change.status).toBe(400);
		expect((await t.db.select().from(settings)).find((r) => r.key === DEVICE_SECRET_KEY)?.value).toBe(secret);
	});
});

describe('behind a proxy', () => {
	it('reads TRUST_PROXY as hops or proxy addresses, and refuses "trust everyone"', () => {
		expect(parseTrustProxy(undefined)).toBe(false);
		expect(parseTrustProxy('0')).toBe(false);
		expect(parseTrustProxy('1')).toBe(1);
		expect(parseTrustProxy('2')).toBe(2);
		expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16,::1')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1']);
		expect(parseTrustProxy('loopback')).toEqual(['loopback']);
		expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
		expect(() => parseTrustProxy('proxy.example')).toThrow(/TRUST_PROXY/);
	});

	/** The platform as it runs behind one proxy (TRUST_PROXY=1), with a stand-in for SvelteKit that notes the address it is given. */
	async function behindOneProxy(trustProxy: number | string[] = 1) {
		const seen: (string | string[] | undefined)[] = [];
		const runtime = { ...t.server.runtime, config: { ...t.server.runtime.config, trustProxy } };
		const app = await buildApp({
			runtime,
			svelteHandler: (req: IncomingMessage, res) => {
				seen.push(req.headers[CLIENT_ADDRESS_HEADER]);
				res.end('page');
			}
		});
		const login = (xff: string, password = 'wrong', email = 'member@example.org', remoteAddress = '10.0.0.2') =>
			app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { 'x-forwarded-for': xff }, payload: { email, password } });
		const page = (xff: string, extra: Record<string, string> = {}) =>
			app.inject({ method: 'GET', url: '/login', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': xff, ...extra } });
		return { app, seen, login, page };
	}

	it('counts the address the proxy saw, whatever the client wrote to the left of it', async () => {
		await putSetting('loginFailuresPerAddress', 5);
		const { app, login } = await behindOneProxy();
		try {
			for (let i = 0; i < 5; i++) {
				const res = await login(`198.51.100.${i}, 203.0.113.7`, 'wrong', `stranger-${i}@example.org`);
				expect(res.statusCode).toBe(401);
			}
			expect(await failuresFor('ip:203.0.113.7')).toBe(5);
			for (let i = 0; i < 5; i++) expect(await failuresFor(`ip:198.51.100.${i}`)).toBe(0);
			// A sixth forged left-most entry changes nothing: this client is at its limit.
			expect((await login('192.0.2.99, 203.0.113.7', DEMO_PASSWORD)).statusCode).toBe(429);
			// Another client behind the same proxy is not.
			expect((await login('203.0.113.8', DEMO_PASSWORD)).statusCode).toBe(200);
		} finally {
			await app.close();
		}
	});

	it('trusts a listed proxy only: a client that reaches the port directly is counted as itself', async () => {
		const { app, login } = await behindOneProxy(['10.0.0.2']);
		try {
			await login('203.0.113.20');
			expect(await failuresFor('ip:203.0.113.20')).toBe(1);
			await login('203.0.113.21', 'wrong', 'member@example.org', '192.0.2.50');
			expect(await failuresFor('ip:203.0.113.21')).toBe(0);
			expect(await failuresFor('ip:192.0.2.50')).toBe(1);
		} finally {
			await app.close();
		}
	});

	it('hands pages the same client address the API counts, never one the client wrote', async () => {
		const { app, seen, login, page } = await behindOneProxy();
		try {
			await login('198.51.100.1, 203.0.113.9');
			expect(await failuresFor('ip:203.0.113.9')).toBe(1);
			await page('198.51.100.1, 203.0.113.9', { [CLIENT_ADDRESS_HEADER]: '192.0.2.1' });
			expect(seen).toEqual(['203.0.113.9']);
		} finally {
			await app.close();
		}
	});
});

describe('the origin check', () => {
	it('refuses a POST whose Origin is the request\'s own Host when that is not ORIGIN', async () => {
		const config = t.server.runtime.config;
		const original = config.origin;
		// The server is reached as 127.0.0.1:<port>, but its public origin is another name.
		config.origin = original.replace('127.0.0.1', 'localhost');
		try {
			const cookie = await t.login('member@example.org');
			const asHost = await t.api('/api/me', { method: 'PATCH', cookie, origin: original, body: { timeZone: 'UTC' } });
			expect(asHost.status).toBe(403);
			expect(asHost.body.error).toBe('forbidden');
			const socket = await t.socket(cookie, { origin: original });
			expect(socket.connected).toBe(false);
			// ORIGIN itself is welcome.
			expect((await t.api('/api/me', { method: 'PATCH', cookie, origin: config.origin, body: { timeZone: 'UTC' } })).status).toBe(200);
			const welcome = await t.socket(cookie, { origin: config.origin });
			expect(welcome.connected).toBe(true);
			if (welcome.connected) welcome.socket.close();
		} finally {
			config.origin = original;
		}
	});
});

describe('password change', () => {
	it('refuses after 5 wrong current passwords, the right one too, and counts per person', async () => {
		const user = await t.createUser();
		const cookie = await t.login(user.email, user.password);
		const change = (currentPassword: string, who = cookie) =>
			t.api('/api/me/password', { method: 'POST', cookie: who, body: { currentPassword, newPassword: 'a fine new passphrase' }, headers: { 'accept-language': 'en' } });
		for (let i = 0; i < 5; i++) expect((await change(`wrong-${i}`)).status).toBe(400);
		const limited = await change(user.password);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(limited.body.message).toMatch(/try again in 15 minutes\./i);
		// The same person from a fresh session is no better off.
		expect((await change(user.password, await t.login(user.email, user.password))).status).toBe(429);
		// Someone else is not affected.
		const other = await t.createUser();
		const otherCookie = await t.login(other.email, other.password);
		expect((await t.api('/api/me/password', { method: 'POST', cookie: otherCookie, body: { currentPassword: other.password, newPassword: 'a fine new passphrase' } })).status).toBe(200);
	});

	it('gives the changing session a new token and ends every other one', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const res = await t.api('/api/me/password', { method: 'POST', cookie: a, body: { currentPassword: user.password, newPassword: 'a fine new passphrase' } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ endedSessions: 1 });
		const renewed = cookieOf(res.setCookies, 'session')!;
		expect(res.setCookies.find((c) => c.startsWith('session='))!.toLowerCase()).toContain('httponly');
		expect(renewed).not.toBe(a);
		expect((await t.api('/api/me', { cookie: a })).status).toBe(401);
		expect((await t.api('/api/me', { cookie: b })).status).toBe(401);
		const me = await t.api('/api/me', { cookie: renewed });
		expect(me.status).toBe(200);
		const sessions = await t.api('/api/me/sessions', { cookie: renewed });
		expect(sessions.body).toHaveLength(1);
		expect(sessions.body[0].current).toBe(true);
	});
});
