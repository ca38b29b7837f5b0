/**
 * The live session room over real sockets: who may join its room (invitees
 * and coordinators; not the uninvited, not for a cancelled session), that its
 * events reach only the room (a proposal only coordinators and its proposer),
 * that no event carries the meeting link or an author, the agenda moving on,
 * presence and the attendance it records (a coordinator's correction wins),
 * and the catch-up after a dropped connection: exactly what was missed, once,
 * through Socket.IO's recovery and through `?since=`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { io as ioClient } from 'socket.io-client';
import { ack, settled, sleep, useServer, type TestSocket } from '../helpers/server';
import { collect, join } from '../helpers/sockets';
import { createMeeting, meetingPerson, type MeetingPerson } from '../helpers/meetings';
import { meetingInvitees, meetings } from '../../src/lib/server/db/schema';
import { runtime } from '../../src/lib/server/runtime';
import { meetingCoordinatorsRoom, meetingRoom } from '../../src/lib/shared/rooms';
import type { MeetingAgendaChange, MeetingAttendanceChange, MeetingPresence, MeetingRoomState, NoteEntry } from '../../src/lib/shared/meetings-room';

const t = useServer();

let coordinator: MeetingPerson;
let board: MeetingPerson;
let otherBoard: MeetingPerson;
let uninvited: MeetingPerson;
let member: MeetingPerson;
const LINK = 'https://meet.example.org/klankbord-geheim-7731';

beforeAll(async () => {
	coordinator = await meetingPerson(t, 'Coördinator Carla', ['coordinator']);
	board = await meetingPerson(t, 'Bestuurslid Bea');
	otherBoard = await meetingPerson(t, 'Bestuurslid Bas');
	uninvited = await meetingPerson(t, 'Niet Uitgenodigd');
	member = await meetingPerson(t, 'Lid Lotte', ['member']);
});

const live = (extra: Parameters<typeof createMeeting>[0] = {}) => createMeeting({ invitees: [board.id, otherBoard.id], current: 0, meetingLink: LINK, ...extra });
const base = (id: number) => `/api/board/sessions/${id}/room`;
const add = (id: number, who: MeetingPerson, body: Record<string, unknown>) => t.api(`${base(id)}/entries`, { method: 'POST', cookie: who.cookie, body });
const move = (id: number, body: Record<string, unknown>, who = coordinator) => t.api(`${base(id)}/agenda`, { method: 'POST', cookie: who.cookie, body });

/** Every event of the room's kinds a socket hears, in order, as [event, payload]. */
function record(s: TestSocket): [string, unknown][] {
	const heard: [string, unknown][] = [];
	for (const event of ['meeting:agenda', 'meeting:entry', 'meeting:entry-removed', 'meeting:presence', 'meeting:attendance'] as const) s.on(event, (p: unknown) => heard.push([event, p]));
	return heard;
}

