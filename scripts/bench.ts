// `npm run bench`: latency of the group's hot reads and of live fan-out, each next to a
// raw baseline measured in the same run, at 10,000 and at 1,000,000 posts.
//
// Processes: the platform runs in a child process (scripts/bench-server.ts, forked per
// database); this process is only the load generator: fetch for the API, the 1,000
// socket.io-clients for fan-out, and postgres.js for the raw SQL baselines. So the
// clients' own cost (undici, socket.io-client parsing) is not taken from the server's
// event loop, and API and raw SQL are timed from the same place.
//
// For every API read, the SQL statements the server sent while answering one request
// are captured (in the server process) and replayed from this process straight through
// postgres.js: the ratio is what the platform (HTTP, session, validation, permission
// checks, mapping, JSON) adds on top of its own queries. Both sizes run at once, each in
// its own platform process, and every read is measured interleaved: API, raw, at 10,000
// posts, then API, raw, at 1,000,000, request after request; so API and raw SQL, and the
// two sizes, see the same background load. Fan-out: one reply through the API
// to 1,000 sockets in the thread's room, against a plain insert (postgres.js) plus a
// plain Socket.IO broadcast of the same payload to the same clients, both done in the
// server process (the baseline is triggered over the IPC channel instead of HTTP);
// delivery is timed in this process, from just before the request (or the IPC message)
// to each socket's arrival. The last line is one JSON object with every figure.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
// Pages: at the largest size, a thread page's HTML throughput against the thread JSON API's
// (50 connections, a browser's accept-encoding), the server's RSS before, at the peak of, and a
// minute after that load, and what the page weighs on the wire (compressed HTML, its scripts and
// stylesheets, requests). It serves build/: run `npm run build` first.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
//   (options: --small-only, --sockets 1000, --requests 200, --fanout-posts 100,
//    --gin: drop the optional RUM index first, to measure search on the default install,
//    --page-seconds 10: how long each throughput run lasts,
//    --pages-only: only the thread page against its API (no reads, no fan-out), to iterate on pages,
//    --meetings-only: only the board's live session room (scripts/bench-meetings.ts: 200 participants
//      joining at once, a note entry delivered to their sockets against a raw broadcast),
//    --surveys-only: only surveys (scripts/bench-surveys.ts: 2,000 answers by 200 members at a time, and
//      the results of 10,000 responses with a breakdown against the same aggregates run raw),
//    --explain: print each read's statements with their EXPLAIN ANALYZE,
//    --profile-server DIR: write a V8 CPU profile of each server process to DIR)
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';
import postgres from 'postgres';
import { io as connect, type Socket } from 'socket.io-client';
import { encodeCursor } from '../src/lib/server/paging';
import { runSelectionBench } from './bench-selection';
import { printCompositionFigures, runCompositionBench } from './bench-composition';
import { runMeetingsBench } from './bench-meetings';
import { runSurveysBench } from './bench-surveys';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const num = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SOCKETS = num('sockets', 1000);
const REQUESTS = num('requests', 200);
const FANOUT_POSTS = num('fanout-posts', 100);
const PAGE_SECONDS = num('page-seconds', 10);
const PAGE_CONNECTIONS = 50;
const PROFILE_DIR = args.includes('--profile-server') ? args[args.indexOf('--profile-server') + 1] : undefined;
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

// The measured requests go through node:http on one kept-alive connection: a lean client, as
// postgres.js is for the raw baseline (fetch's WHATWG streams add client-side time of their own).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
	return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
		const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(options.body);
	});
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

/** The platform in its child process (scripts/bench-server.ts), driven over IPC. */
interface BenchServer {
	url: string;
	call<T = null>(cmd: string, args?: Record<string, unknown>): Promise<T>;
	close(): Promise<void>;
}

