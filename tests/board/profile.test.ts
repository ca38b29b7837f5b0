import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServer, type Principal, type PrincipalName } from '../helpers/server';
import { auditLog, boardConsents, boardMembershipEvents, boardMemberships, boardProfiles, outbox, userRoles, users } from '../../src/lib/server/db/schema';
import { unseal, UnsealError } from '../../src/lib/server/sensitive-data';
import { coordinatorProfileView } from '../../src/lib/server/board/profiles';
import { isDomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/auth/actor';
import type { DomainEvent } from '../../src/lib/server/events/types';
import { CONSENT_VERSION } from '../../src/lib/shared/board';
import type { Role } from '../../src/lib/shared/roles';

/**
 * Volunteering and the diversity profile, as the person gives it: the
 * relationship answer (special-category data) is stored only with consent to
 * the current text in the same request, sealed, and erased on withdrawal; a
 * coordinator's view of one person is audited every time; nobody else reads
 * it on any route, and it never reaches an event, the audit log or the outbox.
 */

const t = useServer();

/** Every domain event published while this file runs. */
const events: DomainEvent[] = [];
let stopListening: () => void;
let auditStart = 0;
let outboxStart = 0;

beforeAll(async () => {
	stopListening = t.server.runtime.bus.onAny((e) => events.push(e));
	const [a] = await t.db.select({ max: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
	const [o] = await t.db.select({ max: sql<number>`coalesce(max(${outbox.id}), 0)::int` }).from(outbox);
	auditStart = a!.max;
	outboxStart = o!.max;
});
afterAll(() => stopListening?.());

const ANSWERS = { work: 'own_business', children: 'yes', language: 'other' };

async function person(language: 'nl' | 'en' = 'en', roles: Role[] = ['member']) {
	const user = await t.createUser({ roles, language, displayName: 'Vera Volunteer' });
	return { ...user, cookie: await t.login(user.email, user.password) };
}

const volunteerBody = (extra: Record<string, unknown> = {}) => ({
	motivation: 'I would like to help the ministry hear how partners abroad live.',
	availability: 'Weekday evenings, Jakarta time',
	answers: ANSWERS,
	...extra
});

const consented = { consent: true, consentVersion: CONSENT_VERSION };

async function storedProfile(userId: string) {
	const [row] = await t.db.select().from(boardProfiles).where(eq(boardProfiles.userId, userId));
	return row;
}
const consentRows = (userId: string) => t.db.select().from(boardConsents).where(eq(boardConsents.userId, userId)).orderBy(asc(boardConsents.id));
const membershipsOf = (userId: string) => t.db.select().from(boardMemberships).where(eq(boardMemberships.userId, userId)).orderBy(asc(boardMemberships.id));

function actorOf(id: string, roles: Role[]): Actor {
	return {
		kind: 'user',
		sessionId: 'test',
		user: { id, email: `${id}@example.org`, displayName: 'Test', handle: null, language: 'en', timeZone: 'UTC', status: 'active', roles }
	};
}

describe('volunteering', () => {
	it('with a relationship answer but without consent: a 400 naming the consent field, and nothing is stored at all', async () => {
		const p = await person();
		const res = await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody({ relationship: 'same_sex' }) });
		expect(res.status).toBe(400);
		expect(res.body.field).toBe('consent');
		expect(res.body.fields.consent).toMatch(/consent/i);
		expect(await storedProfile(p.id)).toBeUndefined();
		expect(await consentRows(p.id)).toEqual([]);
		expect(await membershipsOf(p.id)).toEqual([]);

		// Ticked, but for a text version that is not the current one: still no.
		const stale = await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody({ relationship: 'same_sex', consent: true, consentVersion: CONSENT_VERSION + 1 }) });
		expect(stale.status).toBe(400);
		expect(stale.body.field).toBe('consent');
		expect(await storedProfile(p.id)).toBeUndefined();
	});

	it('with consent: a volunteer membership with its first history row, the event, the answer sealed and the consent recorded in the person\'s language', async () => {
		const p = await person('nl');
		const before = events.length;
		const res = await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody({ relationship: 'same_sex', ...consented }) });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body.membership).toMatchObject({ status: 'volunteer', availability: 'Weekday evenings, Jakarta time' });
		expect(res.body.profile).toMatchObject({ answers: ANSWERS, relationship: 'same_sex', consent: { given: true, version: CONSENT_VERSION, method: 'api' } });
		expect(res.body.history).toEqual([expect.objectContaining({ from: null, to: 'volunteer', by: { id: p.id, displayName: 'Vera Volunteer' } })]);

		const [m] = await membershipsOf(p.id);
		const steps = await t.db.select().from(boardMembershipEvents).where(eq(boardMembershipEvents.membershipId, m!.id));
		expect(steps.map((s) => [s.fromStatus, s.toStatus, s.actorId])).toEqual([[null, 'volunteer', p.id]]);
		expect(events.slice(before)).toContainEqual({ type: 'board.membership.changed', membershipId: m!.id, userId: p.id, from: null, to: 'volunteer' });

		const [consent, ...more] = await consentRows(p.id);
		expect(more).toEqual([]);
		expect(consent).toMatchObject({ dimension: 'relationship', action: 'given', textVersion: CONSENT_VERSION, language: 'nl', method: 'api' });
		// The text as shown, in Dutch: what is stored, who sees it, that withdrawing erases it.
		expect(consent!.text).toMatch(/coördinatoren/);
		expect(consent!.text).toMatch(/versleuteld/);
		expect(consent!.text).toMatch(/gewist/);

		const me = await t.api('/api/board/me', { cookie: p.cookie });
		expect(me.status).toBe(200);
		expect(me.body.profile.relationship).toBe('same_sex');
		expect(me.body.consentText).toMatchObject({ version: CONSENT_VERSION });
		expect(me.body.dimensions.map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(['work', 'children', 'relationship', 'language', 'region']));
	});

	it('one open membership per person: a second attempt is a 409 that says so', async () => {
		const p = await person();
		expect((await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody() })).status).toBe(201);
		const again = await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody() });
		expect(again.status).toBe(409);
		expect(again.body.message).toMatch(/already volunteer/);
		expect(await membershipsOf(p.id)).toHaveLength(1);
	});

	it('two attempts at the same moment make exactly one membership', async () => {
		const p = await person();
		const both = await Promise.all([0, 1].map(() => t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody() })));
		expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
		expect(both.find((r) => r.status === 409)!.body.message).toMatch(/already volunteer/);
		expect(await membershipsOf(p.id)).toHaveLength(1);
	});

	it('withdrawing: a step by the person to withdrawn (with their reason); asking twice changes nothing; they may volunteer again', async () => {
		const p = await person();
		await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody() });
		const res = await t.api('/api/board/me/withdraw', { method: 'POST', cookie: p.cookie, body: { reason: 'Moving back home' } });
		expect(res.status).toBe(200);
		expect(res.body.membership.status).toBe('withdrawn');
		expect(res.body.history.map((e: { to: string }) => e.to)).toEqual(['volunteer', 'withdrawn']);
		expect(res.body.history[1]).toMatchObject({ from: 'volunteer', reason: 'Moving back home', by: { id: p.id } });
		const twice = await t.api('/api/board/me/withdraw', { method: 'POST', cookie: p.cookie, body: {} });
		expect(twice.status).toBe(200);
		expect(twice.body.history).toHaveLength(2);
		expect((await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody() })).status).toBe(201);
		expect((await membershipsOf(p.id)).map((m) => m.status)).toEqual(['withdrawn', 'volunteer']);
	});

	it('an active member steps down the same way, and loses board_member at once', async () => {
		const p = await person('en', ['member', 'board_member']);
		const [m] = await t.db.insert(boardMemberships).values({ userId: p.id, status: 'active', termStart: '2026-01-01', termEnd: '2027-12-31' }).returning();
		const res = await t.api('/api/board/me/withdraw', { method: 'POST', cookie: p.cookie, body: {} });
		expect(res.status).toBe(200);
		expect(res.body.membership).toMatchObject({ id: m!.id, status: 'withdrawn' });
		const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, p.id));
		expect(roles.map((r) => r.role)).toEqual(['member']);
	});
});

