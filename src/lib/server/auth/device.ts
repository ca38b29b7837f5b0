import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { db } from '../runtime';
import { settings, users } from '../db/schema';
import type { Db } from '../db';

/**
 * OWASP's device cookie ("Slow down online guessing attacks with device
 * cookies"): a browser that once logged in to an account with the right
 * password gets a signed cookie naming that account, and from then on its
 * guesses are counted per device instead of per account. So a stranger's
 * failures, which do count against the account, never refuse the owner's own
 * browser; a guesser without the cookie cannot make one (HMAC with a secret
 * only the server holds).
 *
 * The cookie holds no email: each entry is `nonce.mac`, the MAC taken over
 * the normalised email and the nonce, and checked against the email being
 * logged in to. A browser shared by a household keeps a few entries.
 *
 * The MAC also covers the account's current password hash, so a new password
 * (a reset, a change) voids every device cookie issued before it: whoever
 * logged in with the old password keeps no exemption.
 */
const MAX_ENTRIES = 3;
/** A row of the settings table that is not a setting: listSettings only shows SETTINGS keys, and updates refuse others. */
export const DEVICE_SECRET_KEY = 'secret:device-cookie';

const secrets = new WeakMap<Db, Promise<Buffer>>();

/** Made once per database on first use; an instance racing another keeps whichever was stored first. */
function secret(): Promise<Buffer> {
	const d = db();
	let s = secrets.get(d);
	if (!s) {
		s = (async () => {
			await d.insert(settings).values({ key: DEVICE_SECRET_KEY, value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
			const [row] = await d.select({ value: settings.value }).from(settings).where(eq(settings.key, DEVICE_SECRET_KEY));
			if (typeof row?.value !== 'string') throw new Error('device cookie secret missing');
			return Buffer.from(row.value, 'base64url');
		})();
		secrets.set(d, s);
		s.catch(() => secrets.delete(d));
	}
	return s;
}

const normalise = (email: string) => email.trim().toLowerCase();

function mac(key: Buffer, email: string, credential: string, nonce: string): string {
	return createHmac('sha256', key).update(`device\n${normalise(email)}\n${credential}\n${nonce}`).digest('base64url');
}

/** The account's password hash, which changes with every new password ('' for an address without an account). */
async function credentialOf(email: string): Promise<string> {
	const [row] = await db().select({ hash: users.passwordHash }).from(users).where(eq(sql`lower(${users.email})`, normalise(email)));
	return row?.hash ?? '';
}

function entries(cookie: string | undefined): { nonce: string; mac: string }[] {
	if (!cookie || cookie.length > 400) return [];
	return cookie
		.split('~')
		.map((e) => e.split('.'))
		.filter((p): p is [string, string] => p.length === 2 && /^[\w-]{16,64}$/.test(p[0]!) && /^[\w-]{43}$/.test(p[1]!))
		.map(([nonce, m]) => ({ nonce, mac: m }));
}

function matches(key: Buffer, email: string, credential: string, entry: { nonce: string; mac: string }): boolean {
	const expected = Buffer.from(mac(key, email, credential, entry.nonce));
	const given = Buffer.from(entry.mac);
	return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The nonce of this browser's entry for `email` if its cookie carries a genuine one, else null. */
export async function trustedDevice(cookie: string | undefined, email: string): Promise<string | null> {
	const list = entries(cookie);
	if (list.length === 0) return null;
	const key = await secret();
	const credential = await credentialOf(email);
	return list.find((e) => matches(key, email, credential, e))?.nonce ?? null;
}

/** The cookie value after a successful login to `email`: a fresh entry for it first, the browser's other accounts kept. */
export async function issueDeviceCookie(cookie: string | undefined, email: string): Promise<string> {
	const key = await secret();
	const credential = await credentialOf(email);
	const nonce = randomBytes(16).toString('base64url');
	const others = entries(cookie).filter((e) => !matches(key, email, credential, e));
	return [{ nonce, mac: mac(key, email, credential, nonce) }, ...others]
		.slice(0, MAX_ENTRIES)
		.map((e) => `${e.nonce}.${e.mac}`)
		.join('~');
}
