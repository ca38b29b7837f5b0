/**
 * The room's question queue: participants ask and upvote (one vote per
 * person, exact under many voters at once), coordinators mark questions
 * answered, the room hears every change live, and no one outside the room can
 * read, ask, vote, answer or hear. On Postgres (TEST_DATABASE_URL) the
 * voters race on real connections; on PGlite the same outcome is checked
 * serially.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { settled, useServer, type TestSocket } from '../helpers/server';
import { join } from '../helpers/sockets';
import { meetingQuestions, meetingQuestionVotes, meetings } from '../../src/lib/server/db/schema';
import { createMeeting, meetingPerson } from '../helpers/meetings';
import type { Role } from '../../src/lib/shared/roles';
import { meetingRoom } from '../../src/lib/shared/rooms';
import { translate } from '../../src/lib/i18n/translate';
import type { MeetingQuestion, MeetingQuestionView } from '../../src/lib/shared/meetings-questions';

const t = useServer();

interface Person {
	id: string;
	cookie: string;
}
let coordinator: Person;

const person = (roles: Role[], name: string, language: 'nl' | 'en' = 'en'): Promise<Person> => meetingPerson(t, name, roles, language);

/** A session going on now, on its first agenda item, with these invitees. */
async function liveMeeting(invitees: { person: Person; kind?: 'board' | 'guest' }[]): Promise<number> {
	const { id } = await createMeeting({ current: 0, createdBy: coordinator.id, invitees: invitees.map((i) => ({ userId: i.person.id, kind: i.kind })) });
	return id;
}

const ask = (meetingId: number, who: Person, body: string) => t.api(`/api/board/sessions/${meetingId}/questions`, { method: 'POST', cookie: who.cookie, body: { body } });
const vote = (meetingId: number, questionId: number, who: Person, voted = true) =>
	t.api(`/api/board/sessions/${meetingId}/questions/${questionId}/vote`, { method: 'PUT', cookie: who.cookie, body: { voted } });
const answered = (meetingId: number, questionId: number, who: Person, value = true) =>
	t.api(`/api/board/sessions/${meetingId}/questions/${questionId}/answered`, { method: 'PUT', cookie: who.cookie, body: { answered: value } });
const queue = async (meetingId: number, who: Person): Promise<MeetingQuestionView[]> => {
	const res = await t.api(`/api/board/sessions/${meetingId}/questions`, { cookie: who.cookie });
	expect(res.status).toBe(200);
	return res.body;
};

/** Every `meeting:question` a socket hears, from now on. */
function heard(socket: TestSocket): MeetingQuestion[] {
	const got: MeetingQuestion[] = [];
	socket.on('meeting:question', (q) => got.push(q));
	return got;
}

async function inRoom(who: Person, meetingId: number): Promise<TestSocket> {
	const socket = await t.connect(who.cookie);
	expect(await join(socket, meetingRoom(meetingId))).toEqual({ ok: true });
	return socket;
}

beforeAll(async () => {
	coordinator = await person(['coordinator'], 'Carla Coördinator');
});

describe('asking', () => {
	it('an invitee asks; every participant sees it with the name of who asked, and the room hears it live, without anyone’s own vote', async () => {
		const asker = await person(['member', 'board_member'], 'Sanne de Vries');
		const other = await person(['member', 'board_member'], 'Tom Jansen');
		const id = await liveMeeting([{ person: asker }, { person: other }]);
		const socket = await inRoom(other, id);
		const live = heard(socket);

		const res = await ask(id, asker, '  Is there a list of countries where the MoU lets partners work?  ');
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ meetingId: id, body: 'Is there a list of countries where the MoU lets partners work?', votes: 0, voted: false, answeredAt: null, askedBy: { id: asker.id, name: 'Sanne de Vries' } });
		await settled(socket);
		expect(live).toHaveLength(1);
		expect(live[0]).toMatchObject({ id: res.body.id, votes: 0, askedBy: { name: 'Sanne de Vries' } });
		expect(live[0]).not.toHaveProperty('voted');
		// The change took the room's next number, as the question's own.
		const [m] = await t.db.select({ seq: meetings.seq }).from(meetings).where(eq(meetings.id, id));
		expect(live[0]!.seq).toBe(m!.seq);

		const seen = await queue(id, other);
		expect(seen.map((q) => [q.body, q.askedBy?.name])).toEqual([['Is there a list of countries where the MoU lets partners work?', 'Sanne de Vries']]);
		// The coordinator (not on the invitee list) is in every room.
		expect((await queue(id, coordinator)).map((q) => q.id)).toEqual([res.body.id]);
	});

	it('a question is 1 to 500 characters: anything else is refused with a message to act on, and nothing is saved', async () => {
		const asker = await person(['member', 'board_member'], 'Lotte Bakker', 'nl');
		const id = await liveMeeting([{ person: asker }]);
		for (const body of ['', '   ', 'x'.repeat(501)]) {
			const res = await ask(id, asker, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(res.body.field).toBe('body');
			expect(res.body.message).toBe(translate('error_meeting_question_body', 'nl'));
		}
		expect(await t.db.select().from(meetingQuestions).where(eq(meetingQuestions.meetingId, id))).toEqual([]);
		expect((await ask(id, asker, 'y'.repeat(500))).status).toBe(201);
	});
});

