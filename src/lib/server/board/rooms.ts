import type { RoomRules } from '../../shared/rooms';
import { requireCapability, type Actor } from '../auth/actor';

/**
 * The sounding board's rooms: the board's own (its members and coordinators,
 * while they hold the role: a term that ends takes the socket out at once,
 * through 'user.changed'), and the coordinators' board of memberships.
 */
export const boardRoomRules = {
	board: (actor) => void requireCapability(actor, 'board.participate'),
	'board:coordinators': (actor) => void requireCapability(actor, 'board.manage')
} satisfies RoomRules<Actor>;
