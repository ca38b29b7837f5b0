import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { profiles, users } from '../db/schema';
import { DomainError } from '../errors';
import { passwordProblem, hashPassword } from '../auth/password';
import { uniqueHandle } from '../accounts/handle';
import type { Language, UserStatus } from '../../roles';

/** What both ways in (invitation, join request) need to make an account. */
export interface NewAccount {
	email: string;
	displayName: string;
	language: Language;
	passwordHash: string;
	status: UserStatus;
}

/** Checks the password policy and hashes it, before any transaction starts (argon2 takes a while). */
export async function preparePassword(password: string, email: string): Promise<string> {
	const problem = passwordProblem(password, email);
	if (problem) throw new DomainError('invalid_input', problem, { field: 'password' });
	return hashPassword(password);
}

export async function assertEmailFree(tx: Tx, email: string): Promise<void> {
	const [taken] = await tx
		.select({ id: users.id })
		.from(users)
		.where(eq(sql`lower(${users.email})`, email.toLowerCase()));
	if (taken) throw new DomainError('conflict', 'error_email_taken', { field: 'email' });
}

/** A unique violation of the email index, through whichever driver and wrapper reported it. */
const isEmailTaken = (err: unknown): boolean => {
	for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const pg = e as { code?: string; constraint?: string; constraint_name?: string };
		if (pg.code === '23505') return (pg.constraint_name ?? pg.constraint ?? '').includes('email');
	}
	return false;
};

/** Inserts the person with a handle for @mentions and an empty profile. */
export async function insertAccount(tx: Tx, account: NewAccount): Promise<string> {
	await assertEmailFree(tx, account.email);
	try {
		const [row] = await tx
			.insert(users)
			.values({
				email: account.email,
				displayName: account.displayName,
				handle: await uniqueHandle(tx, account.displayName),
				language: account.language,
				status: account.status,
				passwordHash: account.passwordHash
			})
			.returning({ id: users.id });
		await tx.insert(profiles).values({ userId: row!.id }).onConflictDoNothing();
		return row!.id;
	} catch (err) {
		// Two sign-ups with one address at the same moment: the index decides, the loser hears why.
		if (isEmailTaken(err)) throw new DomainError('conflict', 'error_email_taken', { field: 'email' });
		throw err;
	}
}
