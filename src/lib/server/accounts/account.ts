import { desc, eq } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { sessions, users } from '../db/schema';
import { DomainError } from '../errors';
import { requireUser, type Actor } from '../auth/actor';
import type { Me, SessionSummary, SessionUser } from '../../shared/accounts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { createSession, deleteSessions, type Session } from '../auth/sessions';
import { claimAttempt, passwordChangeKey } from '../auth/rate-limit';
import { getSetting } from '../settings';
import { capabilitiesOf } from '../../shared/roles';
import type { ChangePasswordInput, UpdateProfileInput } from './schemas';

export function me(actor: Actor): Me {
	const { user } = requireUser(actor);
	return { ...user, capabilities: [...capabilitiesOf(user)] };
}

/** Pending people may set their name, language and time zone too: it is their own account. */
export async function updateProfile(actor: Actor, input: UpdateProfileInput): Promise<SessionUser> {
	const a = requireUser(actor);
	await transact(async (tx) => {
		await tx
			.update(users)
			.set({ ...input, updatedAt: new Date() })
			.where(eq(users.id, a.user.id));
	});
	return { ...a.user, ...input };
}

/**
 * A new password ends every session, this one included, and opens a fresh one
 * for this browser (the caller sets its cookie): whoever knew the old password
 * or held any old token is out. Wrong current passwords are limited like login
 * guesses, per person, so a borrowed session cannot guess its way to the password.
 */
export async function changePassword(
	actor: Actor,
	input: ChangePasswordInput
): Promise<{ endedSessions: number; token: string; session: Session }> {
	const a = requireUser(actor);
	const attempt = await claimAttempt([{ key: passwordChangeKey(a.user.id), limit: await getSetting('loginFailuresPerAccount') }]);
	const [row] = await db().select({ hash: users.passwordHash }).from(users).where(eq(users.id, a.user.id));
	if (!row || !(await verifyPassword(row.hash, input.currentPassword)))
		throw new DomainError('invalid_input', 'error_current_password', { field: 'currentPassword' });
	await attempt.succeeded(passwordChangeKey(a.user.id));
	const problem = passwordProblem(input.newPassword, a.user.email);
	if (problem) throw new DomainError('invalid_input', problem, { field: 'newPassword' });
	const passwordHash = await hashPassword(input.newPassword);
	return transact(async (tx, emit) => {
		await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, a.user.id));
		const ended = await deleteSessions(tx, a.user.id);
		const { token, session } = await createSession(tx, a.user.id, { userAgent: a.userAgent, ip: a.ip });
		emit({ type: 'session.ended', userId: a.user.id, sessionIds: ended });
		return { endedSessions: ended.filter((id) => id !== a.sessionId).length, token, session };
	});
}

export async function listSessions(actor: Actor): Promise<SessionSummary[]> {
	const a = requireUser(actor);
	// Bounded by the number of devices one person uses; sessions_user_idx serves it.
	const rows = await db()
		.select()
		.from(sessions)
		.where(eq(sessions.userId, a.user.id))
		.orderBy(desc(sessions.lastSeenAt))
		.limit(100);
	return rows.map((r) => ({
		handle: r.handle,
		current: r.id === a.sessionId,
		createdAt: r.createdAt,
		lastSeenAt: r.lastSeenAt,
		expiresAt: r.expiresAt,
		userAgent: r.userAgent,
		ip: r.ip
	}));
}

export async function endSession(actor: Actor, handle: string): Promise<void> {
	const a = requireUser(actor);
	await transact(async (tx, emit) => {
		const ids = await deleteSessions(tx, a.user.id, handle);
		if (ids.length === 0) throw new DomainError('not_found', 'error_session_not_found');
		emit({ type: 'session.ended', userId: a.user.id, sessionIds: ids });
	});
}