async function startBenchServer(dbUrl: string): Promise<BenchServer> {
	// 'advanced' serialization: captured parameters keep their types (Date, bigint) on the way back.
	const child: ChildProcess = fork('scripts/bench-server.ts', [], {
		execArgv: ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
		env: { ...process.env, BENCH_DB_URL: dbUrl, NODE_ENV: 'production' },
		serialization: 'advanced',
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	let next = 1;
	const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
	const url = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
		child.on('message', (m: { ready?: string; id?: number; result?: unknown; error?: string }) => {
			if (m.ready) return resolve(m.ready);
			const p = pending.get(m.id!);
			if (!p) return;
			pending.delete(m.id!);
			if (m.error) p.reject(new Error(m.error));
			else p.resolve(m.result as never);
		});
	});
	const call = <T,>(cmd: string, args: Record<string, unknown> = {}) =>
		new Promise<T>((resolve, reject) => {
			const id = next++;
			pending.set(id, { resolve: resolve as (v: never) => void, reject });
			child.send({ id, cmd, ...args });
		});
	return {
		url,
		call,
		close: async () => {
			const exited = new Promise((res) => child.once('exit', res));
			await call('close').catch(() => {});
			await exited;
		}
	};
}

/** Which index search used at each size: 'rum' (newest first) or 'gin'. */
const searchIndex: Partial<Record<Size, 'rum' | 'gin'>> = {};

/** One size, ready to measure: its platform process, a raw connection, a signed-in member and the reads' paths. */
interface Target {
	size: Size;
	server: BenchServer;
	raw: postgres.Sql;
	base: string;
	cookie: string;
	otherId: string;
	busyThread: number;
	reads: Record<string, string>;
}

