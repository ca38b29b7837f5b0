import { count } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { userRoles, users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { uniqueHandle } from '../accounts/handle';
import type { Language, Role, UserStatus } from '../../shared/roles';
import { seedDiscussion } from './discussion-content';
import { seedMembership } from './membership-content';
import { seedModeration } from './moderation-content';
import { seedBoard } from './board-seed';
import { seedSurveys } from './surveys-seed';
import { seedInsights } from './insights-seed';
import { seedMeetings } from './meetings-seed';

/** Shown on the login page and in the README while demo mode is on. */
export const DEMO_PASSWORD = 'klankbord-demo-2026';

interface DemoAccount {
	email: string;
	displayName: string;
	language: Language;
	timeZone: string;
	roles: Role[];
	status?: UserStatus;
}

/** One account per role, living where partners of posted civil servants live. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ email: 'member@example.org', displayName: 'Sanne de Vries', language: 'nl', timeZone: 'Asia/Jakarta', roles: ['member'] },
	{ email: 'board@example.org', displayName: 'Amira Haddad', language: 'en', timeZone: 'America/Bogota', roles: ['member', 'board_member'] },
	{ email: 'moderator@example.org', displayName: 'Joost Verhoeven', language: 'nl', timeZone: 'Africa/Nairobi', roles: ['member', 'moderator'] },
	{ email: 'coordinator@example.org', displayName: 'Marieke Jansen', language: 'nl', timeZone: 'Europe/Amsterdam', roles: ['coordinator'] },
	{ email: 'policy@example.org', displayName: 'Pieter Bakker', language: 'nl', timeZone: 'Europe/Amsterdam', roles: ['policy_staff'] },
	{ email: 'admin@example.org', displayName: 'Fatima El Amrani', language: 'en', timeZone: 'Europe/Amsterdam', roles: ['admin'] },
	{ email: 'pending@example.org', displayName: 'Lucas Moreau', language: 'en', timeZone: 'Asia/Tokyo', roles: ['member'], status: 'pending' }
];

/** Seeds only an empty database, so it never touches real data. Returns whether it seeded. */
export async function seedDemo(): Promise<boolean> {
	const [row] = await db().select({ n: count() }).from(users);
	if ((row?.n ?? 0) > 0) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await transact(async (tx) => {
		for (const account of DEMO_ACCOUNTS) {
			const [u] = await tx
				.insert(users)
				.values({
					email: account.email,
					displayName: account.displayName,
					handle: await uniqueHandle(tx, account.displayName),
					language: account.language,
					timeZone: account.timeZone,
					status: account.status ?? 'active',
					passwordHash
				})
				.returning({ id: users.id });
			await tx.insert(userRoles).values(account.roles.map((role) => ({ userId: u!.id, role })));
		}
		await seedMembership(tx, passwordHash);
		await seedDiscussion(tx);
		await seedModeration(tx);
		await seedBoard(tx, passwordHash);
		// After the board: its active members are the sessions' invitees.
		await seedMeetings(tx);
		// After the board: partners' diversity answers are attached to the survey's responses from their board profiles.
		await seedSurveys(tx);
		// Last: insights draw on the group's posts, the sessions' highlights and the survey's results.
		await seedInsights(tx);
	});
	return true;
}
