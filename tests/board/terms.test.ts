import { describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { join } from '../helpers/sockets';
import { boardMembershipEvents, boardMemberships, notifications, outbox, userRoles, users } from '../../src/lib/server/db/schema';
import { BOARD_ROOM } from '../../src/lib/shared/rooms';
import { addDays, dayOf } from '../../src/lib/shared/board-memberships';
import { endDueTerms, noticeEndingTerms } from '../../src/lib/server/board/terms';
import { compositionFor } from '../../src/lib/server/board/composition';
import { newVolunteer } from '../helpers/board-memberships';

const t = useServer();

/** A member who volunteered, was invited and accepted: active, with board_member. */
async function activeMember(name: string, answers: Record<string, string> = { work: 'paid_job' }) {
	const coord = await t.login('coordinator@example.org');
	const v = await newVolunteer(t, name, answers);
	expect((await t.api(`/api/board/memberships/${v.membershipId}/steps`, { method: 'POST', cookie: coord, body: { to: 'invited' } })).status).toBe(200);
	expect((await t.api('/api/board/me/invitation', { method: 'POST', cookie: v.cookie, body: { accept: true } })).status).toBe(200);
	return v;
}

const setTermEnd = (membershipId: number, day: string) => t.db.update(boardMemberships).set({ termEnd: day }).where(eq(boardMemberships.id, membershipId));
const hasBoardRole = async (userId: string) => (await t.db.select().from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'board_member')))).length > 0;
const coordinatorIds = async () =>
	(await t.db.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'coordinator'))).where(eq(users.status, 'active'))).map((r) => r.id);

describe('terms end by themselves', () => {
	it('a term past its last day becomes alumni by the platform, the role goes, and the socket leaves the board room at once', async () => {
		const v = await activeMember('Erik Ends');
		const socket = await t.connect(v.cookie);
		expect(await join(socket, BOARD_ROOM)).toEqual({ ok: true });
		const roomOf = async () => (await t.server.realtime.io.in(BOARD_ROOM).fetchSockets()).map((s) => s.id);
		expect(await roomOf()).toContain(socket.id);
		const today = dayOf(new Date());
		await setTermEnd(v.membershipId, addDays(today, 3));
		// Not yet: the term's last day has not passed.
		expect(await endDueTerms(new Date(`${addDays(today, 3)}T23:00:00Z`))).toBe(0);
		expect(await hasBoardRole(v.id)).toBe(true);

		const told = new Promise((resolve) => socket.on('account:changed', resolve));
		expect(await endDueTerms(new Date(`${addDays(today, 4)}T00:10:00Z`))).toBe(1);
		const [m] = await t.db.select().from(boardMemberships).where(eq(boardMemberships.id, v.membershipId));
		expect(m!.status).toBe('alumni');
		expect(await hasBoardRole(v.id)).toBe(false);
		await told;
		expect(await roomOf()).not.toContain(socket.id);
		expect(await join(socket, BOARD_ROOM)).toMatchObject({ ok: false });
		const [last] = (await t.db.select().from(boardMembershipEvents).where(eq(boardMembershipEvents.membershipId, v.membershipId))).slice(-1);
		expect(last).toMatchObject({ fromStatus: 'active', toStatus: 'alumni', actorId: null });
		const inbox = await t.api('/api/notifications', { cookie: v.cookie });
		expect(inbox.body.items[0]).toMatchObject({ kind: 'board_term_ended', href: '/board' });
		socket.close();
	});

	it('someone who stepped down at the same moment stays withdrawn: the schedule changes only active rows', async () => {
		const v = await activeMember('Wim Withdraws');
		await setTermEnd(v.membershipId, addDays(dayOf(new Date()), -1));
		const down = await t.api('/api/board/me/withdraw', { method: 'POST', cookie: v.cookie, body: { reason: 'Moving on', confirm: true } });
		expect(down.status).toBeLessThan(300);
		await endDueTerms();
		const [m] = await t.db.select().from(boardMemberships).where(eq(boardMemberships.id, v.membershipId));
		expect(m!.status).toBe('withdrawn');
		expect(await t.db.select().from(boardMembershipEvents).where(and(eq(boardMembershipEvents.membershipId, v.membershipId), eq(boardMembershipEvents.toStatus, 'alumni')))).toHaveLength(0);
	});

	it('two runners at once: one step per term, one history row, one notice', async () => {
		const people = [await activeMember('Twin One'), await activeMember('Twin Two')];
		for (const p of people) await setTermEnd(p.membershipId, addDays(dayOf(new Date()), -2));
		const [a, b] = await Promise.all([endDueTerms(), endDueTerms()]);
		expect(a + b).toBe(2);
		const ids = people.map((p) => p.membershipId);
		const steps = await t.db.select().from(boardMembershipEvents).where(and(inArray(boardMembershipEvents.membershipId, ids), eq(boardMembershipEvents.toStatus, 'alumni')));
		expect(steps).toHaveLength(2);
		const told = await t.db.select().from(notifications).where(and(inArray(notifications.userId, people.map((p) => p.id)), eq(notifications.kind, 'board_term_ended')));
		expect(told).toHaveLength(2);
	});
});

