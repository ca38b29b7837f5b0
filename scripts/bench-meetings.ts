// The live session room under a full board: 200 participants joining at once, and a note entry
// reaching all of them, each next to what it is measured against, in the same run.
//
// On a scratch database on the bench's Postgres (created, migrated and seeded here, dropped after):
// a coordinator and 200 board members, each with a session of their own, all invited to a session
// going on now. The platform runs in its own process (scripts/bench-server.ts, as for the group's
// fan-out), so the 200 socket.io-clients and the HTTP clients here do not share its event loop.
//
//   Joining: every participant at once opens a socket (the handshake checks its session), joins the
//   session's room (`meeting:<id>`, asked of access.ts, presence recorded as attendance) and then GETs
//   the room's state (joined first, so nothing is missed between the two): the time until all 200
//   have it, per round; attendance is cleared before each round, so every round is a session's first
//   join. Participant by participant too (p50/p95/p99), and the share of it the socket handshake takes.
//
//   Fan-out: the coordinator posts a note entry through the real API route (HTTP, session, access,
//   one transaction, the event after commit) and the time to each of the 200 sockets is taken,
//   alternating with the raw baseline: a plain insert of an entry (postgres.js) and a plain Socket.IO
//   broadcast of the same payload to the same room, both in the server process, asked for over the
//   IPC channel. Delivery is timed here, from just before the request (or the IPC message) to each
//   socket's arrival. Target: the platform's p99 within 1.5× of the raw one.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx scripts/bench-meetings.ts
//   (or `npm run bench -- --meetings-only`; `npm run bench` runs it after the rest.) It serves build/, as the bench does.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { io as connect, type Socket } from 'socket.io-client';
import { readConfig } from '../src/lib/server/config';
import { startRuntime, stopRuntime } from '../src/lib/server/runtime';
import { meetingAgendaItems, meetingInvitees, meetings, sessions, userRoles, users } from '../src/lib/server/db/schema';

export interface MeetingsBenchOptions {
	participants?: number;
	/** Entries posted through the API (and as many raw broadcasts), after ten of each to warm up. */
	entries?: number;
	/** Rounds of everyone joining at once, after one to warm up. */
	rounds?: number;
	log?: (line: string) => void;
}

export type Stats = { p50: number; p95: number; p99: number; n: number };

export interface MeetingsBenchFigures {
	participants: number;
	/** The machine's 1-minute load average at the start and the end, and its CPUs: context for every figure. */
	load_average: [number, number];
	cpus: number;
	join: {
		rounds: number;
		/** Until the last participant has the room's state: the median round, and the fastest and slowest. */
		all_ms: { median: number; min: number; max: number };
		/** Each participant, from the start of the round: socket connected, then joined and with the room's state. */
		connected: Stats;
		ready: Stats;
		/** Attendance recorded from presence after the last round (should be every participant). */
		recorded_present: number;
		/** Database statements behind one participant's join (handshake, join, presence recorded, the room's state), alone in the room. */
		statements: number;
		/** CPU time per round (median) of the server process and of this one (the 200 clients): what the wall time is made of on a busy machine. */
		server_cpu_ms: number | null;
		client_cpu_ms: number;
	};
	fanout: {
		entries: number;
		platform: Stats;
		raw: Stats;
		ratio_p99: number;
		/** The typical delivery's ratio: steadier than p99's on a busy machine. */
		ratio_p50: number;
		missed: number;
		/** Database statements behind one entry through the API (the raw baseline sends one). */
		statements: number;
		/** The server process's CPU time per entry (mean), through the API and for the raw baseline. */
		server_cpu_ms: { platform: number | null; raw: number | null };
	};
}

const WARM = 10;
/** `--profile-server DIR` (as for scripts/bench.ts): a V8 CPU profile of the server process, written to DIR when it stops. */
/** `--explain` (as for scripts/bench.ts): print the statements behind one join and one entry. */
const EXPLAIN = process.argv.includes('--explain');
const PROFILE_DIR = process.argv.includes('--profile-server') ? process.argv[process.argv.indexOf('--profile-server') + 1] : undefined;
export const round = (n: number) => Math.round(n * 100) / 100;
export const now = () => performance.now();
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
export function stats(samples: number[]): Stats {
	const s = [...samples].sort((a, b) => a - b);
	return { p50: round(pct(s, 50)), p95: round(pct(s, 95)), p99: round(pct(s, 99)), n: s.length };
}
/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null elsewhere. Wall time on a busy machine overstates the work. */
function cpuMsOf(pid: number | undefined): number | null {
	if (!pid) return null;
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
		// utime and stime are fields 14 and 15 of stat; counted here after the command's name, from field 3.
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return null;
	}
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** One HTTP request on `agent`, the whole body read (the other bench scripts use it too). */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; agent: http.Agent }) {
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(options.body);
	});
}

