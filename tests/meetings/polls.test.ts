/**
 * Quick polls in the room: a coordinator asks under the current agenda item,
 * participants answer once (a second answer is refused and changes nothing),
 * everyone in the room sees the counts live and never who chose what, the
 * coordinator closes it and the result stays with the item (pollResultsFor,
 * which the published notes print). On Postgres (TEST_DATABASE_URL) twenty
 * participants answer on real connections at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { settled, useServer, type TestSocket } from '../helpers/server';
import { join } from '../helpers/sockets';
import { meetingPollAnswers, meetingPolls } from '../../src/lib/server/db/schema';
import { createMeeting, meetingPerson } from '../helpers/meetings';
import type { Role } from '../../src/lib/shared/roles';
import { meetingRoom } from '../../src/lib/shared/rooms';
import { translate } from '../../src/lib/i18n/translate';
import { pollResultsFor } from '../../src/lib/server/meetings/polls';
import type { MeetingPoll, MeetingPollView } from '../../src/lib/shared/meetings-questions';

const t = useServer();

interface Person {
	id: string;
	cookie: string;
}
let coordinator: Person;

const person = (roles: Role[], name: string, language: 'nl' | 'en' = 'en'): Promise<Person> => meetingPerson(t, name, roles, language);

/** A session going on now (on its first item unless `current` is false), with these invitees. */
async function liveMeeting(invitees: { person: Person; kind?: 'board' | 'guest' }[], current = true): Promise<{ id: number; items: number[] }> {
	const { id, itemIds } = await createMeeting({ current: current ? 0 : undefined, createdBy: coordinator.id, invitees: invitees.map((i) => ({ userId: i.person.id, kind: i.kind })) });
	return { id, items: itemIds };
}

const open = (meetingId: number, who: Person, body: Record<string, unknown>) => t.api(`/api/board/sessions/${meetingId}/polls`, { method: 'POST', cookie: who.cookie, body });
const answer = (meetingId: number, pollId: number, who: Person, option: number) =>
	t.api(`/api/board/sessions/${meetingId}/polls/${pollId}/answer`, { method: 'POST', cookie: who.cookie, body: { option } });
const close = (meetingId: number, pollId: number, who: Person) => t.api(`/api/board/sessions/${meetingId}/polls/${pollId}/close`, { method: 'POST', cookie: who.cookie });
const polls = async (meetingId: number, who: Person): Promise<MeetingPollView[]> => {
	const res = await t.api(`/api/board/sessions/${meetingId}/polls`, { cookie: who.cookie });
	expect(res.status).toBe(200);
	return res.body;
};
const counts = (p: Pick<MeetingPoll, 'options'>) => p.options.map((o) => o.count);

function heard(socket: TestSocket): MeetingPoll[] {
	const got: MeetingPoll[] = [];
	socket.on('meeting:poll', (p) => got.push(p));
	return got;
}

async function inRoom(who: Person, meetingId: number): Promise<TestSocket> {
	const socket = await t.connect(who.cookie);
	expect(await join(socket, meetingRoom(meetingId))).toEqual({ ok: true });
	return socket;
}

const QUESTION = { question: 'Did the ministry help you find work after returning?', options: ['Yes, enough', 'Some', 'Not at all'] };

beforeAll(async () => {
	coordinator = await person(['coordinator'], 'Carla Coördinator');
});

