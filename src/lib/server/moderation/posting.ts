import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { reports, users } from '../db/schema';
import { DomainError } from '../errors';
import { getSetting } from '../settings';
import type { Emit } from '../notifications/notify';
import { qualified, type Viewer } from '../discussion/visibility';
import { audit } from '../audit/log';
import { openCase, SEVERITY } from './cases';
import { matchWords } from './words';
import { versionToAcceptSql } from '../membership/guidelines';
import { setPostStatus, type LockedPost } from '../discussion/post-state';
import { formatUntil } from '../../format';

/**
 * The automatic protection every new post passes, in one place, for threads
 * and replies alike. Moderators pass without checks (they are the check).
 *
 * Refusals are thrown, except a watched word's block: that one is recorded in
 * the audit log, so it comes back as `refused` for the caller to throw after
 * its transaction commits the record.
 */
export type Admission =
	| { status: 'visible'; report?: string }
	| { status: 'held'; holdReason: string; report?: string }
	| { refused: DomainError };


export async function admitPost(tx: Tx, viewer: Viewer, post: { text: string; threadId?: number }): Promise<Admission> {
	if (viewer.moderator) return { status: 'visible' };
	const now = new Date();
	const windowMs = (await getSetting('postWindowMinutes', tx)) * 60_000;
	const since = new Date(now.getTime() - windowMs);
	const me_ = qualified(users.id);
	// One statement for the member's standing, their acceptance of the current guidelines and their recent posts.
	// Locked: one member's posts are admitted one at a time, so parallel requests cannot slip past the limits.
	const [me] = await tx
		.select({
			mutedUntil: users.mutedUntil,
			approvedPosts: users.approvedPosts,
			versionToAccept: versionToAcceptSql(me_),
			recent: sql<number>`(select count(*)::int from posts p where p.author_id = ${me_} and p.created_at > ${since.toISOString()}::timestamptz)`,
			oldest: sql<string | null>`(select min(p.created_at)::text from posts p where p.author_id = ${me_} and p.created_at > ${since.toISOString()}::timestamptz)`,
			// A reply's thread may be in slow mode: its interval, and when this member last wrote there (read only then).
			...(post.threadId !== undefined && {
				slowModeSeconds: sql<number | null>`(select t.slow_mode_seconds from threads t where t.id = ${post.threadId})`,
				lastInThread: sql<string | null>`case when (select t.slow_mode_seconds from threads t where t.id = ${post.threadId}) > 0
					then (select max(p.created_at)::text from posts p where p.thread_id = ${post.threadId} and p.author_id = ${me_}) end`
			})
		})
		.from(users)
		.where(eq(users.id, viewer.id))
		.for('no key update', { of: users });
	if (!me) throw new DomainError('forbidden', 'error_forbidden');
	if (me.mutedUntil && me.mutedUntil > now) throw new DomainError('forbidden', 'error_muted', { params: { until: formatUntil(me.mutedUntil) } });
	if (me.versionToAccept !== null) throw new DomainError('conflict', 'error_guidelines_new_version', { params: { version: me.versionToAccept } });

	const isNew = me.approvedPosts < (await getSetting('newMemberPosts', tx));
	const limit = await getSetting(isNew ? 'newMemberPostsPerWindow' : 'postsPerWindow', tx);
	if (me.recent >= limit) {
		const oldest = me.oldest ? Date.parse(me.oldest) : now.getTime();
		const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000));
		throw new DomainError('rate_limited', isNew ? 'error_post_rate_new' : 'error_post_rate', { retryAfter, params: { limit, minutes: windowMs / 60_000 } });
	}

	const slowMode = 'slowModeSeconds' in me ? me.slowModeSeconds : null;
	if (slowMode && 'lastInThread' in me && me.lastInThread) {
		const wait = Math.ceil((Date.parse(me.lastInThread) + slowMode * 1000 - now.getTime()) / 1000);
		if (wait > 0) throw new DomainError('rate_limited', 'error_slow_mode_wait', { retryAfter: wait, params: { interval: slowMode } });
	}

	const matches = await matchWords(post.text, tx);
	const block = matches.find((m) => m.action === 'block');
	if (block) {
		await audit(tx, {
			actorId: null,
			action: 'post.blocked',
			targetKind: 'member',
			targetId: viewer.id,
			subjectId: viewer.id,
			reason: `watched word: ${block.pattern}`,
			data: { word: block.pattern, found: block.found, threadId: post.threadId ?? null, excerpt: post.text.slice(0, 500) }
		});
		return { refused: new DomainError('invalid_input', 'error_blocked_word', { field: 'body', params: { word: block.found } }) };
	}
	const hold = matches.find((m) => m.action === 'hold');
	const report = matches.find((m) => m.action === 'report')?.pattern;
	if (hold) return { status: 'held', holdReason: `watched_word:${hold.pattern}`, report };
	if (me.approvedPosts < (await getSetting('approveFirstPosts', tx))) return { status: 'held', holdReason: 'new_member', report };
	return { status: 'visible', report };
}

