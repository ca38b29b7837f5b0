import { eq, sql } from 'drizzle-orm';
import { transact } from '../runtime';
import { postRevisions, posts, threads } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { openCategory } from '../discussion/categories';
import { renderMarkdown } from '../discussion/markdown';
import { resolveMentions } from '../discussion/mentions';
import { notifyAboutPost } from '../discussion/notifications';
import { notify } from '../notifications/notify';
import { getPostView } from '../discussion/posts';
import { lockPost, setPostStatus } from '../discussion/post-state';
import { audienceOf } from '../discussion/visibility';
import type { ContentStatus, PostView } from '../../shared/discussion';
import type { ThreadModeration } from '../../shared/moderation';
import { audit, type AuditAction } from '../audit/log';
import { findOpenCase, lockOpenCase, resolveCase, type OpenCase } from './cases';
import { ModeratorEditInput, PostActionInput, ThreadActionInput } from './schemas';

const POST_AUDIT: Record<string, AuditAction> = { approve: 'post.approve', hide: 'post.hide', remove: 'post.remove', restore: 'post.restore', dismiss: 'case.dismiss' };

/**
 * A moderator's decision on a post: approve (held → visible), hide, remove
 * (with a reason the author sees), restore, or dismiss the reports. From the
 * queue, `caseId` names the item: if another moderator handled it first, this
 * one is refused and told who did. The open case on the post is closed either way.
 */
export async function moderatePost(actor: Actor, postId: number, raw: PostActionInput): Promise<PostView | null> {
	const a = requireCapability(actor, 'moderation.act');
	const input = PostActionInput.parse(raw);
	await transact(async (tx, emit) => {
		// The post first, then its case: the order every path takes (reports too), so two cannot deadlock.
		const p = await lockPost(tx, postId);
		if (p.authorId === a.user.id) throw new DomainError('forbidden', 'error_cannot_moderate_self');
		let c: OpenCase | null = input.caseId !== undefined ? await lockOpenCase(tx, input.caseId) : null;
		if (c && c.postId !== postId) throw new DomainError('not_found', 'error_case_not_found');
		c ??= await findOpenCase(tx, { kind: 'post', userId: p.authorId, postId });
		const before = p.status;
		let to: ContentStatus = p.status;
		switch (input.action) {
			case 'approve':
				if (p.status !== 'held') throw new DomainError('conflict', 'error_not_held');
				to = 'visible';
				break;
			case 'hide':
				if (p.status !== 'visible' && p.status !== 'held') throw new DomainError('conflict', 'error_cannot_hide');
				to = 'hidden';
				break;
			case 'remove':
				if (p.status === 'removed' || p.status === 'deleted') throw new DomainError('conflict', 'error_cannot_remove');
				to = 'removed';
				break;
			case 'restore':
				if (p.status !== 'hidden' && p.status !== 'removed') throw new DomainError('conflict', 'error_cannot_restore');
				to = 'visible';
				break;
			case 'dismiss':
				if (!c) throw new DomainError('conflict', 'error_no_open_case');
				// A waiting post needs a decision on the post itself, or it would wait unseen for ever.
				if (p.status === 'held') throw new DomainError('conflict', 'error_still_held');
				// Reports found unfounded: what they hid automatically comes back.
				if (c.autoHidden && p.status === 'hidden') to = 'visible';
				break;
		}
		await setPostStatus(tx, emit, p, to, input.reason ?? null);
		if (before === 'held' && to === 'visible') {
			// Now everyone may see it: count it, and tell those it concerns, as if it had just been posted.
			await tx.execute(sql`update users set approved_posts = approved_posts + 1 where id = ${p.authorId}`);
			const mentions = await resolveMentions(tx, p.body, p.authorId);
			await notifyAboutPost(tx, emit, p.id, { mentioned: mentions.userIds, isReply: !p.isOpening });
		}
		await audit(tx, {
			actorId: a.user.id,
			action: POST_AUDIT[input.action]!,
			targetKind: input.action === 'dismiss' ? 'case' : 'post',
			targetId: input.action === 'dismiss' ? c!.id : p.id,
			subjectId: p.authorId,
			reason: input.reason ?? null,
			before: { status: before },
			after: { status: to },
			data: { postId: p.id, threadId: p.threadId, caseId: c?.id ?? null }
		});
		if (c) await resolveCase(tx, emit, c, a.user, input.action, input.reason);
		if (to !== before)
			await notify(tx, emit, [
				{ userId: p.authorId, kind: 'moderation', threadId: p.threadId, actorId: null, data: { action: input.action === 'dismiss' ? 'restore' : input.action, reason: input.reason ?? null, postId: p.id } }
			]);
	});
	return getPostView(actor, postId).catch(() => null);
}

