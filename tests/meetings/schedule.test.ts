/**
 * Scheduling board sessions over the API: a coordinator schedules one (the
 * board and a named guest invited, each told in their language with the
 * time on their own clock), every problem with the form named at once,
 * answers with an access note only coordinators read, changes and
 * cancellations that tell the invitees and raise the calendar sequence, the
 * lists by cursor, the time finder and the people search. Throughout: the
 * meeting link reaches invitees and coordinators only, and never a
 * notification, an event, a socket message or the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import { useServer, type ApiResponse, type TestSocket } from '../helpers/server';
import { auditLog, meetingInvitees, meetings, notifications, outbox, userRoles, users } from '../../src/lib/server/db/schema';
import type { DomainEvent } from '../../src/lib/server/events/types';
import { meetingWhen } from '../../src/lib/shared/meetings-schedule';
import { localToUtc } from '../../src/lib/shared/zoned-time';
import { translate } from '../../src/lib/i18n/translate';

const t = useServer();
const LINK = 'https://meet.example.org/klankbord-geheim-8431';

let coordinator: string;
let boardCookie: string;
let policyCookie: string;
let memberCookie: string;
let boardIds: string[];
const events: DomainEvent[] = [];
let stopListening: () => void;
const sockets: TestSocket[] = [];
const socketMessages: string[] = [];

/** Every active board member's id, as the domain invites them. */
async function activeBoard(): Promise<string[]> {
	const rows = await t.db
		.select({ id: users.id })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'board_member')))
		.where(eq(users.status, 'active'));
	return rows.map((r) => r.id);
}

beforeAll(async () => {
	coordinator = await t.login('coordinator@example.org');
	boardCookie = await t.login('board@example.org');
	policyCookie = await t.login('policy@example.org');
	memberCookie = await t.login('member@example.org');
	boardIds = await activeBoard();
	stopListening = t.server.runtime.bus.onAny((e) => events.push(e));
	// What every live connection receives while the sessions are scheduled, changed and cancelled.
	for (const cookie of [boardCookie, policyCookie, memberCookie, coordinator]) {
		const s = await t.connect(cookie);
		s.onAny((event, ...args) => socketMessages.push(`${event} ${JSON.stringify(args)}`));
		sockets.push(s);
	}
});
afterAll(() => {
	stopListening();
	for (const s of sockets) s.close();
});

interface Form {
	title?: string;
	description?: string;
	start?: string;
	end?: string;
	timeZone?: string;
	meetingLink?: string;
	agenda?: { title: string; body?: string; minutes: number | string }[];
	inviteBoard?: boolean;
	guests?: string[];
}

const form = (over: Form = {}): Form => ({
	title: 'Werken op je standplaats',
	description: 'We bespreken wat partners tegenkomen bij werkvergunningen.',
	start: '2027-03-28T10:00',
	end: '2027-03-28T11:30',
	timeZone: 'Europe/Amsterdam',
	meetingLink: LINK,
	agenda: [
		{ title: 'Welkom en voorstelronde', body: 'Wie is er, waar woon je nu?', minutes: 15 },
		{ title: 'Werkvergunningen en verdragen', body: 'Ervaringen met MoU-landen.', minutes: 45 },
		{ title: 'Afspraken', minutes: 20 }
	],
	...over
});

/** The coordinator reads Dutch: the API names each problem in their language. */
const tr = (key: string) => translate(key, 'nl');

/** Emails queued after a point (by id: a plain SELECT returns rows in no particular order). */
const lastMailId = async () => (await t.db.select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).limit(1))[0]?.id ?? 0;
const mailsAfter = (id: number) => t.db.select().from(outbox).where(gt(outbox.id, id)).orderBy(asc(outbox.id));

const schedule = (body: Form) => t.api('/api/board/sessions', { method: 'POST', cookie: coordinator, body });

