/**
 * The page's answer form is the second door to the same rules: a member
 * outside the audience is told the survey does not exist, a closed survey
 * takes no answer, a second answer is refused, and the one that is taken
 * comes back to the page's thank-you. Posted as a browser without JavaScript
 * posts it (needs the production build: useServer's `pages`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { meetingPerson, type MeetingPerson } from '../helpers/meetings';
import { openSurvey } from '../helpers/surveys';

const t = useServer({ pages: true });
let owner: MeetingPerson;

beforeAll(async () => {
	owner = await meetingPerson(t, 'Marieke Jansen', ['coordinator']);
});

const post = (cookie: string, surveyId: number, fields: [string, string][]) =>
	t.api(`/surveys/${surveyId}?/answer`, {
		method: 'POST',
		cookie,
		origin: t.url,
		headers: { accept: 'text/html' },
		rawBody: new URLSearchParams(fields).toString(),
		contentType: 'application/x-www-form-urlencoded'
	});
const FIELDS: [string, string][] = [
	['answers.q1', 'o1'],
	['answers.q2', 'o1'],
	['answers.q2', 'o2'],
	['answers.q3', '4'],
	['answers.q4', '8']
];
const responsesOf = async (id: number) => (await t.database.rows<{ n: number }>(sql`select count(*)::int as n from survey_responses where survey_id = ${id}`))[0]!.n;

describe('the answer form', () => {
	it('takes one answer from the audience, refuses a second, and sends the member to the thank-you', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await meetingPerson(t, 'Sanne de Vries', ['member']);
		const first = await post(who.cookie, id, FIELDS);
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe(`/surveys/${id}?done=answered`);
		const second = await post(who.cookie, id, FIELDS);
		expect(second.status).toBe(409);
		expect(await responsesOf(id)).toBe(1);
	});

	it('is no door for a member outside the audience, nor after the survey closed', async () => {
		const board = await openSurvey(t, owner.cookie, { audience: 'board' });
		const plain = await meetingPerson(t, 'Daan Smit', ['member']);
		expect((await post(plain.cookie, board, FIELDS)).status).toBe(404);
		const closed = await openSurvey(t, owner.cookie);
		expect((await t.api(`/api/surveys/${closed}/close`, { method: 'POST', cookie: owner.cookie })).status).toBe(200);
		const late = await post(plain.cookie, closed, FIELDS);
		expect(late.status).toBe(409);
		expect(await responsesOf(board)).toBe(0);
		expect(await responsesOf(closed)).toBe(0);
	});
});
