import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../db';
import { db } from '../runtime';
import { joinRequests, modCases, posts, reports, threads, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { cursorRefused, decodeCursor, encodeCursor, type Page } from '../paging';
import { notify, type Emit } from '../notifications/notify';
import { plainText } from '../discussion/markdown';
import type { CaseKind, QueueItem, ReportReason } from '../../shared/moderation';
import { ListQueueInput } from './schemas';

/**
 * How urgent an item is. Illegal content first, then harm to people, then
 * spam; waiting posts and people sit between spam and the rest.
 */
export const SEVERITY: Record<ReportReason | 'held' | 'join_request', number> = {
	illegal: 50,
	harassment: 40,
	personal_info: 40,
	spam: 30,
	held: 25,
	join_request: 20,
	other: 15,
	off_topic: 10
};

export interface CaseTarget {
	kind: CaseKind;
	userId: string;
	postId?: number;
	joinRequestId?: string;
}

const openTarget = (t: CaseTarget): SQL =>
	and(
		isNull(modCases.resolvedAt),
		eq(modCases.kind, t.kind),
		t.kind === 'post' ? eq(modCases.postId, t.postId!) : t.kind === 'join_request' ? eq(modCases.joinRequestId, t.joinRequestId!) : eq(modCases.userId, t.userId)
	)!;

/**
 * The open case of a target, made if there is none, locked for the rest of
 * the transaction. Raises its severity to at least `severity`.
 */
export async function openCase(
	tx: Tx,
	emit: Emit,
	target: CaseTarget,
	change: { severity: number; held?: boolean; holdReason?: string }
): Promise<{ id: number; reporterCount: number; autoHidden: boolean }> {
	const inserted = await tx
		.insert(modCases)
		.values({
			kind: target.kind,
			userId: target.userId,
			postId: target.postId ?? null,
			joinRequestId: target.joinRequestId ?? null,
			severity: change.severity,
			held: change.held ?? false,
			holdReason: change.holdReason ?? null
		})
		.onConflictDoNothing()
		.returning({ id: modCases.id });
	const [row] = await tx
		.select({ id: modCases.id, severity: modCases.severity, held: modCases.held, reporterCount: modCases.reporterCount, autoHidden: modCases.autoHidden })
		.from(modCases)
		.where(openTarget(target))
		.for('update');
	if (!row) throw new DomainError('conflict', 'error_case_handled_unknown');
	if (inserted.length === 0 && (row.severity < change.severity || (change.held && !row.held)))
		await tx
			.update(modCases)
			.set({ severity: Math.max(row.severity, change.severity), held: row.held || Boolean(change.held), holdReason: change.holdReason ?? undefined })
			.where(eq(modCases.id, row.id));
	emit({ type: 'moderation.case', caseId: row.id, change: inserted.length ? 'opened' : 'updated', subjectId: target.userId });
	return row;
}

export interface OpenCase {
	id: number;
	kind: CaseKind;
	postId: number | null;
	userId: string;
	joinRequestId: string | null;
	autoHidden: boolean;
}

/** Locks a case that must still be open; the second of two moderators is told who came first. */
export async function lockOpenCase(tx: Tx, caseId: number): Promise<OpenCase> {
	const [row] = await tx
		.select({
			id: modCases.id,
			kind: modCases.kind,
			postId: modCases.postId,
			userId: modCases.userId,
			joinRequestId: modCases.joinRequestId,
			autoHidden: modCases.autoHidden,
			resolvedAt: modCases.resolvedAt,
			resolvedBy: modCases.resolvedBy,
			resolution: modCases.resolution
		})
		.from(modCases)
		.where(eq(modCases.id, caseId))
		.for('update');
	if (!row) throw new DomainError('not_found', 'error_case_not_found');
	if (row.resolvedAt) {
		const [by] = row.resolvedBy ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.resolvedBy)) : [];
		throw new DomainError('conflict', 'error_case_handled', { params: { name: by?.name ?? '—', action: row.resolution ?? '' } });
	}
	return row;
}

