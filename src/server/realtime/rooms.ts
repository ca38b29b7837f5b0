import { z } from 'zod';
import type { Actor } from '../../lib/server/auth/actor';
import { DomainError } from '../../lib/server/errors';
import { adminRoomRules } from '../../lib/server/admin/rooms';
import { boardRoomRules } from '../../lib/server/board/rooms';
import { discussionRoomRules } from '../../lib/server/discussion/rooms';
import { meetingRoomRules } from '../../lib/server/meetings/rooms';
import { moderationRoomRules } from '../../lib/server/moderation/rooms';
import { surveyRoomRules } from '../../lib/server/surveys/rooms';
import { insightsRoomRules } from '../../lib/server/insights/rooms';
import { isPersonalRoom, parseRoom, userRoom, type Room, type RoomRules } from '../../lib/shared/rooms';
import type { Io } from './types';

/** A room name as a client may send it. */
export const RoomName = z.string().min(1).max(120);

/**
 * Who may follow which room: each capability's rule for its own rooms. A new
 * kind of room in shared/rooms.ts fails to compile here until it has a rule.
 */
const RULES: Required<RoomRules<Actor>> = { ...discussionRoomRules, ...moderationRoomRules, ...adminRoomRules, ...boardRoomRules, ...meetingRoomRules, ...surveyRoomRules, ...insightsRoomRules };

/** Returns when the actor may follow the room; throws a DomainError (`not_found` for a name no one may follow) when not. */
export async function authorizeRoom(actor: Actor, name: string): Promise<void> {
	const room = parseRoom(name);
	if (!room) throw new DomainError('not_found', 'error_room_unknown');
	const rule = RULES[room.kind] as (actor: Actor, room: Room) => void | Promise<void>;
	return rule(actor, room);
}

/**
 * Rooms were granted for the roles a socket connected with: after a change,
 * each of the person's sockets takes the new roles and keeps only the rooms
 * they still allow.
 */
export async function revalidateRooms(io: Io, userId: string, roles: string[]): Promise<void> {
	const sockets = await io.in(userRoom(userId)).fetchSockets();
	for (const s of sockets) {
		const actor = { ...s.data.actor, user: { ...s.data.actor.user, status: 'active' as const, roles: roles as never } };
		// Later room:join requests on this connection are judged by the new roles too, not the ones it connected with.
		s.data.actor = actor;
		for (const room of s.rooms) {
			if (room === s.id || isPersonalRoom(room)) continue;
			try {
				await authorizeRoom(actor, room);
			} catch {
				s.leave(room);
			}
		}
	}
}
