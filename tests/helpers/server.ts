/**
 * Boots the real platform for one test file: Fastify, Socket.IO and a
 * database of its own (PGlite in memory, or a fresh database on the Postgres
 * server in TEST_DATABASE_URL), on an ephemeral port. Tests talk to it as a
 * browser would: fetch with a cookie, socket.io-client over WebSocket.
 *
 * One server per test file (the runtime is a per-process singleton):
 * `const t = useServer()` at the top of the file starts it before the file's
 * tests and closes it after them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, inject } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/server';
import { readConfig } from '../../src/lib/server/config';
import type { Database, Db } from '../../src/lib/server/db';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed';
import { hashPassword } from '../../src/lib/server/auth/password';
import { guidelineAcceptances, guidelines, userRoles, users } from '../../src/lib/server/db/schema';
import { desc } from 'drizzle-orm';
import type { Language, Role, UserStatus } from '../../src/lib/shared/roles';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../src/lib/shared/events';
import { scratchBase } from './global-setup';
import { ensureBuild } from './build';

export { DEMO_PASSWORD };
export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every kind of caller the authorization rules distinguish. */
export const PRINCIPALS = [
	'anonymous',
	'pending',
	'suspended',
	'member',
	'board_member',
	'moderator',
	'coordinator',
	'policy_staff',
	'admin'
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

/** The seeded demo account behind each principal that has one. */
export const DEMO_EMAIL = {
	pending: 'pending@example.org',
	member: 'member@example.org',
	board_member: 'board@example.org',
	moderator: 'moderator@example.org',
	coordinator: 'coordinator@example.org',
	policy_staff: 'policy@example.org',
	admin: 'admin@example.org'
} as const satisfies Partial<Record<PrincipalName, string>>;

export interface Principal {
	name: PrincipalName;
	/** `session=<token>`; undefined for anonymous. */
	cookie: string | undefined;
	userId: string | undefined;
	email: string | undefined;
	/**
	 * A new session of the same person (logs in again). Anonymous has none; a
	 * suspended person cannot log in, so it returns their old cookie.
	 */
	freshCookie(): Promise<string | undefined>;
}

export interface ApiOptions {
	method?: string;
	/** Sent as JSON (content-type application/json). */
	body?: unknown;
	/** Sent verbatim, for malformed input; content type from `contentType`. */
	rawBody?: string;
	contentType?: string;
	cookie?: string;
	/** Sets the Origin header (none by default, like a non-browser client). */
	origin?: string;
	headers?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field in the tests
export interface ApiResponse<T = any> {
	status: number;
	body: T;
	headers: Headers;
	/** Every Set-Cookie header of the answer. */
	setCookies: string[];
}

export type SocketResult = { connected: true; socket: TestSocket } | { connected: false; error: string };

export interface NewUser {
	email?: string;
	password?: string;
	displayName?: string;
	language?: Language;
	roles?: Role[];
	status?: UserStatus;
	/** A member who just joined: their first posts wait for approval. Default: an established member. */
	newMember?: boolean;
	/** Default true: has accepted the current community guidelines. */
	acceptGuidelines?: boolean;
}

export interface TestServer {
	url: string;
	server: RunningServer;
	database: Database;
	db: Db;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as ApiResponse
	api<T = any>(path: string, options?: ApiOptions): Promise<ApiResponse<T>>;
	/** Logs in; returns the session cookie as a request header value (`session=…`). Throws unless 200. */
	login(email: string, password?: string): Promise<string>;
	/** Opens a Socket.IO connection; resolves once connected or refused, never hangs. */
	socket(cookie?: string, options?: { origin?: string }): Promise<SocketResult>;
	/** Like socket(), but throws if the connection is refused. */
	connect(cookie?: string, options?: { origin?: string }): Promise<TestSocket>;
	/** Inserts an account directly (the platform has no sign-up yet). */
	createUser(input?: NewUser): Promise<{ id: string; email: string; password: string }>;
	/** Changes roles or status through the admin API, as an admin would. */
	adminUpdate(userId: string, change: { roles?: Role[]; status?: UserStatus }): Promise<ApiResponse>;
	/** A signed-in (or anonymous, pending, suspended) caller with a session of its own. */
	principal(name: PrincipalName): Promise<Principal>;
	close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export const tokenOf = (cookie: string): string => cookie.slice(cookie.indexOf('=') + 1);

export interface TestServerOptions {
	/**
	 * Serve the SvelteKit pages too (build/handler.js, built first when missing
	 * or stale: see helpers/build.ts), for tests of pages and form actions.
	 */
	pages?: boolean;
}

/** A port nobody listens on right now (the pages need their origin, port included, before the server starts). */
async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
	const port = (probe.address() as net.AddressInfo).port;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

/**
 * Starts the server for the calling test file and closes it after the file's
 * tests (beforeAll/afterAll, registered where it is called: at the top of the
 * file, before the file's own hooks, which then find it running). The handle
 * is usable from inside hooks and tests; touching it earlier throws.
 */
export function useServer(options: TestServerOptions = {}): TestServer {
	let running: TestServer | undefined;
	// A server with pages may first wait for the build (one at a time, under a lock): minutes on a busy machine.
	beforeAll(async () => {
		running = await startTestServer(options);
	}, options.pages ? 600_000 : undefined);
	afterAll(async () => {
		const closing = running;
		running = undefined;
		await closing?.close();
	});
	return new Proxy({} as TestServer, {
		get(_, key) {
			// Not a promise: `await`, vitest and console.log probe for these.
			if (key === 'then' || typeof key === 'symbol') return undefined;
			if (!running) throw new Error(`the test server is not running: use t.${key} inside a test or hook, after useServer()'s beforeAll`);
			return running[key as keyof TestServer];
		}
	});
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
	if (options.pages) await ensureBuild();
	const config = readConfig({
		NODE_ENV: 'test',
		DEMO: '1',
		PORT: options.pages ? String(await freePort()) : '0',
		HOST: '127.0.0.1',
		MIGRATIONS_DIR: path.join(root, 'drizzle')
	});
	config.logLevel = 'silent';
	// The pages (adapter-node) read their origin once, when loaded: it must be the real one, port included.
	if (options.pages) config.origin = `http://127.0.0.1:${config.port}`;

	const adminUrl = process.env.TEST_DATABASE_URL;
	let dropDatabase: (() => Promise<void>) | undefined;
	let dataDir: string | undefined;
	if (adminUrl) {
		const name = `test_${randomBytes(8).toString('hex')}`;
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		config.databaseUrl = url.toString();
		dropDatabase = async () => {
			try {
				await admin.unsafe(`drop database if exists "${name}" with (force)`);
			} finally {
				await admin.end({ timeout: 5 });
			}
		};
	} else {
		config.databaseUrl = undefined;
		// A copy of the migrated, seeded folder global-setup made; in memory if there is none.
		const template = inject('pgliteTemplate');
		if (template) {
			const copy = fs.mkdtempSync(path.join(scratchBase(), 'pc-pglite-'));
			fs.cpSync(template, copy, { recursive: true });
			dataDir = copy;
			dropDatabase = async () => fs.rmSync(copy, { recursive: true, force: true });
		} else {
			dataDir = 'memory://';
		}
	}

	let server: RunningServer;
	try {
		server = await startServer({ config, dataDir, withPages: options.pages });
	} catch (err) {
		await dropDatabase?.();
		throw err;
	}
	const url = server.url;
	// The port was not known when the config was read; links the server writes (invitations, emails) should point here.
	config.origin = url;
	const sockets = new Set<TestSocket>();
	const hashes = new Map<string, Promise<string>>();

	const api: TestServer['api'] = async (p, options = {}) => {
		const headers: Record<string, string> = { ...options.headers };
		let body: string | undefined;
		if (options.rawBody !== undefined) {
			body = options.rawBody;
			headers['content-type'] = options.contentType ?? 'application/json';
		} else if ('body' in options) {
			body = JSON.stringify(options.body);
			headers['content-type'] = options.contentType ?? 'application/json';
		}
		if (options.cookie) headers.cookie = options.cookie;
		if (options.origin) headers.origin = options.origin;
		const method = options.method ?? 'GET';
		let res: Response;
		try {
			res = await fetch(url + p, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(25_000) });
		} catch (err) {
			// A hung request names itself instead of timing out the whole test.
			throw new Error(`${method} ${p}: ${(err as Error).message}`, { cause: err });
		}
		const text = await res.text();
		let parsed: unknown = text;
		if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
		return { status: res.status, body: parsed as never, headers: res.headers, setCookies: res.headers.getSetCookie() };
	};

	const login: TestServer['login'] = async (email, password = DEMO_PASSWORD) => {
		const res = await api('/api/auth/login', { method: 'POST', body: { email, password } });
		if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
		const cookie = res.setCookies.find((c) => c.startsWith('session='));
		if (!cookie) throw new Error(`login ${email}: no session cookie`);
		return cookie.split(';')[0]!;
	};

	const socket: TestServer['socket'] = (cookie, options = {}) =>
		new Promise((resolve) => {
			const extraHeaders: Record<string, string> = {};
			if (cookie) extraHeaders.cookie = cookie;
			if (options.origin) extraHeaders.origin = options.origin;
			const s: TestSocket = ioClient(url, {
				path: '/socket.io',
				transports: ['websocket'],
				reconnection: false,
				forceNew: true,
				timeout: 5_000,
				extraHeaders
			});
			sockets.add(s);
			s.once('connect', () => resolve({ connected: true, socket: s }));
			s.once('connect_error', (err) => {
				s.close();
				resolve({ connected: false, error: err.message });
			});
		});

	const connect: TestServer['connect'] = async (cookie, options) => {
		const result = await socket(cookie, options);
		if (!result.connected) throw new Error(`socket refused: ${result.error}`);
		return result.socket;
	};

	const database = server.runtime.database;
	const db = database.db;

	const createUser: TestServer['createUser'] = async (input = {}) => {
		const email = input.email ?? `user-${randomBytes(6).toString('hex')}@example.org`;
		const password = input.password ?? `pw-${randomBytes(8).toString('hex')}`;
		if (!hashes.has(password)) hashes.set(password, hashPassword(password));
		const [row] = await db
			.insert(users)
			.values({
				email,
				displayName: input.displayName ?? 'Test Person',
				language: input.language ?? 'en',
				status: input.status ?? 'active',
				passwordHash: await hashes.get(password)!,
				approvedPosts: input.newMember ? 0 : 10
			})
			.returning({ id: users.id });
		const roles = input.roles ?? ['member'];
		if (roles.length) await db.insert(userRoles).values(roles.map((role) => ({ userId: row!.id, role })));
		if (input.acceptGuidelines !== false) {
			const [current] = await db.select({ version: guidelines.version }).from(guidelines).orderBy(desc(guidelines.version)).limit(1);
			if (current) await db.insert(guidelineAcceptances).values({ userId: row!.id, version: current.version });
		}
		return { id: row!.id, email, password };
	};

	const adminUpdate: TestServer['adminUpdate'] = async (userId, change) => {
		const admin = await login(DEMO_EMAIL.admin);
		const res = await api(`/api/admin/users/${userId}`, { method: 'PATCH', cookie: admin, body: change });
		await api('/api/auth/logout', { method: 'POST', cookie: admin });
		return res;
	};

	const principal: TestServer['principal'] = async (name) => {
		if (name === 'anonymous')
			return { name, cookie: undefined, userId: undefined, email: undefined, freshCookie: async () => undefined };
		if (name === 'suspended') {
			// Signed in before the suspension: the cookie a suspended person still holds.
			const user = await createUser({ roles: ['member'] });
			const cookie = await login(user.email, user.password);
			const res = await adminUpdate(user.id, { status: 'suspended' });
			if (res.status !== 200) throw new Error(`suspend: ${res.status} ${JSON.stringify(res.body)}`);
			return { name, cookie, userId: user.id, email: user.email, freshCookie: async () => cookie };
		}
		const email = DEMO_EMAIL[name];
		const cookie = await login(email);
		const me = await api('/api/me', { cookie });
		return { name, cookie, userId: me.body.id as string, email, freshCookie: () => login(email) };
	};

	return {
		url,
		server,
		database,
		db,
		api,
		login,
		socket,
		connect,
		createUser,
		adminUpdate,
		principal,
		close: async () => {
			for (const s of sockets) s.close();
			try {
				await server.close();
			} finally {
				await dropDatabase?.();
			}
		}
	};
}

/** The ack of a client event, or `{ ok: false, error: 'no_ack' }` if none arrives in time. */
export async function ack(socket: TestSocket, event: keyof ClientToServerEvents, room: string, timeoutMs = 2_000): Promise<Ack | { ok: false; error: 'no_ack' }> {
	try {
		return await socket.timeout(timeoutMs).emitWithAck(event, room);
	} catch {
		return { ok: false, error: 'no_ack' };
	}
}

/**
 * Resolves once everything the server sent `socket` before now has arrived:
 * an answer on a connection comes after every event sent on it before. A test
 * that must show an event did not arrive causes it, awaits this, then looks:
 * no sleep, no guess at how long is long enough. It holds because the request
 * that caused the event is answered after the fan-out emitted it (domain
 * events are published after commit and fanned out synchronously). Leaving a
 * room the socket is not in changes nothing.
 */
export async function settled(socket: TestSocket, timeoutMs = 5_000): Promise<void> {
	const answer = await ack(socket, 'room:leave', 'settled:marker', timeoutMs);
	if (!answer.ok) throw new Error(`the socket did not answer, so it cannot be settled: ${answer.error}`);
}

/** The next `event` on `socket`, or a rejection after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E,
	timeoutMs = 2_000
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener as never);
			reject(new Error(`no ${event} within ${timeoutMs} ms`));
		}, timeoutMs);
		const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
			clearTimeout(timer);
			resolve(payload);
		};
		socket.once(event, listener as never);
	});
}

/** Resolves with the reason once `socket` disconnects, or null if it is still connected after `timeoutMs`. */
export function disconnection(socket: TestSocket, timeoutMs: number): Promise<string | null> {
	if (!socket.connected) return Promise.resolve('already disconnected');
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			socket.off('disconnect', listener);
			resolve(null);
		}, timeoutMs);
		const listener = (reason: string) => {
			clearTimeout(timer);
			resolve(reason);
		};
		socket.once('disconnect', listener);
	});
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `action` (the request that should cut connections) and reports, per
 * socket, the reason it was disconnected if that happened no later than
 * `withinMs` after the action answered, else null. Measured from the answer,
 * so the time the request itself takes (password hashing, a busy machine)
 * does not count against the connection cut. A socket that answers a
 * round trip after the action (see settled) was not cut: the cut would have
 * come first, so there is nothing to wait for.
 */
export async function cutsAfter<T>(
	sockets: TestSocket[],
	action: () => Promise<T>,
	withinMs = 1_000
): Promise<{ result: T; cut: (string | null)[] }> {
	const seen = sockets.map((s) => {
		const state: { reason: string | null; at: number } = { reason: null, at: Infinity };
		if (!s.connected) return { state: { reason: 'already disconnected', at: 0 }, done: Promise.resolve() };
		const done = new Promise<void>((resolve) =>
			s.once('disconnect', (reason) => {
				state.reason = reason;
				state.at = Date.now();
				resolve();
			})
		);
		return { state, done };
	});
	const result = await action();
	const deadline = Date.now() + withinMs;
	const stillServing = (s: TestSocket) =>
		s.connected ? settled(s, withinMs).then(() => true, () => false) : Promise.resolve(false);
	await Promise.all(
		seen.map(({ done }, i) =>
			Promise.race([done, stillServing(sockets[i]!).then((serving) => (serving ? undefined : done)), sleep(Math.max(0, deadline - Date.now()))])
		)
	);
	return { result, cut: seen.map(({ state }) => (state.at <= deadline ? state.reason : null)) };
}
