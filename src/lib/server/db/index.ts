import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows of a raw statement, on the database or in a transaction, whichever driver is underneath (they shape results differently). */
export async function rowsOf<T>(on: Db | Tx, query: Parameters<Tx['execute']>[0]): Promise<T[]> {
	const result = (await on.execute(query)) as unknown as T[] | { rows: T[] };
	return Array.isArray(result) ? result : result.rows;
}

export interface Database {
	db: Db;
	kind: 'postgres' | 'pglite';
	/** Rows of a raw query (rowsOf on this database). */
	rows<T = Record<string, unknown>>(query: Parameters<Db['execute']>[0]): Promise<T[]>;
	/**
	 * Applies the migrations, then `andThen` (the demo seed), while holding the
	 * migration lock: of several instances starting at once on one database,
	 * one migrates (and seeds) and the others wait, then find the work done.
	 */
	migrate(migrationsFolder: string, andThen?: () => Promise<unknown>): Promise<void>;
	close(): Promise<void>;
}

export interface OpenOptions {
	url?: string;
	/** PGlite data folder; `memory://` for a throwaway in-memory database. */
	dataDir: string;
	maxConnections?: number;
	/** Sees every statement sent (Postgres only): the benchmark replays them raw. */
	onQuery?: (query: string, params: readonly unknown[]) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
	return options.url ? openPostgres(options.url, options.maxConnections, options.onQuery) : openPglite(options.dataDir);
}

async function openPostgres(url: string, max = 10, onQuery?: OpenOptions['onQuery']): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	const client = postgres(url, {
		max,
		onnotice: () => {},
		...(onQuery ? { debug: (_connection: number, query: string, params: unknown[]) => onQuery(query, params) } : {})
	});
	const db = drizzle({ client: preparingAlways(client), schema });
	return {
		db: db as unknown as Db,
		kind: 'postgres',
		rows: (q) => rowsOf(db as unknown as Db, q),
		migrate: (migrationsFolder, andThen) =>
			underMigrationLock(url, async () => {
				await migrate(db, { migrationsFolder });
				await andThen?.();
			}),
		close: () => client.end({ timeout: 5 })
	};
}

type PostgresClient = import('postgres').Sql;

/** pg_advisory_lock's key for "migrating this platform's schema"; any fixed number no other lock uses. */
export const MIGRATION_LOCK_KEY = '7209412620503310118';

/**
 * A session-level advisory lock on a connection of its own (not one of the
 * pool's, which a small pool may need for the migration itself). If the
 * process dies holding it, Postgres releases it with the connection.
 */
async function underMigrationLock(url: string, work: () => Promise<void>): Promise<void> {
	const { default: postgres } = await import('postgres');
	const lock = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`;
		try {
			await work();
		} finally {
			await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`.catch(() => {});
		}
	} finally {
		await lock.end({ timeout: 5 });
	}
}

/**
 * drizzle asks postgres.js for a named (prepared) statement only for queries built with
 * `.prepare()`. For every other query with parameters, postgres.js first asks the server
 * for the parameter types and waits for the answer: two round trips instead of one, and
 * statements that should travel together (a transaction's independent writes) go one by
 * one. So every statement is prepared, in transactions and savepoints too: postgres.js
 * keeps one per distinct SQL text on each connection, and drops them with the connection.
 */
function preparingAlways<T extends PostgresClient>(client: T): T {
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property === 'unsafe')
				return (query: string, params?: unknown[], options?: Record<string, unknown>) => target.unsafe(query, params as never, { ...options, prepare: true });
			if (property === 'begin' || property === 'savepoint')
				return (...args: unknown[]) => {
					const work = args.pop() as (inner: T) => unknown;
					return (Reflect.get(target, property) as (...a: unknown[]) => unknown)(...args, (inner: T) => work(preparingAlways(inner)));
				};
			return Reflect.get(target, property, receiver);
		}
	});
}

async function openPglite(dataDir: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	// PGlite does not create parent folders itself.
	if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
	const client = await PGlite.create(dataDir);
	const db = drizzle({ client, schema });
	return {
		db: db as unknown as Db,
		kind: 'pglite',
		rows: (q) => rowsOf(db as unknown as Db, q),
		// One process owns a PGlite folder (two would corrupt it), so there is no one to wait for.
		migrate: async (migrationsFolder, andThen) => {
			await migrate(db, { migrationsFolder });
			await andThen?.();
		},
		close: async () => {
			if (!client.closed) await client.close();
		}
	};
}
