import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ack, nextEvent, useServer } from '../helpers/server';
import { allPages, clearJoinLimits, joinRequestBody, newApplicant, outboxFor, PASSWORD, userIdOf, expectIndistinguishable } from '../helpers/membership';
import { claimJoinAttempt, JOIN_LIMITS } from '../../src/lib/server/membership/join-limit';
import { guidelineAcceptances, joinRequests, notifications, profiles, userRoles, users } from '../../src/lib/server/db/schema';

const t = useServer();
let moderator: string;

beforeAll(async () => {
	moderator = await t.login('moderator@example.org');
});

const decide = (id: string, body: unknown, cookie = moderator) => t.api(`/api/join-requests/${id}/decision`, { method: 'POST', cookie, body });

/** Every place inside the group a pending or declined person must not reach. */
async function expectShutOut(cookie: string) {
	for (const path of ['/api/members', '/api/members/sanne-de-vries', '/api/me/profile', '/api/join-requests', '/api/invitations'])
		expect((await t.api(path, { cookie })).status, path).toBe(403);
	expect((await t.api('/api/me/profile', { method: 'PATCH', cookie, body: { bio: 'hello' } })).status).toBe(403);
	expect((await t.api('/api/guidelines/accept', { method: 'POST', cookie, body: { version: 1 } })).status).toBe(403);
	// Sockets: the person may connect (their own account page listens), but no room inside opens.
	const socket = await t.connect(cookie);
	for (const room of ['admin:users', 'group', 'category:1', 'thread:1', 'moderation:queue']) {
		const answer = await ack(socket, 'room:join', room);
		expect(answer.ok, room).toBe(false);
	}
	socket.close();
}

