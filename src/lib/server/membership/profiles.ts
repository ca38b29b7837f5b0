import { and, eq, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import type { Tx } from '../db';
import { profiles, userRoles, users } from '../db/schema';
import { DomainError } from '../errors';
import { requireCapability, type Actor } from '../auth/actor';
import { uniqueHandle } from '../accounts/handle';
import { can, ROLES, type Role } from '../../shared/roles';
import { regionOf } from './countries';
import type { MemberProfile, OwnProfile, Region } from '../../shared/membership';
import { UpdateMemberProfileInput } from './schemas';
import { parseInput } from '../input';

/**
 * Member profiles: what members show each other. The posting (country, city)
 * is shown to others only when its owner allows it; the owner always sees
 * their own. Only people inside the group have a profile others can open.
 */

/** The roles that make someone part of the group (member, board member, moderator). */
export const GROUP_ROLES: Role[] = ROLES.filter((r) => can({ status: 'active', roles: [r] }, 'group.participate'));

/** SQL: the user in `userId` is in the group by one of their roles. */
export const inGroup = (userId: typeof users.id) =>
	sql`exists (select 1 from ${userRoles} gr where gr.user_id = ${userId} and gr.role in (${sql.join(
		GROUP_ROLES.map((r) => sql`${r}`),
		sql`, `
	)}))`;

/** Accounts made before handles existed (or by tools) get one the first time they need it. */
async function ensureHandle(tx: Tx, userId: string): Promise<string> {
	const [row] = await tx.select({ handle: users.handle, name: users.displayName }).from(users).where(eq(users.id, userId)).for('no key update');
	if (!row) throw new DomainError('not_found', 'error_user_not_found');
	if (row.handle) return row.handle;
	const handle = await uniqueHandle(tx, row.name);
	await tx.update(users).set({ handle }).where(eq(users.id, userId));
	return handle;
}

export async function getMyProfile(actor: Actor): Promise<OwnProfile> {
	const a = requireCapability(actor, 'group.participate');
	const [row] = await db()
		.select({ handle: users.handle, displayName: users.displayName, p: profiles })
		.from(users)
		.leftJoin(profiles, eq(profiles.userId, users.id))
		.where(eq(users.id, a.user.id));
	if (!row) throw new DomainError('not_found', 'error_user_not_found');
	const handle = row.handle ?? (await transact((tx) => ensureHandle(tx, a.user.id)));
	return {
		handle,
		displayName: row.displayName,
		bio: row.p?.bio ?? '',
		languages: row.p?.languages ?? [],
		postingCountry: row.p?.postingCountry ?? null,
		postingCity: row.p?.postingCity ?? null,
		showPosting: row.p?.showPosting ?? false,
		emailDigest: row.p?.emailDigest ?? false,
		updatedAt: row.p?.updatedAt ?? null
	};
}

export async function updateMyProfile(actor: Actor, raw: UpdateMemberProfileInput): Promise<OwnProfile> {
	const a = requireCapability(actor, 'group.participate');
	const input = parseInput(UpdateMemberProfileInput, raw);
	const change: Partial<typeof profiles.$inferInsert> = { updatedAt: new Date() };
	if (input.bio !== undefined) change.bio = input.bio;
	if (input.languages !== undefined) change.languages = input.languages;
	if (input.postingCountry !== undefined) {
		change.postingCountry = input.postingCountry;
		change.postingRegion = regionOf(input.postingCountry);
	}
	if (input.postingCity !== undefined) change.postingCity = input.postingCity;
	// A city without its country means nothing; clearing the country clears the city.
	if (input.postingCountry === null) change.postingCity = null;
	if (input.showPosting !== undefined) change.showPosting = input.showPosting;
	if (input.emailDigest !== undefined) change.emailDigest = input.emailDigest;
	await transact(async (tx) => {
		await ensureHandle(tx, a.user.id);
		await tx
			.insert(profiles)
			.values({ userId: a.user.id, ...change })
			.onConflictDoUpdate({ target: profiles.userId, set: change });
	});
	return getMyProfile(actor);
}

/** Someone else's profile (or one's own as others see it). 404 for anyone outside the group. */
export async function getMemberProfile(actor: Actor, handle: string): Promise<MemberProfile> {
	const a = requireCapability(actor, 'group.participate');
	const [row] = await db()
		.select({
			id: users.id,
			handle: users.handle,
			displayName: users.displayName,
			createdAt: users.createdAt,
			p: profiles
		})
		.from(users)
		.leftJoin(profiles, eq(profiles.userId, users.id))
		.where(and(eq(users.handle, handle), eq(users.status, 'active'), inGroup(users.id)));
	if (!row) throw new DomainError('not_found', 'error_member_not_found');
	const [mod] = await db()
		.select({ role: userRoles.role })
		.from(userRoles)
		.where(and(eq(userRoles.userId, row.id), eq(userRoles.role, 'moderator')));
	const own = row.id === a.user.id;
	const showPosting = Boolean(row.p?.postingCountry) && (own || row.p?.showPosting === true);
	return {
		userId: row.id,
		handle: row.handle!,
		displayName: row.displayName,
		bio: row.p?.bio ?? '',
		languages: row.p?.languages ?? [],
		posting: showPosting
			? { country: row.p!.postingCountry!, city: row.p!.postingCity, region: (row.p!.postingRegion as Region | null) ?? regionOf(row.p!.postingCountry) }
			: null,
		memberSince: row.createdAt,
		moderator: Boolean(mod)
	};
}
