import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { allPages, guidelinesVersion, newInvitationToken, outboxFor, register, registrationBody, expectIndistinguishable } from '../helpers/membership';
import { guidelineAcceptances, invitations, profiles, userRoles, users } from '../../src/lib/server/db/schema';

const t = useServer();
let moderator: string;
let admin: string;

beforeAll(async () => {
	moderator = await t.login('moderator@example.org');
	admin = await t.login('admin@example.org');
});

describe('creating invitations', () => {
	it('moderators and admins create links; the token is in the answer only, its hash in the table', async () => {
		for (const cookie of [moderator, admin]) {
			const res = await t.api('/api/invitations', { method: 'POST', cookie, body: {} });
			expect(res.status).toBe(201);
			expect(res.body.url).toBe(`${t.server.runtime.config.origin}/invite/${res.body.token}`);
			expect(res.body.invitation).toMatchObject({ status: 'open', email: null, usedBy: null });
			// Default validity: 14 days.
			const days = (Date.parse(res.body.invitation.expiresAt) - Date.parse(res.body.invitation.createdAt)) / 86_400_000;
			expect(days).toBeCloseTo(14, 3);
			const [row] = await t.db.select().from(invitations).where(eq(invitations.id, res.body.invitation.id));
			expect(row!.tokenHash).not.toContain(res.body.token);
			expect(JSON.stringify(row)).not.toContain(res.body.token);
			// The link is never shown again.
			const list = await t.api('/api/invitations?limit=100', { cookie });
			expect(JSON.stringify(list.body)).not.toContain(res.body.token);
		}
	});

	it('members, board members, coordinators and policy staff may not invite', async () => {
		for (const email of ['member@example.org', 'board@example.org', 'coordinator@example.org', 'policy@example.org', 'pending@example.org']) {
			const cookie = await t.login(email);
			expect((await t.api('/api/invitations', { method: 'POST', cookie, body: {} })).status, email).toBe(403);
			expect((await t.api('/api/invitations', { cookie })).status, email).toBe(403);
		}
		expect((await t.api('/api/invitations', { method: 'POST', body: {} })).status).toBe(401);
	});

	it('an invitation bound to an address is emailed there (both languages), with the link', async () => {
		const email = 'invited.by.mail@example.org';
		const res = await t.api('/api/invitations', { method: 'POST', cookie: moderator, body: { email, note: 'Partner in Lagos', expiresInDays: 7 } });
		expect(res.status).toBe(201);
		expect(res.body.invitation).toMatchObject({ email, note: 'Partner in Lagos' });
		const mails = await outboxFor(t, email, 'invitation');
		expect(mails).toHaveLength(1);
		expect(mails[0]!.bodyText).toContain(res.body.url);
		expect(mails[0]!.subject).toContain('uitnodiging voor Partnerplein');
		expect(mails[0]!.subject).toContain('invitation');
		expect(mails[0]!.bodyText).toContain('Joost Verhoeven');
		expect(mails[0]!.bodyText).toContain('7');
	});

	it('refuses an invitation for an address that already has an account, and bad input', async () => {
		const taken = await t.api('/api/invitations', { method: 'POST', cookie: moderator, body: { email: 'MEMBER@example.org' } });
		expect(taken.status).toBe(409);
		expect(taken.body.field).toBe('email');
		for (const body of [{ email: 'not an address' }, { expiresInDays: 0 }, { expiresInDays: 91 }, { expiresInDays: '14' }, { note: 'x'.repeat(501) }, { note: '   ' }]) {
			const res = await t.api('/api/invitations', { method: 'POST', cookie: moderator, body });
			expect(res.status, JSON.stringify(body)).toBe(400);
		}
	});
});

