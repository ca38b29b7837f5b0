import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as ioClient } from 'socket.io-client';
import { ack, cutsAfter, disconnection, nextEvent, settled, sleep, useServer, type TestSocket } from '../helpers/server';
import { collect } from '../helpers/sockets';
import { createThread, newCategory, newMember, replyTo } from '../helpers/discussion';
import { users } from '../../src/lib/server/db/schema';
import { securityHeaders } from '../../src/server/http/security-headers';
import { EVENT_LIMIT, PRESENCE_INTERVAL_MS, TokenBucket } from '../../src/server/realtime/limits';

const t = useServer();

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
		// The changing session's old token is retired too (it gets a new one), so its socket goes with it.
		expect(changed.cut).toEqual(['io server disconnect', 'io server disconnect']);
		const renewed = changed.result.setCookies.find((c) => c.startsWith('session='))!.split(';')[0]!;
		const sa2 = await t.connect(renewed);

		const everywhere = await cutsAfter([sa2], () => t.api('/api/auth/logout-everywhere', { method: 'POST', cookie: renewed }));
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
		// Had either change gone to the member's socket, it would have arrived before this answer.
		await settled(memberSocket);
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
		// The same open socket may not simply ask to follow the room again. Its answer also comes after the room's
		// own news of the demotion (sent while the socket was still in it), so listening starts after that.
		expect(await ack(s, 'room:join', 'admin:users')).toMatchObject({ ok: false, error: 'forbidden' });
		let leaked = false;
		s.on('admin:user-changed', () => (leaked = true));

		const target = await t.createUser();
		expect((await t.api(`/api/admin/users/${target.id}`, { method: 'PATCH', cookie: admin, body: { roles: ['member', 'board_member'] } })).status).toBe(200);
		await settled(s);
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