describe('voting', () => {
	it('one vote per person: voting again changes nothing, false takes it back; not on your own question, nor on an answered one', async () => {
		const asker = await person(['member', 'board_member'], 'Priya Raman');
		const voter = await person(['member', 'board_member'], 'Ahmed Benali');
		const id = await liveMeeting([{ person: asker }, { person: voter }]);
		const q = (await ask(id, asker, 'How long does the allowance take to pay out?')).body as MeetingQuestionView;
		const socket = await inRoom(asker, id);
		const live = heard(socket);

		const first = await vote(id, q.id, voter);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ votes: 1, voted: true });
		const again = await vote(id, q.id, voter);
		expect(again.body).toMatchObject({ votes: 1, voted: true });
		await settled(socket);
		// The repeat changed nothing, so the room heard of one vote only.
		expect(live.map((c) => c.votes)).toEqual([1]);
		expect((await queue(id, voter))[0]).toMatchObject({ votes: 1, voted: true });
		expect((await queue(id, asker))[0]).toMatchObject({ votes: 1, voted: false });

		const back = await vote(id, q.id, voter, false);
		expect(back.body).toMatchObject({ votes: 0, voted: false });
		expect(await t.db.select().from(meetingQuestionVotes).where(eq(meetingQuestionVotes.questionId, q.id))).toEqual([]);

		const own = await vote(id, q.id, asker);
		expect(own.status).toBe(409);
		expect(own.body.message).toBe(translate('error_meeting_question_own', 'en'));

		await vote(id, q.id, voter);
		expect((await answered(id, q.id, coordinator)).status).toBe(200);
		const late = await vote(id, q.id, voter, false);
		expect(late.status).toBe(409);
		expect(late.body.message).toBe(translate('error_meeting_question_answered', 'en'));
		expect((await queue(id, voter))[0]).toMatchObject({ votes: 1, voted: true });
	});

	it('the queue: open questions by votes, then oldest first; answered ones below, the latest answered first', async () => {
		const people = [];
		for (let i = 0; i < 4; i++) people.push(await person(['member', 'board_member'], `Queue Member ${i}`));
		const [a, b, c, d] = people as [Person, Person, Person, Person];
		const id = await liveMeeting(people.map((p) => ({ person: p })));
		const q1 = (await ask(id, a, 'First, no votes')).body.id as number;
		const q2 = (await ask(id, b, 'Second, two votes')).body.id as number;
		const q3 = (await ask(id, c, 'Third, no votes')).body.id as number;
		const q4 = (await ask(id, d, 'Fourth, one vote, then answered')).body.id as number;
		const q5 = (await ask(id, a, 'Fifth, one vote')).body.id as number;
		await vote(id, q2, a);
		await vote(id, q2, c);
		await vote(id, q4, a);
		await vote(id, q5, b);
		await answered(id, q4, coordinator);
		await answered(id, q3, coordinator);
		expect((await queue(id, d)).map((q) => q.id)).toEqual([q2, q5, q1, q3, q4]);
		// Put back in the queue: it takes its place by votes again.
		expect((await answered(id, q4, coordinator, false)).body).toMatchObject({ answeredAt: null, votes: 1 });
		expect((await queue(id, d)).map((q) => q.id)).toEqual([q2, q4, q5, q1, q3]);
	});

	it('twenty voters at once, each sending their vote twice: the count is exactly twenty, one vote row each, and the room’s last word is twenty', async () => {
		const asker = await person(['member', 'board_member'], 'Race Asker');
		const voters: Person[] = [];
		for (let i = 0; i < 20; i++) voters.push(await person(['member', 'board_member'], `Race Voter ${i}`));
		const id = await liveMeeting([{ person: asker }, ...voters.map((p) => ({ person: p }))]);
		const q = (await ask(id, asker, 'Who pays for the school when we move mid-year?')).body.id as number;
		const socket = await inRoom(asker, id);
		const live = heard(socket);
		const retriesBefore = { ...t.server.runtime.retries };

		const answers = await Promise.all(voters.flatMap((v) => [vote(id, q, v), vote(id, q, v)]));
		expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
		expect(answers.every((r) => r.body.voted === true)).toBe(true);
		const [row] = await t.db.select({ votes: meetingQuestions.votes }).from(meetingQuestions).where(eq(meetingQuestions.id, q));
		expect(row!.votes).toBe(20);
		const rows = await t.db.select({ n: sql<number>`count(*)::int` }).from(meetingQuestionVotes).where(eq(meetingQuestionVotes.questionId, q));
		expect(rows[0]!.n).toBe(20);
		await settled(socket);
		// One broadcast per vote that counted, numbered in the order they committed: the counts climb 1…20.
		const bySeq = [...live].sort((x, y) => x.seq - y.seq);
		expect(bySeq.map((c) => c.votes)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

		// Half take their vote back, twice each, at once.
		const back = await Promise.all(voters.slice(0, 10).flatMap((v) => [vote(id, q, v, false), vote(id, q, v, false)]));
		expect(back.map((r) => r.status)).toEqual(back.map(() => 200));
		const [after] = await t.db.select({ votes: meetingQuestions.votes }).from(meetingQuestions).where(eq(meetingQuestions.id, q));
		expect(after!.votes).toBe(10);
		const left = await t.db.select({ userId: meetingQuestionVotes.userId }).from(meetingQuestionVotes).where(eq(meetingQuestionVotes.questionId, q));
		expect(left.map((r) => r.userId).sort()).toEqual(voters.slice(10).map((v) => v.id).sort());
		// Not one vote met a deadlock (transact would have run it again and counted it).
		expect(t.server.runtime.retries).toEqual(retriesBefore);
	}, 120_000);
});

