// Surveys under load, each figure next to what it is measured against, in the same run.
//
// On a scratch database on the bench's Postgres (created, migrated and seeded here, dropped after):
// a coordinator, 2,000 members each with a session of their own, and an open survey of 20 questions
// (five each of single choice, multiple choice, Likert and 0–10, and two short texts... see QUESTIONS).
// The platform runs in its own process (scripts/bench-server.ts), so the clients here do not share
// its event loop.
//
//   Answers: the 2,000 members answer through the real API route (HTTP, session, audience and dates,
//   one transaction with the participation record), 200 at a time; responses/s, and then the
//   database is counted: every response once (none lost, none twice), one participation each.
//
//   Results: 8,000 more responses are written straight into the tables (10,000 in all, with attached
//   dimensions, among them small groups), then the results with one breakdown (by work) are asked
//   through the API again and again, alternating with the same aggregate SQL (the statements the
//   server sent for one request, captured in the server process) run raw through postgres.js.
//   Target: the API's p95 within 2× of the raw SQL's.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --surveys-only
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { readConfig } from '../src/lib/server/config';
import { startRuntime, stopRuntime } from '../src/lib/server/runtime';
import { sessions, surveys, userRoles, users } from '../src/lib/server/db/schema';
import type { SurveyDefinition, SurveyQuestion } from '../src/lib/shared/surveys';
import { now, request, round, startBenchServer, stats, type Stats } from './bench-meetings';

export interface SurveysBenchFigures {
	answers: { members: number; concurrency: number; seconds: number; per_second: number; refused: number; responses_kept: number; participations: number };
	results: { responses: number; questions: number; api: Stats; raw: Stats; ratio_p95: number; statements: number };
	load_average: [number, number];
}

const b = (t: string) => ({ nl: t, en: t });
const options = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `o${i + 1}`, label: b(`Option ${i + 1}`) }));
const question = (i: number, kind: SurveyQuestion['kind']): SurveyQuestion => ({
	key: `q${i + 1}`,
	kind,
	text: b(`Question ${i + 1}`),
	help: b(''),
	required: false,
	options: kind === 'single' ? options(4) : kind === 'multiple' ? options(5) : [],
	allowOther: false,
	scaleLabels: kind === 'likert' ? Array.from({ length: 5 }, (_, j) => b(`Point ${j + 1}`)) : [],
	condition: null
});
const KINDS: SurveyQuestion['kind'][] = [...Array(5).fill('single'), ...Array(5).fill('multiple'), ...Array(4).fill('likert'), ...Array(4).fill('scale'), 'short_text', 'short_text'];
const QUESTIONS = KINDS.map((k, i) => question(i, k));
const DEFINITION: SurveyDefinition = { sections: [{ key: 's1', title: b(''), questions: QUESTIONS }] };
const WORK = ['paid_job', 'paid_job', 'paid_job', 'neither', 'neither', 'own_business', 'prefer_not_to_say'];

function randomAnswer(): Record<string, unknown> {
	const answers: Record<string, unknown> = {};
	for (const q of QUESTIONS) {
		const r = Math.random();
		if (q.kind === 'single') answers[q.key] = `o${1 + Math.floor(r * 4)}`;
		else if (q.kind === 'multiple') answers[q.key] = ['o1', 'o2', 'o3', 'o4', 'o5'].filter(() => Math.random() < 0.4);
		else if (q.kind === 'likert') answers[q.key] = 1 + Math.floor(r * 5);
		else if (q.kind === 'scale') answers[q.key] = Math.floor(r * 11);
		else if (r < 0.3) answers[q.key] = 'Een werkvergunning die weken duurt in plaats van maanden';
	}
	return { answers, attach: true };
}