describe('joining the room', () => {
	it('invitees and coordinators may; the uninvited, other people and anyone for a cancelled session may not', async () => {
		const m = await live();
		const answer = async (who: MeetingPerson, room: string) => {
			const s = await t.connect(who.cookie);
			const a = await join(s, room);
			s.close();
			return a.ok ? 'ok' : a.error;
		};
		expect(await answer(board, meetingRoom(m.id))).toBe('ok');
		expect(await answer(coordinator, meetingRoom(m.id))).toBe('ok');
		expect(await answer(coordinator, meetingCoordinatorsRoom(m.id))).toBe('ok');
		expect(await answer(board, meetingCoordinatorsRoom(m.id))).toBe('forbidden');
		expect(await answer(uninvited, meetingRoom(m.id))).toBe('forbidden');
		expect(await answer(member, meetingRoom(m.id))).toBe('not_found');
		expect(await answer(board, meetingRoom(2_000_000_000))).toBe('not_found');
		const cancelled = await live({ status: 'cancelled' });
		expect(await answer(board, meetingRoom(cancelled.id))).toBe('forbidden');
		expect(await answer(coordinator, meetingRoom(cancelled.id))).toBe('forbidden');
		// And the room's state over HTTP, by the same rule.
		expect((await t.api(base(m.id), { cookie: uninvited.cookie })).status).toBe(403);
		expect((await t.api(base(m.id), { cookie: member.cookie })).status).toBe(404);
		expect((await t.api(base(m.id), { cookie: board.cookie })).status).toBe(200);
	});

	it('an invitation withdrawn (meeting.access.changed) takes an open socket out of the room', async () => {
		const m = await live();
		const s = await t.connect(otherBoard.cookie);
		expect(await join(s, meetingRoom(m.id))).toEqual({ ok: true });
		const heard = record(s);
		await t.db.delete(meetingInvitees).where(and(eq(meetingInvitees.meetingId, m.id), eq(meetingInvitees.userId, otherBoard.id)));
		runtime().bus.publish([{ type: 'meeting.access.changed', meetingId: m.id }]);
		const inRoom = async () => (await t.server.realtime.io.in(meetingRoom(m.id)).fetchSockets()).some((x) => x.data.actor.user.id === otherBoard.id);
		const deadline = Date.now() + 3_000;
		while ((await inRoom()) && Date.now() < deadline) await sleep(20);
		expect(await inRoom()).toBe(false);
		expect((await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'point', body: 'Na het vertrek.' })).status).toBe(201);
		await settled(s);
		expect(heard.filter(([e]) => e === 'meeting:entry')).toEqual([]);
		s.close();
	});
});

describe('a cancelled session', () => {
	it('takes everyone out of its room at once, coordinators too', async () => {
		const m = await live({ createdBy: null });
		const bea = await t.connect(board.cookie);
		const coord = await t.connect(coordinator.cookie);
		expect(await join(bea, meetingRoom(m.id))).toEqual({ ok: true });
		expect(await join(coord, meetingCoordinatorsRoom(m.id))).toEqual({ ok: true });
		const cancelled = await t.api(`/api/board/sessions/${m.id}/cancel`, { method: 'POST', cookie: coordinator.cookie, body: { reason: 'De coördinator is ziek.' } });
		expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
		const io = t.server.realtime.io;
		const deadline = Date.now() + 3_000;
		const anyone = async () => (await io.in(meetingRoom(m.id)).fetchSockets()).length + (await io.in(meetingCoordinatorsRoom(m.id)).fetchSockets()).length;
		while ((await anyone()) > 0 && Date.now() < deadline) await sleep(20);
		expect(await anyone()).toBe(0);
		bea.close();
		coord.close();
	});
});