describe('registering through an invitation', () => {
	it('makes an active member at once, with the guidelines accepted, a handle, a profile and an email; they log in', async () => {
		const { token, id } = await newInvitationToken(t);
		const check = await t.api(`/api/invite/${token}`);
		expect(check.status).toBe(200);
		expect(check.body.email).toBeNull();

		const body = await registrationBody(t, { displayName: 'Iris van den Berg' });
		const { res, cookie, userId: registered } = await register(t, token, body);
		const userId = registered!;
		expect(res.status).toBe(202);
		expect(res.body).toEqual({ status: 'received' });
		// Nobody is logged in by the answer: it is the same whether or not the address has an account.
		expect(res.setCookies.some((c) => c.startsWith('session='))).toBe(false);
		expect(cookie).toBeTruthy();
		const mails = await outboxFor(t, body.email, 'account_created');
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Je account op Partnerplein is klaar');
		expect(mails[0]!.bodyText).toContain('Beste Iris van den Berg');
		expect(mails[0]!.bodyText).toContain(`${t.server.runtime.config.origin}/login`);
		expect((await t.api('/api/me', { cookie })).body).toMatchObject({ email: body.email, status: 'active', roles: ['member'], language: 'nl' });

		const [user] = await t.db.select().from(users).where(eq(users.id, userId));
		expect(user!.handle).toBe('iris-van-den-berg');
		expect(user!.status).toBe('active');
		const acceptances = await t.db.select().from(guidelineAcceptances).where(eq(guidelineAcceptances.userId, userId));
		expect(acceptances.map((a) => a.version)).toEqual([await guidelinesVersion(t)]);
		expect(await t.db.select().from(profiles).where(eq(profiles.userId, userId))).toHaveLength(1);
		const [inv] = await t.db.select().from(invitations).where(eq(invitations.id, id));
		expect(inv!.usedBy).toBe(userId);
		expect(inv!.usedAt).not.toBeNull();

		// Inside at once.
		expect((await t.api('/api/members', { cookie })).status).toBe(200);
		expect((await t.api('/api/me', { cookie })).body.status).toBe('active');
		// The list says who used it.
		const list = await t.api('/api/invitations?limit=100', { cookie: admin });
		const listed = list.body.items.find((i: { id: string }) => i.id === id);
		expect(listed).toMatchObject({ status: 'used', usedBy: { displayName: 'Iris van den Berg', handle: 'iris-van-den-berg' } });
	});

	it('answers alike whether or not the address has an account; the owner is told by email, the link is used up', async () => {
		const fresh = await newInvitationToken(t);
		const taken = await newInvitationToken(t);
		const post = (token: string, body: unknown) => t.api(`/api/invite/${token}`, { method: 'POST', body, headers: { 'accept-language': 'en' } });
		const newcomer = await post(fresh.token, await registrationBody(t, { displayName: 'Nieuw Lid' }));
		const existing = await post(taken.token, await registrationBody(t, { email: 'Board@Example.org', displayName: 'Not Amira' }));
		expectIndistinguishable(newcomer, existing);

		// The owner hears of it, in their language (English), at the address as they wrote it.
		const told = await outboxFor(t, 'board@example.org', 'account_exists');
		expect(told).toHaveLength(1);
		expect(told[0]!.subject).toBe('Someone tried to create a Partnerplein account with your address');
		expect(told[0]!.bodyText).toContain('Dear Amira Haddad');
		expect(told[0]!.bodyText).toContain(`${t.server.runtime.config.origin}/login`);
		// Their account is untouched: same name, same password.
		const [board] = await t.db.select().from(users).where(eq(users.email, 'board@example.org'));
		expect(board!.displayName).toBe('Amira Haddad');
		await t.login('board@example.org');
		// Both links are used up, so trying the same link again tells nothing either.
		for (const { token } of [fresh, taken]) expect((await t.api(`/api/invite/${token}`)).status).toBe(409);
		const [inv] = await t.db.select().from(invitations).where(eq(invitations.id, taken.id));
		expect(inv).toMatchObject({ usedBy: null });
		expect(inv!.usedAt).not.toBeNull();
	});

	it('is single use: a second registration with the link is refused', async () => {
		const { token } = await newInvitationToken(t);
		expect((await register(t, token, await registrationBody(t))).res.status).toBe(202);
		const again = await register(t, token, await registrationBody(t));
		expect(again.res.status).toBe(409);
		expect(again.res.body.message).toMatch(/already been used|al gebruikt/);
		expect(again.cookie).toBeUndefined();
		expect((await t.api(`/api/invite/${token}`)).status).toBe(409);
	});

	it('is single use under a race too: of five simultaneous registrations exactly one gets in', async () => {
		const { token } = await newInvitationToken(t);
		const bodies = await Promise.all(Array.from({ length: 5 }, () => registrationBody(t)));
		const results = await Promise.all(bodies.map((b) => register(t, token, b)));
		expect(results.map((r) => r.res.status).sort()).toEqual([202, 409, 409, 409, 409]);
		const emails = bodies.map((b) => b.email);
		const made = (await t.db.select({ email: users.email }).from(users)).filter((u) => emails.includes(u.email));
		expect(made).toHaveLength(1);
	});

	it('expires: an expired link can be neither checked nor used', async () => {
		const { token } = await newInvitationToken(t, { expiresAt: new Date(Date.now() - 1000) });
		const check = await t.api(`/api/invite/${token}`, { headers: { 'accept-language': 'en' } });
		expect(check.status).toBe(409);
		expect(check.body.message).toMatch(/expired/);
		expect((await register(t, token, await registrationBody(t))).res.status).toBe(409);
	});

	it('is bound to its address when it has one (case does not matter)', async () => {
		const { token } = await newInvitationToken(t, { email: 'bound.person@example.org' });
		expect((await t.api(`/api/invite/${token}`)).body.email).toBe('bound.person@example.org');
		const wrong = await register(t, token, await registrationBody(t, { email: 'someone.else@example.org' }));
		expect(wrong.res.status).toBe(403);
		expect(wrong.res.body.field).toBe('email');
		const right = await register(t, token, await registrationBody(t, { email: 'Bound.Person@example.org' }));
		expect(right.res.status).toBe(202);
		expect(right.userId).toBeTruthy();
	});

	it('can be revoked while unused; a revoked link no longer works; a used one cannot be revoked', async () => {
		const created = await t.api('/api/invitations', { method: 'POST', cookie: moderator, body: {} });
		const { token, invitation } = created.body;
		const revoked = await t.api(`/api/invitations/${invitation.id}/revoke`, { method: 'POST', cookie: admin });
		expect(revoked.status).toBe(200);
		expect(revoked.body.status).toBe('revoked');
		// Revoking twice is harmless.
		expect((await t.api(`/api/invitations/${invitation.id}/revoke`, { method: 'POST', cookie: moderator })).status).toBe(200);
		expect((await t.api(`/api/invite/${token}`)).status).toBe(409);
		expect((await register(t, token, await registrationBody(t))).res.status).toBe(409);

		const used = await newInvitationToken(t);
		await register(t, used.token, await registrationBody(t));
		const late = await t.api(`/api/invitations/${used.id}/revoke`, { method: 'POST', cookie: moderator });
		expect(late.status).toBe(409);
		expect((await t.api(`/api/invitations/00000000-0000-4000-8000-000000000000/revoke`, { method: 'POST', cookie: moderator })).status).toBe(404);
		const member = await t.login('member@example.org');
		expect((await t.api(`/api/invitations/${used.id}/revoke`, { method: 'POST', cookie: member })).status).toBe(403);
	});

	it('refuses unknown tokens, weak passwords, unaccepted or outdated guidelines', async () => {
		expect((await t.api(`/api/invite/${'a'.repeat(32)}`)).status).toBe(404);
		expect((await t.api('/api/invite/not-a-token!')).status).toBe(400);
		const { token } = await newInvitationToken(t);
		const cases: [Record<string, unknown>, number, string][] = [
			[{ password: 'password' }, 400, 'password'],
			[{ password: 'short' }, 400, 'password'],
			[{ acceptGuidelines: false }, 400, 'acceptGuidelines'],
			[{ guidelinesVersion: 999 }, 409, 'acceptGuidelines'],
			[{ displayName: 'x' }, 400, 'displayName']
		];
		for (const [overrides, status, field] of cases) {
			const { res } = await register(t, token, await registrationBody(t, overrides));
			expect(res.status, JSON.stringify(overrides)).toBe(status);
			expect(res.body.field, JSON.stringify(overrides)).toBe(field);
		}
		// None of that used the link up.
		expect((await t.api(`/api/invite/${token}`)).status).toBe(200);
	});

	it('refuses someone already logged in', async () => {
		const { token } = await newInvitationToken(t);
		const member = await t.login('member@example.org');
		const res = await t.api(`/api/invite/${token}`, { method: 'POST', cookie: member, body: await registrationBody(t) });
		expect(res.status).toBe(409);
	});
});