/** The platform in its child process, driven over IPC (as scripts/bench.ts drives it). */
export async function startBenchServer(dbUrl: string) {
	const child: ChildProcess = fork('scripts/bench-server.ts', [], {
		execArgv: ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
		env: { ...process.env, BENCH_DB_URL: dbUrl, NODE_ENV: 'production' },
		serialization: 'advanced',
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	let next = 1;
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	const url = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
		child.on('message', (m: { ready?: string; id?: number; result?: unknown; error?: string }) => {
			if (m.ready) return resolve(m.ready);
			const p = pending.get(m.id!);
			if (!p) return;
			pending.delete(m.id!);
			if (m.error) p.reject(new Error(m.error));
			else p.resolve(m.result);
		});
	});
	const call = (cmd: string, args: Record<string, unknown> = {}) =>
		new Promise<unknown>((resolve, reject) => {
			const id = next++;
			pending.set(id, { resolve, reject });
			child.send({ id, cmd, ...args });
		});
	return {
		url,
		call,
		pid: child.pid,
		close: async () => {
			const exited = new Promise((res) => child.once('exit', res));
			await call('close').catch(() => {});
			await exited;
		}
	};
}

const ZONES = ['Europe/Amsterdam', 'America/Bogota', 'Asia/Jakarta', 'Africa/Nairobi', 'Asia/Kathmandu', 'Pacific/Auckland', 'America/St_Johns', 'Asia/Tokyo'];

/** A coordinator, the participants and the session, with a session token (login) for each person; the cookies. */
async function seed(url: string, participants: number) {
	const config = readConfig({ NODE_ENV: 'test', MIGRATIONS_DIR: path.resolve('drizzle'), SENSITIVE_DATA_KEY: randomBytes(32).toString('hex') });
	config.databaseUrl = url;
	const runtime = await startRuntime(config, 'memory://');
	try {
		await runtime.database.migrate(config.migrationsFolder);
		const db = runtime.database.db;
		const people = await db
			.insert(users)
			.values([
				{ email: 'coordinator@bench.invalid', displayName: 'Coördinator Bench', handle: 'coordinator-bench', language: 'nl' as const, timeZone: 'Europe/Amsterdam', status: 'active' as const, passwordHash: 'x' },
				...Array.from({ length: participants }, (_, i) => ({
					email: `deelnemer-${i}@bench.invalid`,
					displayName: `Deelnemer ${String(i).padStart(3, '0')}`,
					handle: `deelnemer-${i}`,
					language: i % 3 ? ('nl' as const) : ('en' as const),
					timeZone: ZONES[i % ZONES.length]!,
					status: 'active' as const,
					passwordHash: 'x'
				}))
			])
			.returning({ id: users.id, email: users.email });
		const [coordinator, ...members] = people;
		await db.insert(userRoles).values([{ userId: coordinator!.id, role: 'coordinator' as const }, ...members.flatMap((m) => [{ userId: m.id, role: 'member' as const }, { userId: m.id, role: 'board_member' as const }])]);
		const tokens = people.map(() => randomBytes(20).toString('hex'));
		// As a login makes them (auth/sessions.ts, default settings): the token's SHA-256 stored, 14 days idle, 60 at most.
		// (An expiry nearer than half the idle time would be slid forward, one more statement, on every request.)
		const day = 24 * 3_600_000;
		await db.insert(sessions).values(
			people.map((p, i) => ({
				id: createHash('sha256').update(tokens[i]!).digest('hex'),
				userId: p.id,
				expiresAt: new Date(Date.now() + 14 * day),
				absoluteExpiresAt: new Date(Date.now() + 60 * day)
			}))
		);
		const start = new Date(Date.now() - 10 * 60_000);
		const [meeting] = await db
			.insert(meetings)
			.values({ title: 'Klankbordsessie: bench', startAt: start, endAt: new Date(start.getTime() + 120 * 60_000), meetingLink: 'https://meet.example.org/bench', createdBy: coordinator!.id })
			.returning({ id: meetings.id });
		const items = await db
			.insert(meetingAgendaItems)
			.values(['Werkvergunningen in het buitenland', 'Budget voor professionele ontwikkeling', 'Terugkeer naar Nederland'].map((title, i) => ({ meetingId: meeting!.id, position: i + 1, title, minutes: 30 })))
			.returning({ id: meetingAgendaItems.id, position: meetingAgendaItems.position });
		const itemId = items.find((i) => i.position === 1)!.id;
		await db.update(meetings).set({ currentItemId: itemId, currentItemSince: start }).where(eq(meetings.id, meeting!.id));
		await db.insert(meetingInvitees).values(members.map((m) => ({ meetingId: meeting!.id, userId: m.id, kind: 'board' as const, rsvp: 'yes' as const })));
		return {
			meetingId: meeting!.id,
			itemId,
			coordinatorId: coordinator!.id,
			coordinatorCookie: `session=${tokens[0]}`,
			cookies: tokens.slice(1).map((t) => `session=${t}`)
		};
	} finally {
		await stopRuntime();
	}
}

