import type { RoomRules } from '../../shared/rooms';
import type { Actor } from '../auth/actor';
import { requireStaff } from './access';

/** The staff room of the policy loop: coordinators and policy staff only. */
export const insightsRoomRules = {
	insights: (actor) => void requireStaff(actor)
} satisfies RoomRules<Actor>;
