import { and, asc, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { db } from '../runtime';
import { users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { mentionedHandles } from './markdown';
import { participantSql, viewerOf } from './visibility';
import { SuggestInput } from './schemas';
import type { MemberSuggestion } from '../../shared/discussion';

export interface Mentions {
	/** Handles that belong to members: these render as mentions. */
	handles: Set<string>;
	/** Their user ids: these are notified (never the writer). */
	userIds: string[];
}

/**
 * The members a text mentions (`@handle`). Only active members of the group
 * count: a mention of anyone else is left as plain text and notifies no one.
 */
export async function resolveMentions(tx: Tx, source: string, writerId: string): Promise<Mentions> {
	const wanted = mentionedHandles(source).slice(0, 20);
	if (wanted.length === 0) return { handles: new Set(), userIds: [] };
	const rows = await tx
		.select({ id: users.id, handle: users.handle })
		.from(users)
		.where(and(inArray(users.handle, wanted), participantSql(users.id)));
	return {
		handles: new Set(rows.map((r) => r.handle!)),
		userIds: rows.filter((r) => r.id !== writerId).map((r) => r.id)
	};
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * For @mention autocomplete: active members of the group whose handle, or a
 * word of whose name, starts with the prefix. At most 8.
 */
export async function suggestMembers(actor: Actor, raw: { q?: string; limit?: number } | string): Promise<MemberSuggestion[]> {
	const viewer = viewerOf(actor);
	const input = SuggestInput.parse(typeof raw === 'string' ? { q: raw } : raw);
	const prefix = input.q.replace(/^@/, '').toLowerCase();
	const like = `${escapeLike(prefix)}%`;
	const rows = await db()
		.select({ handle: users.handle, displayName: users.displayName })
		.from(users)
		.where(
			and(
				sql`${users.handle} is not null`,
				participantSql(users.id),
				ne(users.id, viewer.id),
				prefix ? or(ilike(users.handle, like), ilike(users.displayName, like), ilike(users.displayName, `% ${like}`)) : undefined
			)
		)
		.orderBy(asc(users.handle))
		.limit(input.limit);
	return rows.map((r) => ({ handle: r.handle!, displayName: r.displayName }));
}