export async function runMeetingsBench(options: MeetingsBenchOptions = {}): Promise<MeetingsBenchFigures> {
	const P = options.participants ?? 200;
	const ENTRIES = options.entries ?? 50;
	const ROUNDS = Math.max(1, options.rounds ?? 4);
	const log = options.log ?? console.log;
	const loadStart = round(os.loadavg()[0] ?? 0);
	const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `bench_meetings_${randomBytes(6).toString('hex')}`;
	const adminSql = postgres(admin, { max: 1, onnotice: () => {} });
	await adminSql.unsafe(`create database "${name}"`);
	const u = new URL(admin);
	u.pathname = `/${name}`;
	const url = u.toString();
	let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
	const raw = postgres(url, { max: 2, onnotice: () => {} });
	let sockets: Socket[] = [];
	try {
		const s = await seed(url, P);
		server = await startBenchServer(url);
		const base = server.url;
		const roomUrl = `${base}/api/board/sessions/${s.meetingId}/room`;

		// ── Everyone joins at once ──────────────────────────────────────────
		const joinRound = async () => {
			for (const old of sockets) old.close();
			sockets = [];
			// Let the leaving settle (presence), and make this round a first join: no attendance recorded yet.
			await sleep(1_000);
			await raw`update meeting_invitees set attended = null, attendance_source = null where meeting_id = ${s.meetingId}`;
			// Each participant on a connection of their own, as separate browsers are.
			const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
			const cpu0 = cpuMsOf(server!.pid);
			const client0 = process.cpuUsage();
			const t0 = now();
			const results = await Promise.all(
				s.cookies.map(async (cookie) => {
					const socket = connect(base, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false, timeout: 60_000 });
					sockets.push(socket);
					await new Promise<void>((resolve, reject) => {
						socket.once('connect', resolve);
						socket.once('connect_error', reject);
					});
					const connected = now() - t0;
					const ack = (await socket.timeout(60_000).emitWithAck('room:join', `meeting:${s.meetingId}`)) as { ok: boolean; error?: string };
					if (!ack.ok) throw new Error(`join refused: ${ack.error}`);
					const res = await request(roomUrl, { headers: { cookie }, agent });
					if (res.status !== 200) throw new Error(`room state: ${res.status} ${res.body.slice(0, 200)}`);
					const state = JSON.parse(res.body) as { meetingId: number; agenda: { currentItemId: number | null } };
					if (state.meetingId !== s.meetingId || state.agenda.currentItemId !== s.itemId) throw new Error('room state is not the session’s');
					return { connected, ready: now() - t0 };
				})
			);
			const all = now() - t0;
			const cpu1 = cpuMsOf(server!.pid);
			const client = process.cpuUsage(client0);
			agent.destroy();
			return { all, results, serverCpu: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null, clientCpu: (client.user + client.system) / 1000 };
		};
		// One participant's join alone, with the statements the server sends for it.
		await raw`update meeting_invitees set attended = null, attendance_source = null where meeting_id = ${s.meetingId}`;
		await server.call('tap');
		{
			const agent = new http.Agent({ keepAlive: false });
			const socket = connect(base, { transports: ['websocket'], extraHeaders: { cookie: s.cookies[0]! }, forceNew: true, reconnection: false });
			await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
			await socket.timeout(10_000).emitWithAck('room:join', `meeting:${s.meetingId}`);
			await request(roomUrl, { headers: { cookie: s.cookies[0]! }, agent });
			// Presence is recorded after the join's answer: until it is there.
			for (let i = 0; i < 200; i++) {
				const [row] = await raw<{ n: number }[]>`select count(*)::int as n from meeting_invitees where meeting_id = ${s.meetingId} and attended`;
				if (row!.n > 0) break;
				await sleep(10);
			}
			socket.close();
			agent.destroy();
		}
		// A new pool connection's type lookup is not the join's.
		const joinSql = ((await server.call('untap')) as { query: string }[]).filter((q) => !q.query.includes('pg_catalog'));
		const joinStatements = joinSql.length;
		if (EXPLAIN) log(`-- one participant's join\n${joinSql.map((q) => q.query).join('\n')}`);
		await joinRound();
		const alls: number[] = [];
		const serverCpu: number[] = [];
		const clientCpu: number[] = [];
		const connected: number[] = [];
		const ready: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			const { all, results, serverCpu: cpu, clientCpu: mine } = await joinRound();
			alls.push(all);
			if (cpu !== null) serverCpu.push(cpu);
			clientCpu.push(mine);
			for (const x of results) {
				connected.push(x.connected);
				ready.push(x.ready);
			}
		}
		// Presence is recorded after the join's answer: give the last writes a moment before counting.
		let present = 0;
		for (let i = 0; i < 50 && present < P; i++) {
			await sleep(100);
			present = Number((await raw<{ n: number }[]>`select count(*)::int as n from meeting_invitees where meeting_id = ${s.meetingId} and attended`)[0]!.n);
		}
		const join = {
			rounds: ROUNDS,
			all_ms: { median: round(median(alls)), min: round(Math.min(...alls)), max: round(Math.max(...alls)) },
			connected: stats(connected),
			ready: stats(ready),
			recorded_present: present,
			statements: joinStatements,
			server_cpu_ms: serverCpu.length ? round(median(serverCpu)) : null,
			client_cpu_ms: round(median(clientCpu))
		};
		log(
			`session room, ${P} participants joining at once: all have the room's state after ${join.all_ms.median} ms (median of ${ROUNDS} rounds, ${join.all_ms.min}–${join.all_ms.max}); ` +
				`per participant p50 ${join.ready.p50} p95 ${join.ready.p95} p99 ${join.ready.p99} ms, of which the socket handshake p50 ${join.connected.p50} p99 ${join.connected.p99} ms; ` +
				`attendance recorded for ${present} of ${P}; ${joinStatements} database statements for one participant's join; CPU per round: server ${join.server_cpu_ms ?? '?'} ms, clients ${join.client_cpu_ms} ms`
		);

		// ── A note entry to everyone in the room ───────────────────────────
		// Each join and attendance change announces the room's people: let that traffic drain first.
		let lastSetup = now();
		for (const sock of sockets) sock.on('meeting:presence', () => (lastSetup = now()));
		while (now() - lastSetup < 700) await sleep(50);
		const arrivals = new Map<number, number[]>();
		let rawArrivals: number[] = [];
		for (const sock of sockets)
			sock.on('meeting:entry', (e: { id: number; raw?: boolean }) => {
				const t = now();
				if (e.raw) rawArrivals.push(t);
				else (arrivals.get(e.id) ?? arrivals.set(e.id, []).get(e.id)!).push(t);
			});
		let missed = 0;
		const waitFor = async (count: () => number) => {
			const deadline = Date.now() + 10_000;
			while (count() < P && Date.now() < deadline) await sleep(2);
			missed += P - Math.min(P, count());
		};
		const coordinatorAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		let payload: Record<string, unknown> = {};
		const cpu = { platform: [] as number[], raw: [] as number[] };
		const platformEntry = async (i: number) => {
			const cpu0 = cpuMsOf(server!.pid);
			const t0 = now();
			const res = await request(`${roomUrl}/entries`, {
				method: 'POST',
				headers: { cookie: s.coordinatorCookie, 'content-type': 'application/json' },
				body: JSON.stringify({ itemId: s.itemId, kind: 'point', body: `Punt ${i}: partners op posten zonder MoU horen pas na maanden of ze mogen werken.` }),
				agent: coordinatorAgent
			});
			if (res.status !== 201) throw new Error(`entry failed: ${res.status} ${res.body}`);
			payload = JSON.parse(res.body) as Record<string, unknown>;
			const id = payload.id as number;
			await waitFor(() => arrivals.get(id)?.length ?? 0);
			const cpu1 = cpuMsOf(server!.pid);
			if (cpu0 !== null && cpu1 !== null) cpu.platform.push(cpu1 - cpu0);
			return (arrivals.get(id) ?? []).map((t) => t - t0);
		};
		const rawEntry = async (i: number) => {
			rawArrivals = [];
			const cpu0 = cpuMsOf(server!.pid);
			const t0 = now();
			await server!.call('raw-meeting-entry', { meetingId: s.meetingId, itemId: s.itemId, authorId: s.coordinatorId, body: `Ruwe basislijn ${i}`, payload });
			await waitFor(() => rawArrivals.length);
			const cpu1 = cpuMsOf(server!.pid);
			if (cpu0 !== null && cpu1 !== null) cpu.raw.push(cpu1 - cpu0);
			return rawArrivals.map((t) => t - t0);
		};
		// Warmed as the group's fan-out is: the first requests through a fresh process run cold code.
		for (let i = 1; i <= WARM; i++) await platformEntry(-i);
		for (let i = 1; i <= WARM; i++) await rawEntry(-i);
		await server.call('tap');
		await platformEntry(0);
		const entrySql = (await server.call('untap')) as { query: string }[];
		const entryStatements = entrySql.length;
		if (EXPLAIN) log(`-- one entry through the API\n${entrySql.map((q) => q.query).join('\n')}`);
		missed = 0;
		cpu.platform = [];
		cpu.raw = [];
		const platform: number[] = [];
		const rawTimes: number[] = [];
		// Alternating, so that both see the same background load.
		for (let i = 0; i < ENTRIES; i++) {
			platform.push(...(await platformEntry(i)));
			rawTimes.push(...(await rawEntry(i)));
		}
		coordinatorAgent.destroy();
		const a = stats(platform);
		const b = stats(rawTimes);
		// The clock ticks in 10 ms steps: the mean over every entry, not a median of steps.
		const cpuOf = (xs: number[]) => (xs.length ? round(xs.reduce((n, x) => n + x, 0) / xs.length) : null);
		const fanout = { entries: ENTRIES, platform: a, raw: b, ratio_p99: round(a.p99 / b.p99), ratio_p50: round(a.p50 / b.p50), missed, statements: entryStatements, server_cpu_ms: { platform: cpuOf(cpu.platform), raw: cpuOf(cpu.raw) } };
		log(
			`session room, note entry to ${P} sockets: platform p50 ${a.p50} p95 ${a.p95} p99 ${a.p99} ms | raw p50 ${b.p50} p95 ${b.p95} p99 ${b.p99} ms | ` +
				`p99 ratio ${fanout.ratio_p99} (target ≤ 1.5), p50 ratio ${fanout.ratio_p50} (${a.n} and ${b.n} deliveries${missed ? `, ${missed} MISSED` : ''}); ` +
				`server CPU per entry: platform ${fanout.server_cpu_ms.platform ?? '?'} ms, raw ${fanout.server_cpu_ms.raw ?? '?'} ms; database statements per entry: platform ${entryStatements}, raw 1`
		);
		const load_average: [number, number] = [loadStart, round(os.loadavg()[0] ?? 0)];
		log(`session room bench: load average ${load_average[0]} at start, ${load_average[1]} at end, ${os.cpus().length} CPUs`);
		return { participants: P, load_average, cpus: os.cpus().length, join, fanout };
	} finally {
		for (const sock of sockets) sock.close();
		await server?.close();
		await raw.end({ timeout: 5 });
		try {
			await adminSql.unsafe(`drop database if exists "${name}" with (force)`);
		} finally {
			await adminSql.end({ timeout: 5 });
		}
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const figures = await runMeetingsBench();
	console.log(JSON.stringify({ meetings: figures }));
	process.exit(0);
}
