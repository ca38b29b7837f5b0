import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { loginFailures, passwordResets, users } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from '../auth/actor';
import { hashPassword, passwordProblem } from '../auth/password';
import { generateSessionToken, sessionIdOf, deleteSessions } from '../auth/sessions';
import { accountKey, claimAttempt } from '../auth/rate-limit';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';
import type { RequestResetInput, ResetPasswordInput } from './schemas';

/**
 * Password reset by email (OWASP's Forgot Password cheat sheet): a random
 * token in a link, only its SHA-256 stored (as with sessions), single use and
 * valid for RESET_LIFETIME_MS. The request is answered the same way whether or
 * not the address has an account; only the owner's inbox learns which. The
 * reset ends every session and voids every device cookie (device.ts binds them
 * to the password hash), and it does not log anyone in: the person logs in
 * with the new password.
 */
export const RESET_LIFETIME_MS = 60 * 60_000;

/**
 * Requests cost an email each, so they are limited in a sliding hour per
 * address asked for (so one inbox is not flooded) and per client address
 * (so one client cannot mail many inboxes), counted in login_failures under
 * `reset:` keys like the join limits. The per-email count applies whether or
 * not the address has an account, so a 429 says nothing about it either.
 */
export const RESET_LIMITS = { perEmail: 3, perAddress: 10, windowMs: 3_600_000 } as const;
export const resetEmailKey = (email: string): string => `reset:email:${email}`;
export const resetAddressKey = (ip: string): string => `reset:ip:${ip}`;
async function claimResetRequest(email: string, ip: string | undefined): Promise<void> {
	await claimAttempt([{ key: resetEmailKey(email), limit: RESET_LIMITS.perEmail }, ...(ip ? [{ key: resetAddressKey(ip), limit: RESET_LIMITS.perAddress }] : [])], {
		windowMs: RESET_LIMITS.windowMs,
		refusal: 'error_reset_rate_limited'
	});
}

/** Sends a reset link if the address has an account that may log in; says nothing either way. */
export async function requestPasswordReset(actor: Actor, input: RequestResetInput): Promise<void> {
	const email = input.email.trim().toLowerCase();
	await claimResetRequest(email, actor.ip);
	const [user] = await db()
		.select({ id: users.id, email: users.email, displayName: users.displayName, language: users.language, status: users.status })
		.from(users)
		.where(eq(sql`lower(${users.email})`, email));
	// A removed account gets no link: a new password would not let it in.
	if (!user || user.status === 'removed') return;
	const token = generateSessionToken();
	await transact(async (tx) => {
		await tx.insert(passwordResets).values({ id: sessionIdOf(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_LIFETIME_MS) });
		const mail = compose(user.language, 'email_reset_subject', [
			['email_greeting', { name: user.displayName }],
			['email_reset_text'],
			siteUrl(`/reset/${token}`),
			['email_reset_expiry', { minutes: RESET_LIFETIME_MS / 60_000 }],
			['email_reset_ignore']
		]);
		await enqueueEmail(tx, { to: user.email, ...mail, kind: 'password_reset', meta: { userId: user.id } });
	});
}

const tokenShape = /^[a-z2-7]{32}$/;

/** The reset a link names, if it can still be used. */
async function usableReset(token: string) {
	if (!tokenShape.test(token)) return null;
	const [row] = await db()
		.select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email, status: users.status })
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.where(and(eq(passwordResets.id, sessionIdOf(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())));
	return row && row.status !== 'removed' ? row : null;
}

/** Whether a reset link still works (the page shows the form, or says the link is used up or expired). */
export async function resetLinkUsable(token: string): Promise<boolean> {
	return (await usableReset(token)) !== null;
}

/**
 * Sets the new password and uses the link up, ends every session of the
 * account (and their live connections), and clears the account's count of
 * failed logins: whoever holds the inbox is the owner again.
 */
export async function resetPassword(_actor: Actor, input: ResetPasswordInput): Promise<void> {
	const reset = await usableReset(input.token);
	if (!reset) throw new DomainError('not_found', 'error_reset_link_invalid');
	const problem = passwordProblem(input.password, reset.email);
	if (problem) throw new DomainError('invalid_input', problem, { field: 'password' });
	const passwordHash = await hashPassword(input.password);
	await transact(async (tx, emit) => {
		// Used up here, conditionally: of two submissions of one link, one wins.
		const used = await tx
			.update(passwordResets)
			.set({ usedAt: new Date() })
			.where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())))
			.returning({ id: passwordResets.id });
		if (used.length === 0) throw new DomainError('not_found', 'error_reset_link_invalid');
		await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, reset.userId));
		// Every other link for the account goes too: one reset, one new password.
		await tx.delete(passwordResets).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
		await tx.delete(loginFailures).where(eq(loginFailures.key, accountKey(reset.email)));
		const ended = await deleteSessions(tx, reset.userId);
		emit({ type: 'session.ended', userId: reset.userId, sessionIds: ended });
	});
}
