import { z } from 'zod';
import { DomainError } from '../errors';
import { requireCapability, type Actor } from '../auth/actor';

/**
 * Which resource rooms a person may follow. `user:<id>` and `session:<id>`
 * are joined by the server itself at connection and never on request.
 */
export const RoomName = z.string().min(1).max(120);

const RULES: { pattern: RegExp; check: (actor: Actor, match: RegExpExecArray) => void | Promise<void> }[] = [
	{ pattern: /^admin:users$/, check: (actor) => void requireCapability(actor, 'admin.users') }
];

export async function authorizeRoom(actor: Actor, room: string): Promise<void> {
	for (const rule of RULES) {
		const match = rule.pattern.exec(room);
		if (match) return rule.check(actor, match);
	}
	throw new DomainError('not_found', 'error_room_unknown');
}
