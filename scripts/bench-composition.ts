// The board's composition page at 1,000 board records: 400 active members and 600 volunteers, each
// with a profile (answers skewed across every option, a coordinators' own dimension too), the
// relationship answer sealed for about two thirds, a posting region for most. Times the composition
// read as the page makes it (coordinator: active, and pool, each with a cross-table; policy staff:
// active with suppression and a cross-table) against a raw baseline: the plain SQL count per option
// of the same population, in the same run. Prints one line per figure, then one JSON line.
//
//   node --import tsx scripts/bench-composition.ts
//
// Runs on a fresh in-memory PGlite, or with BENCH_DATABASE_URL in a scratch database created on that
// server and dropped after. `npm run bench` can call runCompositionBench().
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { readConfig } from '../src/lib/server/config';
import { startRuntime, stopRuntime } from '../src/lib/server/runtime';
import { boardDimensions, boardMemberships, boardProfiles, boardTargets, profiles, users } from '../src/lib/server/db/schema';
import { seal } from '../src/lib/server/sensitive-data';
import { composition } from '../src/lib/server/board/composition';
import type { Actor } from '../src/lib/server/auth/actor';
import type { Role } from '../src/lib/shared/roles';

const RECORDS = 1000;
const ACTIVE = 400;
const RUNS = 15;

const SHARES: Record<string, Record<string, number>> = {
	work: { paid_job: 0.45, own_business: 0.12, neither: 0.35, prefer_not_to_say: 0.08 },
	children: { yes: 0.55, no: 0.4, prefer_not_to_say: 0.05 },
	language: { dutch: 0.68, other: 0.27, prefer_not_to_say: 0.05 },
	years_abroad: { under_2: 0.3, two_to_5: 0.35, over_5: 0.3, prefer_not_to_say: 0.05 }
};
const RELATIONSHIP = { other_sex: 0.85, same_sex: 0.07, prefer_not_to_say: 0.08 };
const REGIONS = { europe: 0.33, asia: 0.2, americas: 0.2, africa: 0.12, middle_east: 0.1, oceania: 0.05 };

export interface CompositionBenchFigures {
	records: number;
	active: number;
	pool: number;
	database: 'pglite' | 'postgres';
	/** Medians of RUNS reads, in milliseconds. */
	coordinatorActiveMs: number;
	coordinatorPoolMs: number;
	policyActiveMs: number;
	baselineMs: number;
	/** The composition read (coordinator, active with cross-table) over the plain count query. */
	ratio: number;
}

/** A small deterministic stream, so two runs build the same board. */
function stream(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let x = s;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
	};
}
const pick = (next: () => number, shares: Record<string, number>): string => {
	let u = next();
	for (const [option, share] of Object.entries(shares)) if ((u -= share) < 0) return option;
	return Object.keys(shares).at(-1)!;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
	const times: number[] = [];
	await work(); // warm: prepared plans, JIT
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		await work();
		times.push(performance.now() - start);
	}
	return median(times);
}

const actorOf = (id: string, role: Role): Actor => ({
	kind: 'user',
	sessionId: 'bench',
	user: { id, email: `${role}@bench.invalid`, displayName: role, handle: null, language: 'en', timeZone: 'UTC', status: 'active', roles: [role] } as never
});

