import { and, desc, eq, isNull } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { memberNotes, modCases, users } from '../db/schema';
import { requireCapability, userColumns, type Actor } from '../auth/actor';
import { deleteSessions } from '../auth/sessions';
import { DomainError } from '../errors';
import { notify } from '../notifications/notify';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';
import type { Language, Role } from '../../shared/roles';
import type { AuditRow } from '../../shared/audit';
import type { MemberNote, MemberOverview, MemberStanding } from '../../shared/moderation';
import { audit, listAudit, type AuditAction } from '../audit/log';
import { lockOpenCase, resolveCase } from './cases';
import { formatUntil } from '../../format';
import { MemberActionInput, NoteInput } from './schemas';

/** Moderators act on the group's members, not on staff: a moderator, coordinator, policy officer or admin is for an admin. */
const MODERATABLE: readonly Role[] = ['member', 'board_member'];

type StandingRow = MemberStanding & { email: string; language: Language };

async function standing(tx: Parameters<Parameters<typeof transact>[0]>[0] | ReturnType<typeof db>, userId: string, lock = false): Promise<StandingRow | null> {
	const q = tx
		.select({
			id: users.id,
			displayName: users.displayName,
			handle: users.handle,
			status: users.status,
			roles: userColumns.roles,
			mutedUntil: users.mutedUntil,
			suspendedUntil: users.suspendedUntil,
			approvedPosts: users.approvedPosts,
			createdAt: users.createdAt,
			email: users.email,
			language: users.language
		})
		.from(users)
		.where(eq(users.id, userId));
	const [row] = lock ? await q.for('no key update') : await q;
	return row ?? null;
}

const ACTION_AUDIT: Record<string, AuditAction> = {
	warn: 'member.warn',
	mute: 'member.mute',
	unmute: 'member.unmute',
	suspend: 'member.suspend',
	unsuspend: 'member.unsuspend',
	remove: 'member.remove',
	dismiss: 'case.dismiss'
};

/**
 * Warn (a private message with the reason), mute until a date (read-only),
 * suspend until a date (no login; every session ended; live connections cut),
 * remove from the group; and the ways back. Each with a reason, recorded.
 */
