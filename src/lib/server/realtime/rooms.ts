import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from '../errors';
import { requireCapability, type Actor } from '../auth/actor';
import { db } from '../runtime';
import { threads } from '../db/schema';
import { threadVisible, viewerOf } from '../discussion/visibility';

/**
 * Which resource rooms a person may follow. `user:<id>` and `session:<id>`
 * are joined by the server itself at connection and never on request.
 */
export const RoomName = z.string().min(1).max(120);

type Rule = { pattern: RegExp; check: (actor: Actor, match: RegExpExecArray) => void | Promise<void> };

const RULES: Rule[] = [
	{ pattern: /^admin:users$/, check: (actor) => void requireCapability(actor, 'admin.users') },
	// The moderators' queue: new reports, items handled by others.
	{ pattern: /^moderation$/, check: (actor) => void requireCapability(actor, 'moderation.act') },
	// Everything that happens in the group at large: new threads, for "N new — show".
	{ pattern: /^group$/, check: (actor) => void viewerOf(actor) },
	{
		pattern: /^thread:(\d{1,15})$/,
		check: async (actor, match) => {
			const viewer = viewerOf(actor);
			const [thread] = await db()
				.select({ status: threads.status, authorId: threads.authorId })
				.from(threads)
				.where(eq(threads.id, Number(match[1])));
			if (!thread || !threadVisible(viewer, thread)) throw new DomainError('not_found', 'error_room_unknown');
		}
	}
];

export async function authorizeRoom(actor: Actor, room: string): Promise<void> {
	for (const rule of RULES) {
		const match = rule.pattern.exec(room);
		if (match) return rule.check(actor, match);
	}
	throw new DomainError('not_found', 'error_room_unknown');
}