/** A moderator corrects a post. The earlier text is kept with the note; the author is told. */
export async function moderatorEditPost(actor: Actor, postId: number, raw: ModeratorEditInput): Promise<PostView | null> {
	const a = requireCapability(actor, 'moderation.act');
	const input = ModeratorEditInput.parse(raw);
	await transact(async (tx, emit) => {
		const p = await lockPost(tx, postId);
		if (p.authorId === a.user.id) throw new DomainError('forbidden', 'error_cannot_moderate_self');
		if (p.status === 'deleted') throw new DomainError('conflict', 'error_post_deleted');
		const newTitle = p.isOpening && input.title !== undefined ? input.title : p.title;
		if (input.body === p.body && newTitle === p.title) throw new DomainError('invalid_input', 'error_nothing_changed', { field: 'body' });
		await tx.insert(postRevisions).values({ postId, body: p.body, title: p.title, editedBy: a.user.id, note: input.note });
		const mentions = await resolveMentions(tx, input.body, p.authorId);
		const [u] = await tx
			.update(posts)
			.set({ body: input.body, title: newTitle, bodyHtml: renderMarkdown(input.body, { mentions: mentions.handles }), editedAt: new Date(), seq: sql`nextval('post_change_seq')` })
			.where(eq(posts.id, postId))
			.returning({ seq: posts.seq, status: posts.status });
		if (newTitle !== p.title && newTitle !== null) {
			await tx.update(threads).set({ title: newTitle }).where(eq(threads.id, p.threadId));
			emit({ type: 'thread.changed', change: 'updated', threadId: p.threadId, categoryId: p.categoryId, authorId: p.threadAuthorId, audience: audienceOf(p.threadStatus) });
		}
		await audit(tx, {
			actorId: a.user.id,
			action: 'post.edit',
			targetKind: 'post',
			targetId: p.id,
			subjectId: p.authorId,
			reason: input.note,
			before: { body: p.body, title: p.title },
			after: { body: input.body, title: newTitle },
			data: { threadId: p.threadId }
		});
		await notify(tx, emit, [{ userId: p.authorId, kind: 'moderation', threadId: p.threadId, actorId: null, data: { action: 'edit', reason: input.note, postId: p.id } }]);
		emit({ type: 'post.changed', change: 'edited', threadId: p.threadId, categoryId: p.categoryId, postId, seq: u!.seq, authorId: p.authorId, audience: audienceOf(u!.status) });
	});
	return getPostView(actor, postId).catch(() => null);
}

/** Lock or unlock, pin or unpin, move to another category, set or end slow mode. Each recorded with who and why. */
export async function moderateThread(actor: Actor, threadId: number, raw: ThreadActionInput): Promise<ThreadModeration> {
	const a = requireCapability(actor, 'moderation.act');
	const input = ThreadActionInput.parse(raw);
	return transact(async (tx, emit) => {
		const [t] = await tx
			.select({ id: threads.id, locked: threads.locked, pinned: threads.pinned, categoryId: threads.categoryId, authorId: threads.authorId, status: threads.status, slowModeSeconds: threads.slowModeSeconds, slowModeReason: threads.slowModeReason })
			.from(threads)
			.where(eq(threads.id, threadId))
			.for('no key update');
		if (!t) throw new DomainError('not_found', 'error_thread_not_found');
		const before: ThreadModeration = { id: t.id, locked: t.locked, pinned: t.pinned, categoryId: t.categoryId, slowModeSeconds: t.slowModeSeconds, slowModeReason: t.slowModeReason };
		const after: ThreadModeration = { ...before };
		switch (input.action) {
			case 'lock':
			case 'unlock':
				after.locked = input.action === 'lock';
				break;
			case 'pin':
			case 'unpin':
				after.pinned = input.action === 'pin';
				break;
			case 'move':
				after.categoryId = (await openCategory(tx, input.categoryId!)).id;
				break;
			case 'slow_mode':
				after.slowModeSeconds = input.seconds ? input.seconds : null;
				after.slowModeReason = input.seconds ? (input.reason ?? null) : null;
				break;
		}
		if (JSON.stringify(before) === JSON.stringify(after)) throw new DomainError('conflict', 'error_thread_unchanged');
		await tx
			.update(threads)
			.set({
				locked: after.locked,
				pinned: after.pinned,
				categoryId: after.categoryId,
				slowModeSeconds: after.slowModeSeconds,
				slowModeReason: after.slowModeReason,
				slowModeSetBy: input.action === 'slow_mode' ? a.user.id : undefined
			})
			.where(eq(threads.id, threadId));
		await audit(tx, {
			actorId: a.user.id,
			action: `thread.${input.action}` as AuditAction,
			targetKind: 'thread',
			targetId: threadId,
			subjectId: t.authorId,
			reason: input.reason ?? null,
			before,
			after
		});
		emit({ type: 'thread.changed', change: 'moderated', threadId, categoryId: after.categoryId, authorId: t.authorId, audience: audienceOf(t.status) });
		return after;
	});
}
