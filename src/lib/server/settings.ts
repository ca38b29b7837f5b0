import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from './runtime';
import { settings } from './db/schema';
import type { Db, Tx } from './db';

/** Settings admins can change; each with its default and its bounds. */
export const SETTINGS = {
	/** A session unused this long ends. */
	sessionIdleHours: z.number().int().min(1).max(24 * 90).default(24 * 14),
	/** A session ends this long after login, however active. */
	sessionAbsoluteHours: z.number().int().min(1).max(24 * 365).default(24 * 60),
	loginFailuresPerAccount: z.number().int().min(3).max(100).default(5),
	loginFailuresPerAddress: z.number().int().min(5).max(1000).default(30),
	loginFailureWindowMinutes: z.number().int().min(1).max(24 * 60).default(15),
	/** Content reported by this many distinct members is hidden until a moderator reviews it. */
	reportsToHide: z.number().int().min(1).max(100).default(3),
	/** A new member's first posts wait for a moderator's approval. */
	approveFirstPosts: z.number().int().min(0).max(50).default(2),
	/** Until this many published posts, a member counts as new for the posting rate limit. */
	newMemberPosts: z.number().int().min(0).max(1000).default(10),
	/** Posts (threads and replies) per member per window. */
	postsPerWindow: z.number().int().min(1).max(1000).default(30),
	newMemberPostsPerWindow: z.number().int().min(1).max(1000).default(5),
	postWindowMinutes: z.number().int().min(1).max(24 * 60).default(10),
	/** A sounding board term: accepting an invitation starts one of this many months. */
	boardTermMonths: z.number().int().min(1).max(120).default(24),
	/** Board composition figures for policy staff: a count under this is shown as "fewer than" it (small-cell suppression needs at least 3). */
	boardSmallCell: z.number().int().min(3).max(50).default(5)
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

let cache: { at: number; values: Map<string, unknown> } | undefined;
const CACHE_MS = 10_000;

async function load(reader: Db | Tx): Promise<Map<string, unknown>> {
	if (cache && Date.now() - cache.at < CACHE_MS) return cache.values;
	const rows = await reader.select().from(settings);
	cache = { at: Date.now(), values: new Map(rows.map((r) => [r.key, r.value])) };
	return cache.values;
}

/**
 * Inside a transaction, pass it as `tx`: PGlite has one connection, so a
 * query on db() there waits for the transaction, which waits for the query.
 */
export async function getSetting<K extends SettingKey>(key: K, tx?: Tx): Promise<SettingValue<K>> {
	const raw = (await load(tx ?? db())).get(key);
	const parsed = SETTINGS[key].safeParse(raw);
	return (parsed.success ? parsed.data : SETTINGS[key].parse(undefined)) as SettingValue<K>;
}

export async function putSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
	const checked = SETTINGS[key].parse(value);
	await db()
		.insert(settings)
		.values({ key, value: checked })
		.onConflictDoUpdate({ target: settings.key, set: { value: checked, updatedAt: new Date() } });
	cache = undefined;
}

export async function resetSetting(key: SettingKey): Promise<void> {
	await db().delete(settings).where(eq(settings.key, key));
	cache = undefined;
}

/** After a change: the next read goes to the database. */
export function forgetSettings(): void {
	cache = undefined;
}