async function prepare(size: Size): Promise<Target> {
	const url = await ensureSeeded(size);
	// Search is measured with the optional newest-first index where this Postgres has RUM (see search-index.ts).
	spawnSync(process.execPath, ['--import', 'tsx', 'scripts/search-index.ts', ...(flag('gin') ? ['--drop'] : [])], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
	const raw = postgres(url, { max: 4, onnotice: () => {} });
	const [ix] = await raw<{ rum: boolean }[]>`select coalesce((select indisvalid from pg_index where indexrelid = to_regclass('posts_search_newest_idx')), false) as rum`;
	searchIndex[size] = ix?.rum ? 'rum' : 'gin';
	console.log(`${size}: search uses the ${searchIndex[size]} index`);
	// The fan-out posts more replies than a member may in ten minutes: the limit is not what is measured here.
	await raw`insert into settings (key, value) values ('postsPerWindow', '1000'::jsonb) on conflict (key) do update set value = excluded.value`;
	const server = await startBenchServer(url);
	const base = server.url;
	// An established member who has not posted lately, and a second one for the raw baseline's rows.
	const [member, other] = await raw<{ email: string; id: string }[]>`
		select u.email, u.id from users u join user_roles r on r.user_id = u.id and r.role = 'member'
		where u.status = 'active' and u.email like 'bench%'
			and not exists (select 1 from posts p where p.author_id = u.id and p.created_at > now() - interval '1 hour')
		order by u.email limit 2`;
	if (!member || !other) throw new Error('no bench member found');
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
	return {
		size,
		server,
		raw,
		base,
		cookie,
		otherId: other.id,
		busyThread: busy!.id,
		reads: {
			thread_list_first: '/api/threads?limit=25',
			thread_list_deep: `/api/threads?limit=25&cursor=${deepCursor}`,
			thread_page: `/api/threads/${busy!.id}/posts?limit=25`,
			search: `/api/search?q=${encodeURIComponent('werkvergunning')}&limit=20`
		}
	};
}

type ReadResult = { api: ReturnType<typeof stats>; raw: ReturnType<typeof stats>; ratio_p95: number; statements: number };

/**
 * Every read at every size, interleaved: for each request, the API and its raw replay at one size,
 * then at the other. So the two sizes (and API and raw SQL) see the same background load, and the
 * scaling figure compares like with like on a machine whose load moves from minute to minute.
 */
async function measureReads(targets: Target[]): Promise<Record<Size, Record<string, ReadResult>>> {
	const results = Object.fromEntries(targets.map((t) => [t.size, {}])) as Record<Size, Record<string, ReadResult>>;
	for (const name of Object.keys(targets[0]!.reads)) {
		const runs = [];
		for (const t of targets) {
			const path = t.reads[name]!;
			const get = async () => {
				const r = await request(t.base + path, { headers: { cookie: t.cookie } });
				if (r.status !== 200) throw new Error(`${t.size} ${name}: ${r.status} ${r.body.toString()}`);
			};
			for (let i = 0; i < 20; i++) await get();
			await t.server.call('tap');
			await get();
			const statements = await t.server.call<Captured[]>('untap');
			if (flag('explain'))
				for (const s of statements) {
					const plan = await t.raw.unsafe(`explain (analyze, buffers) ${s.query}`, s.params as never[]);
					console.log(`-- ${t.size} ${name}\n${s.query}\n${JSON.stringify(s.params)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n`);
				}
			const replay = async () => {
				for (const s of statements) await t.raw.unsafe(s.query, s.params as never[]);
			};
			for (let i = 0; i < 20; i++) await replay();
			runs.push({ t, get, replay, statements, api: [] as number[], raw: [] as number[] });
		}
		for (let i = 0; i < REQUESTS; i++)
			for (const run of runs) {
				let t0 = now();
				await run.get();
				run.api.push(now() - t0);
				t0 = now();
				await run.replay();
				run.raw.push(now() - t0);
			}
		for (const run of runs) {
			const a = stats(run.api);
			const b = stats(run.raw);
			results[run.t.size][name] = { api: a, raw: b, ratio_p95: round(a.p95 / b.p95), statements: run.statements.length };
			console.log(`${run.t.size.padEnd(5)} ${name.padEnd(18)} api p50 ${a.p50} p95 ${a.p95} p99 ${a.p99} ms | raw p50 ${b.p50} p95 ${b.p95} p99 ${b.p99} ms (${run.statements.length} statements) | p95 ratio ${round(a.p95 / b.p95)}`);
		}
	}
	return results;
}

async function measureFanout(server: BenchServer, base: string, cookie: string, threadId: number, rawAuthorId: string) {
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
	// Each join announces the room's readers to everyone in it: let that setup traffic drain first.
	let lastSetupMessage = now();
	for (const s of sockets) s.on('thread:presence', () => (lastSetupMessage = now()));
	while (now() - lastSetupMessage < 500) await new Promise((res) => setTimeout(res, 50));

	for (const s of sockets)
		s.on('post:changed', (c: { id: number; seq: number; raw?: boolean }) => {
			const t = now();
			if (c.raw) rawArrivals.push(t);
			else (arrivals.get(c.id) ?? arrivals.set(c.id, []).get(c.id)!).push(t);
		});
	const waitFor = async (count: () => number) => {
		const deadline = Date.now() + 10_000;
		while (count() < SOCKETS && Date.now() < deadline) await new Promise((res) => setTimeout(res, 2));
	};

	const platformReply = async (i: number) => {
		const t0 = now();
		const r = await request(`${base}/api/threads/${threadId}/posts`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ body: `Benchmark-antwoord ${i}: dank voor de tips over de verhuizing.` })
		});
		if (r.status !== 201) throw new Error(`reply failed: ${r.status} ${r.body.toString()}`);
		const { id } = JSON.parse(r.body.toString()) as { id: number };
		await waitFor(() => arrivals.get(id)?.length ?? 0);
		return { id, times: (arrivals.get(id) ?? []).map((t) => t - t0) };
	};
	// Raw: a plain insert, then a plain broadcast of a payload of the same shape (a platform reply's, as the changes API gives it) to the same clients.
	// Its rows are written as another member, so they do not count against the replying member's posting limit.
	// Warmed as the reads are: the first replies through a fresh process run cold code.
	let warm = await platformReply(-1);
	for (let i = 2; i <= 10; i++) warm = await platformReply(-i);
	const payloadRes = await fetch(`${base}/api/threads/${threadId}/changes?since=0`, { headers: { cookie } });
	const payloadList = (await payloadRes.json()) as Record<string, unknown>[];
	const payload = payloadList.find((p) => p.id === warm.id) ?? payloadList.at(-1)!;
	const rawBroadcast = async (i: number) => {
		rawArrivals = [];
		const t0 = now();
		await server.call('raw-broadcast', { threadId, authorId: rawAuthorId, body: `Ruwe basislijn ${i}`, payload });
		await waitFor(() => rawArrivals.length);
		return rawArrivals.map((t) => t - t0);
	};
	for (let i = 1; i <= 10; i++) await rawBroadcast(-i);

	// Alternating, so that both see the same background load.
	const platform: number[] = [];
	const rawTimes: number[] = [];
	for (let i = 0; i < FANOUT_POSTS; i++) {
		platform.push(...(await platformReply(i)).times);
		rawTimes.push(...(await rawBroadcast(i)));
	}
	for (const s of sockets) s.close();
	const a = stats(platform);
	const b = stats(rawTimes);
	console.log(`fan-out to ${SOCKETS} sockets: platform p50 ${a.p50} p95 ${a.p95} p99 ${a.p99} ms | raw p50 ${b.p50} p95 ${b.p95} p99 ${b.p99} ms | p99 ratio ${round(a.p99 / b.p99)} (${a.n} and ${b.n} deliveries)`);
	return { sockets: SOCKETS, platform: a, raw: b, ratio_p99: round(a.p99 / b.p99) };
}