/** The open case of a target, locked, or null. */
export async function findOpenCase(tx: Tx, target: CaseTarget): Promise<OpenCase | null> {
	const [row] = await tx
		.select({ id: modCases.id, kind: modCases.kind, postId: modCases.postId, userId: modCases.userId, joinRequestId: modCases.joinRequestId, autoHidden: modCases.autoHidden })
		.from(modCases)
		.where(openTarget(target))
		.for('update');
	return row ?? null;
}

/**
 * Closes a case: who, what, why. Everyone who reported it is told the
 * outcome (not who decided). Every moderator's queue drops it at once.
 */
export async function resolveCase(
	tx: Tx,
	emit: Emit,
	c: { id: number },
	by: { id: string; displayName: string },
	resolution: string,
	reason: string | null | undefined
): Promise<void> {
	await tx
		.update(modCases)
		.set({ resolvedAt: new Date(), resolvedBy: by.id, resolution, resolutionReason: reason ?? null })
		.where(eq(modCases.id, c.id));
	const reporters = await tx
		.select({ reporterId: reports.reporterId, postId: reports.postId })
		.from(reports)
		.where(and(eq(reports.caseId, c.id), sql`${reports.reporterId} is not null`));
	await notify(
		tx,
		emit,
		// Reporters learn whether something was done, never what (a warning stays between the member and the moderators).
		reporters.map((r) => ({ userId: r.reporterId!, kind: 'report_resolved' as const, data: { caseId: c.id, outcome: reportOutcome(resolution) } }))
	);
	emit({ type: 'moderation.case', caseId: c.id, change: 'resolved', byName: by.displayName });
}

const NO_ACTION = new Set(['dismiss', 'approve', 'restore']);
/** What a reporter is told of a decision. */
export const reportOutcome = (resolution: string | null): 'action_taken' | 'no_action' => (NO_ACTION.has(resolution ?? '') ? 'no_action' : 'action_taken');

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const reporter = alias(users, 'reporter');

/**
 * The open items a moderator may decide: none about themself (their own post,
 * a report on them, their own request), since every action on those refuses;
 * the other moderators see them.
 */
const decidableBy = (moderatorId: string): SQL => and(isNull(modCases.resolvedAt), ne(modCases.userId, moderatorId))!;

