/**
 * Anonymous by design, proven on the schema and on what an answer writes:
 * the response tables have no column, index or foreign key that leads to a
 * person and no time finer than the day; the response's id is random; and
 * nothing written with the answer (the participation record, audit, outbox,
 * events on the bus and on sockets) names the member together with the
 * response. A named survey is the one kind that ties a response to a person,
 * in a table of its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { join } from '../helpers/sockets';
import { meetingPerson, type MeetingPerson } from '../helpers/meetings';
import { answer, openSurvey } from '../helpers/surveys';
import { auditLog, outbox, surveyParticipations, surveyRespondents, surveyResponses } from '../../src/lib/server/db/schema';
import { runtime } from '../../src/lib/server/runtime';
import { surveyRoom } from '../../src/lib/shared/rooms';
import type { DomainEvent } from '../../src/lib/server/events/types';
import { sendSurveyMail } from '../../src/lib/server/surveys/mailing';

const t = useServer();
let owner: MeetingPerson;

beforeAll(async () => {
	owner = await meetingPerson(t, 'Pieter Bakker', ['policy_staff']);
});

describe('the schema cannot join a response to a person', () => {
	it('no column of the response tables refers to a person, a session, an address or a time finer than the day', async () => {
		const columns = await t.database.rows<{ table_name: string; column_name: string; data_type: string }>(
			sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and table_name in ('survey_responses', 'survey_answers') order by 1, 2`
		);
		expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual([
			'survey_answers.option',
			'survey_answers.question',
			'survey_answers.response_id',
			'survey_answers.survey_id',
			'survey_answers.text',
			'survey_answers.value',
			'survey_responses.day',
			'survey_responses.dimensions',
			'survey_responses.id',
			'survey_responses.survey_id'
		]);
		expect(columns.filter((c) => /timestamp|time/.test(c.data_type))).toEqual([]);
		expect(columns.find((c) => c.column_name === 'day')!.data_type).toBe('date');
	});

	it('their foreign keys lead only to the survey and the response, and no other table points at a response but the named one', async () => {
		const fks = await t.database.rows<{ from_table: string; to_table: string }>(
			sql`select c.conrelid::regclass::text as from_table, c.confrelid::regclass::text as to_table
				from pg_constraint c where c.contype = 'f' and (c.conrelid::regclass::text in ('survey_responses', 'survey_answers') or c.confrelid::regclass::text in ('survey_responses', 'survey_answers'))
				order by 1, 2`
		);
		expect(fks).toEqual([
			{ from_table: 'survey_answers', to_table: 'survey_responses' },
			{ from_table: 'survey_answers', to_table: 'surveys' },
			{ from_table: 'survey_respondents', to_table: 'survey_responses' },
			{ from_table: 'survey_responses', to_table: 'surveys' }
		]);
		// The participation record knows the survey and the person, and nothing of the response: not even when.
		const participation = await t.database.rows<{ column_name: string }>(
			sql`select column_name from information_schema.columns where table_name = 'survey_participations' order by 1`
		);
		expect(participation.map((c) => c.column_name)).toEqual(['survey_id', 'user_id']);
	});

	it('no index on the response tables orders them by when they came in', async () => {
		const indexes = await t.database.rows<{ indexdef: string }>(sql`select indexdef from pg_indexes where tablename in ('survey_responses', 'survey_answers')`);
		for (const { indexdef } of indexes) expect(indexdef).not.toMatch(/user|author|session|created|_at\b/);
	});
});

describe('an anonymous answer writes nothing that names both', () => {
	it('the member is in the participation record only; the response, audit, outbox and every event leave them out', async () => {
		const id = await openSurvey(t, owner.cookie);
		const who = await meetingPerson(t, 'Sanne de Vries', ['member']);
		// The invitations go out first (as the mail job would on its timer), so they cannot fall inside the answer's moment.
		await sendSurveyMail();
		const watcher = await t.connect(owner.cookie);
		expect(await join(watcher, surveyRoom(id))).toEqual({ ok: true });
		const heard: unknown[] = [];
		watcher.onAny((event, payload) => heard.push({ event, payload }));
		const events: DomainEvent[] = [];
		const off = runtime().bus.onAny((e) => events.push(e));
		const [auditBefore] = await t.database.rows<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from audit_log`);
		const [outboxBefore] = await t.database.rows<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from outbox`);

		const res = await answer(t, who.cookie, id);
		expect(res.status).toBe(201);
		await new Promise((r) => setTimeout(r, 700));
		off();
		watcher.close();

		const [response] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id));
		expect(JSON.stringify(response)).not.toContain(who.id);
		// Random (version 4), not a sequence.
		expect(response!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(response!.dimensions).toEqual({});
		expect(await t.db.select().from(surveyRespondents).where(eq(surveyRespondents.responseId, response!.id))).toEqual([]);
		const answers = await t.database.rows(sql`select * from survey_answers where response_id = ${response!.id}`);
		expect(answers.length).toBeGreaterThan(3);
		expect(JSON.stringify(answers)).not.toContain(who.id);

		const audit = await t.db.select().from(auditLog).where(sql`${auditLog.id} > ${auditBefore!.n}`);
		expect(JSON.stringify(audit)).not.toContain(response!.id);
		expect(audit.filter((a) => JSON.stringify(a).includes(who.id))).toEqual([]);
		// The survey's own invitations may go out meanwhile (the mail job runs on its timer); nothing else, and nothing of the response.
		const mail = await t.db.select().from(outbox).where(sql`${outbox.id} > ${outboxBefore!.n}`);
		expect(mail.filter((m) => m.kind !== 'survey_open' && m.kind !== 'survey_reminder')).toEqual([]);
		expect(JSON.stringify(mail)).not.toContain(response!.id);

		expect(events.filter((e) => e.type.startsWith('survey.'))).toEqual([{ type: 'survey.answered', surveyId: id }]);
		for (const e of events) expect(JSON.stringify(e)).not.toContain(who.id);
		expect(heard).toEqual([{ event: 'survey:count', payload: { surveyId: id, responses: 1 } }]);
		const parts = await t.db.select().from(surveyParticipations).where(eq(surveyParticipations.surveyId, id));
		expect(parts).toEqual([{ surveyId: id, userId: who.id }]);
	});

	it('a named survey ties the response to its respondent, in its own table, and only there', async () => {
		const id = await openSurvey(t, owner.cookie, { anonymous: false, title: 'Aanmelding terugkeerdag' });
		const who = await meetingPerson(t, 'Lotte Visser', ['member']);
		expect((await answer(t, who.cookie, id)).status).toBe(201);
		const [response] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id));
		expect(await t.db.select().from(surveyRespondents).where(eq(surveyRespondents.responseId, response!.id))).toEqual([{ responseId: response!.id, userId: who.id }]);
		expect(JSON.stringify(response)).not.toContain(who.id);
	});
});