async function seed(url: string, members: number) {
	const config = readConfig({ NODE_ENV: 'test', MIGRATIONS_DIR: path.resolve('drizzle'), SENSITIVE_DATA_KEY: randomBytes(32).toString('hex') });
	config.databaseUrl = url;
	const runtime = await startRuntime(config, 'memory://');
	try {
		await runtime.database.migrate(config.migrationsFolder);
		const db = runtime.database.db;
		const people = await db
			.insert(users)
			.values([
				{ email: 'coordinator@bench.invalid', displayName: 'Coördinator Bench', handle: 'coordinator-bench', language: 'nl' as const, status: 'active' as const, passwordHash: 'x' },
				...Array.from({ length: members }, (_, i) => ({ email: `lid-${i}@bench.invalid`, displayName: `Lid ${i}`, handle: `lid-${i}`, language: 'nl' as const, status: 'active' as const, passwordHash: 'x' }))
			])
			.returning({ id: users.id });
		await db.insert(userRoles).values(people.map((p, i) => ({ userId: p.id, role: i === 0 ? ('coordinator' as const) : ('member' as const) })));
		const tokens = people.map(() => randomBytes(20).toString('hex'));
		const day = 24 * 3_600_000;
		for (let i = 0; i < people.length; i += 500)
			await db.insert(sessions).values(
				people.slice(i, i + 500).map((p, j) => ({
					id: createHash('sha256').update(tokens[i + j]!).digest('hex'),
					userId: p.id,
					expiresAt: new Date(Date.now() + 14 * day),
					absoluteExpiresAt: new Date(Date.now() + 60 * day)
				}))
			);
		const [survey] = await db
			.insert(surveys)
			.values({
				title: b('Bench'),
				intro: b(''),
				definition: DEFINITION,
				audience: 'members',
				opensAt: new Date(Date.now() - 3_600_000),
				closesAt: new Date(Date.now() + 7 * day),
				scheduledAt: new Date(Date.now() - 3_600_000),
				invitedAt: new Date(),
				createdBy: people[0]!.id
			})
			.returning({ id: surveys.id });
		return { surveyId: survey!.id, ownerCookie: `session=${tokens[0]}`, cookies: tokens.slice(1).map((t) => `session=${t}`) };
	} finally {
		await stopRuntime();
	}
}

/** 8,000 responses written straight into the tables: answers as random as the API's, a work answer attached to each. */
async function bulkResponses(raw: postgres.Sql, surveyId: number, n: number): Promise<void> {
	await raw`insert into survey_responses (id, survey_id, day, dimensions)
		select gen_random_uuid(), ${surveyId}, current_date, jsonb_build_object('work', (${WORK}::text[])[1 + floor(random() * ${WORK.length})::int])
		from generate_series(1, ${n})`;
	const ids = (await raw<{ id: string }[]>`select id from survey_responses where survey_id = ${surveyId} and not exists (select 1 from survey_answers a where a.response_id = survey_responses.id)`).map((r) => r.id);
	for (const q of QUESTIONS) {
		if (q.kind === 'single') await raw`insert into survey_answers (response_id, survey_id, question, option) select id, ${surveyId}, ${q.key}, 'o' || (1 + floor(random() * 4))::int from unnest(${ids}::uuid[]) as id`;
		else if (q.kind === 'multiple')
			await raw`insert into survey_answers (response_id, survey_id, question, option) select id, ${surveyId}, ${q.key}, o from unnest(${ids}::uuid[]) as id, unnest(array['o1','o2','o3','o4','o5']) as o where random() < 0.4`;
		else if (q.kind === 'likert') await raw`insert into survey_answers (response_id, survey_id, question, value) select id, ${surveyId}, ${q.key}, 1 + floor(random() * 5)::int from unnest(${ids}::uuid[]) as id`;
		else if (q.kind === 'scale') await raw`insert into survey_answers (response_id, survey_id, question, value) select id, ${surveyId}, ${q.key}, floor(random() * 11)::int from unnest(${ids}::uuid[]) as id`;
		else await raw`insert into survey_answers (response_id, survey_id, question, text) select id, ${surveyId}, ${q.key}, 'Meer informatie over scholen' from unnest(${ids}::uuid[]) as id where random() < 0.3`;
	}
	await raw`analyze survey_answers`;
	await raw`analyze survey_responses`;
}

