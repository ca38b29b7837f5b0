import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../db';
import { db } from '../runtime';
import { auditLog, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { idCursor, toIdPage, type Page } from '../paging';
import { ListAuditInput } from './schemas';
import type { z } from 'zod';
import type { AuditRow } from '../../shared/audit';

type AuditFilter = z.output<typeof ListAuditInput>;

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

function filters(input: AuditFilter): SQL[] {
	const where: SQL[] = [];
	if (input.action) where.push(eq(auditLog.action, input.action));
	if (input.actor) where.push(eq(auditLog.actorId, input.actor));
	if (input.subject) where.push(eq(auditLog.subjectId, input.subject));
	if (input.targetKind) where.push(eq(auditLog.targetKind, input.targetKind));
	if (input.targetId) where.push(eq(auditLog.targetId, input.targetId));
	if (input.from) where.push(gte(auditLog.at, new Date(input.from)));
	if (input.to) where.push(lte(auditLog.at, new Date(input.to)));
	return where;
}

const subject = alias(users, 'subject');

async function selectAudit(where: SQL[], limit: number): Promise<AuditRow[]> {
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

/** The audit log, newest first, keyset on id, filtered by action, actor, member, target and time. */
export async function listAudit(actor: Actor, raw: ListAuditInput = {}): Promise<Page<AuditRow>> {
	requireCapability(actor, 'audit.read');
	const input = ListAuditInput.parse(raw);
	const after = idCursor(input.cursor);
	const where = filters(input);
	if (after !== undefined) where.push(lt(auditLog.id, after));
	return toIdPage(await selectAudit(where, input.limit + 1), input.limit);
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
	requireCapability(actor, 'audit.read');
	const input = ListAuditInput.parse({ ...raw, cursor: undefined });
	let out = csvLine([...CSV_COLUMNS]);
	let before: number | undefined;
	for (let fetched = 0; fetched < 50_000; ) {
		const where = filters(input);
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