describe('events reach only their audience', () => {
	it('an accepted entry reaches the room; a proposal only coordinators and its proposer; none carries the link or an author', async () => {
		const m = await live();
		const coord = await t.connect(coordinator.cookie);
		expect(await join(coord, meetingRoom(m.id))).toEqual({ ok: true });
		expect(await join(coord, meetingCoordinatorsRoom(m.id))).toEqual({ ok: true });
		const bea = await t.connect(board.cookie);
		expect(await join(bea, meetingRoom(m.id))).toEqual({ ok: true });
		const bas = await t.connect(otherBoard.cookie);
		expect(await join(bas, meetingRoom(m.id))).toEqual({ ok: true });
		// The uninvited board member is connected (their own rooms) and asked to join (refused): they must hear nothing.
		const outsider = await t.connect(uninvited.cookie);
		expect((await join(outsider, meetingRoom(m.id))).ok).toBe(false);
		const heard = { coord: record(coord), bea: record(bea), bas: record(bas), outsider: record(outsider) };

		const written = await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'decision', body: 'We vragen om een landenoverzicht.' });
		const proposal = await add(m.id, board, { itemId: m.itemIds[0], kind: 'quote', body: 'Ik voelde me onzichtbaar zonder werk.' });
		await Promise.all([coord, bea, bas, outsider].map((s) => settled(s)));
		const entries = (h: [string, unknown][]) => h.filter(([e]) => e === 'meeting:entry').map(([, p]) => (p as NoteEntry).id);
		expect(entries(heard.coord)).toEqual([written.body.id, proposal.body.id]);
		expect(entries(heard.bea)).toEqual([written.body.id, proposal.body.id]);
		expect(entries(heard.bas)).toEqual([written.body.id]);
		expect(entries(heard.outsider)).toEqual([]);

		const accepted = await t.api(`${base(m.id)}/entries/${proposal.body.id}/decision`, { method: 'POST', cookie: coordinator.cookie, body: { decision: 'accept' } });
		expect(accepted.status).toBe(200);
		await Promise.all([coord, bea, bas, outsider].map((s) => settled(s)));
		expect(entries(heard.bas)).toEqual([written.body.id, proposal.body.id]);
		// The live payload is the stored entry as a reader fetches it.
		const fetched = ((await t.api(base(m.id), { cookie: otherBoard.cookie })).body as MeetingRoomState).entries.find((e) => e.id === proposal.body.id);
		expect(heard.bas.filter(([e]) => e === 'meeting:entry').at(-1)![1]).toEqual(fetched);
		expect(heard.outsider).toEqual([]);

		for (const h of Object.values(heard)) {
			expect(JSON.stringify(h)).not.toContain(LINK);
			// Presence names who is in the room; an entry never names who wrote it.
			const notes = JSON.stringify(h.filter(([e]) => e !== 'meeting:presence'));
			expect(notes).not.toContain(board.id);
			expect(notes).not.toContain('Bestuurslid Bea');
			expect(notes).not.toContain('authorId');
		}
		for (const s of [coord, bea, bas, outsider]) s.close();
	});
});

describe('the agenda', () => {
	it('moves on for the whole room with its change number; two moves from the same item move it once', async () => {
		const m = await live();
		const bea = await t.connect(board.cookie);
		expect(await join(bea, meetingRoom(m.id))).toEqual({ ok: true });
		const moves = collect<MeetingAgendaChange>(bea, 'meeting:agenda', 1);
		const [first, second] = await Promise.all([move(m.id, { move: 'next', from: m.itemIds[0] }), move(m.id, { move: 'next', from: m.itemIds[0] })]);
		expect([first.status, second.status].sort()).toEqual([200, 409]);
		const [heard] = await moves;
		expect(heard).toMatchObject({ meetingId: m.id, currentItemId: m.itemIds[1] });
		expect(new Date(heard!.currentItemSince!).getTime()).toBeGreaterThan(Date.now() - 10_000);
		const state = (await t.api(base(m.id), { cookie: board.cookie })).body as MeetingRoomState;
		expect(state.agenda.currentItemId).toBe(m.itemIds[1]);
		expect(state.seq).toBeGreaterThanOrEqual(heard!.seq);
		// Past the end and before the start are refused; set and clear work; members may not move it.
		expect((await move(m.id, { move: 'set', itemId: m.itemIds[2] })).status).toBe(200);
		expect((await move(m.id, { move: 'next' })).status).toBe(409);
		expect((await move(m.id, { move: 'clear' })).body.currentItemId).toBeNull();
		expect((await move(m.id, { move: 'previous' })).status).toBe(409);
		expect((await move(m.id, { move: 'next' })).body.currentItemId).toBe(m.itemIds[0]);
		expect((await move(m.id, { move: 'next' }, board)).status).toBe(403);
		bea.close();
	});
});

