/**
 * Results: counted in the database and printed only after small-cell
 * suppression (with complements), for the owners at any time and for the
 * audience once published; a breakdown by an attached dimension, where a
 * small group reads "fewer than k"; CSV exports suppressed and coarsened.
 * And the survey's mail: the invitation when it opens and one reminder to
 * those who have not answered, each sent once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { meetingPerson, type MeetingPerson } from '../helpers/meetings';
import { answer, hoursFromNow, openSurvey, standardAnswer } from '../helpers/surveys';
import { boardProfiles, notifications, outbox, surveys } from '../../src/lib/server/db/schema';
import { mixResponses, sendSurveyMail } from '../../src/lib/server/surveys/mailing';
import type { Cell, CrossFigures, OneWayFigures } from '../../src/lib/shared/statistics';

const t = useServer();
let owner: MeetingPerson;

beforeAll(async () => {
	owner = await meetingPerson(t, 'Marieke Jansen', ['coordinator']);
});

/** A member with these diversity answers on their board profile (so they can attach them). */
async function respondent(name: string, work: string): Promise<MeetingPerson> {
	const p = await meetingPerson(t, name, ['member']);
	await t.db.insert(boardProfiles).values({ userId: p.id, answers: { work, children: 'no' } });
	return p;
}

const shownSmall = (c: Cell, k: number) => c.kind === 'shown' && c.count > 0 && c.count < k;
function everyCell(table: OneWayFigures | CrossFigures | null): Cell[] {
	if (!table) return [];
	if ('options' in table) return [...table.options.map((o) => o.cell), table.total];
	return [...table.rows.flatMap((r) => [...r.cells, r.total]), ...table.columns.map((c) => c.total), table.total];
}

