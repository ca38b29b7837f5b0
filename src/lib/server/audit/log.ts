import { and, asc, desc, eq, exists, gte, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../db';
import { db } from '../runtime';
import { auditLog, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { idCursor, toIdPage, type Page } from '../paging';
import { AUDIT_SYSTEM_ACTOR, ListAuditInput } from './schemas';
import { nameRows } from './names';
import type { z } from 'zod';
import type { AuditPerson, AuditRow } from '../../shared/audit';

type AuditFilter = z.output<typeof ListAuditInput>;

const subject = alias(users, 'subject');

import { type AuditAction, type AuditTarget } from './actions';
export { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction, type AuditTarget } from './actions';

export interface AuditEntry {
	/** Null: the platform acted by itself (a rule, a threshold). */
	actorId: string | null;
	action: AuditAction;
	targetKind: AuditTarget;
	targetId: string | number;
	subjectId?: string | null;
	reason?: string | null;
	before?: unknown;
	after?: unknown;
	data?: Record<string, unknown>;
}

/** Appends to the audit log in the caller's transaction: the action and its record commit together, or neither does. */
export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
	await tx.insert(auditLog).values({
		actorId: entry.actorId,
		action: entry.action,
		targetKind: entry.targetKind,
		targetId: String(entry.targetId),
		subjectId: entry.subjectId ?? null,
		reason: entry.reason ?? null,
		before: entry.before ?? null,
		after: entry.after ?? null,
		data: entry.data ?? {}
	});
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The instant a day starts in the reader's time zone (`later` days on, counted in days there, so DST does not shift it). */
const dayStart = (date: string, timeZone: string, later = 0): SQL => sql`((${date}::date + ${later}::int)::timestamp at time zone ${timeZone})`;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

function filters(input: AuditFilter, timeZone: string): SQL[] {
	const where: SQL[] = [];
	if (input.action) where.push(eq(auditLog.action, input.action));
	if (input.actor === AUDIT_SYSTEM_ACTOR) where.push(isNull(auditLog.actorId));
	else if (input.actor) where.push(eq(auditLog.actorId, input.actor));
	if (input.subject) where.push(eq(auditLog.subjectId, input.subject));
	if (input.about) {
		const like = `%${escapeLike(input.about.replace(/^@/, ''))}%`;
		where.push(or(ilike(subject.displayName, like), ilike(subject.handle, like))!);
	}
	if (input.targetKind) where.push(eq(auditLog.targetKind, input.targetKind));
	if (input.targetId) where.push(eq(auditLog.targetId, input.targetId));
	// A date is a whole day where the reader lives; "to" includes its day.
	if (input.from) where.push(gte(auditLog.at, isDay(input.from) ? dayStart(input.from, timeZone) : new Date(input.from)));
	if (input.to) where.push(isDay(input.to) ? lt(auditLog.at, dayStart(input.to, timeZone, 1)) : lte(auditLog.at, new Date(input.to)));
	return where;
}

async function selectAudit(where: SQL[], limit: number): Promise<Omit<AuditRow, 'names'>[]> {
	const rows = await db()
		.select({
			id: auditLog.id,
			at: auditLog.at,
			actorId: auditLog.actorId,
			actorName: users.displayName,
			action: auditLog.action,
			targetKind: auditLog.targetKind,
			targetId: auditLog.targetId,
			subjectId: auditLog.subjectId,
			subjectName: subject.displayName,
			reason: auditLog.reason,
			before: auditLog.before,
			after: auditLog.after,
			data: auditLog.data
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.leftJoin(subject, eq(subject.id, auditLog.subjectId))
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(limit);
	return rows.map((r) => ({
		id: r.id,
		at: r.at,
		actor: r.actorId ? { id: r.actorId, displayName: r.actorName ?? '?' } : null,
		action: r.action,
		targetKind: r.targetKind,
		targetId: r.targetId,
		subjectId: r.subjectId,
		subjectName: r.subjectName,
		reason: r.reason,
		before: r.before,
		after: r.after,
		data: (r.data ?? {}) as Record<string, unknown>
	}));
}

/** The audit log, newest first, keyset on id, filtered by action, actor, member, target and time; each row with the names it refers to. */
export async function listAudit(actor: Actor, raw: ListAuditInput = {}): Promise<Page<AuditRow>> {
	const a = requireCapability(actor, 'audit.read');
	const input = ListAuditInput.parse(raw);
	const after = idCursor(input.cursor);
	const where = filters(input, a.user.timeZone);
	if (after !== undefined) where.push(lt(auditLog.id, after));
	const page = toIdPage(await selectAudit(where, input.limit + 1), input.limit);
	return { ...page, items: await nameRows(a.user, page.items) };
}

/** Everyone who has acted in the log, by name: the choices of the "done by" filter (an index probe per person). */
export async function auditActors(actor: Actor): Promise<AuditPerson[]> {
	requireCapability(actor, 'audit.read');
	return db()
		.select({ id: users.id, displayName: users.displayName })
		.from(users)
		.where(exists(db().select({ one: sql`1` }).from(auditLog).where(eq(auditLog.actorId, users.id))))
		.orderBy(asc(users.displayName), asc(users.id));
}

const CSV_COLUMNS = ['id', 'at', 'actor', 'action', 'target_kind', 'target_id', 'member', 'reason', 'before', 'after', 'data'] as const;

/**
 * RFC 4180, every field quoted (so a `;`-splitting spreadsheet keeps it whole
 * too); a leading = + - @ is defused so a spreadsheet never runs it as a formula.
 */
export function csvField(value: unknown): string {
	let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return `"${s.replace(/"/g, '""')}"`;
}
export const csvLine = (values: unknown[]): string => values.map(csvField).join(',') + '\r\n';

/** The filtered audit log as CSV (at most 50,000 rows, newest first), read page by page. */
export async function auditCsv(actor: Actor, raw: ListAuditInput = {}): Promise<string> {
	const a = requireCapability(actor, 'audit.read');
	const input = ListAuditInput.parse({ ...raw, cursor: undefined });
	let out = csvLine([...CSV_COLUMNS]);
	let before: number | undefined;
	for (let fetched = 0; fetched < 50_000; ) {
		const where = filters(input, a.user.timeZone);
		if (before !== undefined) where.push(lt(auditLog.id, before));
		const rows = await selectAudit(where, 1000);
		for (const r of rows)
			out += csvLine([r.id, r.at.toISOString(), r.actor?.displayName ?? 'system', r.action, r.targetKind, r.targetId, r.subjectName ?? r.subjectId, r.reason, r.before, r.after, r.data]);
		fetched += rows.length;
		if (rows.length < 1000) break;
		before = rows.at(-1)!.id;
	}
	return out;
}
