import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { DomainError } from '../errors';
import { decodeCursor } from '../paging';

/**
 * Cursors for membership lists. A timestamp key keeps Postgres's
 * microseconds (a JS Date keeps milliseconds, and a cursor rounded to them
 * skips rows written in the same transaction). Anything that is not a cursor
 * this code made is a 400, never a database error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const invalid = () => new DomainError('invalid_input', 'error_cursor', { field: 'cursor' });

/** The column as an exact UTC text key, for the cursor. */
export const timeKey = (column: AnyColumn): SQL<string> =>
	sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function timeCursor(raw: string | undefined): { at: SQL; id: string } | undefined {
	const cursor = decodeCursor(raw);
	if (!cursor) return undefined;
	const k = String(cursor.k);
	const ms = Date.parse(k);
	// Date.parse rolls 30 February over to March; a real date survives the round trip.
	if (!TIME.test(k) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== k.slice(0, 19) || !UUID.test(cursor.id))
		throw invalid();
	return { at: sql`${k}::timestamptz`, id: cursor.id };
}

/** Name-ordered lists: the key is `n:` and the lower-cased name. */
export const nameCursorKey = (lowerName: string): string => `n:${lowerName}`;

export function nameCursor(raw: string | undefined): { name: string; id: string } | undefined {
	const cursor = decodeCursor(raw);
	if (!cursor) return undefined;
	// eslint-disable-next-line no-control-regex -- a name key never holds control characters
	if (typeof cursor.k !== 'string' || !cursor.k.startsWith('n:') || cursor.k.length > 200 || /[\u0000-\u001f]/.test(cursor.k) || !UUID.test(cursor.id))
		throw invalid();
	return { name: cursor.k.slice(2), id: cursor.id };
}
