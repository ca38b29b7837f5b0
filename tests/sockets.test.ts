import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ack, cutsAfter, disconnection, nextEvent, sleep, startTestServer, type TestServer } from './helpers/server';

let t: TestServer;
beforeAll(async () => {
	t = await startTestServer();
});
afterAll(async () => {
	await t?.close();
});

describe('socket handshake', () => {
	it('refuses a connection without a session', async () => {
		const result = await t.socket(undefined);
		expect(result).toEqual({ connected: false, error: 'unauthenticated' });
		const bogus = await t.socket('session=not-a-real-token');
		expect(bogus).toEqual({ connected: false, error: 'unauthenticated' });
	});

	it('refuses a connection from a foreign origin, even with a valid session', async () => {
		const cookie = await t.login('member@example.org');
		const foreign = await t.socket(cookie, { origin: 'https://evil.example' });
		expect(foreign).toEqual({ connected: false, error: 'forbidden_origin' });
		const nullOrigin = await t.socket(cookie, { origin: 'null' });
		expect(nullOrigin.connected).toBe(false);
		// The site's own origin is fine.
		const own = await t.socket(cookie, { origin: t.url });
		expect(own.connected).toBe(true);
	});

	it('refuses a session that has ended', async () => {
		const cookie = await t.login('member@example.org');
		await t.api('/api/auth/logout', { method: 'POST', cookie });
		expect(await t.socket(cookie)).toEqual({ connected: false, error: 'unauthenticated' });
	});
});