describe('the list of invitations', () => {
	it('pages newest first by keyset, with no row twice and none skipped', async () => {
		// Written in one transaction, so several share one created_at: the cursor must still tell them apart.
		const [mod] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'moderator@example.org'));
		await t.db.transaction(async (tx) => {
			for (let i = 0; i < 7; i++)
				await tx.insert(invitations).values({ tokenHash: `batch-${i}-${Date.now()}`, createdBy: mod!.id, expiresAt: new Date(Date.now() + 86_400_000) });
		});
		const all = await t.api('/api/invitations?limit=100', { cookie: moderator });
		const { pages } = await allPages<{ id: string; createdAt: string }>((cursor) =>
			t.api(`/api/invitations?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { cookie: moderator })
		);
		const ids = pages.flat().map((i) => i.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(all.body.items.map((i: { id: string }) => i.id));
		const times = pages.flat().map((i) => Date.parse(i.createdAt));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	it('refuses a cursor it did not make', async () => {
		const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
		for (const cursor of ['garbage', b64({ k: 'yesterday', id: '00000000-0000-4000-8000-000000000000' }), b64({ k: '2026-02-30T12:00:00.000000Z', id: '00000000-0000-4000-8000-000000000000' }), b64({ k: '2026-01-01T00:00:00.000000Z', id: 'nope' })])
			expect((await t.api(`/api/invitations?cursor=${cursor}`, { cookie: moderator })).status, cursor).toBe(400);
		expect((await t.api('/api/invitations?status=open', { cookie: moderator })).status).toBe(400);
	});
});

describe('user roles after registration', () => {
	it('the new member holds exactly the member role', async () => {
		const { token } = await newInvitationToken(t);
		const { userId } = await register(t, token, await registrationBody(t));
		const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId!));
		expect(roles.map((r) => r.role)).toEqual(['member']);
	});
});
