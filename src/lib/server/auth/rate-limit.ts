import { and, count, eq, gt, inArray, lt, min, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { loginFailures } from '../db/schema';
import { getSetting } from '../settings';
import { DomainError } from '../errors';

/**
 * Password guesses are counted in a sliding window, per key: the account
 * (guesses from browsers without its device cookie), the device (guesses from
 * a browser holding one, see device.ts), the address, and a person's
 * current-password checks. Past a limit the answer is 429 with a retry time;
 * nothing is ever locked for good. Kept in the database so every instance
 * behind a load balancer sees the same count.
 */
export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string): string => `ip:${ip}`;
export const deviceKey = (nonce: string): string => `device:${nonce}`;
export const passwordChangeKey = (userId: string): string => `password:${userId}`;

export async function loginLimits() {
	return {
		windowMs: (await getSetting('loginFailureWindowMinutes')) * 60_000,
		account: await getSetting('loginFailuresPerAccount'),
		address: await getSetting('loginFailuresPerAddress')
	};
}

export interface Limited {
	key: string;
	limit: number;
}

export interface Attempt {
	/** The password was right: this attempt was no failure, and the key that limited it starts again. */
	succeeded(clear?: string): Promise<void>;
}

// Advisory locks share one space per database; this class keeps ours apart (two-key form).
const LOCK_CLASS = 0x6c6f67; // 'log'

/**
 * Claims one attempt against every key before the password is checked, or
 * refuses with 429 when any key is at its limit. Counting and recording happen
 * under a per-key advisory lock in one transaction, so parallel guesses queue
 * for the count instead of all reading the same "4 so far": at most `limit`
 * passwords are ever checked per key and window. An attempt stays recorded as
 * a failure unless `succeeded()` is called, so a crash mid-check counts too.
 * Other public doors that cost something (join requests, password resets)
 * count the same way, with their own window and refusal.
 */
export async function claimAttempt(limited: Limited[], options: { windowMs?: number; refusal?: string } = {}): Promise<Attempt> {
	const windowMs = options.windowMs ?? (await getSetting('loginFailureWindowMinutes')) * 60_000;
	const keys = [...new Set(limited.map((l) => l.key))].sort();
	if (keys.length === 0) return { succeeded: async () => {} };
	const ids = await transact(async (tx) => {
		// One at a time and in one order, so two attempts sharing two keys cannot deadlock.
		for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${key}))`);
		const since = new Date(Date.now() - windowMs);
		const rows = await tx
			.select({ key: loginFailures.key, n: count(), oldest: min(loginFailures.at) })
			.from(loginFailures)
			.where(and(inArray(loginFailures.key, keys), gt(loginFailures.at, since)))
			.groupBy(loginFailures.key);
		let retryAfter = 0;
		for (const row of rows) {
			const limit = Math.min(...limited.filter((l) => l.key === row.key).map((l) => l.limit));
			if (row.n < limit) continue;
			const oldest = row.oldest ? new Date(row.oldest).getTime() : Date.now();
			retryAfter = Math.max(retryAfter, Math.ceil((oldest + windowMs - Date.now()) / 1000), 1);
		}
		if (retryAfter) throw new DomainError('rate_limited', options.refusal ?? 'error_login_rate_limited', { retryAfter });
		// Forget what has left the window, for these keys only (cheap on the (key, at) index).
		await tx.delete(loginFailures).where(and(inArray(loginFailures.key, keys), lt(loginFailures.at, since)));
		const inserted = await tx
			.insert(loginFailures)
			.values(keys.map((key) => ({ key, at: new Date() })))
			.returning({ id: loginFailures.id });
		return inserted.map((r) => r.id);
	});
	return {
		succeeded: async (clear) => {
			await db()
				.delete(loginFailures)
				.where(clear ? sql`${inArray(loginFailures.id, ids)} or ${eq(loginFailures.key, clear)}` : inArray(loginFailures.id, ids));
		}
	};
}

/** For tests and the admin: how many failures stand against a key now. */
export async function failuresFor(key: string): Promise<number> {
	const [row] = await db().select({ n: count() }).from(loginFailures).where(eq(loginFailures.key, key));
	return row?.n ?? 0;
}