describe('scheduling a session', () => {
	let id: number;

	it('stores the times in UTC (the zone’s own clock that day), invites the board and a named guest, and tells each in their language and zone', async () => {
		const before = await lastMailId();
		const res = await schedule(form({ guests: ['policy@example.org'] }));
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ sequence: 0, status: 'scheduled' });
		id = res.body.id;
		const [row] = await t.db.select().from(meetings).where(eq(meetings.id, id));
		// 28 March 2027 is the day Amsterdam moves to summer time: 10:00 there is 08:00 UTC.
		expect(row!.startAt.toISOString()).toBe('2027-03-28T08:00:00.000Z');
		expect(row!.endAt.toISOString()).toBe('2027-03-28T09:30:00.000Z');

		const invitees = await t.db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, id));
		const [policy] = await t.db.select().from(users).where(eq(users.email, 'policy@example.org'));
		expect(invitees.map((i) => i.userId).sort()).toEqual([...boardIds, policy!.id].sort());
		expect(invitees.find((i) => i.userId === policy!.id)!.kind).toBe('guest');
		expect(invitees.filter((i) => i.kind === 'board')).toHaveLength(boardIds.length);

		// Each invitee: a notification (no link in it) and an email (with it), in their language and zone.
		const told = await t.db.select().from(notifications).where(and(eq(notifications.kind, 'meeting_invited'), inArray(notifications.userId, invitees.map((i) => i.userId))));
		expect(told).toHaveLength(invitees.length);
		for (const n of told) {
			expect(n.data).toMatchObject({ meetingId: id, title: 'Werken op je standplaats' });
			expect(JSON.stringify(n.data)).not.toContain('meet.example.org');
		}
		const mails = await mailsAfter(before);
		expect(mails.filter((m) => m.kind === 'meeting_invited')).toHaveLength(invitees.length);
		const amira = mails.find((m) => m.toEmail === 'board@example.org')!;
		// Amira reads English and lives in Bogotá (UTC−5): 03:00 there.
		expect(amira.subject).toBe('Invitation: Werken op je standplaats');
		expect(amira.bodyText).toContain(`When: ${meetingWhen(row!.startAt, row!.endAt, 'en', 'America/Bogota')}`);
		expect(amira.bodyText).toContain('03:00–04:30, Bogota (UTC−5)');
		expect(amira.bodyText).toContain(LINK);
		expect(amira.bodyText).toContain('2. Werkvergunningen en verdragen (45 min)');
		const pieter = mails.find((m) => m.toEmail === 'policy@example.org')!;
		// Pieter reads Dutch, in Amsterdam: already summer time (UTC+2) that morning.
		expect(pieter.subject).toBe('Uitnodiging: Werken op je standplaats');
		expect(pieter.bodyText).toContain('zondag 28 maart 2027, 10:00–11:30, Amsterdam (UTC+2)');
		expect(pieter.bodyText).toContain(LINK);
		// Nobody else got the link by email.
		const inviteeEmails = new Set((await t.db.select({ email: users.email }).from(users).where(inArray(users.id, invitees.map((i) => i.userId)))).map((u) => u.email));
		for (const m of (await t.db.select().from(outbox)).filter((m) => m.bodyText.includes(LINK))) expect(inviteeEmails.has(m.toEmail), m.toEmail).toBe(true);

		const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'meeting.create'), eq(auditLog.targetId, String(id))));
		expect(entry!.after).toMatchObject({ title: 'Werken op je standplaats', startAt: '2027-03-28T08:00:00.000Z', withLink: true });
		expect(JSON.stringify(entry)).not.toContain('meet.example.org');
	});

	it('shows the link to invitees and coordinators only; others who may see the session get null, the rest a 404', async () => {
		const asBoard = await t.api(`/api/board/sessions/${id}`, { cookie: boardCookie });
		expect(asBoard.status).toBe(200);
		expect(asBoard.body.meetingLink).toBe(LINK);
		expect(asBoard.body.agenda.map((i: { title: string }) => i.title)).toEqual(['Welkom en voorstelronde', 'Werkvergunningen en verdragen', 'Afspraken']);
		expect((await t.api(`/api/board/sessions/${id}`, { cookie: policyCookie })).body.meetingLink).toBe(LINK);
		expect((await t.api(`/api/board/sessions/${id}`, { cookie: coordinator })).body.meetingLink).toBe(LINK);
		// A board member who joined after the invitations went out sees the session, not its link.
		const late = await t.createUser({ roles: ['member', 'board_member'], displayName: 'Late Lid' });
		const lateCookie = await t.login(late.email, late.password);
		const asLate = await t.api(`/api/board/sessions/${id}`, { cookie: lateCookie });
		expect(asLate.status).toBe(200);
		expect(asLate.body.meetingLink).toBeNull();
		expect(JSON.stringify(asLate.body)).not.toContain('meet.example.org');
		// A partner who is not on the board, and a moderator: no such session.
		expect((await t.api(`/api/board/sessions/${id}`, { cookie: memberCookie })).status).toBe(404);
		expect((await t.api(`/api/board/sessions/${id}`, { cookie: await t.login('moderator@example.org') })).status).toBe(404);
		// Lists never carry the link.
		for (const cookie of [boardCookie, policyCookie, coordinator, lateCookie, memberCookie]) {
			const list = await t.api('/api/board/sessions?limit=50', { cookie });
			expect(list.status).toBe(200);
			expect(JSON.stringify(list.body)).not.toContain('meet.example.org');
		}
		expect((await t.api('/api/board/sessions?limit=50', { cookie: memberCookie })).body.items).toEqual([]);
		expect((await t.api('/api/board/sessions?limit=50', { cookie: policyCookie })).body.items.map((s: { id: number }) => s.id)).toContain(id);
	});

	it('takes answers from invitees only; the access note is read by coordinators alone', async () => {
		const note = 'Ik doe mee via de telefoon; graag de agenda vooraf.';
		const res = await t.api(`/api/board/sessions/${id}/rsvp`, { method: 'POST', cookie: boardCookie, body: { answer: 'yes', note } });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body).toEqual({ meetingId: id, rsvp: 'yes', rsvpNote: note });
		expect((await t.api(`/api/board/sessions/${id}/rsvp`, { method: 'POST', cookie: policyCookie, body: { answer: 'maybe' } })).status).toBe(200);

		const mine = (await t.api(`/api/board/sessions/${id}`, { cookie: boardCookie })).body;
		expect(mine.me).toMatchObject({ rsvp: 'yes', rsvpNote: note });
		expect(mine.invitees).toMatchObject({ yes: 1, maybe: 1 });
		// Others on the session see who is invited, not each answer or note.
		const others = (await t.api(`/api/board/sessions/${id}`, { cookie: policyCookie })).body;
		expect(JSON.stringify(others.invitees)).not.toContain('telefoon');
		expect(others.invitees.people.every((p: Record<string, unknown>) => !('rsvp' in p) && !('rsvpNote' in p))).toBe(true);
		const coord = (await t.api(`/api/board/sessions/${id}`, { cookie: coordinator })).body;
		expect(coord.invitees.people.find((p: { displayName: string }) => p.displayName === 'Amira Haddad')).toMatchObject({ rsvp: 'yes', rsvpNote: note });

		// Not invited: a coordinator is refused (403), a partner told there is no such session (404), before the form is read.
		expect((await t.api(`/api/board/sessions/${id}/rsvp`, { method: 'POST', cookie: coordinator, body: { answer: 'yes' } })).status).toBe(403);
		expect((await t.api(`/api/board/sessions/${id}/rsvp`, { method: 'POST', cookie: memberCookie, body: { answer: 'yes' } })).status).toBe(404);
		const bad = await t.api(`/api/board/sessions/${id}/rsvp`, { method: 'POST', cookie: boardCookie, body: { answer: 'perhaps' } });
		expect(bad.status).toBe(400);
		expect(bad.body.field).toBe('answer');
	});

	it('a change of time and agenda raises the sequence, resets the reminders and tells every invitee with the new time on their clock', async () => {
		await t.db.update(meetingInvitees).set({ remindedDayAt: new Date() }).where(eq(meetingInvitees.meetingId, id));
		const before = await lastMailId();
		const guest = await t.createUser({ roles: ['member'], displayName: 'Gerda Gast', language: 'nl' });
		const res = await t.api(`/api/board/sessions/${id}`, {
			method: 'PUT',
			cookie: coordinator,
			body: form({ start: '2027-10-31T10:00', end: '2027-10-31T11:30', agenda: [{ title: 'Welkom en voorstelronde', body: 'Wie is er, waar woon je nu?', minutes: 15 }, { title: 'Terugkeer naar Nederland', minutes: 60 }], guests: ['policy@example.org', guest.email] })
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body).toMatchObject({ sequence: 1, changed: ['time', 'agenda'] });
		const [row] = await t.db.select().from(meetings).where(eq(meetings.id, id));
		// 31 October 2027: Amsterdam is back on winter time, 10:00 there is 09:00 UTC.
		expect(row!.startAt.toISOString()).toBe('2027-10-31T09:00:00.000Z');
		expect((await t.db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, id))).every((i) => i.remindedDayAt === null)).toBe(true);
		const mails = await mailsAfter(before);
		const pieter = mails.find((m) => m.toEmail === 'policy@example.org' && m.kind === 'meeting_changed')!;
		expect(pieter.bodyText).toContain('de tijd en de agenda');
		expect(pieter.bodyText).toContain('zondag 31 oktober 2027, 10:00–11:30, Amsterdam (UTC+1)');
		expect(pieter.bodyText).toContain('Terugkeer naar Nederland');
		// The new guest is invited, not "told of a change".
		expect(mails.filter((m) => m.toEmail === guest.email).map((m) => m.kind)).toEqual(['meeting_invited']);
		const changed = await t.db.select().from(notifications).where(eq(notifications.kind, 'meeting_changed'));
		expect(changed.filter((n) => (n.data as { meetingId: number }).meetingId === id).length).toBeGreaterThan(boardIds.length);
		const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'meeting.change'), eq(auditLog.targetId, String(id))));
		// Invited now: the new guest, and the board member who joined after the invitations went out.
		expect(entry!.data).toMatchObject({ changed: ['time', 'agenda'], invited: 2 });

		// The same form again: nothing changed, nothing sent, the sequence stays.
		const count = await lastMailId();
		const again = await t.api(`/api/board/sessions/${id}`, {
			method: 'PUT',
			cookie: coordinator,
			body: form({ start: '2027-10-31T10:00', end: '2027-10-31T11:30', agenda: [{ title: 'Welkom en voorstelronde', body: 'Wie is er, waar woon je nu?', minutes: 15 }, { title: 'Terugkeer naar Nederland', minutes: 60 }], guests: ['policy@example.org', guest.email] })
		});
		expect(again.body).toMatchObject({ sequence: 1, changed: [] });
		expect(await lastMailId()).toBe(count);

		// A new link: told, and only in the emails.
		const relinked = await t.api(`/api/board/sessions/${id}`, { method: 'PUT', cookie: coordinator, body: form({ start: '2027-10-31T10:00', end: '2027-10-31T11:30', agenda: [{ title: 'Welkom en voorstelronde', body: 'Wie is er, waar woon je nu?', minutes: 15 }, { title: 'Terugkeer naar Nederland', minutes: 60 }], meetingLink: `${LINK}-nieuw` }) });
		expect(relinked.body).toMatchObject({ sequence: 2, changed: ['link'] });
	});

	it('a cancellation with a reason tells every invitee; the session then takes no change, answer or second cancellation', async () => {
		const before = await lastMailId();
		expect((await t.api(`/api/board/sessions/${id}/cancel`, { method: 'POST', cookie: coordinator, body: {} })).body.field).toBe('reason');
		const res = await t.api(`/api/board/sessions/${id}/cancel`, { method: 'POST', cookie: coordinator, body: { reason: 'Te weinig aanmeldingen; we plannen een nieuwe datum.' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'cancelled', sequence: 3 });
		const mails = await mailsAfter(before);
		const count = (await t.db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, id))).length;
		expect(mails.filter((m) => m.kind === 'meeting_cancelled')).toHaveLength(count);
		const amira = mails.find((m) => m.toEmail === 'board@example.org')!;
		expect(amira.subject).toBe('Cancelled: Werken op je standplaats');
		expect(amira.bodyText).toContain('Reason: Te weinig aanmeldingen; we plannen een nieuwe datum.');
		expect(amira.bodyText).not.toContain('meet.example.org');
		const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'meeting.cancel'), eq(auditLog.targetId, String(id))));
		expect(entry!.reason).toBe('Te weinig aanmeldingen; we plannen een nieuwe datum.');

		expect((await t.api(`/api/board/sessions/${id}`, { method: 'PUT', cookie: coordinator, body: form() })).status).toBe(409);
		expect((await t.api(`/api/board/sessions/${id}/cancel`, { method: 'POST', cookie: coordinator, body: { reason: 'Nogmaals' } })).status).toBe(409);
		expect((await t.api(`/api/board/sessions/${id}/rsvp`, { method: 'POST', cookie: boardCookie, body: { answer: 'no' } })).status).toBe(409);
		expect((await t.api(`/api/board/sessions/${id}`, { cookie: boardCookie })).body).toMatchObject({ status: 'cancelled', cancelReason: 'Te weinig aanmeldingen; we plannen een nieuwe datum.' });
	});

	it('never put the link into an event, a socket message, a notification or the audit log', async () => {
		// Let the fan-out deliver what it had queued.
		await new Promise((r) => setTimeout(r, 300));
		expect(events.some((e) => e.type === 'meeting.scheduled')).toBe(true);
		expect(JSON.stringify(events)).not.toContain('meet.example.org');
		expect(socketMessages.length).toBeGreaterThan(0);
		expect(socketMessages.join('\n')).not.toContain('meet.example.org');
		for (const cookie of [boardCookie, policyCookie, coordinator]) expect(JSON.stringify((await t.api('/api/notifications?limit=100', { cookie })).body)).not.toContain('meet.example.org');
		const audit = await t.db.select().from(auditLog);
		expect(JSON.stringify(audit)).not.toContain('meet.example.org');
	});
});