describe('live connections follow the session', () => {
	it('logging out cuts that session\'s socket within 1 s; another session of the same person stays', async () => {
		const a = await t.login('board@example.org');
		const b = await t.login('board@example.org');
		const sa = await t.connect(a);
		const sb = await t.connect(b);
		const { result, cut } = await cutsAfter([sa, sb], () => t.api('/api/auth/logout', { method: 'POST', cookie: a }));
		expect(result.status).toBe(204);
		expect(cut).toEqual(['io server disconnect', null]);
		expect(sb.connected).toBe(true);
		// Still answering, not just open.
		expect(await ack(sb, 'room:leave', 'admin:users')).toEqual({ ok: true });
	});

	it('ending one session by its handle cuts its socket', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const sa = await t.connect(a);
		const sb = await t.connect(b);
		const sessions = await t.api('/api/me/sessions', { cookie: a });
		const others = sessions.body.filter((s: { current: boolean }) => !s.current);
		expect(others).toHaveLength(1);
		const { result, cut } = await cutsAfter([sa, sb], () => t.api(`/api/me/sessions/${others[0].handle}`, { method: 'DELETE', cookie: a }));
		expect(result.status).toBe(204);
		expect(cut).toEqual([null, 'io server disconnect']);
	});

	it('a password change and logout-everywhere cut the sockets of the sessions they end', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const sa = await t.connect(a);
		const sb = await t.connect(b);
		const changed = await cutsAfter([sa, sb], () =>
			t.api('/api/me/password', {
				method: 'POST',
				cookie: a,
				body: { currentPassword: user.password, newPassword: 'a quiet morning in Lima' }
			})
		);
		expect(changed.result.status).toBe(200);
		expect(changed.cut).toEqual([null, 'io server disconnect']);

		const everywhere = await cutsAfter([sa], () => t.api('/api/auth/logout-everywhere', { method: 'POST', cookie: a }));
		expect(everywhere.result.status).toBe(200);
		expect(everywhere.cut).toEqual(['io server disconnect']);
	});

	it('suspending someone cuts all their sockets within 1 s, and their cookie stops working', async () => {
		const user = await t.createUser();
		const a = await t.login(user.email, user.password);
		const b = await t.login(user.email, user.password);
		const sa = await t.connect(a);
		const sb = await t.connect(b);
		const admin = await t.login('admin@example.org');
		const bystander = await t.connect(admin);
		const { result, cut } = await cutsAfter([sa, sb, bystander], () =>
			t.api(`/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin, body: { status: 'suspended' } })
		);
		expect(result.status).toBe(200);
		expect(cut).toEqual(['io server disconnect', 'io server disconnect', null]);
		expect((await t.api('/api/me', { cookie: a })).status).toBe(401);
		expect((await t.socket(a)).connected).toBe(false);
	});

	it('tells the person when their own roles change', async () => {
		const user = await t.createUser({ roles: ['member'] });
		const cookie = await t.login(user.email, user.password);
		const s = await t.connect(cookie);
		const changed = nextEvent(s, 'account:changed');
		expect((await t.adminUpdate(user.id, { roles: ['member', 'board_member'] })).status).toBe(200);
		expect(await changed).toEqual({ status: 'active', roles: ['member', 'board_member'] });
	});
});

describe('admin rooms', () => {
	it("sends 'admin:user-changed' to admins following 'admin:users', and to no one else", async () => {
		const admin = await t.login('admin@example.org');
		const adminSocket = await t.connect(admin);
		expect(await ack(adminSocket, 'room:join', 'admin:users')).toEqual({ ok: true });

		const member = await t.login('member@example.org');
		const memberSocket = await t.connect(member);
		const refused = await ack(memberSocket, 'room:join', 'admin:users');
		expect(refused).toMatchObject({ ok: false, error: 'forbidden' });
		let leaked = false;
		memberSocket.on('admin:user-changed', () => (leaked = true));

		const target = await t.createUser({ roles: ['member'] });
		const event = nextEvent(adminSocket, 'admin:user-changed');
		const res = await t.api(`/api/admin/users/${target.id}`, { method: 'PATCH', cookie: admin, body: { roles: ['member', 'moderator'] } });
		expect(res.status).toBe(200);
		expect(await event).toEqual({ userId: target.id, status: 'active', roles: ['member', 'moderator'] });

		const suspended = nextEvent(adminSocket, 'admin:user-changed');
		await t.api(`/api/admin/users/${target.id}`, { method: 'PATCH', cookie: admin, body: { status: 'suspended' } });
		expect(await suspended).toMatchObject({ userId: target.id, status: 'suspended' });
		await sleep(200);
		expect(leaked).toBe(false);
	});

	it('stops admin events to someone whose admin role is taken away, and refuses them the room again', async () => {
		const second = await t.createUser({ roles: ['admin'] });
		const cookie = await t.login(second.email, second.password);
		const s = await t.connect(cookie);
		expect(await ack(s, 'room:join', 'admin:users')).toEqual({ ok: true });

		const admin = await t.login('admin@example.org');
		const demoted = nextEvent(s, 'account:changed');
		await t.api(`/api/admin/users/${second.id}`, { method: 'PATCH', cookie: admin, body: { roles: ['member'] } });
		expect(await demoted).toEqual({ status: 'active', roles: ['member'] });
		await sleep(100);

		let leaked = false;
		s.on('admin:user-changed', () => (leaked = true));
		// The same open socket may not simply ask to follow the room again.
		expect(await ack(s, 'room:join', 'admin:users')).toMatchObject({ ok: false, error: 'forbidden' });

		const target = await t.createUser();
		await t.api(`/api/admin/users/${target.id}`, { method: 'PATCH', cookie: admin, body: { roles: ['member', 'board_member'] } });
		await sleep(300);
		expect(leaked).toBe(false);
	});

	it('lets someone given the admin role follow the room on the connection they already have', async () => {
		const user = await t.createUser({ roles: ['member'] });
		const cookie = await t.login(user.email, user.password);
		const s = await t.connect(cookie);
		expect(await ack(s, 'room:join', 'admin:users')).toMatchObject({ ok: false, error: 'forbidden' });
		const promoted = nextEvent(s, 'account:changed');
		expect((await t.adminUpdate(user.id, { roles: ['member', 'admin'] })).status).toBe(200);
		await promoted;
		expect(await ack(s, 'room:join', 'admin:users')).toEqual({ ok: true });
	});

	it('refuses unknown rooms and the server-managed personal rooms', async () => {
		const admin = await t.login('admin@example.org');
		const s = await t.connect(admin);
		const me = await t.api('/api/me', { cookie: admin });
		expect(await ack(s, 'room:join', 'no-such-room')).toMatchObject({ ok: false, error: 'not_found' });
		expect(await ack(s, 'room:join', `user:${me.body.id}`)).toMatchObject({ ok: false, error: 'not_found' });
		expect(await ack(s, 'room:join', 'x'.repeat(500))).toMatchObject({ ok: false, error: 'invalid_input' });
		expect(await ack(s, 'room:join', 42 as unknown as string)).toMatchObject({ ok: false, error: 'invalid_input' });
		expect(await ack(s, 'room:leave', `user:${me.body.id}`)).toMatchObject({ ok: false, error: 'invalid_input' });
		// After all that the connection still serves.
		expect(await ack(s, 'room:join', 'admin:users')).toEqual({ ok: true });
	});
});

describe('message size', () => {
	it('drops a connection that sends a message over 64 KB, without answering it', async () => {
		const cookie = await t.login('member@example.org');
		const s = await t.connect(cookie);
		let answered = false;
		const cut = disconnection(s, 3_000);
		s.emit('room:join', 'x'.repeat(70 * 1024), () => (answered = true));
		expect(await cut).toBe('transport close');
		expect(answered).toBe(false);
		// The server is fine: a new connection works.
		const again = await t.connect(cookie);
		expect(await ack(again, 'room:leave', 'admin:users')).toEqual({ ok: true });
	});
});
