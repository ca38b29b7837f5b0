/**
 * Board sessions in calendar apps: the .ics download per session (page and
 * API) and the personal feed, each parsed back with ical.js as a calendar
 * app would. A session is one UID for life and its SEQUENCE rises with each
 * change, a cancellation is STATUS:CANCELLED under the same UID, so apps
 * update in place; the meeting link is written only for invitees and
 * coordinators; a feed holds the person's own sessions and nothing else; a
 * new feed address kills the old one at once; unknown addresses are 404 and,
 * past a limit per client, 429.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { and, eq, sql } from 'drizzle-orm';
import { useServer, type ApiResponse } from '../helpers/server';
import { calendarFeeds, meetingAgendaItems, meetingInvitees, meetings } from '../../src/lib/server/db/schema';
import { calendarFeed, FEED_MISS_LIMITS, makeCalendarFeed } from '../../src/lib/server/meetings/calendar-feed';
import type { Rsvp } from '../../src/lib/shared/meetings';
import type { Role } from '../../src/lib/shared/roles';
import { isDomainError } from '../../src/lib/server/errors';
import { userColumns } from '../../src/lib/server/auth/actor';
import { users } from '../../src/lib/server/db/schema';

const t = useServer({ pages: true });

interface Person {
	id: string;
	email: string;
	cookie: string;
}

let n = 0;
async function person(roles: Role[], name: string, language: 'nl' | 'en' = 'nl'): Promise<Person> {
	const u = await t.createUser({ roles, displayName: `${name} ${++n}`, language });
	return { id: u.id, email: u.email, cookie: await t.login(u.email, u.password) };
}

let coordinator: Person;
let invitee: Person;
let otherBoard: Person;
let guest: Person;
let member: Person;

const LINK = 'https://meet.example.org/klankbord-secret-room';
const DAY = 86_400_000;

/** A session `daysAhead` from now (negative: past), with two agenda items and these invitees. */
async function session(invited: { who: Person; kind?: 'board' | 'guest'; rsvp?: Rsvp }[], daysAhead = 7, title = 'Werken op je standplaats'): Promise<typeof meetings.$inferSelect> {
	const start = new Date(Math.floor((Date.now() + daysAhead * DAY) / 60_000) * 60_000);
	const [m] = await t.db
		.insert(meetings)
		.values({ title, description: 'Wat hielp je om werk te vinden?', startAt: start, endAt: new Date(start.getTime() + 90 * 60_000), meetingLink: LINK, createdBy: coordinator.id })
		.returning();
	await t.db.insert(meetingAgendaItems).values([
		{ meetingId: m!.id, position: 1, title: 'Werkvergunningen en verdragen', body: 'Wat lukte er, en wat niet?\nWelke landen?', minutes: 30 },
		{ meetingId: m!.id, position: 2, title: 'Het budget voor loopbaanontwikkeling', body: '', minutes: 20 }
	]);
	if (invited.length) await t.db.insert(meetingInvitees).values(invited.map((i) => ({ meetingId: m!.id, userId: i.who.id, kind: i.kind ?? 'board', rsvp: i.rsvp ?? null })));
	return m!;
}

interface Parsed {
	method: string;
	events: ICAL.Event[];
	byUid: Map<string, ICAL.Event>;
}

function parse(text: string): Parsed {
	const calendar = new ICAL.Component(ICAL.parse(text));
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	return { method: String(calendar.getFirstPropertyValue('method')), events, byUid: new Map(events.map((e) => [e.uid, e])) };
}

const host = () => new URL(t.url).hostname;
const uidOf = (m: { uid: string }) => `${m.uid}@${host()}`;
const prop = (e: ICAL.Event, name: string) => e.component.getFirstPropertyValue(name);
const pathOf = (url: string) => url.slice(new URL(url).origin.length);

async function download(meetingId: number, cookie: string | undefined): Promise<ApiResponse<string>> {
	return t.api(`/board/sessions/${meetingId}/calendar.ics`, { cookie });
}

beforeAll(async () => {
	coordinator = await person(['coordinator'], 'Coördinator');
	invitee = await person(['member', 'board_member'], 'Lid');
	otherBoard = await person(['member', 'board_member'], 'Ander lid');
	guest = await person(['policy_staff'], 'Beleidsmedewerker');
	member = await person(['member'], 'Partner');
});