describe('results with a breakdown', () => {
	let id: number;
	let members: MeetingPerson[];

	beforeAll(async () => {
		id = await openSurvey(t, owner.cookie);
		// Ten with a paid job, three with their own business: that group is small.
		members = [
			...(await Promise.all(Array.from({ length: 10 }, (_, i) => respondent(`Paid ${i}`, 'paid_job')))),
			...(await Promise.all(Array.from({ length: 3 }, (_, i) => respondent(`Own ${i}`, 'own_business'))))
		];
		for (const [i, m] of members.entries()) {
			const res = await answer(t, m.cookie, id, { ...standardAnswer({ q1: i % 4 === 0 ? 'o2' : 'o1', q3: String((i % 5) + 1), q4: i % 11 }), attach: true });
			expect(res.status).toBe(201);
		}
	});

	it('owners read counts with every small group hidden, means only over enough answers, and the free text', async () => {
		const res = await t.api(`/api/surveys/${id}/results`, { cookie: owner.cookie });
		expect(res.status).toBe(200);
		const r = res.body;
		expect(r.responses).toBe(13);
		expect(r.k).toBe(5);
		for (const q of r.questions) for (const c of everyCell(q.table)) expect(shownSmall(c, r.k), `${q.key}: ${JSON.stringify(c)}`).toBe(false);
		const q1 = r.questions.find((q: { key: string }) => q.key === 'q1');
		// 13 answers: 4 chose o2 (small), so a second cell is hidden with it; "no" (o3) is a zero and stays shown.
		expect(q1.table.options.filter((o: { cell: Cell }) => o.cell.kind === 'suppressed').length).toBeGreaterThanOrEqual(2);
		const q3 = r.questions.find((q: { key: string }) => q.key === 'q3');
		expect(q3.mean).toBeCloseTo(members.reduce((s, _, i) => s + (i % 5) + 1, 0) / 13, 5);
		expect(r.questions.find((q: { key: string }) => q.key === 'q5').texts).toHaveLength(13);
		expect(r.rate).toBeGreaterThan(0);
	});

	it('a breakdown by work hides the small group of own businesses, with complements, in every question', async () => {
		const res = await t.api(`/api/surveys/${id}/results?by=work`, { cookie: owner.cookie });
		expect(res.status).toBe(200);
		const q1 = res.body.questions.find((q: { key: string }) => q.key === 'q1');
		const own = q1.breakdown.columns.findIndex((c: { key: string }) => c.key === 'own_business');
		expect(q1.breakdown.columns[own].total).toEqual({ kind: 'suppressed', reason: 'small' });
		for (const q of res.body.questions) for (const c of everyCell(q.breakdown)) expect(shownSmall(c, 5)).toBe(false);
		const unknown = await t.api(`/api/surveys/${id}/results?by=shoe_size`, { cookie: owner.cookie });
		expect(unknown.status).toBe(400);
	});

	it('narrowing to a group is refused when it is smaller than the threshold, and works for a group large enough', async () => {
		const small = await t.api(`/api/surveys/${id}/results?only=work:own_business`, { cookie: owner.cookie });
		expect(small.status).toBe(400);
		expect(small.body.message).toMatch(/fewer than 5/);
		const large = await t.api(`/api/surveys/${id}/results?only=work:paid_job`, { cookie: owner.cookie });
		expect(large.status).toBe(200);
		expect(large.body.responses).toBe(10);
		expect(large.body.questions.find((q: { key: string }) => q.key === 'q5').texts).toHaveLength(10);
	});

	it('owners mark a result as evidence, once per question and breakdown, and unmark it', async () => {
		const mark = (body: Record<string, unknown>) => t.api(`/api/surveys/${id}/evidence`, { method: 'PUT', cookie: owner.cookie, body });
		expect((await mark({ question: 'q1', dimension: 'work', note: 'Own businesses answer differently' })).status).toBe(200);
		expect((await mark({ question: 'q1', dimension: 'work', note: 'Reworded' })).status).toBe(200);
		expect((await mark({ question: 'q3' })).status).toBe(200);
		expect((await mark({ question: 'q99' })).status).toBe(404);
		let marks = (await t.api(`/api/surveys/${id}/evidence`, { cookie: owner.cookie })).body;
		expect(marks.map((m: { question: string; dimension: string | null; note: string }) => [m.question, m.dimension, m.note])).toEqual([
			['q1', 'work', 'Reworded'],
			['q3', null, '']
		]);
		expect((await mark({ question: 'q3', marked: false })).status).toBe(200);
		marks = (await t.api(`/api/surveys/${id}/evidence`, { cookie: owner.cookie })).body;
		expect(marks).toHaveLength(1);
	});

	it('the audience reads nothing until the results are published after closing, then the figures without the free text', async () => {
		const who = members[0]!;
		const before = await t.api(`/api/surveys/${id}/results`, { cookie: who.cookie });
		expect(before.status).toBe(403);
		const early = await t.api(`/api/surveys/${id}/results/published`, { method: 'PUT', cookie: owner.cookie, body: { published: true } });
		expect(early.status).toBe(409);
		expect((await t.api(`/api/surveys/${id}/close`, { method: 'POST', cookie: owner.cookie })).status).toBe(200);
		expect((await t.api(`/api/surveys/${id}/results/published`, { method: 'PUT', cookie: owner.cookie, body: { published: true } })).status).toBe(200);
		const after = await t.api(`/api/surveys/${id}/results`, { cookie: who.cookie });
		expect(after.status).toBe(200);
		expect(after.body.audience).toBeNull();
		for (const q of after.body.questions) expect(q.texts).toEqual([]);
		const outsider = await meetingPerson(t, 'Admin Only', ['admin']);
		expect((await t.api(`/api/surveys/${id}/results`, { cookie: outsider.cookie })).status).toBe(404);
	});

	it('the CSV of results shows hidden figures as "<5", and the responses file coarsens rare combinations', async () => {
		const res = await t.api(`/api/surveys/${id}/results.csv`, { cookie: owner.cookie });
		expect(res.status).toBe(200);
		const text = String(res.body);
		expect(text).toContain('"<5"');
		const lines = text.trim().split('\r\n').slice(1).map((l) => l.split(','));
		for (const l of lines) {
			const count = Number(l[2]!.replace(/"/g, ''));
			if (l[2] !== '""' && Number.isFinite(count)) expect(count === 0 || count >= 5).toBe(true);
		}
		const responses = await t.api(`/api/surveys/${id}/responses.csv`, { cookie: owner.cookie });
		const rows = String(responses.body).trim().split('\r\n');
		expect(rows).toHaveLength(14);
		// The three own businesses share a combination under 5: their dimensions are written "*".
		expect(rows.filter((r) => r.endsWith('"*","*"'))).toHaveLength(3);
		expect(rows.join('\n')).not.toContain('own_business');
	});
});

describe('invitation and reminder', () => {
	it('the audience is invited once when the survey opens, and reminded once, only those who have not answered', async () => {
		const id = await openSurvey(t, owner.cookie, { audience: 'segment', languages: ['en'] });
		const a = await meetingPerson(t, 'Grace Obi', ['member'], 'en');
		const b = await meetingPerson(t, 'Hannah Peters', ['member'], 'en');
		await Promise.all([sendSurveyMail(), sendSurveyMail()]);
		await sendSurveyMail();
		const invitations = await t.db.select().from(outbox).where(sql`${outbox.kind} = 'survey_open' and ${outbox.meta}->>'surveyId' = ${String(id)}`);
		expect(invitations.filter((m) => m.toEmail === a.email)).toHaveLength(1);
		expect(invitations.filter((m) => m.toEmail === b.email)).toHaveLength(1);
		expect(invitations.find((m) => m.toEmail === a.email)!.bodyText).toContain(`/surveys/${id}`);
		const inApp = await t.db.select().from(notifications).where(eq(notifications.userId, a.id));
		expect(inApp.map((n) => n.kind)).toContain('survey_open');

		// Not reminded yet: it was sent within the day the invitation went out.
		expect(await t.db.select().from(outbox).where(sql`${outbox.kind} = 'survey_reminder' and ${outbox.meta}->>'surveyId' = ${String(id)}`)).toEqual([]);
		expect((await answer(t, a.cookie, id)).status).toBe(201);
		await t.db.update(surveys).set({ invitedAt: new Date(hoursFromNow(-30)), closesAt: new Date(hoursFromNow(20)) }).where(eq(surveys.id, id));
		await Promise.all([sendSurveyMail(), sendSurveyMail()]);
		const reminders = await t.db.select().from(outbox).where(sql`${outbox.kind} = 'survey_reminder' and ${outbox.meta}->>'surveyId' = ${String(id)}`);
		// Everyone invited but the one who answered, once each.
		expect(reminders.map((m) => m.toEmail).sort()).toEqual(invitations.map((m) => m.toEmail).filter((e) => e !== a.email).sort());
		expect(reminders.map((m) => m.toEmail)).toContain(b.email);
	});

	it('mixing rewrites the open surveys’ responses so they share one transaction id', async () => {
		const id = await openSurvey(t, owner.cookie);
		for (const name of ['Mix A', 'Mix B', 'Mix C']) expect((await answer(t, (await meetingPerson(t, name, ['member'])).cookie, id)).status).toBe(201);
		const before = await t.database.rows<{ x: string }>(sql`select xmin::text as x from survey_responses where survey_id = ${id}`);
		expect(new Set(before.map((r) => r.x)).size).toBe(3);
		expect(await mixResponses()).toBeGreaterThanOrEqual(3);
		const after = await t.database.rows<{ x: string }>(sql`select xmin::text as x from survey_responses where survey_id = ${id}`);
		expect(new Set(after.map((r) => r.x)).size).toBe(1);
	});
});
