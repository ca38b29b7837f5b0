import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { profiles, users } from '../db/schema';
import { DomainError } from '../errors';
import { passwordProblem, hashPassword } from '../auth/password';
import { uniqueHandle } from '../accounts/handle';
import type { Language, UserStatus } from '../../shared/roles';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';

/** What both ways in (invitation, join request) need to make an account. */
export interface NewAccount {
	email: string;
	displayName: string;
	language: Language;
	passwordHash: string;
	status: UserStatus;
}

/** Refuses a password the policy does not allow; cheap, so it comes before any limit or hash. */
export function assertPasswordAllowed(password: string, email: string): void {
	const problem = passwordProblem(password, email);
	if (problem) throw new DomainError('invalid_input', problem, { field: 'password' });
}

/** Checks the password policy and hashes it, before any transaction starts (argon2 takes a while). */
export async function preparePassword(password: string, email: string): Promise<string> {
	assertPasswordAllowed(password, email);
	return hashPassword(password);
}

export interface ExistingAccount {
	id: string;
	/** As stored (the owner's spelling), for the email that tells them. */
	email: string;
	displayName: string;
	language: Language;
}

export async function findAccount(tx: Tx, email: string): Promise<ExistingAccount | null> {
	const [row] = await tx
		.select({ id: users.id, email: users.email, displayName: users.displayName, language: users.language })
		.from(users)
		.where(eq(sql`lower(${users.email})`, email.toLowerCase()));
	return row ?? null;
}

/** For staff, who may hear that an address has an account; the public ways in never say so. */
export async function assertEmailFree(tx: Tx, email: string): Promise<void> {
	if (await findAccount(tx, email)) throw new DomainError('conflict', 'error_email_taken', { field: 'email' });
}

/** A unique violation of the email index, through whichever driver and wrapper reported it. */
const isEmailTaken = (err: unknown): boolean => {
	for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const pg = e as { code?: string; constraint?: string; constraint_name?: string };
		if (pg.code === '23505') return (pg.constraint_name ?? pg.constraint ?? '').includes('email');
	}
	return false;
};

/**
 * Inserts the person with a handle for @mentions and an empty profile; null
 * when the address has an account already, found here or taken by a sign-up
 * racing this one (the insert runs in a savepoint, so the transaction goes on
 * to tell the owner instead).
 */
export async function insertAccountUnlessTaken(tx: Tx, account: NewAccount): Promise<string | null> {
	if (await findAccount(tx, account.email)) return null;
	try {
		return await tx.transaction(async (sp) => {
			const [row] = await sp
				.insert(users)
				.values({
					email: account.email,
					displayName: account.displayName,
					handle: await uniqueHandle(sp, account.displayName),
					language: account.language,
					status: account.status,
					passwordHash: account.passwordHash
				})
				.returning({ id: users.id });
			await sp.insert(profiles).values({ userId: row!.id }).onConflictDoNothing();
			return row!.id;
		});
	} catch (err) {
		if (isEmailTaken(err)) return null;
		throw err;
	}
}

/**
 * The public ways in answer alike whether or not an address has an account,
 * so no one learns who is a member by trying addresses. The owner hears of
 * the attempt by email instead, in their own language, from this one message.
 */
export async function tellOwnerOfAttempt(tx: Tx, email: string, kind: 'join_request' | 'invitation'): Promise<void> {
	const owner = await findAccount(tx, email);
	if (!owner) return;
	const mail = compose(owner.language, 'email_account_exists_subject', [
		['email_greeting', { name: owner.displayName }],
		['email_account_exists_text'],
		['email_account_exists_login', { url: siteUrl('/login') }],
		['email_account_exists_ignore']
	]);
	await enqueueEmail(tx, { to: owner.email, ...mail, kind: 'account_exists', meta: { userId: owner.id, via: kind } });
}
