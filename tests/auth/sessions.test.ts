import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEMO_PASSWORD, tokenOf, useServer } from '../helpers/server';
import { loginFailures, sessions, users } from '../../src/lib/server/db/schema';
import { putSetting, resetSetting } from '../../src/lib/server/settings';
import { createSession } from '../../src/lib/server/auth/sessions';
import { transact } from '../../src/lib/server/runtime';
import { formatDuration } from '../../src/lib/format';

const t = useServer();

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const HOUR = 3_600_000;

const loginRaw = (email: string, password: string, headers: Record<string, string> = {}) =>
	t.api('/api/auth/login', { method: 'POST', body: { email, password }, headers });

async function sessionRow(cookie: string) {
	const [row] = await t.db.select().from(sessions).where(eq(sessions.id, sha256(tokenOf(cookie))));
	return row;
}

describe('login', () => {
	it('sets an httpOnly, SameSite=Lax session cookie holding a token of at least 128 bits', async () => {
		const res = await loginRaw('member@example.org', DEMO_PASSWORD);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ email: 'member@example.org', status: 'active', roles: ['member'] });
		expect(res.body).not.toHaveProperty('passwordHash');
		const cookie = res.setCookies.find((c) => c.startsWith('session='));
		expect(cookie).toBeDefined();
		const attributes = cookie!.split(';').map((p) => p.trim().toLowerCase());
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
		expect(attributes).toContain('path=/');
		const expires = attributes.find((a) => a.startsWith('expires='));
		expect(new Date(expires!.slice('expires='.length)).getTime()).toBeGreaterThan(Date.now() + 24 * HOUR);
		// Base32 (lower case, no padding): 5 bits per character.
		const token = tokenOf(cookie!.split(';')[0]!);
		expect(token).toMatch(/^[a-z2-7]+$/);
		expect(token.length * 5).toBeGreaterThanOrEqual(128);
		// The cookie works.
		const me = await t.api('/api/me', { cookie: cookie!.split(';')[0]! });
		expect(me.status).toBe(200);
		expect(me.body.email).toBe('member@example.org');
	});

	it('stores only the SHA-256 of the token, never the token itself', async () => {
		const cookie = await t.login('board@example.org');
		const token = tokenOf(cookie);
		const all = await t.db.select().from(sessions);
		expect(JSON.stringify(all)).not.toContain(token);
		const byToken = await t.db.select().from(sessions).where(eq(sessions.id, token));
		expect(byToken).toHaveLength(0);
		const row = await sessionRow(cookie);
		expect(row).toBeDefined();
		expect(row!.id).toBe(sha256(token));
		// The public handle is not the hash either, so a session list leaks nothing usable.
		expect(row!.handle).not.toBe(row!.id);
	});

	it('issues a new token at every login, whatever cookie the browser already had', async () => {
		const first = await t.login('member@example.org');
		const res = await loginRaw('member@example.org', DEMO_PASSWORD, { cookie: first });
		const second = res.setCookies.find((c) => c.startsWith('session='))!.split(';')[0]!;
		expect(second).not.toBe(first);
		// A cookie planted by someone else is not adopted as the session.
		const planted = await loginRaw('member@example.org', DEMO_PASSWORD, { cookie: 'session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
		const third = planted.setCookies.find((c) => c.startsWith('session='))!.split(';')[0]!;
		expect(third).not.toBe('session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		expect(new Set([first, second, third]).size).toBe(3);
		for (const c of [first, second, third]) expect((await t.api('/api/me', { cookie: c })).status).toBe(200);
		expect((await t.api('/api/me', { cookie: 'session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).status).toBe(401);
	});

	it('answers a wrong password and an unknown email alike', async () => {
		for (const headers of [{}, { 'accept-language': 'en' }] as Record<string, string>[]) {
			const wrong = await loginRaw('member@example.org', 'not-the-password', headers);
			const unknown = await loginRaw('nobody-here@example.org', 'not-the-password', headers);
			expect(wrong.status).toBe(401);
			expect(unknown.status).toBe(wrong.status);
			expect(unknown.body).toEqual(wrong.body);
			expect(wrong.body.error).toBe('unauthenticated');
			expect(typeof wrong.body.message).toBe('string');
			expect(wrong.setCookies.some((c) => c.startsWith('session='))).toBe(false);
		}
		const en = await loginRaw('member@example.org', 'nope', { 'accept-language': 'en' });
		expect(en.body.message).toMatch(/email and password do not match/i);
	});

	it('matches email case-insensitively, and an address exists only once whatever its case', async () => {
		for (const email of ['MEMBER@example.org', 'Member@Example.ORG', '  member@example.org ']) {
			const res = await loginRaw(email, DEMO_PASSWORD);
			expect(res.status, email).toBe(200);
			expect(res.body.email).toBe('member@example.org');
		}
		await expect(t.createUser({ email: 'MEMBER@EXAMPLE.ORG' })).rejects.toThrow();
		const rows = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'MEMBER@EXAMPLE.ORG'));
		expect(rows).toHaveLength(0);
	});

	it('lets a pending person sign in to an account with no capabilities', async () => {
		const cookie = await t.login('pending@example.org');
		const me = await t.api('/api/me', { cookie });
		expect(me.status).toBe(200);
		expect(me.body).toMatchObject({ status: 'pending', capabilities: [] });
	});

	it('refuses a suspended person even with the right password, without telling a guesser', async () => {
		const user = await t.createUser({ status: 'suspended' });
		const right = await loginRaw(user.email, user.password);
		expect(right.status).toBe(403);
		expect(right.body.error).toBe('forbidden');
		expect(right.setCookies.some((c) => c.startsWith('session='))).toBe(false);
		// A wrong password gets the ordinary answer: suspension is not revealed.
		const wrong = await loginRaw(user.email, 'wrong-password');
		const unknown = await loginRaw('nobody-at-all@example.org', 'wrong-password');
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual(unknown.body);
	});

	it('refuses a session that outlived a suspension', async () => {
		const user = await t.createUser();
		const cookie = await t.login(user.email, user.password);
		// Status changed behind the domain's back (no session cleanup): the check on use still holds.
		await t.db.update(users).set({ status: 'suspended' }).where(eq(users.id, user.id));
		expect((await t.api('/api/me', { cookie })).status).toBe(401);
		await t.db.update(users).set({ status: 'removed' }).where(eq(users.id, user.id));
		expect((await t.api('/api/me', { cookie })).status).toBe(401);
	});
});

describe('opening a session', () => {
	it('does not wait on itself when the settings have to be read inside its transaction', async () => {
		const user = await t.createUser();
		// Writing a setting empties the settings cache, so the session's own transaction must read them.
		await putSetting('sessionIdleHours', 24 * 14);
		const opened = transact((tx) => createSession(tx, user.id, {}));
		const hung = new Promise((resolve) => setTimeout(() => resolve('hung'), 5_000));
		const result = await Promise.race([opened, hung]);
		expect(result).not.toBe('hung');
		const { token } = (await opened) as { token: string };
		expect((await t.api('/api/me', { cookie: `session=${token}` })).status).toBe(200);
		await resetSetting('sessionIdleHours');
	});
});

describe('login rate limits', () => {
	beforeEach(async () => {
		await t.db.delete(loginFailures);
		await resetSetting('loginFailuresPerAccount');
		await resetSetting('loginFailuresPerAddress');
		await resetSetting('loginFailureWindowMinutes');
	});
	afterAll(async () => {
		await t.db.delete(loginFailures);
		await resetSetting('loginFailuresPerAccount');
		await resetSetting('loginFailuresPerAddress');
	});

	async function expectLimited(email: string, password: string) {
		const res = await loginRaw(email, password, { 'accept-language': 'en' });
		expect(res.status).toBe(429);
		expect(res.body.error).toBe('rate_limited');
		const header = Number(res.headers.get('retry-after'));
		expect(Number.isInteger(header)).toBe(true);
		expect(header).toBeGreaterThan(0);
		expect(header).toBeLessThanOrEqual(15 * 60);
		expect(res.body.retryAfter).toBe(header);
		// The wait in words a person uses ("15 minutes"), not a count of seconds.
		expect(res.body.message).toContain(formatDuration(header, 'en'));
		expect(res.body.message).not.toContain(String(header));
		expect(res.setCookies.some((c) => c.startsWith('session='))).toBe(false);
	}

	it('after 5 failures (the default) refuses the account for a while to a browser without its device cookie, the right password too', async () => {
		const user = await t.createUser();
		for (let i = 0; i < 5; i++) expect((await loginRaw(user.email, `wrong-${i}`)).status).toBe(401);
		await expectLimited(user.email, user.password);
		// Another case of the same address is the same account.
		await expectLimited(user.email.toUpperCase(), user.password);
		// Someone else at the same address is not locked out.
		expect((await loginRaw('member@example.org', DEMO_PASSWORD)).status).toBe(200);
	});

	it('follows the loginFailuresPerAccount setting', async () => {
		await putSetting('loginFailuresPerAccount', 3);
		const user = await t.createUser();
		for (let i = 0; i < 2; i++) expect((await loginRaw(user.email, `wrong-${i}`)).status).toBe(401);
		// Below the limit the right password still works, and clears the count.
		expect((await loginRaw(user.email, user.password)).status).toBe(200);
		for (let i = 0; i < 3; i++) expect((await loginRaw(user.email, `wrong-${i}`)).status).toBe(401);
		await expectLimited(user.email, user.password);
	});

	it('counts failures per address too, across accounts', async () => {
		await putSetting('loginFailuresPerAddress', 5);
		for (let i = 0; i < 5; i++) expect((await loginRaw(`stranger-${i}@example.org`, 'guess')).status).toBe(401);
		await expectLimited('member@example.org', DEMO_PASSWORD);
	});

	it('forgets failures once the window has passed', async () => {
		const user = await t.createUser();
		for (let i = 0; i < 5; i++) await loginRaw(user.email, `wrong-${i}`);
		await expectLimited(user.email, user.password);
		await t.db.update(loginFailures).set({ at: new Date(Date.now() - 16 * 60_000) });
		expect((await loginRaw(user.email, user.password)).status).toBe(200);
	});
});

describe('logout', () => {
	it('ends the session: the cookie no longer works and is cleared', async () => {
		const cookie = await t.login('member@example.org');
		const res = await t.api('/api/auth/logout', { method: 'POST', cookie });
		expect(res.status).toBe(204);
		const cleared = res.setCookies.find((c) => c.startsWith('session='));
		expect(cleared).toMatch(/^session=;/);
		expect(new Date(cleared!.match(/Expires=([^;]+)/)![1]!).getTime()).toBeLessThan(Date.now());
		expect((await t.api('/api/me', { cookie })).status).toBe(401);
		expect(await sessionRow(cookie)).toBeUndefined();
	});

	it('logout-everywhere ends every session of the account and no one else\'s', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const other = await t.login('member@example.org');
		const res = await t.api('/api/auth/logout-everywhere', { method: 'POST', cookie: a });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ ended: 2 });
		expect((await t.api('/api/me', { cookie: a })).status).toBe(401);
		expect((await t.api('/api/me', { cookie: b })).status).toBe(401);
		expect((await t.api('/api/me', { cookie: other })).status).toBe(200);
	});
});

