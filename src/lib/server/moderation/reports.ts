import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { modCases, posts, reports, threads, users } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from '../auth/actor';
import { idCursor, toIdPage, type Page } from '../paging';
import { getSetting } from '../settings';
import { postContentShown, threadVisible, viewerOf, participantSql } from '../discussion/visibility';
import { audit } from '../audit/log';
import { openCase, reportOutcome, SEVERITY } from './cases';
import type { MyReport, ReportReceipt } from '../../shared/moderation';
import { lockPost, setPostStatus } from '../discussion/post-state';
import { ListReportsInput, ReportInput } from './schemas';

/**
 * A member reports a post. One report per member per post, ever; reports
 * join the post's open queue item. When enough distinct members have
 * reported it (the `reportsToHide` setting), the post is hidden at once,
 * before any moderator acts, and that is recorded as an automatic action.
 */
export async function reportPost(actor: Actor, postId: number, raw: ReportInput): Promise<ReportReceipt> {
	const viewer = viewerOf(actor);
	const input = ReportInput.parse(raw);
	return transact(async (tx, emit) => {
		const p = await lockPost(tx, postId);
		if (!threadVisible(viewer, { status: p.threadStatus, authorId: p.threadAuthorId }) || !postContentShown(viewer, p)) throw new DomainError('not_found', 'error_post_not_found');
		if (p.authorId === viewer.id) throw new DomainError('conflict', 'error_report_own');
		if (p.status !== 'visible') throw new DomainError('conflict', 'error_report_withheld');
		const [already] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.reporterId, viewer.id), eq(reports.postId, postId)));
		if (already) throw new DomainError('conflict', 'error_already_reported');
		const c = await openCase(tx, emit, { kind: 'post', userId: p.authorId, postId }, { severity: SEVERITY[input.reason] });
		const [r] = await tx.insert(reports).values({ caseId: c.id, reporterId: viewer.id, postId, reason: input.reason, note: input.note ?? null }).returning({ id: reports.id });
		const [{ n } = { n: 0 }] = await tx
			.select({ n: sql<number>`count(distinct ${reports.reporterId})::int` })
			.from(reports)
			.where(and(eq(reports.caseId, c.id), isNotNull(reports.reporterId)));
		let hidden = false;
		if (n >= (await getSetting('reportsToHide', tx)) && p.status === 'visible') {
			await setPostStatus(tx, emit, p, 'hidden', null);
			await audit(tx, {
				actorId: null,
				action: 'post.auto_hide',
				targetKind: 'post',
				targetId: postId,
				subjectId: p.authorId,
				reason: `reported by ${n} members`,
				before: { status: 'visible' },
				after: { status: 'hidden' },
				data: { caseId: c.id, threadId: p.threadId, reporters: n }
			});
			hidden = true;
		}
		await tx.update(modCases).set({ reporterCount: n, autoHidden: hidden ? true : undefined }).where(eq(modCases.id, c.id));
		return { id: r!.id, hidden };
	});
}

/** A member reports another member (by handle): behaviour rather than one post. One report per member per member. */
export async function reportMember(actor: Actor, handle: string, raw: ReportInput): Promise<ReportReceipt> {
	const viewer = viewerOf(actor);
	const input = ReportInput.parse(raw);
	return transact(async (tx, emit) => {
		const [target] = await tx.select({ id: users.id }).from(users).where(and(eq(users.handle, handle.toLowerCase()), participantSql(users.id)));
		if (!target) throw new DomainError('not_found', 'error_member_not_found');
		const memberId = target.id;
		if (memberId === viewer.id) throw new DomainError('conflict', 'error_report_own');
		const [already] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.reporterId, viewer.id), eq(reports.memberId, memberId)));
		if (already) throw new DomainError('conflict', 'error_already_reported');
		const c = await openCase(tx, emit, { kind: 'member', userId: memberId }, { severity: SEVERITY[input.reason] });
		const [r] = await tx.insert(reports).values({ caseId: c.id, reporterId: viewer.id, memberId, reason: input.reason, note: input.note ?? null }).returning({ id: reports.id });
		await tx
			.update(modCases)
			.set({ reporterCount: sql`(select count(distinct reporter_id)::int from reports where case_id = ${c.id} and reporter_id is not null)` })
			.where(eq(modCases.id, c.id));
		return { id: r!.id, hidden: false };
	});
}

/** What became of my reports, newest first. */
export async function myReports(actor: Actor, raw: { cursor?: string; limit?: number } = {}): Promise<Page<MyReport>> {
	const viewer = viewerOf(actor);
	const input = ListReportsInput.parse(raw);
	const after = idCursor(input.cursor);
	const rows = await db()
		.select({
			id: reports.id,
			createdAt: reports.createdAt,
			reason: reports.reason,
			note: reports.note,
			postId: reports.postId,
			memberId: reports.memberId,
			threadId: posts.threadId,
			threadTitle: threads.title,
			memberName: users.displayName,
			resolvedAt: modCases.resolvedAt,
			resolution: modCases.resolution
		})
		.from(reports)
		.innerJoin(modCases, eq(modCases.id, reports.caseId))
		.leftJoin(posts, eq(posts.id, reports.postId))
		.leftJoin(threads, eq(threads.id, posts.threadId))
		.leftJoin(users, eq(users.id, reports.memberId))
		.where(and(eq(reports.reporterId, viewer.id), after !== undefined ? lt(reports.id, after) : undefined))
		.orderBy(desc(reports.id))
		.limit(input.limit + 1);
	const items = rows.map(
		(r): MyReport => ({
			id: r.id,
			createdAt: r.createdAt,
			reason: r.reason,
			note: r.note,
			target: r.postId !== null ? { kind: 'post', postId: r.postId, threadId: r.threadId!, threadTitle: r.threadTitle ?? '' } : { kind: 'member', memberId: r.memberId!, displayName: r.memberName ?? '' },
			state: r.resolvedAt ? 'resolved' : 'open',
			outcome: r.resolvedAt ? reportOutcome(r.resolution) : null,
			resolvedAt: r.resolvedAt
		})
	);
	return toIdPage(items, input.limit);
}
