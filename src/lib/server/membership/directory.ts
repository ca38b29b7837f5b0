import { and, eq, gt, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../runtime';
import { nameCursor, nameCursorKey, toPage, type Page } from '../paging';
import { profiles, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DirectoryQuery } from './schemas';
import { inGroup } from './profiles';
import type { DirectoryEntry, Region } from '../../shared/membership';
import { parseInput } from '../input';

/**
 * The member directory: active members of the group who chose to show their
 * posting, filtered by country, region or language. The filters use the
 * partial indexes on profiles (… where show_posting) and the GIN index on
 * languages; pages follow the name by keyset (lower(name), id), never OFFSET.
 */
const nameKey = sql<string>`lower(${users.displayName})`;

export async function listDirectory(actor: Actor, raw: DirectoryQuery = {}): Promise<Page<DirectoryEntry>> {
	requireCapability(actor, 'group.participate');
	const input = parseInput(DirectoryQuery, raw);
	const cursor = nameCursor(input.cursor);
	const where: SQL[] = [
		eq(profiles.showPosting, true),
		isNotNull(profiles.postingCountry),
		eq(users.status, 'active'),
		isNotNull(users.handle),
		inGroup(users.id)
	];
	if (input.country) where.push(eq(profiles.postingCountry, input.country));
	if (input.region) where.push(eq(profiles.postingRegion, input.region));
	if (input.language) where.push(sql`${profiles.languages} @> array[${input.language}]::text[]`);
	if (cursor) where.push(or(gt(nameKey, cursor.name), and(eq(nameKey, cursor.name), gt(users.id, cursor.id)))!);
	const rows = await db()
		.select({
			userId: users.id,
			handle: users.handle,
			displayName: users.displayName,
			key: nameKey,
			bio: profiles.bio,
			languages: profiles.languages,
			country: profiles.postingCountry,
			city: profiles.postingCity,
			region: profiles.postingRegion
		})
		.from(profiles)
		.innerJoin(users, eq(users.id, profiles.userId))
		.where(and(...where))
		.orderBy(nameKey, users.id)
		.limit(input.limit + 1);
	const entries = rows.map((r) => ({
		key: r.key,
		entry: {
			userId: r.userId,
			handle: r.handle!,
			displayName: r.displayName,
			bio: r.bio,
			languages: r.languages,
			posting: { country: r.country!, city: r.city, region: r.region as Region | null }
		} satisfies DirectoryEntry
	}));
	const page = toPage(entries, input.limit, (e) => ({ k: nameCursorKey(e.key), id: e.entry.userId }));
	return { items: page.items.map((e) => e.entry), nextCursor: page.nextCursor };
}

/** The countries the directory has someone in, for its filter (the partial country index serves it). */
export async function directoryCountries(actor: Actor): Promise<string[]> {
	requireCapability(actor, 'group.participate');
	const rows = await db()
		.selectDistinct({ country: profiles.postingCountry })
		.from(profiles)
		.innerJoin(users, eq(users.id, profiles.userId))
		.where(and(eq(profiles.showPosting, true), isNotNull(profiles.postingCountry), eq(users.status, 'active'), inGroup(users.id)));
	return rows.map((r) => r.country!);
}