/** After the post is written: queue what waits, file the automatic report, count what was published. */
export async function afterAdmission(tx: Tx, emit: Emit, admission: Exclude<Admission, { refused: DomainError }>, post: { id: number; authorId: string; threadId: number }): Promise<void> {
	if (admission.status === 'visible') await tx.update(users).set({ approvedPosts: sql`${users.approvedPosts} + 1` }).where(eq(users.id, post.authorId));
	if (admission.status === 'held') {
		await openCase(tx, emit, { kind: 'post', userId: post.authorId, postId: post.id }, { severity: SEVERITY.held, held: true, holdReason: admission.holdReason });
		await audit(tx, { actorId: null, action: 'post.hold', targetKind: 'post', targetId: post.id, subjectId: post.authorId, reason: admission.holdReason, data: { threadId: post.threadId } });
	}
	if (admission.report) await fileAutomaticReport(tx, emit, admission.report, post);
}

async function fileAutomaticReport(tx: Tx, emit: Emit, word: string, post: { id: number; authorId: string; threadId: number }): Promise<void> {
	const c = await openCase(tx, emit, { kind: 'post', userId: post.authorId, postId: post.id }, { severity: SEVERITY.other });
	await tx.insert(reports).values({ caseId: c.id, reporterId: null, postId: post.id, reason: 'other', note: `watched word: ${word}` });
	await audit(tx, { actorId: null, action: 'post.auto_report', targetKind: 'post', targetId: post.id, subjectId: post.authorId, reason: `watched word: ${word}`, data: { threadId: post.threadId } });
}

/** Muted members read but do not write: no posts, edits or reactions. */
export async function assertNotMuted(tx: Tx, viewer: Viewer): Promise<void> {
	if (viewer.moderator) return;
	const [me] = await tx.select({ mutedUntil: users.mutedUntil }).from(users).where(eq(users.id, viewer.id));
	if (me?.mutedUntil && me.mutedUntil > new Date()) throw new DomainError('forbidden', 'error_muted', { params: { until: formatUntil(me.mutedUntil) } });
}

/**
 * An author's edit passes the watched words too: a blocked word refuses the
 * edit (recorded); a word that holds new posts takes the post out of view
 * until a moderator approves it again; a reporting word files a report.
 */
export async function checkEdit(tx: Tx, emit: Emit, viewer: Viewer, post: LockedPost, text: string): Promise<{ refused: DomainError } | undefined> {
	await assertNotMuted(tx, viewer);
	if (viewer.moderator) return undefined;
	const matches = await matchWords(text, tx);
	const first = matches[0];
	if (!first) return undefined;
	if (first.action === 'block') {
		await audit(tx, {
			actorId: null,
			action: 'post.blocked',
			targetKind: 'post',
			targetId: post.id,
			subjectId: viewer.id,
			reason: `watched word: ${first.pattern}`,
			data: { word: first.pattern, found: first.found, threadId: post.threadId, excerpt: text.slice(0, 500), edit: true }
		});
		return { refused: new DomainError('invalid_input', 'error_blocked_word', { field: 'body', params: { word: first.found } }) };
	}
	if (first.action === 'hold') {
		await setPostStatus(tx, emit, post, 'held', null);
		await afterAdmission(tx, emit, { status: 'held', holdReason: `watched_word:${first.pattern}` }, post);
		return undefined;
	}
	const [already] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.postId, post.id), sql`${reports.reporterId} is null`, eq(reports.note, `watched word: ${first.pattern}`)));
	if (!already) await fileAutomaticReport(tx, emit, first.pattern, post);
	return undefined;
}