describe('the profile and consent', () => {
	it('answers are checked against the dimensions: unknown options and dimensions, the derived region and the relationship outside its own field are refused, each named', async () => {
		const p = await person();
		const res = await t.api('/api/board/me/profile', {
			method: 'PUT',
			cookie: p.cookie,
			body: { answers: { work: 'astronaut', region: 'europe', relationship: 'same_sex', pets: 'cat', children: 'prefer_not_to_say' } }
		});
		expect(res.status).toBe(400);
		expect(Object.keys(res.body.fields).sort()).toEqual(['answers.pets', 'answers.region', 'answers.relationship', 'answers.work']);
		expect(await storedProfile(p.id)).toBeUndefined();
		// "Prefer not to say" is always an answer.
		const ok = await t.api('/api/board/me/profile', { method: 'PUT', cookie: p.cookie, body: { answers: { work: 'prefer_not_to_say', children: 'prefer_not_to_say' } } });
		expect(ok.status).toBe(200);
		expect(ok.body.profile.answers).toEqual({ work: 'prefer_not_to_say', children: 'prefer_not_to_say' });
	});

	it('the region is the one of the posting country, shown and never asked', async () => {
		const p = await person();
		const posted = await t.api('/api/me/profile', { method: 'PATCH', cookie: p.cookie, body: { postingCountry: 'KE', postingCity: 'Nairobi' } });
		expect(posted.status, JSON.stringify(posted.body)).toBe(200);
		const me = await t.api('/api/board/me', { cookie: p.cookie });
		expect(me.body.profile.region).toBe('africa');
	});

	it('every change of the relationship answer needs consent again; the same answer again does not; "prefer not to say" erases it without', async () => {
		const p = await person();
		const first = await t.api('/api/board/me/profile', { method: 'PUT', cookie: p.cookie, body: { answers: ANSWERS, relationship: 'other_sex', ...consented } });
		expect(first.status).toBe(200);
		expect(first.body.profile.relationship).toBe('other_sex');

		const change = await t.api('/api/board/me/profile', { method: 'PUT', cookie: p.cookie, body: { answers: { ...ANSWERS, work: 'neither' }, relationship: 'same_sex' } });
		expect(change.status).toBe(400);
		expect(change.body.field).toBe('consent');
		// Nothing of that request was stored, the other answers neither.
		const unchanged = await t.api('/api/board/me', { cookie: p.cookie });
		expect(unchanged.body.profile).toMatchObject({ relationship: 'other_sex', answers: ANSWERS });

		const again = await t.api('/api/board/me/profile', { method: 'PUT', cookie: p.cookie, body: { answers: ANSWERS, relationship: 'same_sex', ...consented } });
		expect(again.status).toBe(200);
		expect(again.body.profile.relationship).toBe('same_sex');
		expect((await consentRows(p.id)).map((c) => c.action)).toEqual(['given', 'given']);

		// The same answer sent again (a form sends what it shows) is no change: no consent asked, none recorded.
		const same = await t.api('/api/board/me/profile', { method: 'PUT', cookie: p.cookie, body: { answers: { ...ANSWERS, work: 'paid_job' }, relationship: 'same_sex' } });
		expect(same.status).toBe(200);
		expect(same.body.profile).toMatchObject({ relationship: 'same_sex', answers: { work: 'paid_job' } });
		expect(await consentRows(p.id)).toHaveLength(2);

		const erase = await t.api('/api/board/me/profile', { method: 'PUT', cookie: p.cookie, body: { answers: ANSWERS, relationship: 'prefer_not_to_say' } });
		expect(erase.status).toBe(200);
		expect(erase.body.profile.relationship).toBeNull();
		expect((await storedProfile(p.id))!.sensitiveSealed).toBeNull();
	});

	it('the stored value is not plaintext anywhere in the board tables, and does not open for another person', async () => {
		const p = await person();
		const other = await person();
		await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody({ relationship: 'same_sex', ...consented }) });
		const row = await storedProfile(p.id);
		expect(row!.sensitiveSealed).toBeTruthy();
		expect(row!.sensitiveSealed).not.toMatch(/same_sex/);
		expect(JSON.stringify(row!.answers)).not.toMatch(/same_sex|relationship/);

		const tables = (await t.db.execute(sql`select table_name from information_schema.tables where table_schema = current_schema() and table_name like 'board\_%'`)) as unknown as
			| { rows: { table_name: string }[] }
			| { table_name: string }[];
		const names = (Array.isArray(tables) ? tables : tables.rows).map((r) => r.table_name);
		expect(names).toEqual(expect.arrayContaining(['board_profiles', 'board_consents', 'board_memberships', 'board_membership_events']));
		for (const table of names) {
			const dump = (await t.db.execute(sql.raw(`select t::text as line from "${table}" t`))) as unknown as { rows: { line: string }[] } | { line: string }[];
			const lines = (Array.isArray(dump) ? dump : dump.rows).map((r) => r.line);
			// Tables of people's data never hold an answer in the clear; the others (targets, quotas) name options, never next to this person.
			const personal = ['board_profiles', 'board_consents', 'board_memberships', 'board_membership_events'].includes(table);
			const offending = lines.filter((l) => /same_sex|other_sex/.test(l) && (personal || l.includes(p.id)));
			expect(offending, table).toEqual([]);
		}

		expect(unseal(row!.sensitiveSealed!, `board-profile:${p.id}`)).toBe('same_sex');
		expect(() => unseal(row!.sensitiveSealed!, `board-profile:${other.id}`)).toThrow(UnsealError);
		// Copied onto another person's row, it does not open there either: that person has no answer.
		await t.db.insert(boardProfiles).values({ userId: other.id, answers: {}, sensitiveSealed: row!.sensitiveSealed });
		expect((await t.api('/api/board/me', { cookie: other.cookie })).body.profile.relationship).toBeNull();
	});

	it('withdrawing consent erases the answer at once and records the withdrawal; withdrawing again changes nothing', async () => {
		const p = await person();
		await t.api('/api/board/me/volunteer', { method: 'POST', cookie: p.cookie, body: volunteerBody({ relationship: 'other_sex', ...consented }) });
		const res = await t.api('/api/board/me/consent', { method: 'DELETE', cookie: p.cookie });
		expect(res.status).toBe(200);
		expect(res.body.profile).toMatchObject({ relationship: null, consent: { given: false, version: null, method: 'api' } });
		expect((await storedProfile(p.id))!.sensitiveSealed).toBeNull();
		const rows = await consentRows(p.id);
		expect(rows.map((r) => [r.action, r.textVersion, r.method])).toEqual([
			['given', CONSENT_VERSION, 'api'],
			['withdrawn', CONSENT_VERSION, 'api']
		]);
		// The other answers stay: only the special-category one goes.
		expect(res.body.profile.answers).toEqual(ANSWERS);

		const again = await t.api('/api/board/me/consent', { method: 'DELETE', cookie: p.cookie });
		expect(again.status).toBe(200);
		expect(await consentRows(p.id)).toHaveLength(2);

		// Giving it again is a new consent, recorded anew.
		const renewed = await t.api('/api/board/me/profile', { method: 'PUT', cookie: p.cookie, body: { answers: ANSWERS, relationship: 'other_sex', ...consented } });
		expect(renewed.body.profile).toMatchObject({ relationship: 'other_sex', consent: { given: true } });
		expect((await consentRows(p.id)).map((r) => r.action)).toEqual(['given', 'withdrawn', 'given']);
	});
});

