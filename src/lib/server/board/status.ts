import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { boardMemberships, boardMembershipEvents, userRoles } from '../db/schema';
import { audit } from '../audit/log';
import { DomainError } from '../errors';
import type { DomainEvent } from '../events/types';
import { userColumns } from '../auth/actor';
import { users } from '../db/schema';
import { BOARD_TRANSITIONS, type BoardStatus } from '../../shared/board';

type Emit = (event: DomainEvent) => void;
export type StepBy = 'self' | 'coordinator' | 'system';

export interface Step {
	membershipId: number;
	to: BoardStatus;
	/** Who asks, and in what capacity; null actor: the platform's schedule. */
	actorId: string | null;
	by: StepBy;
	reason?: string | null;
	/** Set with the step (accepting an invitation starts a term). */
	termStart?: string | null;
	termEnd?: string | null;
	/** Only when the row is still in this status (the schedule and a person acting at once: one wins, the other is a no-op). */
	expect?: BoardStatus;
}

/**
 * The one way a board membership changes status: checks the step is allowed
 * for who asks, writes it with its history row and audit entry, and keeps the
 * `board_member` role in step with being active. The role is granted or taken
 * in the same transaction, and `user.changed` (after commit) makes the realtime
 * layer re-check the person's rooms, so a past member's sockets leave board
 * rooms at once.
 */
export async function stepMembership(tx: Tx, emit: Emit, step: Step): Promise<{ from: BoardStatus; userId: string } | null> {
	const [row] = await tx
		.select({ id: boardMemberships.id, userId: boardMemberships.userId, status: boardMemberships.status })
		.from(boardMemberships)
		.where(eq(boardMemberships.id, step.membershipId))
		.for('update');
	if (!row) throw new DomainError('not_found', 'error_board_membership_not_found');
	if (step.expect && row.status !== step.expect) return null;
	const allowed = BOARD_TRANSITIONS[row.status][step.to];
	if (!allowed?.includes(step.by)) throw new DomainError('conflict', 'error_board_step_not_allowed', { params: { from: row.status, to: step.to } });
	await tx
		.update(boardMemberships)
		.set({
			status: step.to,
			updatedAt: new Date(),
			...(step.termStart !== undefined && { termStart: step.termStart }),
			...(step.termEnd !== undefined && { termEnd: step.termEnd })
		})
		.where(eq(boardMemberships.id, row.id));
	await tx.insert(boardMembershipEvents).values({ membershipId: row.id, actorId: step.actorId, fromStatus: row.status, toStatus: step.to, reason: step.reason ?? null });
	await audit(tx, {
		actorId: step.actorId,
		action: 'board.status',
		targetKind: 'board_membership',
		targetId: row.id,
		subjectId: row.userId,
		reason: step.reason ?? null,
		before: { status: row.status },
		after: { status: step.to }
	});
	if (row.status === 'active' || step.to === 'active') await syncBoardRole(tx, emit, row.userId);
	emit({ type: 'board.membership.changed', membershipId: row.id, userId: row.userId, from: row.status, to: step.to });
	return { from: row.status, userId: row.userId };
}

/** board_member exactly while a membership is active; tells the realtime layer when it changed. */
export async function syncBoardRole(tx: Tx, emit: Emit, userId: string): Promise<void> {
	const [{ active } = { active: false }] = await tx
		.select({ active: sql<boolean>`exists (select 1 from board_memberships m where m.user_id = ${userId} and m.status = 'active')` })
		.from(sql`(select 1) as one`);
	const changed = active
		? await tx.insert(userRoles).values({ userId, role: 'board_member' }).onConflictDoNothing().returning({ userId: userRoles.userId })
		: await tx
				.delete(userRoles)
				.where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'board_member')))
				.returning({ userId: userRoles.userId });
	if (changed.length === 0) return;
	const [person] = await tx.select({ status: userColumns.status, roles: userColumns.roles }).from(users).where(eq(users.id, userId));
	if (person) emit({ type: 'user.changed', userId, status: person.status, roles: person.roles });
}