describe('the form: every problem at once', () => {
	it('names each field, the skipped hour of a DST change and unknown guests included', async () => {
		const res = await schedule({
			title: '',
			start: '2027-03-28T02:30',
			end: '2027-03-28T01:00',
			timeZone: 'Europe/Amsterdam',
			meetingLink: 'http://meet.example.org/x',
			agenda: [{ title: '', minutes: 0 }, { title: 'Te lang', minutes: 241 }],
			guests: ['niemand@example.org', 'policy@example.org']
		});
		expect(res.status).toBe(400);
		expect(res.body.fields).toMatchObject({
			title: tr('error_meeting_title'),
			start: tr('error_meeting_time_gap'),
			meetingLink: tr('error_meeting_link'),
			'agenda.0.title': tr('error_meeting_item_title'),
			'agenda.0.minutes': tr('error_meeting_item_minutes'),
			'agenda.1.minutes': tr('error_meeting_item_minutes'),
			'guests.0': tr('error_meeting_guest_unknown')
		});
		expect(res.body.fields).not.toHaveProperty('guests.1');
	});

	it('refuses an end before the start, an empty agenda, time boxes longer than the session, a start in the past, an unknown zone', async () => {
		const a = await schedule(form({ end: '2027-03-28T09:00', agenda: [] }));
		expect(a.body.fields).toMatchObject({ end: tr('error_meeting_end_before_start'), agenda: tr('error_meeting_agenda_count') });
		const b = await schedule(form({ end: '2027-03-28T10:30' }));
		expect(b.body.fields).toMatchObject({ agenda: tr('error_meeting_agenda_too_long') });
		const c = await schedule(form({ start: '2020-01-01T10:00', end: '2020-01-01T12:00' }));
		expect(c.body.fields).toMatchObject({ start: tr('error_meeting_in_past') });
		const d = await schedule(form({ timeZone: 'Mars/Olympus_Mons' }));
		expect(d.body.fields).toMatchObject({ timeZone: tr('error_meeting_zone') });
		const e = await schedule(form({ agenda: Array.from({ length: 51 }, (_, i) => ({ title: `Punt ${i}`, minutes: 1 })) }));
		expect(e.body.fields).toMatchObject({ agenda: tr('error_meeting_agenda_count') });
		// Nothing of it was stored.
		expect((await t.db.select().from(meetings).where(eq(meetings.title, 'Werken op je standplaats'))).length).toBe(1);
	});

	it('is for coordinators: the board and everyone else are refused', async () => {
		expect((await t.api('/api/board/sessions', { method: 'POST', cookie: boardCookie, body: form() })).status).toBe(403);
		expect((await t.api('/api/board/sessions', { method: 'POST', cookie: policyCookie, body: form() })).status).toBe(403);
	});
});