export async function runCompositionBench(): Promise<CompositionBenchFigures> {
	const adminUrl = process.env.BENCH_DATABASE_URL;
	const config = readConfig({
		NODE_ENV: 'test',
		MIGRATIONS_DIR: path.resolve('drizzle'),
		// A key of this run's own: nothing is written to a data folder.
		SENSITIVE_DATA_KEY: randomBytes(32).toString('hex')
	});
	let drop: (() => Promise<void>) | undefined;
	if (adminUrl) {
		const name = `bench_composition_${randomBytes(6).toString('hex')}`;
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		config.databaseUrl = url.toString();
		drop = async () => {
			try {
				await admin.unsafe(`drop database if exists "${name}" with (force)`);
			} finally {
				await admin.end({ timeout: 5 });
			}
		};
	} else config.databaseUrl = undefined;
	try {
		const runtime = await startRuntime(config, 'memory://');
		await runtime.database.migrate(config.migrationsFolder);
		const db = runtime.database.db;
		const next = stream(20261202);

		const staff = await db
			.insert(users)
			.values((['coordinator', 'policy_staff'] as const).map((r) => ({ email: `${r}@bench.invalid`, displayName: r, language: 'en' as const, status: 'active' as const, passwordHash: 'x' })))
			.returning({ id: users.id });
		await db.insert(boardDimensions).values({
			key: 'years_abroad',
			labelNl: 'Jaren in het buitenland',
			labelEn: 'Years abroad',
			options: ['under_2', 'two_to_5', 'over_5'].map((k) => ({ key: k, labelNl: k, labelEn: k }))
		});
		for (let start = 0; start < RECORDS; start += 250) {
			const batch = Array.from({ length: Math.min(250, RECORDS - start) }, (_, j) => start + j);
			const ids = await db
				.insert(users)
				.values(batch.map((i) => ({ email: `board-${i}@bench.invalid`, displayName: `Board ${i}`, language: 'nl' as const, status: 'active' as const, passwordHash: 'x' })))
				.returning({ id: users.id });
			await db.insert(boardMemberships).values(ids.map(({ id }, j) => ({ userId: id, status: batch[j]! < ACTIVE ? ('active' as const) : ('volunteer' as const) })));
			await db.insert(boardProfiles).values(
				ids.map(({ id }) => ({
					userId: id,
					answers: Object.fromEntries(Object.entries(SHARES).filter(() => next() > 0.05).map(([d, shares]) => [d, pick(next, shares)])),
					sensitiveSealed: next() < 0.66 ? seal(pick(next, RELATIONSHIP), `board-profile:${id}`) : null
				}))
			);
			await db.insert(profiles).values(ids.filter(() => next() > 0.08).map(({ id }) => ({ userId: id, postingRegion: pick(next, REGIONS) })));
		}
		await db.insert(boardTargets).values([
			{ dimension: 'work', option: 'own_business', minShare: 15, maxShare: 30 },
			{ dimension: 'relationship', option: 'same_sex', minShare: 5, maxShare: null },
			{ dimension: 'region', option: 'africa', minShare: 10, maxShare: 25 }
		]);
		await db.execute(sql`analyze`);

		const coordinator = actorOf(staff[0]!.id, 'coordinator');
		const policy = actorOf(staff[1]!.id, 'policy_staff');
		const cross = { rows: 'work', columns: 'region' };
		const check = await composition(coordinator, { population: 'active', ...cross }, 'en');
		const counted = check.dimensions[0]!.figures.total;
		if (counted.kind !== 'shown' || counted.count !== ACTIVE) throw new Error(`the bench board is not what it should be: ${JSON.stringify(counted)}`);

		const coordinatorActiveMs = await timed(() => composition(coordinator, { population: 'active', ...cross }, 'en'));
		const coordinatorPoolMs = await timed(() => composition(coordinator, { population: 'pool', ...cross }, 'nl'));
		const policyActiveMs = await timed(() => composition(policy, { population: 'active', ...cross }, 'nl'));
		// The raw baseline: what the database alone takes to count every plain dimension per option (the sealed one cannot be counted in SQL).
		const baselineMs = await timed(() =>
			runtime.database.rows(sql`
				select d.key, coalesce(case when d.key = 'region' then p.posting_region else bp.answers ->> d.key end, 'not_answered') as option, count(*)::int as n
				from board_memberships m
				left join board_profiles bp on bp.user_id = m.user_id
				left join profiles p on p.user_id = m.user_id
				cross join unnest(array['work', 'children', 'language', 'years_abroad', 'region']) as d(key)
				where m.status = 'active'
				group by 1, 2`)
		);
		return {
			records: RECORDS,
			active: ACTIVE,
			pool: RECORDS - ACTIVE,
			database: runtime.database.kind,
			coordinatorActiveMs: round(coordinatorActiveMs),
			coordinatorPoolMs: round(coordinatorPoolMs),
			policyActiveMs: round(policyActiveMs),
			baselineMs: round(baselineMs),
			ratio: round(coordinatorActiveMs / baselineMs)
		};
	} finally {
		await stopRuntime();
		await drop?.();
	}
}

const round = (x: number) => Math.round(x * 100) / 100;

export function printCompositionFigures(f: CompositionBenchFigures): void {
	console.log(`composition at ${f.records} board records (${f.active} active, ${f.pool} in the pool; ${f.database}), median of ${RUNS}:`);
	console.log(`  coordinator, active board with a cross-table: ${f.coordinatorActiveMs} ms`);
	console.log(`  coordinator, volunteer pool with a cross-table: ${f.coordinatorPoolMs} ms`);
	console.log(`  policy staff, active board suppressed, with a cross-table: ${f.policyActiveMs} ms`);
	console.log(`  raw baseline (plain SQL count per option): ${f.baselineMs} ms; composition / baseline: ${f.ratio}×`);
	console.log(JSON.stringify({ compositionBench: f }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	printCompositionFigures(await runCompositionBench());
}