describe('presence and attendance', () => {
	it('who is in the room is told to the room; opening it during the session records attendance once', async () => {
		const m = await live();
		const coord = await t.connect(coordinator.cookie);
		await join(coord, meetingRoom(m.id));
		await join(coord, meetingCoordinatorsRoom(m.id));
		const presence = collect<MeetingPresence>(coord, 'meeting:presence', 1, 3_000, (p) => p.people.some((x) => x.id === board.id));
		const attendance = collect<MeetingAttendanceChange>(coord, 'meeting:attendance', 1);
		const bea = await t.connect(board.cookie);
		expect(await join(bea, meetingRoom(m.id))).toEqual({ ok: true });
		expect((await presence)[0]!.people.map((p) => p.name)).toEqual(['Bestuurslid Bea', 'Coördinator Carla']);
		expect((await attendance)[0]).toEqual({ meetingId: m.id, userId: board.id, attended: true, source: 'presence' });
		const [row] = await t.db.select().from(meetingInvitees).where(and(eq(meetingInvitees.meetingId, m.id), eq(meetingInvitees.userId, board.id)));
		expect(row).toMatchObject({ attended: true, attendanceSource: 'presence' });
		// The room's state names who is there now.
		const state = (await t.api(base(m.id), { cookie: otherBoard.cookie })).body as MeetingRoomState;
		expect(state.present.map((p) => p.id).sort()).toEqual([board.id, coordinator.id].sort());
		expect(state.attendance).toBeNull();
		// Leaving is told too.
		const left = collect<MeetingPresence>(coord, 'meeting:presence', 1, 3_000, (p) => !p.people.some((x) => x.id === board.id));
		bea.close();
		await left;
		coord.close();
	});

	it('a coordinator’s correction stands over later presence; outside the window nothing is recorded', async () => {
		const m = await live();
		const set = (userId: string, attended: boolean, who = coordinator) => t.api(`${base(m.id)}/attendance/${userId}`, { method: 'PUT', cookie: who.cookie, body: { attended } });
		expect((await set(otherBoard.id, false)).body).toEqual({ meetingId: m.id, userId: otherBoard.id, attended: false, source: 'coordinator' });
		expect((await set(otherBoard.id, true, board)).status).toBe(403);
		expect((await set(uninvited.id, true)).status).toBe(404);
		const bas = await t.connect(otherBoard.cookie);
		expect(await join(bas, meetingRoom(m.id))).toEqual({ ok: true });
		await sleep(300);
		const [row] = await t.db.select().from(meetingInvitees).where(and(eq(meetingInvitees.meetingId, m.id), eq(meetingInvitees.userId, otherBoard.id)));
		expect(row).toMatchObject({ attended: false, attendanceSource: 'coordinator' });
		bas.close();

		// A session next week: opening its room now is not attending it.
		const later = await live({ startAt: new Date(Date.now() + 7 * 24 * 3600_000) });
		const early = await t.connect(board.cookie);
		expect(await join(early, meetingRoom(later.id))).toEqual({ ok: true });
		await sleep(300);
		const [none] = await t.db.select().from(meetingInvitees).where(and(eq(meetingInvitees.meetingId, later.id), eq(meetingInvitees.userId, board.id)));
		expect(none).toMatchObject({ attended: null, attendanceSource: null });
		early.close();
	});
});

