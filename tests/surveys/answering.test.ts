/**
 * Answering a survey: once per member, even when two answers leave at once
 * (on Postgres, TEST_DATABASE_URL, they race on real connections); only
 * members of the audience, only while it is open, on the API and through the
 * same domain the pages use; every problem with an answer named at once; a
 * hidden question's answer not kept. Building: what is asked is frozen by the
 * first answer, a wording fix keeps the revision it replaced.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { meetingPerson, type MeetingPerson } from '../helpers/meetings';
import { addQuestions, answer, createSurvey, hoursFromNow, openSurvey, standardAnswer, STANDARD_QUESTIONS } from '../helpers/surveys';
import { surveyAnswers, surveyParticipations, surveyResponses, surveyRevisions } from '../../src/lib/server/db/schema';

const t = useServer();
let owner: MeetingPerson;

const member = (name: string, roles: ('member' | 'board_member')[] = ['member']) => meetingPerson(t, name, roles);

beforeAll(async () => {
	owner = await meetingPerson(t, 'Marieke Jansen', ['coordinator']);
});

describe('one answer per member', () => {
	it('two answers sent at once by the same member: one is taken, the other refused, and exactly one response is kept', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await member('Sanne de Vries');
		const results = await Promise.all([answer(t, who.cookie, id), answer(t, who.cookie, id), answer(t, who.cookie, id)]);
		expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
		expect(results.find((r) => r.status === 409)!.body.error).toBe('conflict');
		const [{ n } = { n: -1 }] = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from survey_responses where survey_id = ${id}`);
		expect(n).toBe(1);
		const parts = await t.db.select().from(surveyParticipations).where(eq(surveyParticipations.surveyId, id));
		expect(parts).toHaveLength(1);
	});

	it('many members answering at once: every answer is kept once, and the count says so', async () => {
		const id = await openSurvey(t, owner.cookie);
		const people = await Promise.all(Array.from({ length: 12 }, (_, i) => member(`Respondent ${i}`)));
		const results = await Promise.all(people.map((p) => answer(t, p.cookie, id)));
		expect(results.map((r) => r.status)).toEqual(people.map(() => 201));
		const [{ n } = { n: -1 }] = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from survey_responses where survey_id = ${id}`);
		expect(n).toBe(12);
		const form = await t.api(`/api/surveys/${id}`, { cookie: owner.cookie });
		expect(form.body.responses).toBe(12);
		const again = await answer(t, people[3]!.cookie, id);
		expect(again.status).toBe(409);
		expect((await t.api(`/api/surveys/${id}`, { cookie: people[3]!.cookie })).body).toMatchObject({ answered: true, canAnswer: false });
	});
});

describe('audience and dates, enforced', () => {
	it('a board survey is not there for a member who is not on the board; a board member answers it', async () => {
		const id = await openSurvey(t, owner.cookie, { audience: 'board' });
		const plain = await member('Daan Smit');
		const board = await member('Amira Haddad', ['member', 'board_member']);
		expect((await t.api(`/api/surveys/${id}`, { cookie: plain.cookie })).status).toBe(404);
		expect((await answer(t, plain.cookie, id)).status).toBe(404);
		expect((await answer(t, board.cookie, id)).status).toBe(201);
		const mine = await t.api('/api/surveys/mine', { cookie: plain.cookie });
		expect(mine.body.map((s: { id: number }) => s.id)).not.toContain(id);
	});

	it('a segment by language reaches only members who read that language', async () => {
		const id = await openSurvey(t, owner.cookie, { audience: 'segment', languages: ['en'] });
		const english = await meetingPerson(t, 'Grace Obi', ['member'], 'en');
		const dutch = await meetingPerson(t, 'Femke Mulder', ['member'], 'nl');
		expect((await answer(t, dutch.cookie, id)).status).toBe(404);
		expect((await answer(t, english.cookie, id)).status).toBe(201);
	});

	it('before it opens and after it closes, no answer is taken; the member is told which', async () => {
		const upcoming = await openSurvey(t, owner.cookie, { opensAt: hoursFromNow(24), closesAt: hoursFromNow(48) });
		const who = await member('Noor Bouzid');
		const early = await answer(t, who.cookie, upcoming);
		expect(early.status).toBe(409);
		expect(early.body.message).toMatch(/not open yet/);
		const open = await openSurvey(t, owner.cookie);
		expect((await t.api(`/api/surveys/${open}/close`, { method: 'POST', cookie: owner.cookie })).status).toBe(200);
		const late = await answer(t, who.cookie, open);
		expect(late.status).toBe(409);
		expect(late.body.message).toMatch(/closed/);
	});

	it('a draft is no one’s to answer, and owners cannot answer at all', async () => {
		const draft = await createSurvey(t, owner.cookie);
		await addQuestions(t, owner.cookie, draft);
		const who = await member('Willemijn de Boer');
		expect((await answer(t, who.cookie, draft)).status).toBe(404);
		const open = await openSurvey(t, owner.cookie);
		expect((await answer(t, owner.cookie, open)).status).toBe(403);
	});
});

describe('what an answer must be', () => {
	it('names every problem at once, by question, and keeps nothing', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await member('Thomas Okafor');
		const res = await answer(t, who.cookie, id, { answers: { q2: ['o9'], q3: '7', q4: 11 } });
		expect(res.status).toBe(400);
		expect(Object.keys(res.body.fields ?? {}).sort()).toEqual(['answers.q1', 'answers.q2', 'answers.q3', 'answers.q4']);
		const parts = await t.db.select().from(surveyParticipations).where(eq(surveyParticipations.surveyId, id));
		expect(parts).toHaveLength(0);
		// "Other" chosen without saying what.
		const other = await answer(t, who.cookie, id, { answers: { q1: 'o2', q2: ['other'] } });
		expect(other.status).toBe(400);
		expect(Object.keys(other.body.fields)).toEqual(['other.q2']);
	});

	it('drops the answer to a question whose condition was not met', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await member('Lotte Visser');
		expect((await answer(t, who.cookie, id, standardAnswer({ q1: 'o3' }))).status).toBe(201);
		const rows = await t.db.select({ question: surveyAnswers.question }).from(surveyAnswers).where(eq(surveyAnswers.surveyId, id));
		expect(rows.map((r) => r.question)).not.toContain('q6');
		expect(rows.map((r) => r.question)).toContain('q5');
	});
});

describe('attached diversity answers', () => {
	it('without a board profile, the answers given in the survey are attached; the relationship answer and unknown options are refused', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await member('Iris Kramer');
		const refused = await answer(t, who.cookie, id, { ...standardAnswer(), attach: true, dimensions: { relationship: 'same_sex', work: 'astronaut' } });
		expect(refused.status).toBe(400);
		expect(Object.keys(refused.body.fields).sort()).toEqual(['dimensions.relationship', 'dimensions.work']);
		expect((await answer(t, who.cookie, id, { ...standardAnswer(), attach: true, dimensions: { work: 'neither', children: 'yes' } })).status).toBe(201);
		const [response] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id));
		expect(response!.dimensions).toEqual({ work: 'neither', children: 'yes' });
	});

	it('nothing is attached unless asked for', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await member('Jan de Wit');
		expect((await answer(t, who.cookie, id, { ...standardAnswer(), dimensions: { work: 'neither' } })).status).toBe(201);
		const [response] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id));
		expect(response!.dimensions).toEqual({});
	});
});

describe('building', () => {
	it('refuses a condition on a later or non-single question, and a move that would put a question before the one it depends on', async () => {
		const id = await createSurvey(t, owner.cookie);
		await addQuestions(t, owner.cookie, id, STANDARD_QUESTIONS.slice(0, 2));
		const bad = await t.api(`/api/surveys/${id}/questions`, { method: 'POST', cookie: owner.cookie, body: { section: 's1', kind: 'short_text', textNl: 'x', textEn: 'x', conditionQuestion: 'q2', conditionOption: 'o1' } });
		expect(bad.status).toBe(400);
		expect(bad.body.fields).toHaveProperty('conditionQuestion');
		const ok = await t.api(`/api/surveys/${id}/questions`, { method: 'POST', cookie: owner.cookie, body: { section: 's1', kind: 'short_text', textNl: 'Welke?', textEn: 'Which?', conditionQuestion: 'q1', conditionOption: 'o1' } });
		expect(ok.status).toBe(201);
		// q3 depends on q1: moving q1 below q2 is fine, below q3 is not.
		expect((await t.api(`/api/surveys/${id}/questions/q1/move`, { method: 'POST', cookie: owner.cookie, body: { direction: 'down' } })).status).toBe(200);
		const refused = await t.api(`/api/surveys/${id}/questions/q1/move`, { method: 'POST', cookie: owner.cookie, body: { direction: 'down' } });
		expect(refused.status).toBe(409);
		expect((await t.api(`/api/surveys/${id}/questions/q1`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(409);
	});

	it('after the first answer only wording changes, and each fix keeps the revision it replaced', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await member('Ruben Hoekstra');
		expect((await answer(t, who.cookie, id)).status).toBe(201);
		const wording = { section: 's1', ...STANDARD_QUESTIONS[0], textEn: 'Do you have paid work at your current posting?' };
		expect((await t.api(`/api/surveys/${id}/questions/q1`, { method: 'PUT', cookie: owner.cookie, body: wording })).status).toBe(200);
		const substance = await t.api(`/api/surveys/${id}/questions/q1`, { method: 'PUT', cookie: owner.cookie, body: { ...wording, required: false } });
		expect(substance.status).toBe(409);
		expect((await t.api(`/api/surveys/${id}/questions`, { method: 'POST', cookie: owner.cookie, body: { section: 's1', kind: 'short_text', textNl: 'x', textEn: 'x' } })).status).toBe(409);
		const revisions = await t.db.select().from(surveyRevisions).where(eq(surveyRevisions.surveyId, id));
		expect(revisions.map((r) => r.revision)).toEqual([1]);
		const form = await t.api(`/api/surveys/${id}`, { cookie: owner.cookie });
		expect(form.body.revision).toBe(2);
		expect(form.body.definition.sections[0].questions[0].text.en).toBe('Do you have paid work at your current posting?');
		expect((await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).length).toBe(1);
	});
});
