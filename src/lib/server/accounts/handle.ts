import { like } from 'drizzle-orm';
import type { Tx } from '../db';
import { users } from '../db/schema';

/** "Aïsha van den Berg" → "aisha-van-den-berg": what @mentions type and match. */
export function handleBase(displayName: string): string {
	const base = displayName
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 30);
	return base || 'partner';
}

/** The base, or the base with the lowest free number after it. */
export async function uniqueHandle(tx: Tx, displayName: string): Promise<string> {
	const base = handleBase(displayName);
	const taken = new Set(
		(await tx.select({ h: users.handle }).from(users).where(like(users.handle, `${base}%`))).map((r) => r.h)
	);
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