/** As many GETs as `connections` clients get answered in `seconds`, each sending the next on answer. */
async function throughput(url: string, cookie: string, seconds: number, connections: number): Promise<number> {
	const pool = new http.Agent({ keepAlive: true, maxSockets: connections });
	const headers = { cookie, 'accept-encoding': 'gzip, deflate, br' };
	let done = 0;
	const until = now() + seconds * 1000;
	const client = async () => {
		while (now() < until) {
			await new Promise<void>((resolve, reject) => {
				http
					.get(url, { headers, agent: pool }, (res) => {
						if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
						res.resume();
						res.on('end', () => resolve());
						res.on('error', reject);
					})
					.on('error', reject);
			});
			done++;
		}
	};
	await Promise.all(Array.from({ length: connections }, client));
	pool.destroy();
	return round(done / seconds);
}

/** The bytes a browser downloads for a page: the compressed HTML, then every script and stylesheet it names. */
async function pageWeight(base: string, path: string, cookie: string) {
	const get = (url: string, headers: Record<string, string>) =>
		new Promise<{ status: number; raw: Buffer; encoding: string | undefined; link: string }>((resolve, reject) => {
			http
				.get(url, { headers }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () =>
						resolve({ status: res.statusCode ?? 0, raw: Buffer.concat(chunks), encoding: res.headers['content-encoding'] as string | undefined, link: String(res.headers.link ?? '') })
					);
					res.on('error', reject);
				})
				.on('error', reject);
		});
	const accept = { 'accept-encoding': 'gzip, deflate, br' };
	const page = await get(base + path, { ...accept, cookie });
	if (page.status !== 200) throw new Error(`${path}: ${page.status}`);
	const html = (page.encoding === 'br' ? zlib.brotliDecompressSync(page.raw) : page.encoding === 'gzip' ? zlib.gunzipSync(page.raw) : page.raw).toString('utf8');
	const result = { html_bytes: page.raw.length, html_uncompressed_bytes: Buffer.byteLength(html), js_bytes: 0, js_files: 0, css_bytes: 0, css_files: 0, requests: 1 };
	const seen = new Set<string>();
	// What the browser fetches at once: the scripts and stylesheets the HTML names, and those SvelteKit preloads in the
	// Link header (the page's own nodes and their chunks, in the split bundle).
	const named = (text: string) => [...text.matchAll(/\/_app\/immutable\/[\w./-]+\.(?:js|css)/g)].map((m) => m[0]);
	// A stylesheet SvelteKit wrote into the page (inlineStyleThreshold) stays named in a disabled <link>, which
	// browsers do not fetch (Chromium, checked): not counted.
	const queue = [...named(html.replace(/<link\b[^>]*\bdisabled\b[^>]*>/g, '')), ...named(page.link)];
	while (queue.length) {
		const asset = queue.shift()!;
		if (seen.has(asset)) continue;
		seen.add(asset);
		const answer = await get(base + asset, accept);
		if (answer.status !== 200) throw new Error(`${asset}: ${answer.status}`);
		result.requests++;
		if (asset.endsWith('.css')) {
			result.css_bytes += answer.raw.length;
			result.css_files++;
			continue;
		}
		result.js_bytes += answer.raw.length;
		result.js_files++;
		// Scripts import scripts: follow their static imports (relative to the importing file) as a browser would.
		const text = (answer.encoding === 'br' ? zlib.brotliDecompressSync(answer.raw) : answer.encoding === 'gzip' ? zlib.gunzipSync(answer.raw) : answer.raw).toString('utf8');
		const dir = asset.slice(0, asset.lastIndexOf('/') + 1);
		for (const m of text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[\w./-]+\.js)["']/g)) queue.push(new URL(m[1]!, `http://x${dir}`).pathname);
	}
	return result;
}