/** Open items, most urgent first: severity, then distinct reporters, then the oldest. Keyset in that order. */
export async function listQueue(actor: Actor, raw: ListQueueInput = {}): Promise<Page<QueueItem>> {
	const a = requireCapability(actor, 'moderation.act');
	const input = ListQueueInput.parse(raw);
	const cursor = decodeCursor(input.cursor);
	let after: SQL | undefined;
	if (cursor) {
		const [s, n, at] = String(cursor.k).split('|');
		if (!/^\d{1,4}$/.test(s ?? '') || !/^\d{1,6}$/.test(n ?? '') || !CURSOR_TIME.test(at ?? '') || Number.isNaN(Date.parse(at!)) || !/^\d{1,15}$/.test(cursor.id))
			throw cursorRefused();
		const sev = Number(s), cnt = Number(n), id = Number(cursor.id);
		const o = sql`${at!}::timestamptz`;
		after = or(
			lt(modCases.severity, sev),
			and(eq(modCases.severity, sev), lt(modCases.reporterCount, cnt)),
			and(eq(modCases.severity, sev), eq(modCases.reporterCount, cnt), gt(modCases.openedAt, o)),
			and(eq(modCases.severity, sev), eq(modCases.reporterCount, cnt), eq(modCases.openedAt, o), gt(modCases.id, id))
		);
	}
	const rows = await db()
		.select({
			id: modCases.id,
			kind: modCases.kind,
			openedAt: modCases.openedAt,
			openedKey: sql<string>`to_char(${modCases.openedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
			severity: modCases.severity,
			reporterCount: modCases.reporterCount,
			held: modCases.held,
			holdReason: modCases.holdReason,
			autoHidden: modCases.autoHidden,
			postId: modCases.postId,
			joinRequestId: modCases.joinRequestId,
			userId: modCases.userId,
			displayName: users.displayName,
			handle: users.handle,
			status: users.status,
			email: users.email,
			language: users.language
		})
		.from(modCases)
		.innerJoin(users, eq(users.id, modCases.userId))
		.where(and(decidableBy(a.user.id), after))
		.orderBy(desc(modCases.severity), desc(modCases.reporterCount), asc(modCases.openedAt), asc(modCases.id))
		.limit(input.limit + 1);
	const page = rows.slice(0, input.limit);
	const ids = page.map((r) => r.id);
	const reasonRows = ids.length
		? await db()
				.select({ caseId: reports.caseId, reason: reports.reason, note: reports.note, automatic: sql<boolean>`${reports.reporterId} is null`, reporter: reporter.displayName })
				.from(reports)
				.leftJoin(reporter, eq(reporter.id, reports.reporterId))
				.where(inArray(reports.caseId, ids))
				.orderBy(asc(reports.id))
		: [];
	const postIds = page.map((r) => r.postId).filter((id): id is number => id !== null);
	const postRows = postIds.length
		? await db()
				.select({ id: posts.id, threadId: posts.threadId, title: threads.title, isOpening: sql<boolean>`${posts.title} is not null`, status: posts.status, html: posts.bodyHtml, statusReason: posts.statusReason })
				.from(posts)
				.innerJoin(threads, eq(threads.id, posts.threadId))
				.where(inArray(posts.id, postIds))
		: [];
	const jrIds = page.map((r) => r.joinRequestId).filter((id): id is string => id !== null);
	const jrRows = jrIds.length ? await db().select().from(joinRequests).where(inArray(joinRequests.id, jrIds)) : [];
	const items = page.map((r): QueueItem => {
		const mine = reasonRows.filter((x) => x.caseId === r.id);
		const counts = new Map<ReportReason, number>();
		for (const x of mine) counts.set(x.reason, (counts.get(x.reason) ?? 0) + 1);
		const p = postRows.find((x) => x.id === r.postId);
		const jr = jrRows.find((x) => x.id === r.joinRequestId);
		return {
			id: r.id,
			kind: r.kind,
			openedAt: r.openedAt,
			severity: r.severity,
			reporterCount: r.reporterCount,
			held: r.held,
			holdReason: r.holdReason,
			autoHidden: r.autoHidden,
			reasons: [...counts].map(([reason, count]) => ({ reason, count })),
			notes: mine.filter((x) => x.note).map((x) => ({ text: x.note!, automatic: x.automatic })),
			reporters: mine.map((x) => x.reporter).filter((n): n is string => n !== null),
			member: { id: r.userId, displayName: r.displayName, handle: r.handle, status: r.status },
			post: p
				? { id: p.id, threadId: p.threadId, threadTitle: p.title, isOpening: p.isOpening, status: p.status, html: p.html, excerpt: plainText(p.html).slice(0, 280), statusReason: p.statusReason }
				: null,
			joinRequest: jr
				? {
						id: jr.id,
						email: r.email,
						language: r.language,
						guidelinesVersion: jr.guidelinesVersion,
						postingCountry: jr.postingCountry,
						postingCity: jr.postingCity,
						relation: jr.relation,
						civilServantName: jr.civilServantName,
						civilServantDepartment: jr.civilServantDepartment,
						languages: jr.languages,
						message: jr.message
					}
				: null
		};
	});
	const last = page.at(-1);
	return {
		items,
		nextCursor: rows.length > input.limit && last ? encodeCursor({ k: `${last.severity}|${last.reporterCount}|${last.openedKey}`, id: String(last.id) }) : null
	};
}

/** How many items wait for this moderator: for the navigation's badge. */
export async function queueCount(actor: Actor): Promise<number> {
	const a = requireCapability(actor, 'moderation.act');
	const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(modCases).where(decidableBy(a.user.id));
	return row?.n ?? 0;
}
