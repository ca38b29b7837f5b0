import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords';

// OWASP's minimum for argon2id: 19 MiB, two passes, one lane. 2 = Algorithm.Argon2id
// (a const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;
/** Spend the same time on an unknown email as on a known one, so timing says nothing. */
export async function verifyAgainstNothing(password: string): Promise<false> {
	dummy ??= hashPassword('not-a-real-password-for-timing');
	await verifyPassword(await dummy, password);
	return false;
}

/**
 * NIST 800-63B: length and a block list, no composition rules. Returns the
 * message key of the first problem, or null.
 */
export function passwordProblem(password: string, email?: string): string | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'error_password_too_short';
	if (length > PASSWORD_MAX) return 'error_password_too_long';
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower)) return 'error_password_common';
	if (email && lower === email.toLowerCase()) return 'error_password_common';
	return null;
}