describe('30 days ahead, coordinators are told once', () => {
	it('in the app and by email, with the board\'s composition without those leaving; never twice, even from two runners at once', async () => {
		const leaving = await activeMember('Lotte Leaving', { work: 'own_business', language: 'other' });
		const staying = await activeMember('Stijn Staying', { work: 'paid_job', language: 'dutch' });
		const today = dayOf(new Date());
		await setTermEnd(leaving.membershipId, addDays(today, 20));
		await setTermEnd(staying.membershipId, addDays(today, 200));
		const coordinators = await coordinatorIds();
		expect(coordinators.length).toBeGreaterThan(0);
		const before = await t.db.select().from(outbox).where(eq(outbox.kind, 'board_term_ending'));

		const [first, second] = await Promise.all([noticeEndingTerms(), noticeEndingTerms()]);
		expect([...first, ...second].filter((id) => id === leaving.membershipId)).toHaveLength(1);
		expect([...first, ...second]).not.toContain(staying.membershipId);
		expect(await noticeEndingTerms()).toEqual([]);

		const notes = await t.db.select().from(notifications).where(and(inArray(notifications.userId, coordinators), eq(notifications.kind, 'board_term_ending')));
		expect(notes).toHaveLength(coordinators.length);
		expect(notes[0]!.data).toMatchObject({ count: 1, firstEnd: addDays(today, 20) });
		const mails = (await t.db.select().from(outbox).where(eq(outbox.kind, 'board_term_ending'))).slice(before.length);
		expect(mails).toHaveLength(coordinators.length);
		const mail = mails.find((x) => x.toEmail === 'coordinator@example.org')!;
		// The demo coordinator reads Dutch.
		expect(mail.subject).toBe('Een termijn in de klankbordgroep loopt binnen 30 dagen af');
		expect(mail.bodyText).toContain('Lotte Leaving');
		expect(mail.bodyText).not.toContain('Stijn Staying');
		// The board without those leaving within 30 days (Lotte, and any demo member whose term ends too): Stijn counted, Lotte not.
		const horizon = addDays(today, 30);
		const active = await t.db.select({ userId: boardMemberships.userId, termEnd: boardMemberships.termEnd }).from(boardMemberships).where(eq(boardMemberships.status, 'active'));
		const stayingIds = active.filter((m) => !m.termEnd || m.termEnd > horizon).map((m) => m.userId);
		expect(stayingIds).toContain(staying.id);
		expect(stayingIds).not.toContain(leaving.id);
		const after = await compositionFor(t.db, stayingIds);
		expect(mail.bodyText).toContain(`de klankbordgroep ${stayingIds.length} leden`);
		const work = after.dimensions.find((d) => d.key === 'work')!.options;
		const paid = work.find((o) => o.key === 'paid_job')!.count;
		const own = work.find((o) => o.key === 'own_business')!.count;
		expect(mail.bodyText).toContain(`Werk: Betaalde baan ${paid}`);
		if (own > 0) expect(mail.bodyText).toMatch(new RegExp(`Werk: [^\\n]*Eigen bedrijf ${own}(,|\\n)`));
		else expect(mail.bodyText).not.toMatch(/Werk: [^\n]*Eigen bedrijf/);
		expect(mail.bodyText).not.toContain('Partnerrelatie:');
		// A new last day means a new notice before it comes.
		const coord = await t.login('coordinator@example.org');
		const put = await t.api(`/api/board/memberships/${leaving.membershipId}/term`, { method: 'PUT', cookie: coord, body: { termStart: today, termEnd: addDays(today, 25) } });
		expect(put.status).toBe(200);
		expect(await noticeEndingTerms()).toEqual([leaving.membershipId]);
	});

	it('the jobs are registered with the runner', async () => {
		await t.server.jobs.runNow('board-term-ends');
		await t.server.jobs.runNow('board-term-notices');
	});
});