describe('who reads a profile', () => {
	let subject: Awaited<ReturnType<typeof person>>;
	const MOTIVATION = `Only coordinators may read this ${Date.now()}`;

	beforeAll(async () => {
		subject = await person();
		const handle = `vera-${subject.id.slice(0, 8)}`;
		await t.db.update(users).set({ handle }).where(eq(users.id, subject.id));
		const res = await t.api('/api/board/me/volunteer', { method: 'POST', cookie: subject.cookie, body: volunteerBody({ motivation: MOTIVATION, relationship: 'same_sex', ...consented }) });
		expect(res.status).toBe(201);
	});

	it('a coordinator\'s view shows the answer and writes an audit entry every time, in the same transaction as the read', async () => {
		const [coordinator] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'coordinator@example.org'));
		const actor = actorOf(coordinator!.id, ['coordinator']);
		const viewed = () =>
			t.db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'board.profile_view'), eq(auditLog.subjectId, subject.id)));
		expect(await viewed()).toHaveLength(0);
		const view = await coordinatorProfileView(actor, subject.id, 'en');
		expect(view).toMatchObject({ userId: subject.id, relationship: 'same_sex', answers: ANSWERS, consent: { given: true } });
		await coordinatorProfileView(actor, subject.id, 'nl');
		const entries = await viewed();
		expect(entries).toHaveLength(2);
		for (const e of entries) expect(e).toMatchObject({ actorId: coordinator!.id, targetKind: 'board_profile', targetId: subject.id });
	});

	it('nobody else may call the coordinator\'s view: members, board members, moderators, policy staff, admins', async () => {
		for (const roles of [['member'], ['member', 'board_member'], ['member', 'moderator'], ['policy_staff'], ['admin']] as Role[][]) {
			const attempt = coordinatorProfileView(actorOf(randomUUID(), roles), subject.id, 'en');
			await expect(attempt, roles.join()).rejects.toSatisfy((e) => isDomainError(e) && e.code === 'forbidden');
		}
		expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'board.profile_view'), eq(auditLog.subjectId, subject.id)))).toHaveLength(2);
	});

	it('no other principal reads the person\'s profile on any GET route of the API', async () => {
		const doc = (await t.api('/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: { type?: string } }[] }>> };
		const [m] = await membershipsOf(subject.id);
		const [{ handle } = { handle: '' }] = await t.db.select({ handle: users.handle }).from(users).where(eq(users.id, subject.id));
		const others: PrincipalName[] = ['member', 'board_member', 'moderator', 'policy_staff', 'admin'];
		const principals: Principal[] = [];
		for (const name of others) principals.push(await t.principal(name));
		let checked = 0;
		for (const [path, ops] of Object.entries(doc.paths)) {
			if (!ops.get) continue;
			const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
				const type = ops.get!.parameters?.find((p) => p.name === name)?.schema.type;
				if (name === 'handle') return handle!;
				return type === 'integer' ? String(m!.id) : subject.id;
			});
			for (const who of principals) {
				const res = await t.api(url, { cookie: who.cookie });
				const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
				checked++;
				expect(text, `${who.name} GET ${url}`).not.toContain(MOTIVATION);
				expect(text.includes(subject.id) && /same_sex/.test(text), `${who.name} GET ${url}: the answer next to the person`).toBe(false);
			}
		}
		expect(checked).toBeGreaterThan(50);
		// Their own board page is their own: nothing of the subject in it.
		for (const who of principals.filter((p) => p.name !== 'policy_staff' && p.name !== 'admin')) {
			const own = await t.api('/api/board/me', { cookie: who.cookie });
			expect(own.status).toBe(200);
			expect(JSON.stringify(own.body)).not.toContain(subject.id);
		}
	});

	it('the answer never reaches an event, the audit log or the outbox', async () => {
		const leaks = (value: unknown) => /same_sex|other_sex/.test(JSON.stringify(value));
		expect(events.length).toBeGreaterThan(0);
		expect(events.filter(leaks)).toEqual([]);
		const audits = await t.db.select().from(auditLog).where(gt(auditLog.id, auditStart));
		expect(audits.length).toBeGreaterThan(0);
		expect(audits.filter(leaks)).toEqual([]);
		const mails = await t.db.select().from(outbox).where(gt(outbox.id, outboxStart));
		expect(mails.filter(leaks)).toEqual([]);
	});
});