export async function moderateMember(actor: Actor, userId: string, raw: MemberActionInput): Promise<MemberStanding> {
	const a = requireCapability(actor, 'moderation.act');
	const input = MemberActionInput.parse(raw);
	if (userId === a.user.id) throw new DomainError('conflict', 'error_cannot_moderate_self');
	await transact(async (tx, emit) => {
		// The member first, then the case: the order posting takes too (member row, then a held post's case).
		const m = await standing(tx, userId, true);
		if (!m) throw new DomainError('not_found', 'error_user_not_found');
		// Only a report about the member: a post's item is decided on the post.
		const c = input.caseId !== undefined ? await lockOpenCase(tx, input.caseId) : null;
		if (c && (c.userId !== userId || c.kind !== 'member')) throw new DomainError('not_found', 'error_case_not_found');
		// Reports about staff can be dismissed; acting on staff is for admins.
		if (input.action !== 'dismiss' && m.roles.some((r) => !MODERATABLE.includes(r))) throw new DomainError('forbidden', 'error_cannot_moderate_staff');
		if (m.status === 'pending') throw new DomainError('conflict', 'error_member_pending');
		const before = { status: m.status, mutedUntil: m.mutedUntil, suspendedUntil: m.suspendedUntil };
		const after = { ...before };
		const now = new Date();
		switch (input.action) {
			case 'warn':
			case 'dismiss':
				if (input.action === 'dismiss' && !c) throw new DomainError('conflict', 'error_no_open_case');
				break;
			case 'mute':
				after.mutedUntil = input.until!;
				break;
			case 'unmute':
				if (!m.mutedUntil || m.mutedUntil <= now) throw new DomainError('conflict', 'error_not_muted');
				after.mutedUntil = null;
				break;
			case 'suspend':
				if (m.status === 'removed') throw new DomainError('conflict', 'error_member_removed');
				after.status = 'suspended';
				after.suspendedUntil = input.until!;
				break;
			case 'unsuspend':
				if (m.status !== 'suspended') throw new DomainError('conflict', 'error_not_suspended');
				// Without an end date it was an admin's suspension: theirs to lift.
				if (!m.suspendedUntil) throw new DomainError('forbidden', 'error_suspended_by_admin');
				after.status = 'active';
				after.suspendedUntil = null;
				break;
			case 'remove':
				if (m.status === 'removed') throw new DomainError('conflict', 'error_member_removed');
				after.status = 'removed';
				break;
		}
		await tx.update(users).set({ status: after.status, mutedUntil: after.mutedUntil, suspendedUntil: after.suspendedUntil, updatedAt: now }).where(eq(users.id, userId));
		if (after.status !== 'active' && before.status === 'active') {
			const ids = await deleteSessions(tx, userId);
			emit({ type: 'session.ended', userId, sessionIds: ids });
		}
		if (after.status !== before.status) emit({ type: 'user.changed', userId, status: after.status, roles: m.roles });
		await audit(tx, {
			actorId: a.user.id,
			action: ACTION_AUDIT[input.action]!,
			targetKind: input.action === 'dismiss' ? 'case' : 'member',
			targetId: input.action === 'dismiss' ? c!.id : userId,
			subjectId: userId,
			reason: input.reason ?? null,
			before,
			after,
			data: { caseId: c?.id ?? null }
		});
		if (c) await resolveCase(tx, emit, c, a.user, input.action, input.reason);
		if (input.action === 'dismiss') return;
		const until = input.until ? formatUntil(input.until) : '';
		// Told in the app while they can still use it, and by email when they cannot (suspended, removed).
		await notify(tx, emit, [{ userId, kind: 'moderation', actorId: null, data: { action: input.action, reason: input.reason ?? null, until: input.until?.toISOString() ?? null } }]);
		if (input.action === 'warn' || input.action === 'suspend' || input.action === 'remove' || input.action === 'mute') {
			const lang = m.language;
			const mail = compose(lang, `email_moderation_${input.action}_subject`, [
				['email_greeting', { name: m.displayName }],
				[`email_moderation_${input.action}_text`, { until }],
				['email_moderation_reason', { reason: input.reason ?? '' }],
				['email_moderation_guidelines', { url: siteUrl('/guidelines') }]
			]);
			await enqueueEmail(tx, { to: m.email, ...mail, kind: 'moderation', meta: { userId, action: input.action } });
		}
	});
	const { email: _e, language: _l, ...member } = (await standing(db(), userId))!;
	return member;
}

/** A note on a member for the other moderators; never shown to the member. */
export async function addMemberNote(actor: Actor, userId: string, raw: { body: string }): Promise<MemberNote> {
	const a = requireCapability(actor, 'moderation.act');
	const { body } = NoteInput.parse(raw);
	return transact(async (tx) => {
		const m = await standing(tx, userId);
		if (!m) throw new DomainError('not_found', 'error_user_not_found');
		const [row] = await tx.insert(memberNotes).values({ userId, authorId: a.user.id, body }).returning();
		// The text stays with the moderators (member_notes); the audit log, which admins read too, records only that a note was made.
		await audit(tx, { actorId: a.user.id, action: 'member.note', targetKind: 'member', targetId: userId, subjectId: userId, data: { noteId: row!.id } });
		return { id: row!.id, body: row!.body, author: a.user.displayName, createdAt: row!.createdAt };
	});
}

/** Everything a moderator needs about one member: standing, notes, open items, and the record. */
export async function memberOverview(actor: Actor, userId: string): Promise<MemberOverview> {
	requireCapability(actor, 'moderation.act');
	const m = await standing(db(), userId);
	if (!m) throw new DomainError('not_found', 'error_user_not_found');
	const notes = await db()
		.select({ id: memberNotes.id, body: memberNotes.body, author: users.displayName, createdAt: memberNotes.createdAt })
		.from(memberNotes)
		.innerJoin(users, eq(users.id, memberNotes.authorId))
		.where(eq(memberNotes.userId, userId))
		.orderBy(desc(memberNotes.id))
		.limit(100);
	const open = await db()
		.select({ id: modCases.id })
		.from(modCases)
		.where(and(eq(modCases.userId, userId), isNull(modCases.resolvedAt)));
	const history = await listAudit(actor, { subject: userId, limit: 50 }).catch(() => ({ items: [] as AuditRow[] }));
	const { email: _e, language: _l, ...member } = m;
	return { member, notes, openCaseIds: open.map((o) => o.id), history: history.items };
}