describe('asking to join', () => {
	it('makes a pending account with the answers, the guidelines accepted and a receipt by email; the person logs in', async () => {
		await clearJoinLimits(t);
		const body = await joinRequestBody(t, { displayName: 'Noor el Idrissi', language: 'nl', postingCountry: 'MA', postingCity: 'Rabat', languages: ['ar', 'fr', 'nl'] });
		const res = await t.api('/api/join-requests', { method: 'POST', body });
		expect(res.status).toBe(202);
		expect(res.body).toEqual({ status: 'received' });
		expect(res.setCookies.some((c) => c.startsWith('session='))).toBe(false);
		const cookie = await t.login(body.email, body.password);
		expect((await t.api('/api/me', { cookie })).body).toMatchObject({ status: 'pending', roles: [], capabilities: [] });
		const userId = (await userIdOf(t, body.email))!;

		const [user] = await t.db.select().from(users).where(eq(users.id, userId));
		expect(user!.handle).toBe('noor-el-idrissi');
		const [jr] = await t.db.select().from(joinRequests).where(eq(joinRequests.userId, userId));
		expect(jr).toMatchObject({ status: 'pending', postingCountry: 'MA', postingCity: 'Rabat', relation: 'spouse', civilServantName: 'Bram de Wit', languages: ['ar', 'fr', 'nl'] });
		expect(await t.db.select().from(guidelineAcceptances).where(eq(guidelineAcceptances.userId, userId))).toHaveLength(1);
		// The answers fill the profile; the posting stays hidden until the person says otherwise.
		const [profile] = await t.db.select().from(profiles).where(eq(profiles.userId, userId));
		expect(profile).toMatchObject({ postingCountry: 'MA', postingRegion: 'africa', showPosting: false, languages: ['ar', 'fr', 'nl'] });

		const receipt = await outboxFor(t, body.email, 'join_request_received');
		expect(receipt).toHaveLength(1);
		expect(receipt[0]!.subject).toMatch(/aanmelding/);

		const mine = await t.api('/api/me/join-request', { cookie });
		expect(mine.body.joinRequest).toMatchObject({ status: 'pending', decisionReason: null, postingCountry: 'MA' });
		await expectShutOut(cookie);
	});

	it('refuses bad answers, naming the field', async () => {
		await clearJoinLimits(t);
		const cases: [Record<string, unknown>, number, string][] = [
			[{ postingCountry: 'XX' }, 400, 'postingCountry'],
			[{ postingCountry: 'nl' }, 400, 'postingCountry'],
			[{ postingCity: '  ' }, 400, 'postingCity'],
			[{ relation: 'friend' }, 400, 'relation'],
			[{ civilServantName: 'A' }, 400, 'civilServantName'],
			[{ civilServantDepartment: '' }, 400, 'civilServantDepartment'],
			[{ languages: [] }, 400, 'languages'],
			[{ languages: ['klingon'] }, 400, 'languages'],
			[{ message: 'x'.repeat(1001) }, 400, 'message'],
			[{ message: 'bell\u0007' }, 400, 'message'],
			[{ acceptGuidelines: false }, 400, 'acceptGuidelines'],
			[{ acceptGuidelines: 'on' }, 400, 'acceptGuidelines'],
			[{ guidelinesVersion: 999 }, 409, 'acceptGuidelines'],
			[{ password: 'qwertyuiop' }, 400, 'password']
		];
		for (const [overrides, status, field] of cases) {
			const res = await t.api('/api/join-requests', { method: 'POST', body: await joinRequestBody(t, overrides) });
			expect(res.status, JSON.stringify(overrides)).toBe(status);
			expect(res.body.field, JSON.stringify(overrides)).toMatch(new RegExp(`^${field}`));
			expect(res.setCookies.some((c) => c.startsWith('session=')), JSON.stringify(overrides)).toBe(false);
		}
	});

	it('answers alike whether or not the address has an account; the owner is told by email in their language', async () => {
		await clearJoinLimits(t);
		const post = (body: unknown) => t.api('/api/join-requests', { method: 'POST', body, headers: { 'accept-language': 'en' } });
		const newcomer = await post(await joinRequestBody(t));
		const existing = await post(await joinRequestBody(t, { email: 'MODERATOR@example.org', displayName: 'Not Joost' }));
		expectIndistinguishable(newcomer, existing);

		// Joost reads Dutch; the email goes to the address as his account has it.
		const told = await outboxFor(t, 'moderator@example.org', 'account_exists');
		expect(told).toHaveLength(1);
		expect(told[0]!.subject).toBe('Iemand probeerde een account op Partnerplein te maken met jouw e-mailadres');
		expect(told[0]!.bodyText).toContain('Beste Joost Verhoeven');
		expect(told[0]!.bodyText).toContain(`${t.server.runtime.config.origin}/login`);
		// Nothing else happened to his account: no request, same name, same password.
		const [mod] = await t.db.select().from(users).where(eq(users.email, 'moderator@example.org'));
		expect(mod!.displayName).toBe('Joost Verhoeven');
		expect(await t.db.select().from(joinRequests).where(eq(joinRequests.userId, mod!.id))).toHaveLength(0);
		await t.login('moderator@example.org');
	});

	it(`takes ${JOIN_LIMITS.perAddress} requests an hour from one address; the next gets 429 with a wait, whatever the address asked for`, async () => {
		await clearJoinLimits(t);
		for (let i = 0; i < JOIN_LIMITS.perAddress; i++) {
			// Requests for an address that has an account count as much as new ones.
			const body = await joinRequestBody(t, i === 3 ? { email: 'member@example.org' } : {});
			expect((await t.api('/api/join-requests', { method: 'POST', body })).status, `request ${i + 1}`).toBe(202);
		}
		const body = await joinRequestBody(t);
		const refused = await t.api('/api/join-requests', { method: 'POST', body, headers: { 'accept-language': 'en' } });
		expect(refused.status).toBe(429);
		expect(refused.body.error).toBe('rate_limited');
		expect(refused.body.message).toMatch(/^Too many requests to join have come from here\. Try again in 1 hour\.$/);
		const wait = Number(refused.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(3_000);
		expect(wait).toBeLessThanOrEqual(3_600);
		expect(await userIdOf(t, body.email)).toBeUndefined();
		// Refused input is not counted: a bad form does not use up the hour.
		await clearJoinLimits(t);
		for (let i = 0; i < JOIN_LIMITS.perAddress + 2; i++)
			expect((await t.api('/api/join-requests', { method: 'POST', body: await joinRequestBody(t, { postingCountry: 'XX' }) })).status).toBe(400);
		expect((await t.api('/api/join-requests', { method: 'POST', body: await joinRequestBody(t) })).status).toBe(202);
		await clearJoinLimits(t);
	});

	it(`takes ${JOIN_LIMITS.overall} requests an hour overall, from however many addresses; parallel requests do not slip through`, async () => {
		await clearJoinLimits(t);
		const addresses = Array.from({ length: JOIN_LIMITS.overall + 20 }, (_, i) => `198.51.${100 + (i >> 8)}.${i & 255}`);
		const results = await Promise.allSettled(addresses.map((ip) => claimJoinAttempt(ip)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(JOIN_LIMITS.overall);
		for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'rate_limited' });
		const res = await t.api('/api/join-requests', { method: 'POST', body: await joinRequestBody(t) });
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		// And in parallel from one address: exactly the per-address number gets through.
		await clearJoinLimits(t);
		const one = await Promise.allSettled(Array.from({ length: 20 }, () => claimJoinAttempt('203.0.113.9')));
		expect(one.filter((r) => r.status === 'fulfilled')).toHaveLength(JOIN_LIMITS.perAddress);
		await clearJoinLimits(t);
	});

	it('refuses someone already logged in', async () => {
		const member = await t.login('member@example.org');
		expect((await t.api('/api/join-requests', { method: 'POST', cookie: member, body: await joinRequestBody(t) })).status).toBe(409);
	});
});

describe('moderators decide', () => {
	it('see pending requests with the answers, oldest first, paged by keyset', async () => {
		const made = [await newApplicant(t), await newApplicant(t), await newApplicant(t)];
		const { pages } = await allPages<{ id: string; createdAt: string; applicant: { email: string }; civilServantDepartment: string }>((cursor) =>
			t.api(`/api/join-requests?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { cookie: moderator })
		);
		const items = pages.flat();
		expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
		for (const a of made) expect(items.find((i) => i.id === a.requestId)).toMatchObject({ applicant: { email: a.email }, civilServantDepartment: 'Embassy in Nairobi' });
		const times = items.map((i) => Date.parse(i.createdAt));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		// The demo request waits too.
		expect(items.some((i) => i.applicant.email === 'pending@example.org')).toBe(true);
		const one = await t.api(`/api/join-requests/${made[0]!.requestId}`, { cookie: moderator });
		expect(one.status).toBe(200);
		expect(one.body.applicant.email).toBe(made[0]!.email);
	});

	it('approving makes an active member at once: member role, a notification, an email in their language, live', async () => {
		const a = await newApplicant(t, { language: 'nl', displayName: 'Femke Approved' });
		const socket = await t.connect(a.cookie);
		const changed = nextEvent(socket, 'account:changed', 3_000);

		const res = await decide(a.requestId, { decision: 'approve', reason: 'Welkom in de groep!' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'approved', decisionReason: 'Welkom in de groep!', decidedBy: { displayName: 'Joost Verhoeven' } });
		expect(await changed).toEqual({ status: 'active', roles: ['member'] });
		socket.close();

		const [user] = await t.db.select().from(users).where(eq(users.id, a.userId));
		expect(user!.status).toBe('active');
		const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, a.userId));
		expect(roles.map((r) => r.role)).toEqual(['member']);

		const notes = await t.db.select().from(notifications).where(eq(notifications.userId, a.userId));
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatchObject({ kind: 'membership_decided', data: { decision: 'approved', reason: 'Welkom in de groep!' }, actorId: null });

		const mails = await outboxFor(t, a.email, 'membership_approved');
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Welkom bij Partnerplein');
		expect(mails[0]!.bodyText).toContain('Beste Femke Approved');
		expect(mails[0]!.bodyText).toContain('Welkom in de groep!');
		expect(mails[0]!.bodyText).toContain(`${t.server.runtime.config.origin}/home`);

		// The same session is inside now.
		expect((await t.api('/api/me', { cookie: a.cookie })).body).toMatchObject({ status: 'active', roles: ['member'] });
		expect((await t.api('/api/members', { cookie: a.cookie })).status).toBe(200);
		expect((await t.api('/api/me/join-request', { cookie: a.cookie })).body.joinRequest.status).toBe('approved');
		// A decided request cannot be decided again, and a member cannot withdraw.
		expect((await decide(a.requestId, { decision: 'decline', reason: 'Oops' })).status).toBe(409);
		expect((await t.api('/api/me/join-request', { method: 'DELETE', cookie: a.cookie })).status).toBe(403);
	});

	it('declining needs a reason, which reaches the person by email (in English for them) and on their page; they stay out', async () => {
		const a = await newApplicant(t, { language: 'en' });
		const noReason = await decide(a.requestId, { decision: 'decline' });
		expect(noReason.status).toBe(400);
		expect(noReason.body.field).toBe('reason');
		expect((await decide(a.requestId, { decision: 'decline', reason: '   ' })).status).toBe(400);
		expect((await decide(a.requestId, { decision: 'maybe', reason: 'x' })).status).toBe(400);

		const reason = 'We could not confirm a posting in Nairobi. Please send a new request with the embassy you are attached to.';
		const res = await decide(a.requestId, { decision: 'decline', reason });
		expect(res.status).toBe(200);
		expect(res.body.status).toBe('declined');

		const mails = await outboxFor(t, a.email, 'membership_declined');
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Your request to join Partnerplein');
		expect(mails[0]!.bodyText).toContain(reason);
		const notes = await t.db.select().from(notifications).where(eq(notifications.userId, a.userId));
		expect(notes[0]).toMatchObject({ kind: 'membership_decided', data: { decision: 'declined', reason } });

		const [user] = await t.db.select().from(users).where(eq(users.id, a.userId));
		expect(user!.status).toBe('pending');
		expect((await t.api('/api/me', { cookie: a.cookie })).body).toMatchObject({ status: 'pending', roles: [], capabilities: [] });
		expect((await t.api('/api/me/join-request', { cookie: a.cookie })).body.joinRequest).toMatchObject({ status: 'declined', decisionReason: reason });
		await expectShutOut(a.cookie);

		const declined = await t.api('/api/join-requests?status=declined', { cookie: moderator });
		expect(declined.body.items.some((i: { id: string }) => i.id === a.requestId)).toBe(true);
	});

	it('only moderators decide; admins, members and the applicant themselves may not', async () => {
		const a = await newApplicant(t);
		for (const email of ['admin@example.org', 'member@example.org', 'board@example.org', 'coordinator@example.org', 'policy@example.org']) {
			const cookie = await t.login(email);
			expect((await decide(a.requestId, { decision: 'approve' }, cookie)).status, email).toBe(403);
			expect((await t.api('/api/join-requests', { cookie })).status, email).toBe(403);
		}
		expect((await decide(a.requestId, { decision: 'approve' }, a.cookie)).status).toBe(403);
		expect((await t.api(`/api/join-requests/${a.requestId}/decision`, { method: 'POST', body: { decision: 'approve' } })).status).toBe(401);
		const [jr] = await t.db.select().from(joinRequests).where(eq(joinRequests.id, a.requestId));
		expect(jr!.status).toBe('pending');
		expect((await decide('00000000-0000-4000-8000-000000000000', { decision: 'approve' })).status).toBe(404);
	});

	it('a person suspended meanwhile is not let in by an approval', async () => {
		const a = await newApplicant(t);
		await t.adminUpdate(a.userId, { status: 'suspended' });
		expect((await decide(a.requestId, { decision: 'approve' })).status).toBe(409);
		const [user] = await t.db.select().from(users).where(eq(users.id, a.userId));
		expect(user!.status).toBe('suspended');
	});
});

describe('withdrawing', () => {
	it('deletes the account and the answers, and ends the session', async () => {
		const a = await newApplicant(t);
		const res = await t.api('/api/me/join-request', { method: 'DELETE', cookie: a.cookie });
		expect(res.status).toBe(204);
		expect(await t.db.select().from(users).where(eq(users.id, a.userId))).toHaveLength(0);
		expect(await t.db.select().from(joinRequests).where(eq(joinRequests.userId, a.userId))).toHaveLength(0);
		expect((await t.api('/api/me', { cookie: a.cookie })).status).toBe(401);
		expect((await t.api('/api/auth/login', { method: 'POST', body: { email: a.email, password: PASSWORD } })).status).toBe(401);
		// The address is free again for a new request.
		expect((await t.api('/api/join-requests', { method: 'POST', body: await joinRequestBody(t, { email: a.email }) })).status).toBe(202);
		expect(await userIdOf(t, a.email)).toBeTruthy();
	});
});