describe('my sessions', () => {
	it('lists my sessions, marks the current one, and ends another by its handle', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const list = await t.api('/api/me/sessions', { cookie: a });
		expect(list.status).toBe(200);
		expect(list.body).toHaveLength(2);
		const current = list.body.filter((s: { current: boolean }) => s.current);
		expect(current).toHaveLength(1);
		expect(current[0].handle).toBe((await sessionRow(a))!.handle);
		// Nothing in the list can be used as a credential.
		expect(JSON.stringify(list.body)).not.toContain(sha256(tokenOf(a)));
		expect(JSON.stringify(list.body)).not.toContain(tokenOf(b));

		const handleB = (await sessionRow(b))!.handle;
		expect((await t.api(`/api/me/sessions/${handleB}`, { method: 'DELETE', cookie: a })).status).toBe(204);
		expect((await t.api('/api/me', { cookie: b })).status).toBe(401);
		expect((await t.api('/api/me', { cookie: a })).status).toBe(200);
		const after = await t.api('/api/me/sessions', { cookie: a });
		expect(after.body).toHaveLength(1);
		expect(after.body[0].current).toBe(true);
		// Ending it again: it is gone.
		expect((await t.api(`/api/me/sessions/${handleB}`, { method: 'DELETE', cookie: a })).status).toBe(404);
	});

	it("cannot end someone else's session", async () => {
		const victim = await t.login('board@example.org');
		const handle = (await sessionRow(victim))!.handle;
		const attacker = await t.login('member@example.org');
		const res = await t.api(`/api/me/sessions/${handle}`, { method: 'DELETE', cookie: attacker });
		expect(res.status).toBe(404);
		expect((await t.api('/api/me', { cookie: victim })).status).toBe(200);
	});
});