describe('a quick poll', () => {
	it('is asked by the coordinator under the current item; each answer shows live as counts, without names; closed, it keeps its result', async () => {
		const a = await person(['member', 'board_member'], 'Mila Visser');
		const b = await person(['member', 'board_member'], 'Noah de Boer');
		const guest = await person(['policy_staff'], 'Guest Officer');
		const { id, items } = await liveMeeting([{ person: a }, { person: b }, { person: guest, kind: 'guest' }]);
		const socket = await inRoom(b, id);
		const live = heard(socket);

		const opened = await open(id, coordinator, QUESTION);
		expect(opened.status).toBe(201);
		const poll = opened.body as MeetingPollView;
		expect(poll).toMatchObject({ meetingId: id, itemId: items[0], question: QUESTION.question, total: 0, closedAt: null, myOption: null });
		expect(poll.options).toEqual(QUESTION.options.map((label) => ({ label, count: 0 })));

		const mine = await answer(id, poll.id, a, 2);
		expect(mine.status).toBe(201);
		expect(mine.body).toMatchObject({ total: 1, myOption: 2 });
		expect(counts(mine.body)).toEqual([0, 0, 1]);
		expect((await answer(id, poll.id, b, 0)).body.myOption).toBe(0);
		expect((await answer(id, poll.id, guest, 2)).status).toBe(201);
		await settled(socket);
		expect(live.map((p) => [p.total, ...counts(p)])).toEqual([
			[0, 0, 0, 0],
			[1, 0, 0, 1],
			[2, 1, 0, 1],
			[3, 1, 0, 2]
		]);
		// What the room hears names no one and carries no one's own answer.
		for (const p of live) {
			expect(p).not.toHaveProperty('myOption');
			expect(JSON.stringify(p)).not.toMatch(/Mila|Noah|Guest|[0-9a-f]{8}-[0-9a-f]{4}-/);
		}
		// Each sees their own answer; the coordinator, who did not answer, none.
		expect((await polls(id, a))[0]).toMatchObject({ myOption: 2, total: 3 });
		expect((await polls(id, coordinator))[0]).toMatchObject({ myOption: null, total: 3 });

		const closed = await close(id, poll.id, coordinator);
		expect(closed.status).toBe(200);
		expect(closed.body.closedAt).toEqual(expect.any(String));
		await settled(socket);
		expect(live.at(-1)).toMatchObject({ id: poll.id, closedAt: closed.body.closedAt, total: 3 });
		// Closing again changes nothing and tells no one.
		expect((await close(id, poll.id, coordinator)).body.closedAt).toBe(closed.body.closedAt);
		await settled(socket);
		expect(live).toHaveLength(5);
		const late = await answer(id, poll.id, coordinator, 1);
		expect(late.status).toBe(409);
		expect(late.body.message).toBe(translate('error_meeting_poll_closed', 'en'));
	});

	it('is answered once: a second answer, the same or another, is refused with a message, and the count stays', async () => {
		const a = await person(['member', 'board_member'], 'Julia Meijer', 'nl');
		const { id } = await liveMeeting([{ person: a }]);
		const poll = (await open(id, coordinator, QUESTION)).body as MeetingPollView;
		expect((await answer(id, poll.id, a, 0)).status).toBe(201);
		for (const option of [0, 1]) {
			const again = await answer(id, poll.id, a, option);
			expect(again.status).toBe(409);
			expect(again.body.message).toBe(translate('error_meeting_poll_answered', 'nl'));
		}
		expect((await polls(id, a))[0]).toMatchObject({ myOption: 0, total: 1 });
		expect(counts((await polls(id, a))[0]!)).toEqual([1, 0, 0]);
		// An option that is not in the list.
		const poll2 = (await open(id, coordinator, { question: 'Two options', options: ['Yes', 'No'] })).body as MeetingPollView;
		const beyond = await answer(id, poll2.id, a, 2);
		expect(beyond.status).toBe(400);
		expect(beyond.body.message).toBe(translate('error_meeting_poll_choose', 'nl'));
		expect(await t.db.select().from(meetingPollAnswers).where(eq(meetingPollAnswers.pollId, poll2.id))).toEqual([]);
	});

	it('has a question of 1 to 300 characters and 2 to 6 different options of 1 to 120: every problem is named at once, and nothing is saved', async () => {
		const { id } = await liveMeeting([]);
		const bad = await open(id, coordinator, { question: ' ', options: ['Yes', 'yes', 'x'.repeat(121)] });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.fields).sort()).toEqual(['options.1', 'options.2', 'question']);
		expect(bad.body.fields['options.1']).toBe(translate('error_meeting_poll_option_twice', 'en'));
		for (const options of [['Only one'], ['1', '2', '3', '4', '5', '6', '7']]) {
			const res = await open(id, coordinator, { question: 'How many?', options });
			expect(res.status).toBe(400);
			expect(res.body.field).toBe('options');
			expect(res.body.message).toBe(translate('error_meeting_poll_options', 'en'));
		}
		expect(await t.db.select().from(meetingPolls).where(eq(meetingPolls.meetingId, id))).toEqual([]);
		expect((await open(id, coordinator, { question: 'q'.repeat(300), options: ['1', '2', '3', '4', '5', 'o'.repeat(120)] })).status).toBe(201);
	});

	it('belongs to an agenda item: the current one, or one of this session named; none yet is refused with what to do', async () => {
		const { id, items } = await liveMeeting([], false);
		const none = await open(id, coordinator, QUESTION);
		expect(none.status).toBe(409);
		expect(none.body.message).toBe(translate('error_meeting_poll_no_item', 'en'));
		const named = await open(id, coordinator, { ...QUESTION, itemId: items[1] });
		expect(named.status).toBe(201);
		expect(named.body.itemId).toBe(items[1]);
		const other = await liveMeeting([]);
		const foreign = await open(id, coordinator, { ...QUESTION, itemId: other.items[0] });
		expect(foreign.status).toBe(400);
		expect(foreign.body.field).toBe('itemId');
	});
});