describe('lists and finding', () => {
	it('pages upcoming sessions soonest first and past ones latest first, by cursor, without gaps or repeats', async () => {
		const titles = ['Lijst een', 'Lijst twee', 'Lijst drie'];
		const ids: number[] = [];
		for (const [i, title] of titles.entries()) {
			const res = await schedule(form({ title, start: `2031-0${i + 1}-10T10:00`, end: `2031-0${i + 1}-10T11:30`, inviteBoard: false, guests: ['policy@example.org'] }));
			expect(res.status).toBe(201);
			ids.push(res.body.id);
		}
		// Two that were held already (written as they would be).
		const past = await t.db
			.insert(meetings)
			.values([
				{ title: 'Voorbij een', startAt: new Date('2026-01-10T10:00:00Z'), endAt: new Date('2026-01-10T11:00:00Z') },
				{ title: 'Voorbij twee', startAt: new Date('2026-02-10T10:00:00Z'), endAt: new Date('2026-02-10T11:00:00Z') }
			])
			.returning({ id: meetings.id });
		const all = async (when: string) => {
			const seen: { id: number; startAt: string }[] = [];
			for (let cursor: string | null = null, first = true; first || cursor; first = false) {
				const res: ApiResponse = await t.api(`/api/board/sessions?when=${when}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie: coordinator });
				expect(res.status).toBe(200);
				seen.push(...res.body.items);
				cursor = res.body.nextCursor;
			}
			return seen;
		};
		const upcoming = await all('upcoming');
		expect(new Set(upcoming.map((s) => s.id)).size).toBe(upcoming.length);
		expect(upcoming.map((s) => s.startAt)).toEqual([...upcoming.map((s) => s.startAt)].sort());
		expect(upcoming.filter((s) => ids.includes(s.id)).map((s) => s.id)).toEqual(ids);
		const held = await all('past');
		expect(held.map((s) => s.startAt)).toEqual([...held.map((s) => s.startAt)].sort().reverse());
		expect(held.filter((s) => past.some((p) => p.id === s.id)).map((s) => s.id)).toEqual([past[1]!.id, past[0]!.id]);
		// A guest lists only what they are invited to; a board member not invited to these sees them (without a link).
		const policyList = (await t.api('/api/board/sessions?limit=50&when=past', { cookie: policyCookie })).body.items;
		expect(policyList.map((s: { id: number }) => s.id)).not.toContain(past[0]!.id);
		expect((await t.api('/api/board/sessions?cursor=bm9wZQ', { cookie: coordinator })).status).toBe(400);
	});

	it('finds the times most invitees have in their daytime, and people to invite by name or email', async () => {
		const res = await t.api('/api/board/sessions/time-finder?minutes=60', { cookie: coordinator });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const board = await activeBoard();
		expect(res.body.invitees).toBe(board.length);
		expect(res.body.candidates).toBeGreaterThan(200);
		expect(res.body.slots).toHaveLength(10);
		const [best] = res.body.slots;
		expect(best.total).toBe(board.length);
		expect(best.inside + best.outside.length).toBe(board.length);
		for (let i = 1; i < res.body.slots.length; i++) expect(res.body.slots[i - 1].inside).toBeGreaterThanOrEqual(res.body.slots[i].inside);

		// Only a guest in Kathmandu, on Tuesdays 14:00–16:00 Amsterdam time: each start is inside for them.
		const guest = await t.createUser({ displayName: 'Kiran Kathmandu' });
		await t.db.update(users).set({ timeZone: 'Asia/Kathmandu' }).where(eq(users.id, guest.id));
		const own = await t.api(`/api/board/sessions/time-finder?board=0&guests=${guest.id}&mode=custom&days=2&from=14&to=16&weeks=1&zone=Europe/Amsterdam&minutes=90`, { cookie: coordinator });
		expect(own.status, JSON.stringify(own.body)).toBe(200);
		expect(own.body).toMatchObject({ invitees: 1, candidates: 3 });
		for (const s of own.body.slots) expect(new Date(s.start).getUTCMinutes()).toBe(0);
		const bad = await t.api('/api/board/sessions/time-finder?mode=custom&from=18&to=9', { cookie: coordinator });
		expect(bad.status).toBe(400);
		expect(bad.body.fields).toMatchObject({ days: tr('error_meeting_finder_days'), to: tr('error_meeting_finder_hours') });
		expect((await t.api('/api/board/sessions/time-finder', { cookie: boardCookie })).status).toBe(403);

		const people = await t.api('/api/board/sessions/people?q=kathmandu', { cookie: coordinator });
		expect(people.body).toEqual([{ id: guest.id, displayName: 'Kiran Kathmandu', email: guest.email, board: false }]);
		expect((await t.api('/api/board/sessions/people?q=amira', { cookie: coordinator })).body[0]).toMatchObject({ displayName: 'Amira Haddad', board: true });
		expect((await t.api('/api/board/sessions/people?q=a', { cookie: boardCookie })).status).toBe(403);
	});

	it('takes a start in an odd zone at its word: 09:00 in St John’s in winter is 12:30 UTC', async () => {
		const res = await schedule(form({ title: 'Ochtend in Newfoundland', start: '2027-01-12T09:00', end: '2027-01-12T10:30', timeZone: 'America/St_Johns', inviteBoard: false, guests: ['policy@example.org'] }));
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		const [row] = await t.db.select().from(meetings).where(eq(meetings.id, res.body.id));
		expect(row!.startAt.toISOString()).toBe(localToUtc('2027-01-12T09:00', 'America/St_Johns')!.toISOString());
		expect(row!.startAt.toISOString()).toBe('2027-01-12T12:30:00.000Z');
	});
});