describe('session expiry', () => {
	it('slides a session forward when it is used close to its idle expiry', async () => {
		const cookie = await t.login('member@example.org');
		const id = sha256(tokenOf(cookie));
		await t.db.update(sessions).set({ expiresAt: new Date(Date.now() + HOUR) }).where(eq(sessions.id, id));
		expect((await t.api('/api/me', { cookie })).status).toBe(200);
		const row = await sessionRow(cookie);
		// Default idle time is 14 days.
		expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * HOUR);
		expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(row!.absoluteExpiresAt.getTime());
	});

	it('never slides past the absolute end', async () => {
		const cookie = await t.login('member@example.org');
		const id = sha256(tokenOf(cookie));
		const absolute = new Date(Date.now() + 2 * HOUR);
		await t.db.update(sessions).set({ expiresAt: new Date(Date.now() + HOUR), absoluteExpiresAt: absolute }).where(eq(sessions.id, id));
		expect((await t.api('/api/me', { cookie })).status).toBe(200);
		const row = await sessionRow(cookie);
		expect(row!.expiresAt.getTime()).toBeLessThanOrEqual(absolute.getTime());
		expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + HOUR);
	});

	it('refuses a session past its idle expiry, and removes it', async () => {
		const cookie = await t.login('member@example.org');
		const id = sha256(tokenOf(cookie));
		await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.id, id));
		const res = await t.api('/api/me', { cookie });
		expect(res.status).toBe(401);
		expect(res.body.error).toBe('unauthenticated');
		expect(await sessionRow(cookie)).toBeUndefined();
	});

	it('refuses a session past its absolute end, however recently used', async () => {
		const cookie = await t.login('member@example.org');
		const id = sha256(tokenOf(cookie));
		await t.db.update(sessions).set({ absoluteExpiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.id, id));
		expect((await t.api('/api/me', { cookie })).status).toBe(401);
		expect(await sessionRow(cookie)).toBeUndefined();
	});
});