/**
 * The thread page against the JSON API behind it, at one size: requests per second of each
 * (PAGE_CONNECTIONS at once, PAGE_SECONDS each, warmed first), the server's RSS before, at the peak
 * of (sampled every 100 ms during the page load) and a minute after the page load, and the page's weight.
 */
async function measurePages(t: Target) {
	const page = `/group/t/${t.busyThread}`;
	const api = `/api/threads/${t.busyThread}/posts`;
	const weight = await pageWeight(t.base, page, t.cookie);
	// The database round trips behind one request of each: the page's extra ones are its share of the gap.
	const statementsOf = async (path: string) => {
		await t.server.call('tap');
		await request(t.base + path, { headers: { cookie: t.cookie } });
		return (await t.server.call<Captured[]>('untap')).map((s) => s.query);
	};
	const pageStatements = await statementsOf(page);
	const apiStatements = await statementsOf(api);
	if (flag('explain')) console.log(`-- page statements\n${pageStatements.join('\n')}\n-- api statements\n${apiStatements.join('\n')}`);
	await throughput(t.base + page, t.cookie, 2, PAGE_CONNECTIONS);
	await throughput(t.base + api, t.cookie, 2, PAGE_CONNECTIONS);
	// Let the warm-up's garbage go before the start figure.
	await new Promise((res) => setTimeout(res, 5_000));
	const rssStart = await t.server.call<number>('rss');
	let rssPeak = rssStart;
	let sampling = true;
	const sampler = (async () => {
		while (sampling) {
			rssPeak = Math.max(rssPeak, await t.server.call<number>('rss'));
			await new Promise((res) => setTimeout(res, 100));
		}
	})();
	const apiRps = await throughput(t.base + api, t.cookie, PAGE_SECONDS, PAGE_CONNECTIONS);
	const pageRps = await throughput(t.base + page, t.cookie, PAGE_SECONDS, PAGE_CONNECTIONS);
	sampling = false;
	await sampler;
	await new Promise((res) => setTimeout(res, 60_000));
	const rssAfter = await t.server.call<number>('rss');
	const mb = (b: number) => Math.round(b / 1048576);
	const figures = {
		connections: PAGE_CONNECTIONS,
		page_rps: pageRps,
		api_rps: apiRps,
		api_over_page: round(apiRps / pageRps),
		statements: { page: pageStatements.length, api: apiStatements.length },
		rss_mb: { start: mb(rssStart), peak: mb(rssPeak), minute_after: mb(rssAfter), peak_over_start: mb(rssPeak - rssStart), after_over_start: mb(rssAfter - rssStart) },
		weight
	};
	console.log(
		`${t.size} thread page: ${pageRps} req/s | thread JSON API: ${apiRps} req/s | API over page ${figures.api_over_page} (target ≤ 2); ` +
			`database statements per request: page ${pageStatements.length}, API ${apiStatements.length}\n` +
			`${t.size} server RSS: ${figures.rss_mb.start} MB at start, ${figures.rss_mb.peak} MB at peak (+${figures.rss_mb.peak_over_start}, target ≤ +150), ` +
			`${figures.rss_mb.minute_after} MB a minute after (+${figures.rss_mb.after_over_start}, target ≤ +30)\n` +
			`${t.size} thread page weight: HTML ${round(weight.html_bytes / 1024)} KB compressed (${round(weight.html_uncompressed_bytes / 1024)} KB plain), ` +
			`JS ${round(weight.js_bytes / 1024)} KB compressed in ${weight.js_files} files (target ≤ 150 KB), CSS ${round(weight.css_bytes / 1024)} KB in ${weight.css_files}, ` +
			`${weight.requests} requests (target ≤ 10)`
	);
	return figures;
}