describe('security headers', () => {
	it('the Socket.IO handshake and polling answers carry the headers every page and API answer has', async () => {
		const page = await fetch(`${t.url}/api/health`);
		const expected = Object.entries(securityHeaders(t.server.runtime.config));
		expect(expected.map(([name]) => name)).toEqual(
			expect.arrayContaining(['x-content-type-options', 'referrer-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy'])
		);
		const handshake = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`);
		expect(handshake.status).toBe(200);
		const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };
		// A later poll of the same session: answered by the transport, not the handshake.
		const poll = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: '40', headers: { 'content-type': 'text/plain' } });
		expect(poll.status).toBe(200);
		for (const [name, value] of expected) {
			expect(page.headers.get(name), name).toBe(value);
			expect(handshake.headers.get(name), name).toBe(value);
			expect(poll.headers.get(name), name).toBe(value);
		}
		expect(handshake.headers.get('cache-control')).toBe('no-store');
	});

	it('adds HSTS only on an https origin in production', () => {
		expect(securityHeaders({ origin: 'https://partners.example', production: true })['strict-transport-security']).toMatch(/^max-age=\d+/);
		expect(securityHeaders({ origin: 'https://partners.example', production: false })['strict-transport-security']).toBeUndefined();
		expect(securityHeaders({ origin: 'http://localhost:3000', production: true })['strict-transport-security']).toBeUndefined();
	});
});

describe('a connection restored by Socket.IO', () => {
	it('is asked again for each room: a moderator demoted while away gets no queue events, missed or new', async () => {
		const mod = await t.createUser({ roles: ['member', 'moderator'] });
		const cookie = await t.login(mod.email, mod.password);
		const member = await newMember(t);
		const category = await newCategory(t, 'Recovery');
		const { threadId } = await createThread(t, member.cookie, { category: category.slug, title: 'Een draad om te volgen' });

		const s: TestSocket = ioClient(t.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
		await new Promise<void>((resolve) => s.once('connect', () => resolve()));
		expect(await ack(s, 'room:join', 'moderation')).toEqual({ ok: true });
		expect(await ack(s, 'room:join', `thread:${threadId}`)).toEqual({ ok: true });
		const queue: unknown[] = [];
		s.on('queue:changed', (e) => queue.push(e));
		// Still a moderator: the control that the queue events are there to be had.
		const control = await t.connect(await t.login('moderator@example.org'));
		expect(await ack(control, 'room:join', 'moderation')).toEqual({ ok: true });

		const dropped = disconnection(s, 2_000);
		s.io.engine.close(); // the network drops
		expect(await dropped).not.toBeNull();
		expect((await t.adminUpdate(mod.id, { roles: ['member'] })).status).toBe(200);
		// While away: a report (for the queue) and then a reply (for the thread) are broadcast.
		const opened = nextEvent(control, 'queue:changed');
		const report = await t.api(`/api/posts/${(await replyTo(t, member.cookie, threadId, 'Iets om te melden.')).id}/report`, {
			method: 'POST',
			cookie: (await newMember(t)).cookie,
			body: { reason: 'spam' }
		});
		expect(report.status).toBe(201);
		await opened;
		const reply = await replyTo(t, member.cookie, threadId, 'Dit antwoord kwam terwijl je weg was.');

		const replayed = collect<{ id: number }>(s, 'post:changed', 1, 3_000, (c) => c.id === reply.id);
		s.connect();
		await new Promise<void>((resolve) => s.once('connect', () => resolve()));
		expect(s.recovered).toBe(true);
		// The thread is still theirs: its missed reply is replayed, after anything missed in the queue before it.
		await replayed;
		expect(queue).toEqual([]);

		const again = nextEvent(control, 'queue:changed');
		await t.api(`/api/members/${member.handle}/report`, { method: 'POST', cookie: (await newMember(t)).cookie, body: { reason: 'spam' } });
		await again;
		await settled(s);
		expect(queue).toEqual([]);
		expect(await ack(s, 'room:join', 'moderation')).toMatchObject({ ok: false, error: 'forbidden' });
		s.close();
	});
});

describe('event limits', () => {
	it('refuses events beyond the per-socket limit with a translated reason, and cuts a socket that keeps flooding', async () => {
		const member = await newMember(t);
		await t.db.update(users).set({ language: 'nl' }).where(eq(users.id, member.id));
		const s = await t.connect(member.cookie);
		// One at a time: a full burst is served, then refusals, and the socket stays.
		const started = Date.now();
		const paced: string[] = [];
		for (let i = 0; i < EVENT_LIMIT.capacity + 5; i++) {
			const answer = await ack(s, i % 2 ? 'room:leave' : 'room:join', 'group');
			paced.push(answer.ok ? 'ok' : answer.error);
		}
		const refilled = Math.floor(((Date.now() - started) / 1000) * EVENT_LIMIT.perSecond);
		expect(paced.filter((a) => a === 'ok').length).toBeGreaterThanOrEqual(EVENT_LIMIT.capacity);
		expect(paced.filter((a) => a === 'ok').length).toBeLessThanOrEqual(EVENT_LIMIT.capacity + refilled);
		expect(paced.filter((a) => a !== 'ok')).toEqual(expect.arrayContaining(['rate_limited']));
		expect(new Set(paced)).toEqual(new Set(['ok', 'rate_limited']));
		expect(s.connected).toBe(true);

		const cut = disconnection(s, 10_000);
		const answers = await Promise.all(
			Array.from({ length: 200 }, (_, i) =>
				s
					.timeout(5_000)
					.emitWithAck(i % 2 ? 'room:leave' : 'room:join', 'group')
					.catch(() => ({ ok: false, error: 'no_ack' }) as const)
			)
		);
		expect(await cut).toBe('io server disconnect');
		const limited = answers.filter((a) => !a.ok && a.error === 'rate_limited');
		expect(answers.filter((a) => a.ok).length).toBeLessThan(5);
		expect(limited.length).toBeGreaterThan(0);
		expect(limited[0]).toEqual({ ok: false, error: 'rate_limited', message: 'Te veel verzoeken in korte tijd. Wacht even en probeer het dan opnieuw.' });
		// Cut long before the 200th: the rest was never looked at.
		expect(answers.filter((a) => !a.ok && a.error === 'no_ack').length).toBeGreaterThan(100);
		// A new connection of the same person works.
		const fresh = await t.connect(member.cookie);
		expect(await ack(fresh, 'room:join', 'group')).toEqual({ ok: true });
		fresh.close();
	});

	it('lets a client that backs off carry on', () => {
		let now = 0;
		const bucket = new TokenBucket(3, 2, () => now);
		expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
		now += 499;
		expect(bucket.take()).toBe(false);
		now += 1;
		expect([bucket.take(), bucket.take()]).toEqual([true, false]);
		now += 60_000;
		expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
	});

	it('sends readers at most one presence update per half second per thread, and always the last state', async () => {
		const reader = await newMember(t, { name: 'Rosa Lezer' });
		const restless = await newMember(t, { name: 'Ruben Onrustig' });
		const category = await newCategory(t, 'Presence');
		const { threadId } = await createThread(t, reader.cookie, { category: category.slug, title: 'Wie is er?' });
		const r = await t.connect(reader.cookie);
		const own = collect(r, 'thread:presence', 1);
		expect(await ack(r, 'room:join', `thread:${threadId}`)).toEqual({ ok: true });
		await own;
		// Time is what is tested here: let this join's coalescing window close before counting.
		await sleep(PRESENCE_INTERVAL_MS);

		const seen: { readers: { name: string }[] }[] = [];
		r.on('thread:presence', (p) => seen.push(p));
		const s = await t.connect(restless.cookie);
		const started = Date.now();
		for (let i = 0; i < 8; i++) {
			expect(await ack(s, 'room:join', `thread:${threadId}`)).toEqual({ ok: true });
			expect(await ack(s, 'room:leave', `thread:${threadId}`)).toEqual({ ok: true });
		}
		const took = Date.now() - started;
		// The final state (Ruben gone) arrives; nothing comes after it.
		const deadline = Date.now() + 3_000;
		while (seen.at(-1)?.readers.length !== 1 && Date.now() < deadline) await sleep(20);
		// A timer, not a request, sends presence, so no answer marks its end: a trailing update would come within one
		// interval, and waiting that long is the property itself.
		await sleep(PRESENCE_INTERVAL_MS + 200);
		expect(seen.at(-1)!.readers.map((p) => p.name)).toEqual(['Rosa Lezer']);
		// 16 room changes; without coalescing that is 16 broadcasts.
		expect(seen.length).toBeLessThanOrEqual(Math.ceil(took / PRESENCE_INTERVAL_MS) + 1);
		expect(seen.length).toBeLessThan(16);
		r.close();
		s.close();
	});
});
