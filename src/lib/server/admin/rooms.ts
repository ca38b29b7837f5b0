import type { RoomRules } from '../../shared/rooms';
import { requireCapability, type Actor } from '../auth/actor';

/** The admin user list's changes: whoever may manage users. */
export const adminRoomRules = {
	'admin:users': (actor) => void requireCapability(actor, 'admin.users')
} satisfies RoomRules<Actor>;
