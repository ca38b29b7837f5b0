import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { boardConsents, boardMembershipEvents, boardMemberships, boardProfiles, boardTargets, profiles, userRoles, users } from '../../src/lib/server/db/schema';
import { unseal } from '../../src/lib/server/sensitive-data';
import { BUILT_IN_DIMENSIONS, CONSENT_VERSION, SENSITIVE_DIMENSION } from '../../src/lib/shared/board';
import { REGIONS } from '../../src/lib/shared/membership';

/**
 * The demo's sounding board (src/lib/server/demo/board-content.ts), as every
 * test server starts with it: the board a coordinator opens in demo mode.
 */

const t = useServer();
const DAY = 24 * 3_600_000;

async function board() {
	const db = t.db;
	const memberships = await db
		.select({ id: boardMemberships.id, userId: boardMemberships.userId, status: boardMemberships.status, termEnd: boardMemberships.termEnd, email: users.email })
		.from(boardMemberships)
		.innerJoin(users, eq(users.id, boardMemberships.userId));
	const roles = await db.select().from(userRoles);
	const hasRole = (userId: string, role: string) => roles.some((r) => r.userId === userId && r.role === role);
	const active = memberships.filter((m) => m.status === 'active');
	const volunteers = memberships.filter((m) => m.status === 'volunteer');
	return { memberships, active, volunteers, hasRole };
}

/** Each person's diversity features as the composition reads them: answers, region from the posting, relationship unsealed. */
async function featuresOf(userIds: string[]) {
	const rows = await t.db
		.select({ userId: boardProfiles.userId, answers: boardProfiles.answers, sealed: boardProfiles.sensitiveSealed, region: profiles.postingRegion })
		.from(boardProfiles)
		.leftJoin(profiles, eq(profiles.userId, boardProfiles.userId))
		.where(inArray(boardProfiles.userId, userIds));
	return new Map(
		rows.map((r) => [
			r.userId,
			{
				...(r.answers as Record<string, string>),
				...(r.region && { region: r.region }),
				...(r.sealed && { relationship: unseal(r.sealed, `board-profile:${r.userId}`) })
			} as Record<string, string>
		])
	);
}

