import type { RoomRules } from '../../shared/rooms';
import { requireCapability, type Actor } from '../auth/actor';
import { requireManage, surveyAccess } from './access';

/** A survey's room carries its answer count as it rises: for its owners only, and only for a survey that exists. */
export const surveyRoomRules = {
	survey: async (actor, room) => requireManage(await surveyAccess(requireCapability(actor, 'surveys.manage'), room.surveyId))
} satisfies RoomRules<Actor>;