describe('catching up after a dropped connection', () => {
	it('Socket.IO’s recovery replays exactly the missed changes, once each, in order; ?since= answers the same', async () => {
		const m = await live();
		const entry = (await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'point', body: 'Eerste punt, voor de onderbreking.' })).body as NoteEntry;
		const bea: TestSocket = ioClient(t.url, { transports: ['websocket'], extraHeaders: { cookie: board.cookie }, reconnection: false, forceNew: true });
		await new Promise<void>((resolve) => bea.once('connect', () => resolve()));
		expect(await ack(bea, 'room:join', meetingRoom(m.id))).toEqual({ ok: true });
		const before = (await t.api(base(m.id), { cookie: board.cookie })).body as MeetingRoomState;
		const heard = record(bea);

		const dropped = new Promise<string>((resolve) => bea.once('disconnect', (reason) => resolve(reason)));
		bea.io.engine.close(); // the network drops
		await dropped;
		// While away: a new entry, an edit, a deletion, the agenda moving on, and a proposal by someone else (not for Bea).
		const added = (await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'quote', body: 'Mijn kinderen spreken nu drie talen.' })).body as NoteEntry;
		const edited = (await t.api(`${base(m.id)}/entries/${added.id}`, { method: 'PATCH', cookie: coordinator.cookie, body: { version: 1, kind: 'quote', body: 'Mijn kinderen spreken nu drie talen, en missen er één.' } })).body as NoteEntry;
		const removed = (await t.api(`${base(m.id)}/entries/${entry.id}?version=1`, { method: 'DELETE', cookie: coordinator.cookie })).body as { id: number; seq: number };
		const moved = (await move(m.id, { move: 'next' })).body as MeetingAgendaChange;
		const foreign = (await add(m.id, otherBoard, { itemId: m.itemIds[1], kind: 'point', body: 'Voorstel van Bas.' })).body as NoteEntry;
		expect(heard).toEqual([]);

		const replayed = collect<MeetingAgendaChange>(bea, 'meeting:agenda', 1, 3_000);
		bea.connect();
		await new Promise<void>((resolve) => bea.once('connect', () => resolve()));
		expect(bea.recovered).toBe(true);
		await replayed;
		await settled(bea);
		const changes = heard.filter(([e]) => e !== 'meeting:presence');
		expect(changes).toEqual([
			['meeting:entry', added],
			['meeting:entry', edited],
			['meeting:entry-removed', { meetingId: m.id, id: entry.id, itemId: entry.itemId, seq: removed.seq }],
			['meeting:agenda', moved]
		]);

		// Away too long for the replay: the room's state after the last number seen holds the same, and only that.
		const since = (await t.api(`${base(m.id)}?since=${before.seq}`, { cookie: board.cookie })).body as MeetingRoomState;
		expect(since.since).toBe(before.seq);
		expect(since.entries).toEqual([edited]);
		expect(since.entryIds).toEqual([added.id]);
		expect(since.agenda.currentItemId).toBe(moved.currentItemId);
		expect(since.seq).toBe(foreign.seq);
		// The coordinator's catch-up includes the proposal Bea is not shown.
		const theirs = (await t.api(`${base(m.id)}?since=${before.seq}`, { cookie: coordinator.cookie })).body as MeetingRoomState;
		expect(theirs.entries.map((e) => e.id)).toEqual([edited.id, foreign.id]);
		// A number from the future is nothing missed; a malformed one is refused.
		expect(((await t.api(`${base(m.id)}?since=${since.seq + 100}`, { cookie: board.cookie })).body as MeetingRoomState).entries).toEqual([]);
		expect((await t.api(`${base(m.id)}?since=-1`, { cookie: board.cookie })).status).toBe(400);
		bea.close();
	});

	it('a change numbered while the room is being read is never lost: the answer’s seq only covers what it holds', async () => {
		const m = await live();
		const writes = Array.from({ length: 12 }, (_, i) => add(m.id, coordinator, { itemId: m.itemIds[i % 3], kind: 'point', body: `Gelijktijdig punt ${i + 1}.` }));
		const reads: MeetingRoomState[] = [];
		const reading = (async () => {
			for (let i = 0; i < 6; i++) reads.push((await t.api(base(m.id), { cookie: board.cookie })).body as MeetingRoomState);
		})();
		await Promise.all([...writes, reading]);
		const [{ seq: last }] = (await t.db.select({ seq: meetings.seq }).from(meetings).where(eq(meetings.id, m.id))) as [{ seq: number }];
		for (const r of reads) {
			// Every entry numbered up to the answer's seq is in it.
			const numbers = new Set(r.entries.map((e) => e.seq));
			for (let n = 1; n <= r.seq; n++) expect(numbers.has(n), `seq ${n} of ${r.seq}`).toBe(true);
		}
		expect(last).toBe(12);
	});
});
