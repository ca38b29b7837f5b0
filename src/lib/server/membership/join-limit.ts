import { and, count, gt, inArray, lt, min, sql } from 'drizzle-orm';
import { transact } from '../runtime';
import { loginFailures } from '../db/schema';
import { DomainError } from '../errors';

/**
 * Join requests are public and each one costs a password hash, an account
 * and an email, so they are limited per client address and overall, in a
 * sliding hour. Counted in login_failures under `join:` keys, where every
 * instance sees the same count; only requests that passed validation count.
 */
export const JOIN_LIMITS = {
	perAddress: 8,
	overall: 100,
	windowMs: 3_600_000
} as const;

export const joinAddressKey = (ip: string): string => `join:ip:${ip}`;
export const JOIN_OVERALL_KEY = 'join:all';

/** pg_advisory_xact_lock's key for the join counters; any fixed number no other lock uses. */
const JOIN_LOCK_KEY = '7209412620503310119';

/**
 * Counts one join attempt, or refuses it with 429 and the wait. Under a
 * transaction-level advisory lock, so parallel requests cannot all read
 * "under the limit" before any of them is counted.
 */
export async function claimJoinAttempt(ip: string | undefined): Promise<void> {
	const keys = [...(ip ? [joinAddressKey(ip)] : []), JOIN_OVERALL_KEY];
	await transact(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${JOIN_LOCK_KEY}::bigint)`);
		const now = Date.now();
		const since = new Date(now - JOIN_LIMITS.windowMs);
		await tx.delete(loginFailures).where(and(inArray(loginFailures.key, keys), lt(loginFailures.at, since)));
		const rows = await tx
			.select({ key: loginFailures.key, n: count(), oldest: min(loginFailures.at) })
			.from(loginFailures)
			.where(and(inArray(loginFailures.key, keys), gt(loginFailures.at, since)))
			.groupBy(loginFailures.key);
		for (const row of rows) {
			const limit = row.key === JOIN_OVERALL_KEY ? JOIN_LIMITS.overall : JOIN_LIMITS.perAddress;
			if (row.n < limit) continue;
			const oldest = row.oldest ? new Date(row.oldest).getTime() : now;
			const retryAfter = Math.max(1, Math.ceil((oldest + JOIN_LIMITS.windowMs - now) / 1000));
			throw new DomainError('rate_limited', 'error_join_rate_limited', { retryAfter, params: { minutes: Math.ceil(retryAfter / 60) } });
		}
		await tx.insert(loginFailures).values(keys.map((key) => ({ key })));
	});
}
