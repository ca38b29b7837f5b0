import { sql } from 'drizzle-orm';
import type { Database } from '../db';

/**
 * The optional newest-first search index. RUM (a Postgres extension; Debian:
 * postgresql-15-rum) with the post id attached hands a word's matches over
 * newest first, so search reads only the ones it ranks instead of every match.
 *
 * Opt-in (`npm run search:index`), not a migration, so that running it is the
 * operator's choice: the Debian 12 package (1.3.13) predates the fix for a
 * backend crash when VACUUM empties an index page during a scan
 * (postgrespro/rum#172, merged 2026-03); check the installed version has it.
 * RUM's phrase matching has known gaps (postgrespro/rum#93, #123), so search
 * sends only plain-word queries this way. Without the index search uses GIN,
 * with the same results.
 */
export const NEWEST_FIRST_INDEX = 'posts_search_newest_idx';

export type IndexOutcome = 'created' | 'present' | 'dropped' | 'absent' | 'unavailable';

/** Creates the extension and the index (concurrently: posting goes on meanwhile). */
export async function createNewestFirstIndex(database: Database): Promise<IndexOutcome> {
	if (database.kind !== 'postgres') return 'unavailable';
	const [ext] = await database.rows<{ available: boolean }>(sql`select exists (select 1 from pg_available_extensions where name = 'rum') as available`);
	if (!ext?.available) return 'unavailable';
	if (await indexIsValid(database)) return 'present';
	// A concurrent build that was interrupted leaves an invalid index behind: build it again.
	await database.rows(sql.raw(`drop index concurrently if exists ${NEWEST_FIRST_INDEX}`));
	await database.rows(sql`create extension if not exists rum`);
	await database.rows(
		sql.raw(`create index concurrently ${NEWEST_FIRST_INDEX} on posts using rum (search rum_tsvector_addon_ops, id) with (attach = 'id', to = 'search')`)
	);
	return 'created';
}

export async function dropNewestFirstIndex(database: Database): Promise<IndexOutcome> {
	if (database.kind !== 'postgres' || (await indexState(database)) === 'absent') return 'absent';
	await database.rows(sql.raw(`drop index concurrently if exists ${NEWEST_FIRST_INDEX}`));
	return 'dropped';
}

/** Whether the index is there, and finished building ('invalid': an interrupted concurrent build). */
async function indexState(database: Database): Promise<'absent' | 'invalid' | 'valid'> {
	const [row] = await database.rows<{ valid: boolean | null }>(
		sql`select (select i.indisvalid from pg_index i where i.indexrelid = to_regclass(${NEWEST_FIRST_INDEX})) as valid`
	);
	return row?.valid == null ? 'absent' : row.valid ? 'valid' : 'invalid';
}

export const indexIsValid = async (database: Database): Promise<boolean> => (await indexState(database)) === 'valid';

const CHECK_EVERY_MS = 60_000;
const known = new WeakMap<Database, { valid: Promise<boolean>; at: number }>();

/**
 * Whether search may use the index: asked at most once a minute per database,
 * so creating or dropping it takes effect without a restart. A failed check is
 * not remembered (the next search asks again) and counts as "no".
 */
export function newestFirstIndexUsable(database: Database): Promise<boolean> {
	if (database.kind !== 'postgres') return Promise.resolve(false);
	const cached = known.get(database);
	if (cached && Date.now() - cached.at < CHECK_EVERY_MS) return cached.valid;
	const valid = indexIsValid(database).catch(() => {
		known.delete(database);
		return false;
	});
	known.set(database, { valid, at: Date.now() });
	return valid;
}

/** Forget what was asked (after creating or dropping the index in this process). */
export function forgetNewestFirstIndex(database: Database): void {
	known.delete(database);
}