describe('the demo sounding board', () => {
	it('has about fifteen active members, each holding board_member, board@example.org among them, some terms ending within 30 days', async () => {
		const { active, hasRole } = await board();
		console.log(`active members: ${active.length}`);
		expect(active.length).toBeGreaterThanOrEqual(13);
		expect(active.length).toBeLessThanOrEqual(17);
		for (const m of active) expect(hasRole(m.userId, 'board_member'), m.email).toBe(true);
		expect(active.map((m) => m.email)).toContain('board@example.org');
		const soon = active.filter((m) => new Date(`${m.termEnd}T00:00:00Z`).getTime() - Date.now() < 30 * DAY);
		console.log(`terms ending within 30 days: ${soon.length}`);
		expect(soon.length).toBeGreaterThanOrEqual(1);
		for (const m of active) expect(new Date(`${m.termEnd}T00:00:00Z`).getTime()).toBeGreaterThan(Date.now() - DAY);
		// Nobody else holds the role: alumni, those who declined or withdrew, volunteers.
		const holders = (await t.db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'board_member'))).map((r) => r.userId);
		expect(holders.sort()).toEqual(active.map((m) => m.userId).sort());
	});

	it('has a pool of about forty volunteers, group members, across every option of every dimension and every region', async () => {
		const { volunteers, hasRole } = await board();
		console.log(`volunteers: ${volunteers.length}`);
		expect(volunteers.length).toBeGreaterThanOrEqual(35);
		expect(volunteers.length).toBeLessThanOrEqual(45);
		for (const v of volunteers) expect(hasRole(v.userId, 'member'), v.email).toBe(true);
		const features = [...(await featuresOf(volunteers.map((v) => v.userId))).values()];
		for (const d of BUILT_IN_DIMENSIONS)
			for (const option of d.key === 'region' ? REGIONS : d.options)
				expect(
					features.filter((f) => f[d.key] === option).length,
					`${d.key}=${option}`
				).toBeGreaterThan(0);
	});

	it('records every step of every membership, ending where the membership stands, with a past term of alumni ended by the schedule', async () => {
		const { memberships } = await board();
		const events = await t.db.select().from(boardMembershipEvents).orderBy(asc(boardMembershipEvents.membershipId), asc(boardMembershipEvents.id));
		for (const m of memberships) {
			const history = events.filter((e) => e.membershipId === m.id);
			expect(history[0]?.fromStatus, `${m.email} #${m.id}`).toBeNull();
			expect(history.at(-1)?.toStatus, `${m.email} #${m.id}`).toBe(m.status);
			for (const [i, e] of history.entries()) if (i > 0) expect(e.fromStatus).toBe(history[i - 1]!.toStatus);
			// Invitations are a coordinator's step; accepting one is the person's own.
			for (const e of history.filter((e) => e.toStatus === 'invited')) expect(e.actorId).not.toBe(m.userId);
			for (const e of history.filter((e) => e.toStatus === 'active')) expect(e.actorId).toBe(m.userId);
		}
		const alumni = memberships.filter((m) => m.status === 'alumni');
		console.log(`alumni: ${alumni.length}, declined: ${memberships.filter((m) => m.status === 'declined').length}, withdrawn: ${memberships.filter((m) => m.status === 'withdrawn').length}`);
		expect(alumni.length).toBeGreaterThanOrEqual(6);
		for (const a of alumni) {
			const last = events.filter((e) => e.membershipId === a.id).at(-1)!;
			expect(last.actorId).toBeNull();
			expect(Date.now() - last.at.getTime()).toBeGreaterThan(300 * DAY);
		}
		for (const status of ['declined', 'withdrawn'] as const) {
			const closed = memberships.filter((m) => m.status === status);
			expect(closed.length, status).toBeGreaterThan(0);
			for (const c of closed) expect(events.filter((e) => e.membershipId === c.id).at(-1)!.reason, c.email).toBeTruthy();
		}
	});

	it('stores relationship answers only sealed, each with a standing consent given in the past on the web form', async () => {
		const rows = await t.db.select().from(boardProfiles);
		const sealed = rows.filter((r) => r.sensitiveSealed !== null);
		console.log(`profiles: ${rows.length}, sealed relationship answers: ${sealed.length}`);
		expect(sealed.length).toBeGreaterThanOrEqual(20);
		const consents = await t.db
			.select()
			.from(boardConsents)
			.where(eq(boardConsents.dimension, SENSITIVE_DIMENSION))
			.orderBy(asc(boardConsents.id));
		const values = new Set<string>();
		for (const r of rows) {
			expect(Object.keys(r.answers as object), r.userId).not.toContain(SENSITIVE_DIMENSION);
			const latest = consents.filter((c) => c.userId === r.userId).at(-1);
			if (r.sensitiveSealed === null) {
				// No answer stored: no consent standing either (none, or withdrawn).
				expect(latest?.action ?? 'none', r.userId).not.toBe('given');
				continue;
			}
			expect(r.sensitiveSealed).not.toMatch(/same_sex|other_sex/);
			const value = unseal(r.sensitiveSealed, `board-profile:${r.userId}`);
			values.add(value);
			expect(['same_sex', 'other_sex']).toContain(value);
			// Bound to its owner: it does not open as someone else's.
			expect(() => unseal(r.sensitiveSealed!, `board-profile:${rows.find((o) => o.userId !== r.userId)!.userId}`)).toThrow();
			expect(latest, r.userId).toMatchObject({ action: 'given', textVersion: CONSENT_VERSION, method: 'web_form' });
			expect(latest!.text.length).toBeGreaterThan(50);
			expect(latest!.at.getTime()).toBeLessThan(Date.now());
		}
		expect([...values].sort()).toEqual(['other_sex', 'same_sex']);
		// Someone withdrew: their answer is gone and the withdrawal is on record.
		const withdrawn = consents.filter((c) => c.action === 'withdrawn');
		expect(withdrawn.length).toBeGreaterThan(0);
		for (const w of withdrawn) expect(rows.find((r) => r.userId === w.userId)?.sensitiveSealed).toBeNull();
		// The consent is in the person's own language.
		const [amira] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'board@example.org'));
		const hers = consents.filter((c) => c.userId === amira!.id);
		expect(hers.map((c) => [c.action, c.language])).toEqual([['given', 'en']]);
	});

	it('has targets set by the coordinator that leave at least one group under-represented, and keep others in range', async () => {
		const [coordinator] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'coordinator@example.org'));
		const targets = await t.db.select().from(boardTargets).orderBy(asc(boardTargets.id));
		for (const target of targets) expect(target.setBy).toBe(coordinator!.id);
		// The newest row per option holds.
		const current = new Map(targets.map((r) => [`${r.dimension}:${r.option}`, r]));
		expect(current.size).toBeLessThan(targets.length); // there is history

		const { active } = await board();
		const features = await featuresOf(active.map((m) => m.userId));
		const outOfRange: string[] = [];
		const within: string[] = [];
		for (const target of current.values()) {
			const n = active.filter((m) => features.get(m.userId)?.[target.dimension] === target.option).length;
			const share = (100 * n) / active.length;
			const line = `${target.dimension}=${target.option}: ${n}/${active.length} = ${share.toFixed(1)}% (target ${target.minShare ?? '–'}–${target.maxShare ?? '–'}%)`;
			if ((target.minShare !== null && share < target.minShare) || (target.maxShare !== null && share > target.maxShare)) outOfRange.push(line);
			else within.push(line);
		}
		console.log(`out of range:\n  ${outOfRange.join('\n  ')}\nwithin range: ${within.length} of ${current.size}`);
		expect(outOfRange.length).toBeGreaterThanOrEqual(1);
		expect(within.length).toBeGreaterThan(outOfRange.length);
		// The one the demo is about: partners with their own business, under the minimum.
		expect(outOfRange.some((l) => l.startsWith('work=own_business'))).toBe(true);
	});

	it('shows the coordinator the board with the terms ending this month marked, and the pool', async () => {
		const cookie = await t.login('coordinator@example.org');
		const active = await t.api('/api/board/memberships?group=active&limit=100', { cookie });
		expect(active.status).toBe(200);
		const people = active.body.items as { displayName: string; endingSoon: boolean }[];
		const ending = people.filter((p) => p.endingSoon).map((p) => p.displayName);
		console.log(`coordinator's board: ${people.length} active, ending soon: ${ending.join(', ')}`);
		expect(people.length).toBe((await board()).active.length);
		expect(ending.length).toBeGreaterThanOrEqual(1);
		const pool = await t.api('/api/board/memberships?group=pool&limit=100', { cookie });
		expect(pool.status).toBe(200);
		expect(pool.body.items.length).toBeGreaterThanOrEqual((await board()).volunteers.length);
	});

	it('shows the coordinator, on the composition the app computes, partners with their own business under-represented', async () => {
		const cookie = await t.login('coordinator@example.org');
		const res = await t.api('/api/board/composition', { cookie });
		expect(res.status).toBe(200);
		const marks = (res.body.dimensions as { key: string; options: { key: string; representation: string }[] }[]).flatMap((d) =>
			d.options.map((o) => ({ at: `${d.key}=${o.key}`, representation: o.representation }))
		);
		const under = marks.filter((m) => m.representation === 'under').map((m) => m.at);
		console.log(`under-represented on /api/board/composition: ${under.join(', ')}; within range: ${marks.filter((m) => m.representation === 'within').length}`);
		expect(under).toContain('work=own_business');
		expect(marks.filter((m) => m.representation === 'within').length).toBeGreaterThan(under.length);
	});

	it('is run by coordinator@example.org, with board@example.org a member of the group and of the board, policy@example.org policy staff', async () => {
		const rows = await t.db
			.select({ email: users.email, role: userRoles.role })
			.from(users)
			.innerJoin(userRoles, eq(userRoles.userId, users.id))
			.where(inArray(users.email, ['coordinator@example.org', 'board@example.org', 'policy@example.org']));
		const rolesOf = (email: string) => rows.filter((r) => r.email === email).map((r) => r.role).sort();
		expect(rolesOf('coordinator@example.org')).toEqual(['coordinator']);
		expect(rolesOf('board@example.org')).toEqual(['board_member', 'member']);
		expect(rolesOf('policy@example.org')).toEqual(['policy_staff']);
	});
});