export async function runSurveysBench(options: { members?: number; concurrency?: number; samples?: number; log?: (line: string) => void } = {}): Promise<SurveysBenchFigures> {
	const MEMBERS = options.members ?? 2_000;
	const CONCURRENCY = options.concurrency ?? 200;
	const SAMPLES = options.samples ?? 60;
	const log = options.log ?? console.log;
	const loadStart = round(os.loadavg()[0] ?? 0);
	const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `bench_surveys_${randomBytes(6).toString('hex')}`;
	const adminSql = postgres(admin, { max: 1, onnotice: () => {} });
	await adminSql.unsafe(`create database "${name}"`);
	const u = new URL(admin);
	u.pathname = `/${name}`;
	const url = u.toString();
	const raw = postgres(url, { max: 4, onnotice: () => {} });
	let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
	try {
		const s = await seed(url, MEMBERS);
		server = await startBenchServer(url);
		const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
		const answerUrl = `${server.url}/api/surveys/${s.surveyId}/responses`;

		// ── 2,000 members answer, 200 at a time ─────────────────────────────
		let refused = 0;
		let nextIndex = 0;
		const t0 = now();
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (nextIndex < s.cookies.length) {
					const cookie = s.cookies[nextIndex++]!;
					const res = await request(answerUrl, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(randomAnswer()), agent });
					if (res.status !== 201) refused++;
				}
			})
		);
		const seconds = (now() - t0) / 1000;
		const [kept] = await raw<{ responses: number; participations: number }[]>`select (select count(*)::int from survey_responses where survey_id = ${s.surveyId}) as responses, (select count(*)::int from survey_participations where survey_id = ${s.surveyId}) as participations`;
		const answers = { members: MEMBERS, concurrency: CONCURRENCY, seconds: round(seconds), per_second: round(MEMBERS / seconds), refused, responses_kept: kept!.responses, participations: kept!.participations };
		log(`surveys: ${MEMBERS} answers by ${CONCURRENCY} at a time in ${answers.seconds} s (${answers.per_second}/s); refused ${refused}; kept ${kept!.responses} responses, ${kept!.participations} participations (target: exactly ${MEMBERS} each)`);

		// ── Results of 10,000 responses with one breakdown ────────────────────
		await bulkResponses(raw, s.surveyId, 10_000 - kept!.responses);
		const resultsUrl = `${server.url}/api/surveys/${s.surveyId}/results?by=work`;
		const headers = { cookie: s.ownerCookie };
		for (let i = 0; i < 5; i++) await request(resultsUrl, { headers, agent });
		await server.call('tap');
		const first = await request(resultsUrl, { headers, agent });
		if (first.status !== 200) throw new Error(`results: ${first.status} ${first.body.slice(0, 200)}`);
		const captured = (await server.call('untap')) as { query: string; params: unknown[] }[];
		// The aggregates alone: the statements that read survey_answers (the session and the survey's own row are the platform's overhead).
		const aggregates = captured.filter((c) => /survey_answers/.test(c.query));
		const apiMs: number[] = [];
		const rawMs: number[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			let t = now();
			const res = await request(resultsUrl, { headers, agent });
			if (res.status !== 200) throw new Error(`results: ${res.status}`);
			apiMs.push(now() - t);
			t = now();
			await Promise.all(aggregates.map((c) => raw.unsafe(c.query, c.params as never[])));
			rawMs.push(now() - t);
		}
		const api = stats(apiMs);
		const rawStats = stats(rawMs);
		const results = { responses: 10_000, questions: QUESTIONS.length, api, raw: rawStats, ratio_p95: round(api.p95 / rawStats.p95), statements: captured.length };
		log(
			`surveys: results of ${results.responses} responses to ${results.questions} questions by work: API p50 ${api.p50} ms p95 ${api.p95} ms; the same aggregates raw p50 ${rawStats.p50} ms p95 ${rawStats.p95} ms; ratio p95 ${results.ratio_p95} (target ≤ 2); ${captured.length} statements per request`
		);
		agent.destroy();
		return { answers, results, load_average: [loadStart, round(os.loadavg()[0] ?? 0)] };
	} finally {
		await server?.close();
		await raw.end();
		await adminSql.unsafe(`drop database if exists "${name}" with (force)`);
		await adminSql.end();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(JSON.stringify(await runSurveysBench()));
	process.exit(0);
}
