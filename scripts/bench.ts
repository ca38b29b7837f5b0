// `npm run bench`: latency of the group's hot reads and of live fan-out, each next to a
// raw baseline measured in the same run, at 10,000 and at 1,000,000 posts.
//
// For every API read, the SQL statements the server sent while answering one request
// are captured and replayed straight through postgres.js: the ratio is what the
// platform (HTTP, validation, permission checks, mapping, JSON) adds on top of its
// own queries. Fan-out: one reply through the API to 1,000 sockets in the thread's
// room, against a plain insert plus a plain Socket.IO broadcast of the same payload to
// the same clients. The last line is one JSON object with every figure.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
//   (options: --small-only, --sockets 1000, --requests 200)
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import { io as connect, type Socket } from 'socket.io-client';
import { readConfig } from '../src/lib/server/config';
import { startServer, type RunningServer } from '../src/server/server';
import { encodeCursor } from '../src/lib/server/paging';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const num = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SOCKETS = num('sockets', 1000);
const REQUESTS = num('requests', 200);
const FANOUT_POSTS = num('fanout-posts', 20);
const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const SIZES = {
	small: { members: 200, threads: 1_000, posts: 10_000 },
	large: { members: 5_000, threads: 100_000, posts: 1_000_000 }
} as const;
type Size = keyof typeof SIZES;

const dbUrl = (name: string) => {
	const u = new URL(admin);
	u.pathname = `/${name}`;
	return u.toString();
};

async function ensureSeeded(size: Size): Promise<string> {
	const name = `partner_bench_${size}`;
	const target = SIZES[size];
	const sql = postgres(admin, { max: 1, onnotice: () => {} });
	const exists = (await sql`select 1 from pg_database where datname = ${name}`).length > 0;
	if (!exists) await sql.unsafe(`create database ${name}`);
	await sql.end();
	const url = dbUrl(name);
	const check = postgres(url, { max: 1, onnotice: () => {} });
	let have: number;
	try {
		have = Number((await check`select count(*)::int as n from posts`)[0]?.n ?? 0);
	} catch {
		have = 0;
	}
	await check.end();
	if (have < target.posts) {
		console.log(`seeding ${name} (${target.posts.toLocaleString('en')} posts)…`);
		const r = spawnSync(
			process.execPath,
			['--import', 'tsx', 'scripts/seed-large.ts', '--members', String(target.members), '--threads', String(target.threads), '--posts', String(target.posts - have)],
			{ stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } }
		);
		if (r.status !== 0) throw new Error('seeding failed');
	}
	return url;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
function stats(samples: number[]) {
	const s = [...samples].sort((a, b) => a - b);
	return { p50: round(pct(s, 50)), p95: round(pct(s, 95)), p99: round(pct(s, 99)), n: s.length };
}
const round = (n: number) => Math.round(n * 100) / 100;
const now = () => performance.now();

interface Captured {
	query: string;
	params: readonly unknown[];
}

