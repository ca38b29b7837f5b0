import { DomainError } from './errors';
import { openDatabase, type Database, type Db, type Tx } from './db';
import { EventBus } from './events/bus';
import type { DomainEvent } from './events/types';
import type { Config } from './config';

/**
 * The process-wide holder. The SvelteKit bundle, the Fastify server and Vite's
 * dev server each load these modules in their own module graph; keeping the
 * database and the bus on globalThis makes sure there is exactly one of each
 * (two PGlite instances on one folder would corrupt it).
 */
export interface Runtime {
	config: Config;
	database: Database;
	bus: EventBus;
	/** Transactions the database aborted (deadlock, serialization) and transact ran again: should stay near zero. */
	retries: { deadlock: number; serialization: number };
}

const KEY = Symbol.for('partner-community.runtime');
type Holder = { [KEY]?: Runtime; [key: symbol]: unknown };
const holder = globalThis as unknown as Holder;

export async function startRuntime(
	config: Config,
	dataDir = config.dataDir,
	onQuery?: (query: string, params: readonly unknown[]) => void
): Promise<Runtime> {
	if (holder[KEY]) return holder[KEY];
	const database = await openDatabase({ url: config.databaseUrl, dataDir, onQuery });
	const runtime: Runtime = { config, database, bus: new EventBus(), retries: { deadlock: 0, serialization: 0 } };
	holder[KEY] = runtime;
	return runtime;
}

export function runtime(): Runtime {
	const r = holder[KEY];
	if (!r) throw new Error('The runtime has not been started (startRuntime) in this process.');
	return r;
}

export const hasRuntime = (): boolean => Boolean(holder[KEY]);

export async function stopRuntime(): Promise<void> {
	const r = holder[KEY];
	if (!r) return;
	delete holder[KEY];
	await r.database.close();
}

export const db = (): Db => runtime().database.db;

const preparedByDb = new WeakMap<Db, Map<string, unknown>>();

/**
 * A hot query built once per database (drizzle's `prepare`, with placeholders)
 * instead of on every call: building a query's SQL costs about as much CPU as
 * the rest of a request's own work. `name` says which query and which shape.
 */
export function prepared<T>(name: string, build: (db: Db) => T): T {
	const d = db();
	let byName = preparedByDb.get(d);
	if (!byName) preparedByDb.set(d, (byName = new Map()));
	let query = byName.get(name) as T | undefined;
	if (query === undefined) byName.set(name, (query = build(d)));
	return query;
}

/** Deadlock and serialization failure: the database rolled the whole transaction back, so running it again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

/**
 * Runs `work` in one transaction and publishes the events it recorded only
 * after the commit, so no one hears of a change that was rolled back.
 *
 * A transaction the database aborts as a deadlock victim or a serialization
 * failure is run again from the start (up to five times, after a short random
 * pause so the two contenders do not meet again): the person asked once and
 * should get one answer, not a 500 for a collision that was not theirs.
 * `work` must therefore do nothing outside the database that it cannot repeat.
 */
export async function transact<T>(
	work: (tx: Tx, emit: (event: DomainEvent) => void) => Promise<T>
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		const events: DomainEvent[] = [];
		let result: T;
		try {
			result = await db().transaction((tx) => work(tx, (e) => events.push(e)));
		} catch (err) {
			const state = sqlState(err);
			if (state && RETRYABLE.has(state) && attempt < ATTEMPTS) {
				runtime().retries[state === '40P01' ? 'deadlock' : 'serialization'] += 1;
				await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
				continue;
			}
			// Two requests raced for the same unique row (one report, one word): the loser is told, not a 500.
			if (state === '23505') throw new DomainError('conflict', 'error_conflict_retry');
			throw err;
		}
		runtime().bus.publish(events);
		return result;
	}
}

/**
 * For a change written in one statement outside a transaction (it committed
 * when the statement returned): its events go out now, as transact's do after
 * the commit. One statement is one round trip where BEGIN, the writes and
 * COMMIT are several: for the hottest writes only.
 */
export function publishCommitted(...events: DomainEvent[]): void {
	runtime().bus.publish(events);
}

/** The SQLSTATE of a database error, however the driver or drizzle wrapped it. */
export function sqlState(err: unknown): string | undefined {
	for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
	}
	return undefined;
}