describe('answering', () => {
	it('coordinators mark a question answered (the room hears it) and can put it back; a board member cannot', async () => {
		const asker = await person(['member', 'board_member'], 'Eva Smit');
		const id = await liveMeeting([{ person: asker }]);
		const q = (await ask(id, asker, 'Can the allowance pay for an online course?')).body.id as number;
		const socket = await inRoom(asker, id);
		const live = heard(socket);

		const refused = await answered(id, q, asker);
		expect(refused.status).toBe(403);
		const res = await answered(id, q, coordinator);
		expect(res.status).toBe(200);
		expect(res.body.answeredAt).toEqual(expect.any(String));
		// Marking it again changes nothing and tells no one.
		expect((await answered(id, q, coordinator)).body.answeredAt).toBe(res.body.answeredAt);
		await settled(socket);
		expect(live.map((c) => c.answeredAt)).toEqual([res.body.answeredAt]);
		expect((await answered(id, q, coordinator, false)).body.answeredAt).toBeNull();
		const missing = await answered(id, 999_999, coordinator);
		expect(missing.status).toBe(404);
	});
});

describe('who is not in the room', () => {
	it('cannot read, ask, vote or answer, cannot join the room, and hears nothing of it; a named guest can', async () => {
		const asker = await person(['member', 'board_member'], 'Invited Member');
		const guest = await person(['policy_staff'], 'Guest Policy Officer');
		const member = await person(['member'], 'Group Member');
		const uninvitedBoard = await person(['member', 'board_member'], 'Uninvited Board Member');
		const policy = await person(['policy_staff'], 'Uninvited Policy Officer');
		const id = await liveMeeting([{ person: asker }, { person: guest, kind: 'guest' }]);
		const q = (await ask(id, asker, 'A question for the room')).body.id as number;

		const outsiders: [Person, number][] = [
			[member, 404],
			[policy, 404],
			// A board member knows the session exists, but it is not theirs.
			[uninvitedBoard, 403]
		];
		const sockets: { socket: TestSocket; got: MeetingQuestion[] }[] = [];
		for (const [who, status] of outsiders) {
			expect((await t.api(`/api/board/sessions/${id}/questions`, { cookie: who.cookie })).status).toBe(status);
			expect((await ask(id, who, 'Let me in')).status).toBe(status);
			expect((await vote(id, q, who)).status).toBe(status);
			expect((await answered(id, q, who)).status).toBe(status);
			const socket = await t.connect(who.cookie);
			expect((await join(socket, meetingRoom(id))).ok).toBe(false);
			sockets.push({ socket, got: heard(socket) });
		}
		expect(await t.db.select().from(meetingQuestionVotes).where(eq(meetingQuestionVotes.questionId, q))).toEqual([]);
		expect((await t.db.select().from(meetingQuestions).where(eq(meetingQuestions.meetingId, id))).length).toBe(1);

		// The guest takes part like any invitee; the outsiders hear none of it.
		expect((await ask(id, guest, 'From the ministry: what should we look at first?')).status).toBe(201);
		expect((await vote(id, q, guest)).status).toBe(200);
		expect((await answered(id, q, coordinator)).status).toBe(200);
		for (const s of sockets) {
			await settled(s.socket);
			expect(s.got).toEqual([]);
		}
		// Not signed in at all.
		expect((await t.api(`/api/board/sessions/${id}/questions`)).status).toBe(401);
	});

	it('a cancelled session has no room: its questions are closed to everyone', async () => {
		const asker = await person(['member', 'board_member'], 'Cancelled Member');
		const id = await liveMeeting([{ person: asker }]);
		const q = (await ask(id, asker, 'Before the cancellation')).body.id as number;
		await t.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, id));
		expect((await ask(id, asker, 'After')).status).toBe(403);
		expect((await vote(id, q, coordinator)).status).toBe(403);
		expect((await answered(id, q, coordinator)).status).toBe(403);
	});
});