// The machine's load average (1, 5, 15 minutes) at start and end: context for every figure.
const loadAverage = () => os.loadavg().map((n) => round(n));
const report: Record<string, unknown> = { sockets: SOCKETS, requests: REQUESTS, cpus: os.cpus().length, load_average_start: loadAverage() };
if (flag('surveys-only')) {
	report.surveys = await runSurveysBench();
	report.load_average_end = loadAverage();
	console.log(JSON.stringify(report));
	process.exit(0);
}
if (flag('meetings-only')) {
	report.meetings = await runMeetingsBench();
	report.load_average_end = loadAverage();
	console.log(JSON.stringify(report));
	process.exit(0);
}
const sizes: Size[] = flag('small-only') ? ['small'] : ['small', 'large'];
const targets: Target[] = [];
try {
	for (const size of sizes) targets.push(await prepare(size));
	const pagesOnly = flag('pages-only');
	const reads: Partial<Record<Size, Record<string, ReadResult>>> = pagesOnly ? {} : await measureReads(targets);
	// Fan-out at the largest size measured (1,000,000 posts unless --small-only).
	const last = targets.at(-1)!;
	const pages = await measurePages(last);
	const fanout = pagesOnly ? undefined : await measureFanout(last.server, last.base, last.cookie, last.busyThread, last.otherId);
	for (const t of targets) report[t.size] = { reads: reads[t.size], search_index: searchIndex[t.size], ...(t === last && { pages, fanout }) };
	if (reads.large && reads.small) {
		const scaling: Record<string, number> = {};
		for (const name of Object.keys(reads.small)) scaling[name] = round(reads.large[name]!.api.p95 / reads.small[name]!.api.p95);
		report.scaling_p95_large_over_small = scaling;
		console.log('p95 at 1,000,000 posts over p95 at 10,000:', scaling);
	}
} finally {
	for (const t of targets) {
		await t.raw.end();
		await t.server.close();
	}
}
// The sounding board: fair selection (15 seats from 500 volunteers) and the composition page at 1,000 board records.
report.selection = await runSelectionBench();
const composition = await runCompositionBench();
printCompositionFigures(composition);
report.composition = composition;
// Board sessions: the live room with 200 participants (its own scratch database and server process).
report.meetings = await runMeetingsBench();
// Surveys: 2,000 answers by 200 at a time, and results of 10,000 responses with a breakdown (their own scratch database).
report.surveys = await runSurveysBench();
report.load_average_end = loadAverage();
console.log(`load average (1/5/15 min): ${(report.load_average_start as number[]).join(' ')} at start, ${(report.load_average_end as number[]).join(' ')} at end, ${os.cpus().length} CPUs`);
console.log(JSON.stringify(report));
process.exit(0);
