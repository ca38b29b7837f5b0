import { and, asc, count, eq, gt, inArray, lt, min } from 'drizzle-orm';
import { db } from '../runtime';
import { loginFailures } from '../db/schema';
import { getSetting } from '../settings';
import { DomainError } from '../errors';

/**
 * Failed logins are counted per account and per address in a sliding window.
 * Past the limit the answer is 429 with a retry time; nothing is ever locked
 * for good, so an attacker cannot lock a partner out of their own account.
 * Kept in the database so every instance behind a load balancer sees the same count.
 */
export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string): string => `ip:${ip}`;

async function limits() {
	return {
		windowMs: (await getSetting('loginFailureWindowMinutes')) * 60_000,
		account: await getSetting('loginFailuresPerAccount'),
		address: await getSetting('loginFailuresPerAddress')
	};
}

export async function assertLoginAllowed(email: string, ip: string | undefined): Promise<void> {
	const { windowMs, account, address } = await limits();
	const since = new Date(Date.now() - windowMs);
	const keys = [accountKey(email), ...(ip ? [addressKey(ip)] : [])];
	const rows = await db()
		.select({ key: loginFailures.key, n: count(), oldest: min(loginFailures.at) })
		.from(loginFailures)
		.where(and(inArray(loginFailures.key, keys), gt(loginFailures.at, since)))
		.groupBy(loginFailures.key);
	for (const row of rows) {
		const limit = row.key.startsWith('account:') ? account : address;
		if (row.n >= limit) {
			const oldest = row.oldest ? new Date(row.oldest).getTime() : Date.now();
			const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 1000));
			throw new DomainError('rate_limited', 'error_login_rate_limited', { retryAfter });
		}
	}
}

export async function recordLoginFailure(email: string, ip: string | undefined): Promise<void> {
	const { windowMs } = await limits();
	const keys = [accountKey(email), ...(ip ? [addressKey(ip)] : [])];
	await db().insert(loginFailures).values(keys.map((key) => ({ key })));
	// Forget what has left the window, for these keys only (cheap on the (key, at) index).
	await db()
		.delete(loginFailures)
		.where(and(inArray(loginFailures.key, keys), lt(loginFailures.at, new Date(Date.now() - windowMs))));
}

export async function clearAccountFailures(email: string): Promise<void> {
	await db().delete(loginFailures).where(eq(loginFailures.key, accountKey(email)));
}

/** For tests and the admin: how many failures stand against a key now. */
export async function failuresFor(key: string): Promise<number> {
	const rows = await db()
		.select({ at: loginFailures.at })
		.from(loginFailures)
		.where(eq(loginFailures.key, key))
		.orderBy(asc(loginFailures.at));
	return rows.length;
}
