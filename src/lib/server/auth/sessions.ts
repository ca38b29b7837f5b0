import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, sql } from 'drizzle-orm';
import { db, prepared } from '../runtime';
import { sessions, users } from '../db/schema';
import { getSetting } from '../settings';
import type { Tx } from '../db';
import type { SessionUser } from '../../shared/accounts';
import { userColumns } from './actor';

/**
 * Sessions after Lucia's guide (lucia-auth.com, "Basic API"): a 160-bit random
 * token goes to the browser, only its SHA-256 is stored, so a leaked table
 * holds no usable credential. Expiry slides with use and has a hard end.
 */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export const sessionIdOf = (token: string): string =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export interface Session {
	id: string;
	handle: string;
	userId: string;
	expiresAt: Date;
	absoluteExpiresAt: Date;
}

export interface SessionValidation {
	session: Session;
	user: SessionUser;
}

const HOUR = 3_600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

export async function createSession(
	tx: Tx,
	userId: string,
	meta: { userAgent?: string | null; ip?: string | null }
): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const now = Date.now();
	const absoluteExpiresAt = new Date(now + (await getSetting('sessionAbsoluteHours', tx)) * HOUR);
	const idle = new Date(now + (await getSetting('sessionIdleHours', tx)) * HOUR);
	const expiresAt = idle < absoluteExpiresAt ? idle : absoluteExpiresAt;
	const [row] = await tx
		.insert(sessions)
		.values({
			id: sessionIdOf(token),
			userId,
			expiresAt,
			absoluteExpiresAt,
			userAgent: meta.userAgent?.slice(0, 300) ?? null,
			ip: meta.ip ?? null
		})
		.returning();
	return { token, session: toSession(row!) };
}

/**
 * The one check every transport uses: page requests, API calls and socket
 * handshakes. Suspended and removed people have no valid session, whatever
 * their cookie says.
 */
export async function validateSessionToken(token: string | undefined | null): Promise<SessionValidation | null> {
	if (!token || token.length > 64) return null;
	const id = sessionIdOf(token);
	const [row] = await prepared('session_by_id', (d) =>
		d
			.select({ session: sessions, user: userColumns })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(eq(sessions.id, sql.placeholder('id')))
			.prepare('session_by_id')
	).execute({ id });
	if (!row) return null;
	const now = Date.now();
	const { session, user } = row;
	if (now >= session.expiresAt.getTime() || now >= session.absoluteExpiresAt.getTime()) {
		await db().delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	if (user.status !== 'active' && user.status !== 'pending') return null;

	const idleMs = (await getSetting('sessionIdleHours')) * HOUR;
	const slideDue = session.expiresAt.getTime() - now < idleMs / 2;
	const touchDue = now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS;
	if (slideDue || touchDue) {
		const expiresAt = slideDue
			? new Date(Math.min(now + idleMs, session.absoluteExpiresAt.getTime()))
			: session.expiresAt;
		await db()
			.update(sessions)
			.set({ expiresAt, lastSeenAt: new Date(now) })
			.where(eq(sessions.id, id));
		session.expiresAt = expiresAt;
	}
	return { session: toSession(session), user };
}

/** Deletes sessions and says which went, so live connections can be cut too. */
export async function deleteSessions(tx: Tx, userId: string, handle?: string): Promise<string[]> {
	const where = handle
		? and(eq(sessions.userId, userId), eq(sessions.handle, handle))
		: eq(sessions.userId, userId);
	const gone = await tx.delete(sessions).where(where).returning({ id: sessions.id });
	return gone.map((g) => g.id);
}

export async function deleteSessionById(tx: Tx, id: string): Promise<string[]> {
	const gone = await tx.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id });
	return gone.map((g) => g.id);
}

function toSession(row: typeof sessions.$inferSelect): Session {
	return {
		id: row.id,
		handle: row.handle,
		userId: row.userId,
		expiresAt: row.expiresAt,
		absoluteExpiresAt: row.absoluteExpiresAt
	};
}