async function measure(size: Size) {
	const url = await ensureSeeded(size);
	let tap: Captured[] | null = null;
	const config = { ...readConfig({ ...process.env, NODE_ENV: 'production', DATABASE_URL: url, DEMO: '0', PORT: '0', LOG_LEVEL: 'silent' }), logLevel: 'silent' };
	const server: RunningServer = await startServer({ config, onQuery: (query, params) => tap?.push({ query, params }) });
	const raw = postgres(url, { max: 4, onnotice: () => {} });
	const base = server.url;
	try {
		const [member] = await raw<{ email: string }[]>`select u.email from users u join user_roles r on r.user_id = u.id and r.role = 'member' where u.status = 'active' and u.email like 'bench%' order by u.email limit 1`;
		if (!member) throw new Error('no bench member found');
		const login = await fetch(`${base}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: member.email, password: 'bench-partner-2026' })
		});
		if (!login.ok) throw new Error(`login failed: ${login.status}`);
		const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

		// A deep page: the cursor of the thread half-way down the list (found once, with OFFSET, outside the measurement).
		const [deep] = await raw<{ id: number; pinned: boolean; at: string }[]>`
			select id, pinned, (last_post_at at time zone 'UTC')::text as at from threads where status = 'visible'
			order by pinned desc, last_post_at desc, id desc offset ${Math.floor(SIZES[size].threads / 2)} limit 1`;
		const deepCursor = encodeCursor({ k: `${deep!.pinned ? 1 : 0}|${deep!.at}`, id: String(deep!.id) });
		const [busy] = await raw<{ id: number }[]>`select id from threads where status = 'visible' order by reply_count desc, id limit 1`;

		const reads: Record<string, string> = {
			thread_list_first: '/api/threads?limit=25',
			thread_list_deep: `/api/threads?limit=25&cursor=${deepCursor}`,
			thread_page: `/api/threads/${busy!.id}/posts?limit=25`,
			search: `/api/search?q=${encodeURIComponent('werkvergunning')}&limit=20`
		};
		const results: Record<string, { api: ReturnType<typeof stats>; raw: ReturnType<typeof stats>; ratio_p95: number; statements: number }> = {};
		for (const [name, path] of Object.entries(reads)) {
			const get = async () => {
				const r = await fetch(base + path, { headers: { cookie } });
				if (!r.ok) throw new Error(`${name}: ${r.status} ${await r.text()}`);
				await r.arrayBuffer();
			};
			for (let i = 0; i < 20; i++) await get();
			tap = [];
			await get();
			const statements = tap;
			tap = null;
			const api: number[] = [];
			for (let i = 0; i < REQUESTS; i++) {
				const t = now();
				await get();
				api.push(now() - t);
			}
			const replay = async () => {
				for (const s of statements) await raw.unsafe(s.query, s.params as never[]);
			};
			for (let i = 0; i < 20; i++) await replay();
			const rawTimes: number[] = [];
			for (let i = 0; i < REQUESTS; i++) {
				const t = now();
				await replay();
				rawTimes.push(now() - t);
			}
			const a = stats(api);
			const b = stats(rawTimes);
			results[name] = { api: a, raw: b, ratio_p95: round(a.p95 / b.p95), statements: statements.length };
			console.log(`${size.padEnd(5)} ${name.padEnd(18)} api p50 ${a.p50} p95 ${a.p95} p99 ${a.p99} ms | raw p50 ${b.p50} p95 ${b.p95} p99 ${b.p99} ms (${statements.length} statements) | p95 ratio ${round(a.p95 / b.p95)}`);
		}

		let fanout: Record<string, unknown> | undefined;
		if (size === 'large' || flag('small-only')) fanout = await measureFanout(server, raw, base, cookie, busy!.id);
		return { reads: results, fanout };
	} finally {
		await raw.end();
		await server.close();
	}
}

async function measureFanout(server: RunningServer, raw: postgres.Sql, base: string, cookie: string, threadId: number) {
	const sockets: Socket[] = [];
	const arrivals = new Map<number, number[]>();
	let rawArrivals: number[] = [];
	// Connected in batches: each handshake validates its session, as a real page's does.
	for (let i = 0; i < SOCKETS; i += 50) {
		const batch: Socket[] = [];
		for (let j = i; j < Math.min(SOCKETS, i + 50); j++)
			batch.push(connect(base, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false, timeout: 60_000 }));
		await Promise.all(
			batch.map(
				(s) =>
					new Promise<void>((resolve, reject) => {
						s.once('connect', () => s.emit('room:join', `thread:${threadId}`, (ack: { ok: boolean }) => (ack.ok ? resolve() : reject(new Error('join refused')))));
						s.once('connect_error', reject);
					})
			)
		);
		sockets.push(...batch);
	}
	for (const s of sockets)
		s.on('post:changed', (c: { id: number; seq: number; raw?: boolean }) => {
			const t = now();
			if (c.raw) rawArrivals.push(t);
			else (arrivals.get(c.id) ?? arrivals.set(c.id, []).get(c.id)!).push(t);
		});

	const platform: number[] = [];
	for (let i = 0; i < FANOUT_POSTS; i++) {
		const t0 = now();
		const r = await fetch(`${base}/api/threads/${threadId}/posts`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ body: `Benchmark-antwoord ${i}: dank voor de tips over de werkvergunning.` })
		});
		if (!r.ok) throw new Error(`reply failed: ${r.status} ${await r.text()}`);
		const { id } = (await r.json()) as { id: number };
		const deadline = Date.now() + 10_000;
		while ((arrivals.get(id)?.length ?? 0) < SOCKETS && Date.now() < deadline) await new Promise((res) => setTimeout(res, 2));
		for (const t of arrivals.get(id) ?? []) platform.push(t - t0);
	}

	// Raw: a plain insert, then a plain broadcast of a payload of the same shape to the same clients.
	const [sample] = await raw`select id from posts where thread_id = ${threadId} order by id desc limit 1`;
	const payloadRes = await fetch(`${base}/api/threads/${threadId}/changes?since=0`, { headers: { cookie } });
	const payloadList = (await payloadRes.json()) as Record<string, unknown>[];
	const payload = payloadList.find((p) => p.id === sample!.id) ?? payloadList.at(-1)!;
	const [author] = await raw<{ id: string }[]>`select author_id as id from posts where id = ${sample!.id}`;
	const rawTimes: number[] = [];
	for (let i = 0; i < FANOUT_POSTS; i++) {
		rawArrivals = [];
		const t0 = now();
		const [row] = await raw<{ id: number; seq: number }[]>`
			insert into posts (thread_id, author_id, body, body_html) values (${threadId}, ${author!.id}, ${'Ruwe basislijn ' + i}, ${'<p>Ruwe basislijn ' + i + '</p>'}) returning id, seq`;
		server.realtime.io.to(`thread:${threadId}`).emit('post:changed', { ...payload, id: row!.id, seq: row!.seq, raw: true } as never);
		const deadline = Date.now() + 10_000;
		while (rawArrivals.length < SOCKETS && Date.now() < deadline) await new Promise((res) => setTimeout(res, 2));
		for (const t of rawArrivals) rawTimes.push(t - t0);
	}
	for (const s of sockets) s.close();
	const a = stats(platform);
	const b = stats(rawTimes);
	console.log(`fan-out to ${SOCKETS} sockets: platform p50 ${a.p50} p95 ${a.p95} p99 ${a.p99} ms | raw p50 ${b.p50} p95 ${b.p95} p99 ${b.p99} ms | p99 ratio ${round(a.p99 / b.p99)} (${a.n} and ${b.n} deliveries)`);
	return { sockets: SOCKETS, platform: a, raw: b, ratio_p99: round(a.p99 / b.p99) };
}

const report: Record<string, unknown> = { sockets: SOCKETS, requests: REQUESTS };
const small = await measure('small');
report.small = small;
if (!flag('small-only')) {
	const large = await measure('large');
	report.large = large;
	const scaling: Record<string, number> = {};
	for (const name of Object.keys(small.reads)) scaling[name] = round(large.reads[name]!.api.p95 / small.reads[name]!.api.p95);
	report.scaling_p95_large_over_small = scaling;
	console.log('p95 at 1,000,000 posts over p95 at 10,000:', scaling);
}
console.log(JSON.stringify(report));
process.exit(0);
