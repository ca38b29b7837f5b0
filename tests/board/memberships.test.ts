import { describe, expect, it } from 'vitest';
import { and, asc, desc, eq } from 'drizzle-orm';
import { useServer, type ApiResponse } from '../helpers/server';
import { newVolunteer } from '../helpers/board-memberships';
import { join } from '../helpers/sockets';
import { auditLog, boardMemberships, boardSelections, notifications, outbox, userRoles } from '../../src/lib/server/db/schema';
import { BOARD_COORDINATORS_ROOM, BOARD_ROOM } from '../../src/lib/shared/rooms';
import { addMonths, dayOf } from '../../src/lib/shared/board-memberships';
import { seal } from '../../src/lib/server/sensitive-data';
import { auditSentence } from '../../src/lib/server/audit/sentences';

const t = useServer();

const step = (cookie: string | undefined, id: number, to: string, reason?: string) =>
	t.api(`/api/board/memberships/${id}/steps`, { method: 'POST', cookie, body: reason === undefined ? { to } : { to, reason } });

async function statusOf(id: number) {
	const [m] = await t.db.select().from(boardMemberships).where(eq(boardMemberships.id, id));
	return m!;
}

describe('the coordinators\' board', () => {
	it('lists each group by status, pages by cursor without repeats, and shows no profile answer', async () => {
		const coord = await t.login('coordinator@example.org');
		const people = [];
		for (let i = 0; i < 3; i++) people.push(await newVolunteer(t, `Pool person ${i}`));
		await step(coord, people[0]!.membershipId, 'candidate');
		const seen: number[] = [];
		let cursor: string | null = null;
		do {
			const res: ApiResponse<{ items: { membershipId: number; status: string }[]; nextCursor: string | null }> = await t.api(`/api/board/memberships?group=pool&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie: coord });
			expect(res.status).toBe(200);
			expect(res.body.items.length).toBeLessThanOrEqual(2);
			for (const p of res.body.items) {
				expect(['volunteer', 'candidate']).toContain(p.status);
				expect(Object.keys(p).sort()).toEqual(['availability', 'displayName', 'endingSoon', 'membershipId', 'motivation', 'since', 'status', 'termEnd', 'termStart', 'userId']);
				seen.push(p.membershipId);
			}
			cursor = res.body.nextCursor;
		} while (cursor);
		expect(new Set(seen).size).toBe(seen.length);
		for (const p of people) expect(seen).toContain(p.membershipId);
		const active = await t.api('/api/board/memberships?group=active', { cookie: coord });
		expect(active.body.items.map((p: { membershipId: number }) => p.membershipId)).not.toContain(people[1]!.membershipId);
		// A cursor this list did not make is a 400, not a database error.
		expect((await t.api('/api/board/memberships?group=pool&cursor=bm90LWEtY3Vyc29y', { cookie: coord })).status).toBe(400);
	});

	it('refuses the board to everyone but coordinators', async () => {
		const member = await t.login('member@example.org');
		const policy = await t.login('policy@example.org');
		expect((await t.api('/api/board/memberships', { cookie: member })).status).toBe(403);
		expect((await t.api('/api/board/memberships', { cookie: policy })).status).toBe(403);
		expect((await t.api('/api/board/memberships')).status).toBe(401);
	});
});

describe('coordinators\' steps', () => {
	it('shortlist, back to the pool, invite; a withdrawal needs a reason; steps the table refuses are 409', async () => {
		const coord = await t.login('coordinator@example.org');
		const v = await newVolunteer(t, 'Sanne Stepper');
		expect((await step(coord, v.membershipId, 'candidate')).status).toBe(200);
		expect((await step(coord, v.membershipId, 'volunteer')).status).toBe(200);
		// Not from the pool straight to the board, and not ending a term that never began.
		expect((await step(coord, v.membershipId, 'alumni')).status).toBe(409);
		const noReason = await step(coord, v.membershipId, 'withdrawn');
		expect(noReason.status).toBe(400);
		expect(noReason.body.fields).toHaveProperty('reason');
		expect((await statusOf(v.membershipId)).status).toBe('volunteer');
		// The person may not shortlist themselves, nor may a member step someone else's membership.
		expect((await step(v.cookie, v.membershipId, 'candidate')).status).toBe(403);
		expect((await t.api(`/api/board/memberships/999999/steps`, { method: 'POST', cookie: coord, body: { to: 'candidate' } })).status).toBe(404);
		expect((await step(coord, v.membershipId, 'withdrawn', 'Moved back to the Netherlands')).status).toBe(200);
		expect((await statusOf(v.membershipId)).status).toBe('withdrawn');
		expect((await step(coord, v.membershipId, 'volunteer')).status).toBe(409);
	});

	it('records who, when and why in the person\'s history, and the audit log says it in a sentence', async () => {
		const coord = await t.login('coordinator@example.org');
		const v = await newVolunteer(t, 'Henk History');
		await step(coord, v.membershipId, 'candidate', 'Strong motivation');
		await step(coord, v.membershipId, 'invited');
		const res = await t.api(`/api/board/people/${v.id}`, { cookie: coord });
		expect(res.status).toBe(200);
		const [m] = res.body.memberships;
		expect(m.status).toBe('invited');
		expect(m.events.map((e: { from: string | null; to: string }) => [e.from, e.to])).toEqual([
			[null, 'volunteer'],
			['volunteer', 'candidate'],
			['candidate', 'invited']
		]);
		expect(m.events[0].by.id).toBe(v.id);
		expect(m.events[1].by.displayName).toBeTruthy();
		expect(m.events[1].reason).toBe('Strong motivation');
		expect(Date.parse(m.events[2].at)).toBeGreaterThan(Date.now() - 60_000);
		// No diversity answer on the history.
		expect(JSON.stringify(res.body)).not.toContain('paid_job');
		const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'board.status'), eq(auditLog.subjectId, v.id))).orderBy(asc(auditLog.id));
		const invited = rows.at(-1)!;
		const sentence = auditSentence(
			{ ...invited, id: Number(invited.id), actor: { id: invited.actorId!, displayName: 'Maria' }, subjectName: 'Henk History', targetId: String(invited.targetId), data: (invited.data ?? {}) as Record<string, unknown>, names: { thread: null, moved: null, invitee: null } },
			'en',
			'UTC'
		);
		expect(sentence).toBe('Maria invited Henk History to the sounding board');
	});

	it('inviting tells the person in the app and by email, in their language, with the link to answer', async () => {
		const coord = await t.login('coordinator@example.org');
		const user = await t.createUser({ displayName: 'Ineke Invited', language: 'nl' });
		const cookie = await t.login(user.email, user.password);
		await t.api('/api/board/me/volunteer', { method: 'POST', cookie, body: { motivation: 'Graag', availability: 'Avonds', answers: { work: 'neither' } } });
		const [m] = await t.db.select().from(boardMemberships).where(eq(boardMemberships.userId, user.id));
		expect((await step(coord, m!.id, 'invited')).status).toBe(200);
		const mail = await t.db.select().from(outbox).where(and(eq(outbox.toEmail, user.email), eq(outbox.kind, 'board_invitation')));
		expect(mail).toHaveLength(1);
		expect(mail[0]!.subject).toBe('Je bent uitgenodigd voor de klankbordgroep');
		expect(mail[0]!.bodyText).toContain('/board/invitation');
		const inbox = await t.api('/api/notifications', { cookie });
		expect(inbox.body.items[0]).toMatchObject({ kind: 'board_invited', href: '/board/invitation' });
	});

	it('sets a term; a last day before the first is refused, naming the field', async () => {
		const coord = await t.login('coordinator@example.org');
		const v = await newVolunteer(t, 'Tom Term');
		await step(coord, v.membershipId, 'invited');
		const bad = await t.api(`/api/board/memberships/${v.membershipId}/term`, { method: 'PUT', cookie: coord, body: { termStart: '2027-03-01', termEnd: '2027-02-01' } });
		expect(bad.status).toBe(400);
		expect(bad.body.fields).toHaveProperty('termEnd');
		const ok = await t.api(`/api/board/memberships/${v.membershipId}/term`, { method: 'PUT', cookie: coord, body: { termStart: '2027-03-01', termEnd: '2029-02-28' } });
		expect(ok.status).toBe(200);
		const m = await statusOf(v.membershipId);
		expect([m.termStart, m.termEnd]).toEqual(['2027-03-01', '2029-02-28']);
	});
});

describe('answering an invitation', () => {
	it('accepting starts a term today, grants board_member, opens the board room; coordinators are told in the app and live', async () => {
		const coord = await t.login('coordinator@example.org');
		const v = await newVolunteer(t, 'Anna Accepts');
		await step(coord, v.membershipId, 'invited');
		const member = await t.connect(v.cookie);
		expect(await join(member, BOARD_ROOM)).toMatchObject({ ok: false });
		const watcher = await t.connect(coord);
		expect(await join(watcher, BOARD_COORDINATORS_ROOM)).toEqual({ ok: true });
		const changed = new Promise<unknown>((resolve) => watcher.on('board:membership-changed', resolve));
		const mine = new Promise<unknown>((resolve) => member.on('board:my-status', resolve));

		const res = await t.api('/api/board/me/invitation', { method: 'POST', cookie: v.cookie, body: { accept: true } });
		expect(res.status).toBe(200);
		const today = dayOf(new Date());
		expect(res.body).toMatchObject({ status: 'active', termStart: today, termEnd: addMonths(today, 24) });
		const roles = await t.db.select().from(userRoles).where(eq(userRoles.userId, v.id));
		expect(roles.map((r) => r.role).sort()).toEqual(['board_member', 'member']);
		expect(await changed).toEqual({ membershipId: v.membershipId, userId: v.id, status: 'active' });
		expect(await mine).toEqual({ membershipId: v.membershipId, status: 'active' });
		// The same socket: its room rules follow the new role.
		expect(await join(member, BOARD_ROOM)).toEqual({ ok: true });
		const told = await t.api('/api/notifications', { cookie: coord });
		expect(told.status).toBe(200);
		expect(told.body.items.find((n: { kind: string; data: { userId?: string } }) => n.kind === 'board_invitation_answered' && n.data.userId === v.id)).toMatchObject({ data: { accepted: true, name: 'Anna Accepts' } });
		// Answered once: a second answer finds no invitation.
		expect((await t.api('/api/board/me/invitation', { method: 'POST', cookie: v.cookie, body: { accept: false } })).status).toBe(409);
		member.close();
		watcher.close();
	});

	it('declining closes the membership with the reason; without an invitation it is refused', async () => {
		const coord = await t.login('coordinator@example.org');
		const v = await newVolunteer(t, 'Dirk Declines');
		expect((await t.api('/api/board/me/invitation', { method: 'POST', cookie: v.cookie, body: { accept: true } })).status).toBe(409);
		await step(coord, v.membershipId, 'invited');
		const res = await t.api('/api/board/me/invitation', { method: 'POST', cookie: v.cookie, body: { accept: false, reason: 'No time this year' } });
		expect(res.status).toBe(200);
		expect(res.body.status).toBe('declined');
		const history = await t.api(`/api/board/people/${v.id}`, { cookie: coord });
		expect(history.body.memberships[0].events.at(-1)).toMatchObject({ from: 'invited', to: 'declined', reason: 'No time this year', by: { id: v.id } });
		expect((await t.db.select().from(userRoles).where(and(eq(userRoles.userId, v.id), eq(userRoles.role, 'board_member')))).length).toBe(0);
	});

	it('a decline of a draw\'s invitation names the next alternate who keeps the quotas', async () => {
		const coord = await t.login('coordinator@example.org');
		const coordId = (await t.api('/api/me', { cookie: coord })).body.id as string;
		const a = await newVolunteer(t, 'Drawn Dutch');
		const b = await newVolunteer(t, 'Alternate Other');
		const c = await newVolunteer(t, 'Alternate Dutch');
		// Two seats, exactly one with a Dutch language background: only c can take a's seat.
		const pool = [
			{ id: a.id, features: { language: 'dutch' } },
			{ id: b.id, features: { language: 'other' } },
			{ id: c.id, features: { language: 'dutch' } },
			{ id: coordId, features: { language: 'other' } }
		];
		const [draw] = await t.db
			.insert(boardSelections)
			.values({ seats: 2, quotas: [{ dimension: 'language', option: 'dutch', min: 1, max: 1 }], seed: 'test', poolSealed: 'x', probabilities: {}, selected: [a.id, coordId], alternates: [b.id, c.id], createdBy: coordId })
			.returning();
		await t.db.update(boardSelections).set({ poolSealed: seal(JSON.stringify(pool), `board-selection:${draw!.id}`) }).where(eq(boardSelections.id, draw!.id));
		await step(coord, a.membershipId, 'invited');
		await t.db.update(boardMemberships).set({ selectionId: draw!.id }).where(eq(boardMemberships.id, a.membershipId));
		expect((await t.api('/api/board/me/invitation', { method: 'POST', cookie: a.cookie, body: { accept: false } })).status).toBe(200);
		const [n] = await t.db.select().from(notifications).where(and(eq(notifications.kind, 'board_invitation_answered'), eq(notifications.userId, coordId))).orderBy(desc(notifications.id)).limit(1);
		expect(n!.data).toMatchObject({ accepted: false, userId: a.id, alternateId: c.id, alternateName: 'Alternate Dutch' });
	});
});

describe('every active person has an inbox', () => {
	it('coordinators and policy staff read and mark their notifications; pending people have none', async () => {
		const coord = await t.login('coordinator@example.org');
		expect((await t.api('/api/notifications/count', { cookie: coord })).status).toBe(200);
		expect((await t.api('/api/notifications/read', { method: 'POST', cookie: coord, body: { all: true } })).body.unread).toBe(0);
		const policy = await t.login('policy@example.org');
		expect((await t.api('/api/notifications', { cookie: policy })).status).toBe(200);
		const pending = await t.login('pending@example.org');
		expect((await t.api('/api/notifications', { cookie: pending })).status).toBe(403);
	});
});