describe('password change', () => {
	it('refuses weak passwords and a wrong current password, and changes nothing then', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const change = (currentPassword: string, newPassword: string) =>
			t.api('/api/me/password', { method: 'POST', cookie: a, body: { currentPassword, newPassword } });

		const common = await change(user.password, 'password123');
		expect(common.status).toBe(400);
		expect(common.body).toMatchObject({ error: 'invalid_input', field: 'newPassword' });
		expect(common.body.message).toMatch(/too common/i);
		expect((await change(user.password, 'PassWord123')).status).toBe(400);

		const short = await change(user.password, 'short1');
		expect(short.status).toBe(400);
		expect(short.body).toMatchObject({ error: 'invalid_input', field: 'newPassword' });
		expect(short.body.message).toMatch(/at least 8/);

		const asEmail = await change(user.password, user.email);
		expect(asEmail.status).toBe(400);

		const wrongCurrent = await change('not-my-password', 'a perfectly fine passphrase');
		expect(wrongCurrent.status).toBe(400);
		expect(wrongCurrent.body).toMatchObject({ error: 'invalid_input', field: 'currentPassword' });

		expect((await t.api('/api/me', { cookie: b })).status).toBe(200);
		expect((await loginRaw(user.email, user.password)).status).toBe(200);
	});

	it('ends my other sessions, gives this one a new token, and replaces the old password', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const c = await t.login(user.email, user.password);
		const res = await t.api('/api/me/password', {
			method: 'POST',
			cookie: a,
			body: { currentPassword: user.password, newPassword: 'walking along the canal' }
		});
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ endedSessions: 2 });
		// This browser carries on with a new cookie; the token it had is worthless now.
		const renewed = res.setCookies.find((cookie) => cookie.startsWith('session='))!.split(';')[0]!;
		expect(renewed).not.toBe(a);
		expect((await t.api('/api/me', { cookie: renewed })).status).toBe(200);
		expect((await t.api('/api/me', { cookie: a })).status).toBe(401);
		expect(await sessionRow(a)).toBeUndefined();
		expect((await t.api('/api/me', { cookie: b })).status).toBe(401);
		expect((await t.api('/api/me', { cookie: c })).status).toBe(401);
		expect((await loginRaw(user.email, user.password)).status).toBe(401);
		expect((await loginRaw(user.email, 'walking along the canal')).status).toBe(200);
	});
});
