import type { RoomRules } from '../../shared/rooms';
import { requireCapability, type Actor } from '../auth/actor';

/** The moderators' queue (new reports, items handled by others): moderators only. */
export const moderationRoomRules = {
	moderation: (actor) => void requireCapability(actor, 'moderation.act')
} satisfies RoomRules<Actor>;
