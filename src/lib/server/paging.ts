import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from './errors';

/**
 * Keyset paging, for every list: a cursor names the last row seen by its sort
 * key and id, so the next page is an index range scan however deep the reader
 * goes. A cursor this code did not make is a 400 (`cursorRefused`), never a
 * database error.
 */
const CursorShape = z.object({ k: z.union([z.string(), z.number()]), id: z.string() });
export type Cursor = z.infer<typeof CursorShape>;

export function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
	if (!raw) return undefined;
	try {
		return CursorShape.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
	} catch {
		throw cursorRefused();
	}
}

/** The answer to a cursor that is not one of ours (tampered, truncated, from another list). */
export const cursorRefused = (): DomainError => new DomainError('invalid_input', 'error_cursor', { field: 'cursor' });

export interface Page<T> {
	items: T[];
	nextCursor: string | null;
}

/** Fetch limit + 1 rows; the extra one only says whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): Page<T> {
	const items = rows.slice(0, limit);
	const last = items.at(-1);
	return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/**
 * For lists newest first by id alone (notifications, reports, the audit log):
 * the id after which the next page starts, or undefined on the first page.
 * Only a cursor such a list made is accepted; anything else is a 400, not a database error.
 */
export function idCursor(raw: string | undefined): number | undefined {
	const cursor = decodeCursor(raw);
	if (!cursor) return undefined;
	if (!/^[1-9]\d{0,17}$/.test(cursor.id)) throw cursorRefused();
	return Number(cursor.id);
}

/** The page of rows fetched by idCursor's list (limit + 1 of them). */
export const toIdPage = <T extends { id: number }>(rows: T[], limit: number): Page<T> => toPage(rows, limit, (r) => ({ k: r.id, id: String(r.id) }));

/*
 * Time-ordered lists (newest first by a timestamp, then a uuid id): the key
 * keeps Postgres's microseconds, because a JS Date keeps milliseconds and a
 * cursor rounded to them skips rows written in the same transaction.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

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
		throw cursorRefused();
	return { at: sql`${k}::timestamptz`, id: cursor.id };
}

/** Name-ordered lists: the key is `n:` and the lower-cased name. */
export const nameCursorKey = (lowerName: string): string => `n:${lowerName}`;

export function nameCursor(raw: string | undefined): { name: string; id: string } | undefined {
	const cursor = decodeCursor(raw);
	if (!cursor) return undefined;
	// eslint-disable-next-line no-control-regex -- a name key never holds control characters
	if (typeof cursor.k !== 'string' || !cursor.k.startsWith('n:') || cursor.k.length > 200 || /[\u0000-\u001f]/.test(cursor.k) || !UUID.test(cursor.id))
		throw cursorRefused();
	return { name: cursor.k.slice(2), id: cursor.id };
}