describe('the download of one session', () => {
	it('is an iCalendar file with a stable UID, the times in UTC, the agenda, and the link for an invitee', async () => {
		const m = await session([{ who: invitee }]);
		const res = await download(m.id, invitee.cookie);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="werken-op-je-standplaats-\d{4}-\d{2}-\d{2}\.ics"$/);
		expect(res.headers.get('cache-control')).toBe('private, no-store');

		const cal = parse(res.body);
		expect(cal.method).toBe('PUBLISH');
		expect(cal.events).toHaveLength(1);
		const e = cal.events[0]!;
		expect(e.uid).toBe(uidOf(m));
		expect(e.sequence).toBe(0);
		expect(e.summary).toBe('Werken op je standplaats');
		expect(e.startDate.toJSDate().getTime()).toBe(m.startAt.getTime());
		expect(e.endDate.toJSDate().getTime()).toBe(m.endAt.getTime());
		// UTC on the wire (…Z): the app puts it on the person's own clock.
		expect(res.body).toMatch(/^DTSTART:\d{8}T\d{6}Z\r?$/m);
		expect(res.body).toMatch(/^DTEND:\d{8}T\d{6}Z\r?$/m);
		expect(prop(e, 'status')).toBe('CONFIRMED');
		expect(e.description).toContain('Wat hielp je om werk te vinden?');
		expect(e.description).toContain('1. Werkvergunningen en verdragen (30 min.)');
		expect(e.description).toContain('   Welke landen?');
		expect(e.description).toContain('2. Het budget voor loopbaanontwikkeling (20 min.)');
		expect(e.location).toBe(LINK);
		expect(prop(e, 'url')).toBe(LINK);
		expect(e.description).toContain(LINK);
	});

	it('leaves the meeting link out for a board member who is not invited, and is no file at all for a plain member', async () => {
		const m = await session([{ who: invitee }]);
		const res = await download(m.id, otherBoard.cookie);
		expect(res.status).toBe(200);
		expect(res.body).not.toContain('klankbord-secret-room');
		const e = parse(res.body).events[0]!;
		expect(e.uid).toBe(uidOf(m));
		expect(e.location ?? null).toBeNull();
		expect(prop(e, 'url')).toBe(`${t.url}/board/sessions/${m.id}`);

		expect((await download(m.id, member.cookie)).status).toBe(404);
		const anonymous = await download(m.id, undefined);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`/board/sessions/${m.id}/calendar.ics`)}`);
		expect((await t.api('/board/sessions/999999999/calendar.ics', { cookie: invitee.cookie })).status).toBe(404);
	});

	it('gives a guest (a policy officer invited by name) the link, and coordinators too', async () => {
		const m = await session([{ who: guest, kind: 'guest' }]);
		for (const who of [guest, coordinator]) {
			const res = await download(m.id, who.cookie);
			expect(res.status).toBe(200);
			expect(parse(res.body).events[0]!.location).toBe(LINK);
		}
	});

	it('answers the same on the API, link rule included', async () => {
		const m = await session([{ who: invitee }]);
		const mine = await t.api(`/api/board/sessions/${m.id}/calendar.ics`, { cookie: invitee.cookie });
		expect(mine.status).toBe(200);
		expect(mine.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(mine.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.ics"$/);
		expect(parse(mine.body).events[0]!.location).toBe(LINK);
		const theirs = await t.api(`/api/board/sessions/${m.id}/calendar.ics`, { cookie: otherBoard.cookie });
		expect(theirs.status).toBe(200);
		expect(theirs.body).not.toContain('klankbord-secret-room');
		expect((await t.api(`/api/board/sessions/${m.id}/calendar.ics`, { cookie: member.cookie })).status).toBe(404);
		expect((await t.api(`/api/board/sessions/${m.id}/calendar.ics`)).status).toBe(401);
	});

	it("is written in the reader's language", async () => {
		const english = await person(['member', 'board_member'], 'Reader', 'en');
		const m = await session([{ who: invitee }, { who: english }]);
		const en = await download(m.id, english.cookie);
		const nl = await t.api(`/api/board/sessions/${m.id}/calendar.ics`, { cookie: invitee.cookie });
		expect(parse(en.body).events[0]!.description).toContain('1. Werkvergunningen en verdragen (30 min)\n');
		expect(parse(en.body).events[0]!.description).toContain('Join online:');
		expect(parse(nl.body).events[0]!.description).toContain('Online meedoen:');
	});
});

describe('a session that changes and is cancelled, through the scheduling API', () => {
	it('keeps its UID, raises SEQUENCE with each change, and ends as STATUS:CANCELLED in the download and the feed', async () => {
		const day = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
		const body = {
			title: 'Terugkeer naar Nederland',
			description: 'Wat had je willen weten voordat je terugkwam?',
			start: `${day}T14:00`,
			end: `${day}T15:30`,
			timeZone: 'Asia/Kathmandu',
			meetingLink: LINK,
			agenda: [{ title: 'Scholen voor de kinderen', body: '', minutes: 45 }],
			inviteBoard: false,
			guests: [invitee.email]
		};
		const created = await t.api('/api/board/sessions', { method: 'POST', cookie: coordinator.cookie, body });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const id = created.body.id as number;
		const [row] = await t.db.select().from(meetings).where(eq(meetings.id, id));
		const feed = await t.api('/api/me/calendar-feed', { method: 'POST', cookie: invitee.cookie });
		expect(feed.status).toBe(201);

		const first = parse((await download(id, invitee.cookie)).body).events[0]!;
		expect(first.uid).toBe(uidOf(row!));
		// 14:00 in Kathmandu (UTC+05:45) is 08:15 UTC.
		expect(first.startDate.toJSDate().toISOString()).toBe(`${day}T08:15:00.000Z`);
		const before = first.sequence;

		const changed = await t.api(`/api/board/sessions/${id}`, { method: 'PUT', cookie: coordinator.cookie, body: { ...body, start: `${day}T15:00`, end: `${day}T16:30` } });
		expect(changed.status, JSON.stringify(changed.body)).toBe(200);
		const second = parse((await download(id, invitee.cookie)).body).events[0]!;
		expect(second.uid).toBe(first.uid);
		expect(second.sequence).toBeGreaterThan(before);
		expect(second.startDate.toJSDate().toISOString()).toBe(`${day}T09:15:00.000Z`);

		const cancelled = await t.api(`/api/board/sessions/${id}/cancel`, { method: 'POST', cookie: coordinator.cookie, body: { reason: 'Te weinig mensen konden.' } });
		expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
		const third = parse((await download(id, invitee.cookie)).body).events[0]!;
		expect(third.uid).toBe(first.uid);
		expect(third.sequence).toBeGreaterThan(second.sequence);
		expect(prop(third, 'status')).toBe('CANCELLED');
		expect(third.description).toContain('Te weinig mensen konden.');
		// A cancelled session needs no link to join.
		expect(third.location ?? null).toBeNull();

		const inFeed = parse((await t.api(pathOf(feed.body.url))).body).byUid.get(first.uid)!;
		expect(inFeed).toBeDefined();
		expect(prop(inFeed, 'status')).toBe('CANCELLED');
		expect(inFeed.sequence).toBe(third.sequence);
	});
});

describe('the personal feed', () => {
	it('is made once, shown once, and holds exactly the sessions the person is invited to', async () => {
		const subscriber = await person(['member', 'board_member'], 'Abonnee');
		expect((await t.api('/api/me/calendar-feed', { cookie: subscriber.cookie })).body).toEqual({ active: false, createdAt: null });

		const mine = await session([{ who: subscriber }, { who: invitee }], 3, 'Kinderen en school');
		const declined = await session([{ who: subscriber, rsvp: 'no' }], 5, 'Het budget');
		const notMine = await session([{ who: invitee }], 4, 'Niet voor jou');
		const recent = await session([{ who: subscriber }], -30, 'Vorige maand');
		const old = await session([{ who: subscriber }], -100, 'Lang geleden');
		const cancelled = await session([{ who: subscriber }], 6, 'Afgelast');
		await t.db.update(meetings).set({ status: 'cancelled', cancelReason: 'Ziek', sequence: sql`${meetings.sequence} + 1` }).where(eq(meetings.id, cancelled.id));

		const made = await t.api('/api/me/calendar-feed', { method: 'POST', cookie: subscriber.cookie });
		expect(made.status).toBe(201);
		expect(made.body.url).toMatch(new RegExp(`^${t.url}/calendar/[a-z2-7]{32}\\.ics$`));
		expect(made.body.webcalUrl).toBe(made.body.url.replace(/^http:/, 'webcal:'));
		const status = await t.api('/api/me/calendar-feed', { cookie: subscriber.cookie });
		expect(status.body.active).toBe(true);
		// Shown once: the status never carries the address, and the database holds only its hash.
		expect(JSON.stringify(status.body)).not.toContain('/calendar/');
		const token = /\/calendar\/([a-z2-7]+)\.ics$/.exec(made.body.url)![1]!;
		const [stored] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, subscriber.id));
		expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored!.tokenHash).not.toContain(token);

		const res = await t.api(pathOf(made.body.url));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		expect(res.headers.get('set-cookie')).toBeNull();
		const cal = parse(res.body);
		expect(cal.method).toBe('PUBLISH');

		const invitedTo = await t.db
			.select({ uid: meetings.uid })
			.from(meetingInvitees)
			.innerJoin(meetings, eq(meetings.id, meetingInvitees.meetingId))
			.where(and(eq(meetingInvitees.userId, subscriber.id), sql`${meetings.startAt} >= now() - interval '90 days'`));
		expect([...cal.byUid.keys()].sort()).toEqual(invitedTo.map(uidOf).sort());
		expect(cal.byUid.has(uidOf(mine))).toBe(true);
		expect(cal.byUid.has(uidOf(recent))).toBe(true);
		expect(cal.byUid.has(uidOf(notMine))).toBe(false);
		expect(cal.byUid.has(uidOf(old))).toBe(false);
		// Declined: still there (the answer may change, a move should still reach them), but not blocking their time.
		expect(prop(cal.byUid.get(uidOf(declined))!, 'transp')).toBe('TRANSPARENT');
		expect(prop(cal.byUid.get(uidOf(mine))!, 'transp')).toBe('OPAQUE');
		const off = cal.byUid.get(uidOf(cancelled))!;
		expect(prop(off, 'status')).toBe('CANCELLED');
		expect(off.sequence).toBe(1);
		expect(cal.byUid.get(uidOf(mine))!.location).toBe(LINK);
	});

	it("holds every session for a coordinator, and never another person's session for a board member", async () => {
		const a = await session([{ who: invitee }], 2, 'Voor het lid');
		const b = await session([{ who: guest, kind: 'guest' }], 2, 'Voor de gast');
		const coord = await makeFeedFor(coordinator);
		const all = parse((await t.api(coord)).body);
		expect(all.byUid.has(uidOf(a))).toBe(true);
		expect(all.byUid.has(uidOf(b))).toBe(true);

		const board = parse((await t.api(await makeFeedFor(otherBoard))).body);
		expect(board.byUid.has(uidOf(a))).toBe(false);
		expect(board.byUid.has(uidOf(b))).toBe(false);
		const guestFeed = parse((await t.api(await makeFeedFor(guest))).body);
		expect(guestFeed.byUid.has(uidOf(b))).toBe(true);
		expect(guestFeed.byUid.get(uidOf(b))!.location).toBe(LINK);
		expect(guestFeed.byUid.has(uidOf(a))).toBe(false);
	});

	it('shows a change on the next poll: same UID, higher SEQUENCE, and 304 while nothing changed', async () => {
		const m = await session([{ who: invitee }], 8, 'Voor de wijziging');
		const path = await makeFeedFor(invitee);
		const first = await t.api(path);
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
		expect((await t.api(path, { headers: { 'if-none-match': etag } })).status).toBe(304);

		await t.db.update(meetings).set({ title: 'Na de wijziging', sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() }).where(eq(meetings.id, m.id));
		const again = await t.api(path, { headers: { 'if-none-match': etag } });
		expect(again.status).toBe(200);
		const e = parse(again.body).byUid.get(uidOf(m))!;
		expect(e.summary).toBe('Na de wijziging');
		expect(e.sequence).toBe(parse(first.body).byUid.get(uidOf(m))!.sequence + 1);
	});

	it('a new address kills the old one at once; a stopped feed and an unknown address are 404', async () => {
		const someone = await person(['member', 'board_member'], 'Wisselaar');
		const old = (await t.api('/api/me/calendar-feed', { method: 'POST', cookie: someone.cookie })).body.url as string;
		expect((await t.api(pathOf(old))).status).toBe(200);
		const fresh = (await t.api('/api/me/calendar-feed', { method: 'POST', cookie: someone.cookie })).body.url as string;
		expect(fresh).not.toBe(old);
		expect((await t.api(pathOf(old))).status).toBe(404);
		expect((await t.api(pathOf(fresh))).status).toBe(200);

		expect((await t.api('/api/me/calendar-feed', { method: 'DELETE', cookie: someone.cookie })).status).toBe(204);
		expect((await t.api(pathOf(fresh))).status).toBe(404);
		expect((await t.api('/api/me/calendar-feed', { cookie: someone.cookie })).body.active).toBe(false);
		expect((await t.api(`/calendar/${'a'.repeat(32)}.ics`)).status).toBe(404);
		expect((await t.api('/calendar/not-a-token.ics')).status).toBe(404);
	});

	it('stops answering for a person who is no longer active', async () => {
		const someone = await person(['member', 'board_member'], 'Geschorst');
		const path = await makeFeedFor(someone);
		expect((await t.api(path)).status).toBe(200);
		await t.adminUpdate(someone.id, { status: 'suspended' });
		expect((await t.api(path)).status).toBe(404);
	});

	it('refuses guessing from one client (429 with the wait) while a real address is still served', async () => {
		const ip = '203.0.113.77';
		for (let i = 0; i < FEED_MISS_LIMITS.perAddress; i++) await expect(calendarFeed(`${'b'.repeat(31)}${i % 8 + 2}`, { ip })).rejects.toMatchObject({ code: 'not_found' });
		const refused = await calendarFeed('c'.repeat(32), { ip }).catch((e: unknown) => e);
		expect(isDomainError(refused) && refused.code).toBe('rate_limited');
		expect(isDomainError(refused) && refused.retryAfter).toBeGreaterThan(0);
		const [owner] = await t.db.select(userColumns).from(users).where(eq(users.id, invitee.id));
		const { token } = await makeCalendarFeed({ kind: 'user', user: owner!, sessionId: '' });
		await expect(calendarFeed(token, { ip })).resolves.toContain('BEGIN:VCALENDAR');
	});
});

describe('the calendar page, without JavaScript', () => {
	const post = (action: string, cookie: string) =>
		t.api(`/account/calendar?/${action}`, { method: 'POST', cookie, origin: t.url, headers: { accept: 'text/html' }, rawBody: '', contentType: 'application/x-www-form-urlencoded' });

	it('shows the new address once, in the answer that made it, and never on the page after', async () => {
		const someone = await person(['member', 'board_member'], 'Zonder JS');
		const made = await post('make', someone.cookie);
		expect(made.status).toBe(200);
		const url = /value="(http[^"]+\/calendar\/[a-z2-7]{32}\.ics)"/.exec(made.body)?.[1];
		expect(url, 'the address in the page after making it').toBeDefined();
		expect(made.body).toContain('webcal://');
		expect((await t.api(pathOf(url!))).status).toBe(200);

		const later = await t.api('/account/calendar', { cookie: someone.cookie });
		expect(later.status).toBe(200);
		expect(later.body).not.toMatch(/\/calendar\/[a-z2-7]{32}\.ics/);

		const stopped = await post('stop', someone.cookie);
		expect(stopped.status).toBe(200);
		expect((await t.api(pathOf(url!))).status).toBe(404);
	});

	it('is linked from the account page for the board, not for a plain member', async () => {
		const board = await t.api('/account', { cookie: invitee.cookie });
		expect(board.body).toContain('href="/account/calendar"');
		const plain = await t.api('/account', { cookie: member.cookie });
		expect(plain.body).not.toContain('href="/account/calendar"');
	});
});

/** A fresh feed address for `who`, as the path to fetch. */
async function makeFeedFor(who: Person): Promise<string> {
	const res = await t.api('/api/me/calendar-feed', { method: 'POST', cookie: who.cookie });
	if (res.status !== 201) throw new Error(`feed: ${res.status} ${JSON.stringify(res.body)}`);
	return pathOf(res.body.url);
}

describe('the feed address in the request log', () => {
	it('never carries the secret: the log writes /calendar/[token].ics (and /invite/[token] as before)', async () => {
		const { redactUrl } = await import('../../src/server/app');
		expect(redactUrl('/calendar/3f9c0d1e2b4a5968.ics?x=1')).toBe('/calendar/[token].ics?x=1');
		expect(redactUrl('/invite/abcdef')).toBe('/invite/[token]');
		expect(redactUrl('/board/sessions/4/calendar.ics')).toBe('/board/sessions/4/calendar.ics');
	});
});