describe('who may do what', () => {
	it('board members answer but cannot open or close; whoever is not in the room cannot see, answer, join or hear', async () => {
		const a = await person(['member', 'board_member'], 'Invited Member');
		const member = await person(['member'], 'Group Member');
		const uninvitedBoard = await person(['member', 'board_member'], 'Uninvited Board Member');
		const policy = await person(['policy_staff'], 'Uninvited Policy Officer');
		const { id } = await liveMeeting([{ person: a }]);
		expect((await open(id, a, QUESTION)).status).toBe(403);
		const poll = (await open(id, coordinator, QUESTION)).body as MeetingPollView;
		expect((await close(id, poll.id, a)).status).toBe(403);

		const sockets: { socket: TestSocket; got: MeetingPoll[] }[] = [];
		for (const [who, status] of [
			[member, 404],
			[policy, 404],
			[uninvitedBoard, 403]
		] as [Person, number][]) {
			expect((await t.api(`/api/board/sessions/${id}/polls`, { cookie: who.cookie })).status).toBe(status);
			expect((await open(id, who, QUESTION)).status).toBe(status);
			expect((await answer(id, poll.id, who, 0)).status).toBe(status);
			expect((await close(id, poll.id, who)).status).toBe(status);
			const socket = await t.connect(who.cookie);
			expect((await join(socket, meetingRoom(id))).ok).toBe(false);
			sockets.push({ socket, got: heard(socket) });
		}
		expect(await t.db.select().from(meetingPollAnswers).where(eq(meetingPollAnswers.pollId, poll.id))).toEqual([]);
		expect((await answer(id, poll.id, a, 1)).status).toBe(201);
		expect((await close(id, poll.id, coordinator)).status).toBe(200);
		for (const s of sockets) {
			await settled(s.socket);
			expect(s.got).toEqual([]);
		}
	});
});

describe('at once', () => {
	it('twenty participants answering at once, each twice: twenty answers, exact counts, one per person, and the room’s last word is the full count', async () => {
		const people: Person[] = [];
		for (let i = 0; i < 20; i++) people.push(await person(['member', 'board_member'], `Poll Racer ${i}`));
		const { id } = await liveMeeting(people.map((p) => ({ person: p })));
		const poll = (await open(id, coordinator, QUESTION)).body as MeetingPollView;
		const socket = await inRoom(people[0]!, id);
		const live = heard(socket);
		const retriesBefore = { ...t.server.runtime.retries };

		const results = await Promise.all(people.flatMap((p, i) => [answer(id, poll.id, p, i % 3), answer(id, poll.id, p, (i + 1) % 3)]));
		const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
		expect(byStatus).toEqual({ 201: 20, 409: 20 });
		const rows = await t.db
			.select({ option: meetingPollAnswers.option, n: sql<number>`count(*)::int` })
			.from(meetingPollAnswers)
			.where(eq(meetingPollAnswers.pollId, poll.id))
			.groupBy(meetingPollAnswers.option);
		expect(rows.reduce((s, r) => s + r.n, 0)).toBe(20);
		// Whichever of a person's two answers came first counts; the room's counts are exactly the rows'.
		const final = (await polls(id, coordinator))[0]!;
		expect(final.total).toBe(20);
		expect(counts(final)).toEqual([0, 1, 2].map((o) => rows.find((r) => r.option === o)?.n ?? 0));
		await settled(socket);
		const bySeq = [...live].sort((x, y) => x.seq - y.seq);
		expect(bySeq.map((p) => p.total)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(counts(bySeq.at(-1)!)).toEqual(counts(final));
		expect(t.server.runtime.retries).toEqual(retriesBefore);
	}, 120_000);
});

describe('the result, with the notes', () => {
	it('pollResultsFor gives the closed polls per agenda item, in agenda order, with their counts and no names', async () => {
		const a = await person(['member', 'board_member'], 'Result Member');
		const { id, items } = await liveMeeting([{ person: a }]);
		const second = (await open(id, coordinator, { question: 'Is the allowance enough?', options: ['Yes', 'No'], itemId: items[1] })).body.id as number;
		const first = (await open(id, coordinator, QUESTION)).body.id as number;
		const stillOpen = (await open(id, coordinator, { question: 'Still open', options: ['A', 'B'] })).body.id as number;
		await answer(id, second, a, 1);
		await answer(id, first, a, 0);
		await answer(id, stillOpen, a, 0);
		await close(id, second, coordinator);
		await close(id, first, coordinator);

		const results = await pollResultsFor(id);
		expect(results.map((r) => [r.itemId, r.polls.map((p) => p.id)])).toEqual([
			[items[0], [first]],
			[items[1], [second]]
		]);
		expect(results[1]!.polls[0]).toMatchObject({ question: 'Is the allowance enough?', total: 1, options: [{ label: 'Yes', count: 0 }, { label: 'No', count: 1 }], closedAt: expect.any(String) });
		expect(JSON.stringify(results)).not.toContain(a.id);
		// The room's catch-up brings the polls that changed after the number seen, with my own answer.
		const state = await t.api(`/api/board/sessions/${id}/room`, { cookie: a.cookie });
		expect(state.status).toBe(200);
		expect((state.body.sections.polls as MeetingPollView[]).map((p) => p.id)).toEqual([stillOpen, first, second]);
		const since = state.body.seq as number;
		await close(id, stillOpen, coordinator);
		const back = await t.api(`/api/board/sessions/${id}/room?since=${since}`, { cookie: a.cookie });
		expect((back.body.sections.polls as MeetingPollView[]).map((p) => [p.id, p.myOption, p.closedAt !== null])).toEqual([[stillOpen, 0, true]]);
	});
});
