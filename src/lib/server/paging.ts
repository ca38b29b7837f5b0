import { z } from 'zod';
import { DomainError } from './errors';

/**
 * Keyset paging: a cursor names the last row seen by its sort key and id, so
 * the next page is an index range scan however deep the reader goes.
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
		throw new DomainError('invalid_input', 'error_cursor', { field: 'cursor' });
	}
}

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
	if (!/^[1-9]\d{0,17}$/.test(cursor.id)) throw new DomainError('invalid_input', 'error_cursor', { field: 'cursor' });
	return Number(cursor.id);
}

/** The page of rows fetched by idCursor's list (limit + 1 of them). */
export const toIdPage = <T extends { id: number }>(rows: T[], limit: number): Page<T> => toPage(rows, limit, (r) => ({ k: r.id, id: String(r.id) }));
