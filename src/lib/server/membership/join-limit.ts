import { claimAttempt } from '../auth/rate-limit';

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

/** Counts one join attempt, or refuses it with 429 and the wait (auth/rate-limit.ts counts, under a lock per key). */
export async function claimJoinAttempt(ip: string | undefined): Promise<void> {
	await claimAttempt([...(ip ? [{ key: joinAddressKey(ip), limit: JOIN_LIMITS.perAddress }] : []), { key: JOIN_OVERALL_KEY, limit: JOIN_LIMITS.overall }], {
		windowMs: JOIN_LIMITS.windowMs,
		refusal: 'error_join_rate_limited'
	});
}