describe('catching up', () => {
	it('the room’s catch-up brings the questions changed after the number the browser saw, with my own vote', async () => {
		const asker = await person(['member', 'board_member'], 'Catch-up Asker');
		const voter = await person(['member', 'board_member'], 'Catch-up Voter');
		const id = await liveMeeting([{ person: asker }, { person: voter }]);
		const q1 = (await ask(id, asker, 'Asked before the drop')).body.id as number;
		const q2 = (await ask(id, asker, 'Also before, changed after')).body.id as number;
		const state = await t.api(`/api/board/sessions/${id}/room`, { cookie: voter.cookie });
		expect(state.status).toBe(200);
		expect(state.body.sections.questions.map((q: MeetingQuestionView) => q.id).sort()).toEqual([q1, q2].sort());
		const since = state.body.seq as number;

		await vote(id, q2, voter);
		const q3 = (await ask(id, asker, 'Asked while away')).body.id as number;
		const back = await t.api(`/api/board/sessions/${id}/room?since=${since}`, { cookie: voter.cookie });
		expect(back.status).toBe(200);
		const changed = back.body.sections.questions as MeetingQuestionView[];
		expect(changed.map((q) => [q.id, q.votes, q.voted])).toEqual([
			[q2, 1, true],
			[q3, 0, false]
		]);
		expect(changed.every((q) => q.seq > since)).toBe(true);
		// The asker's own catch-up does not say the voter's vote is theirs.
		const theirs = await t.api(`/api/board/sessions/${id}/room?since=${since}`, { cookie: asker.cookie });
		expect((theirs.body.sections.questions as MeetingQuestionView[]).find((q) => q.id === q2)).toMatchObject({ votes: 1, voted: false });
		expect(await t.db.select().from(meetingQuestionVotes).where(and(eq(meetingQuestionVotes.questionId, q2), eq(meetingQuestionVotes.userId, asker.id)))).toEqual([]);
	});
});
