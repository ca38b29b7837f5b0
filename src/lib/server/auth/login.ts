import { and, eq, lte, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { users } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from './actor';
import type { SessionUser } from '../../shared/accounts';
import { userColumns } from './actor';
import { verifyAgainstNothing, verifyPassword } from './password';
import { accountKey, addressKey, claimAttempt, deviceKey, loginLimits, type Limited } from './rate-limit';
import { issueDeviceCookie, trustedDevice } from './device';
import { createSession, deleteSessionById, deleteSessions, type Session } from './sessions';
import type { LoginInput } from './schemas';
import { audit } from '../audit/log';
import { formatUntil } from '../../format';

export interface LoginResult {
	token: string;
	session: Session;
	user: SessionUser;
	/** The device cookie's new value: this browser is now a known device for this account. */
	deviceCookie: string;
}

/**
 * Checks a password and opens a new session (a new token at every login, so a
 * planted cookie is worthless). Whether the email exists is never revealed:
 * unknown emails cost the same hash and get the same answer.
 *
 * Each attempt is counted before the password is checked (see rate-limit.ts):
 * against the address, and against the account, unless the browser carries
 * this account's device cookie (`device`), whose guesses count against that
 * device instead. So others' failures never refuse the owner's usual browser.
 */
export async function login(actor: Actor, input: LoginInput, device?: string): Promise<LoginResult> {
	const email = input.email.trim().toLowerCase();
	const limits = await loginLimits();
	const nonce = await trustedDevice(device, email);
	const limitedBy = nonce ? deviceKey(nonce) : accountKey(email);
	const limited: Limited[] = [{ key: limitedBy, limit: limits.account }];
	if (actor.ip) limited.push({ key: addressKey(actor.ip), limit: limits.address });
	const attempt = await claimAttempt(limited);

	const [row] = await db()
		.select({ ...userColumns, passwordHash: users.passwordHash, suspendedUntil: users.suspendedUntil })
		.from(users)
		.where(eq(sql`lower(${users.email})`, email));

	const ok = row ? await verifyPassword(row.passwordHash, input.password) : await verifyAgainstNothing(input.password);
	// A failure stays counted: the attempt was recorded before the check.
	if (!row || !ok) throw new DomainError('unauthenticated', 'error_login_failed');
	await attempt.succeeded(limitedBy);
	// Told only after the right password, so this reveals nothing to a guesser.
	if (row.status === 'suspended') {
		if (!row.suspendedUntil || row.suspendedUntil > new Date())
			throw new DomainError('forbidden', row.suspendedUntil ? 'error_account_suspended_until' : 'error_account_suspended', {
				params: { until: row.suspendedUntil ? formatUntil(row.suspendedUntil) : '' }
			});
		// The suspension ran out: the person is back, and the record says so.
		await transact(async (tx, emit) => {
			// Only if it is still that suspension: one imposed meanwhile stands.
			const lifted = await tx
				.update(users)
				.set({ status: 'active', suspendedUntil: null, updatedAt: new Date() })
				.where(and(eq(users.id, row.id), eq(users.status, 'suspended'), lte(users.suspendedUntil, new Date())))
				.returning({ id: users.id });
			if (lifted.length === 0) throw new DomainError('forbidden', 'error_account_suspended');
			await audit(tx, { actorId: null, action: 'member.suspension_ended', targetKind: 'member', targetId: row.id, subjectId: row.id, before: { status: 'suspended', suspendedUntil: row.suspendedUntil }, after: { status: 'active' } });
			emit({ type: 'user.changed', userId: row.id, status: 'active', roles: row.roles });
		});
		row.status = 'active';
	}
	if (row.status === 'removed') throw new DomainError('forbidden', 'error_account_removed');

	const { passwordHash: _omit, suspendedUntil: _until, ...user } = row;
	void _omit;
	const { token, session } = await transact((tx) =>
		createSession(tx, user.id, { userAgent: actor.userAgent, ip: actor.ip })
	);
	return { token, session, user, deviceCookie: await issueDeviceCookie(device, email) };
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
