import { eq, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { users } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor, SessionUser } from './actor';
import { userColumns } from './actor';
import { verifyAgainstNothing, verifyPassword } from './password';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from './rate-limit';
import { createSession, deleteSessionById, deleteSessions, type Session } from './sessions';
import type { LoginInput } from './schemas';

export interface LoginResult {
	token: string;
	session: Session;
	user: SessionUser;
}

/**
 * Checks a password and opens a new session (a new token at every login, so a
 * planted cookie is worthless). Whether the email exists is never revealed:
 * unknown emails cost the same hash and get the same answer.
 */
export async function login(actor: Actor, input: LoginInput): Promise<LoginResult> {
	await assertLoginAllowed(input.email, actor.ip);
	const [row] = await db()
		.select({ ...userColumns, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));

	const ok = row ? await verifyPassword(row.passwordHash, input.password) : await verifyAgainstNothing(input.password);
	if (!row || !ok) {
		await recordLoginFailure(input.email, actor.ip);
		throw new DomainError('unauthenticated', 'error_login_failed');
	}
	// Told only after the right password, so this reveals nothing to a guesser.
	if (row.status === 'suspended') throw new DomainError('forbidden', 'error_account_suspended');
	if (row.status === 'removed') throw new DomainError('forbidden', 'error_account_removed');

	await clearAccountFailures(input.email);
	const { passwordHash: _omit, ...user } = row;
	void _omit;
	const { token, session } = await transact((tx) =>
		createSession(tx, user.id, { userAgent: actor.userAgent, ip: actor.ip })
	);
	return { token, session, user };
}

export async function logout(actor: Actor): Promise<void> {
	if (actor.kind !== 'user') return;
	await transact(async (tx, emit) => {
		const ids = await deleteSessionById(tx, actor.sessionId);
		emit({ type: 'session.ended', userId: actor.user.id, sessionIds: ids });
	});
}

export async function logoutEverywhere(actor: Actor): Promise<number> {
	if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'error_unauthenticated');
	return transact(async (tx, emit) => {
		const ids = await deleteSessions(tx, actor.user.id);
		emit({ type: 'session.ended', userId: actor.user.id, sessionIds: ids });
		return ids.length;
	});
}
