import type { RoomRules } from '../../shared/rooms';
import type { Actor } from '../auth/actor';
import { meetingAccess, requireAccess } from './access';

/**
 * A session's live rooms, asked of access.ts like every other door: its room
 * for invitees and coordinators while the session stands (a cancelled one has
 * no room), and its coordinators' room (proposals waiting, attendance) for
 * coordinators alone. Whoever may not know of the session is told it does
 * not exist; a board member who was not invited, that it is not theirs.
 */
export const meetingRoomRules = {
	meeting: async (actor, room) => requireAccess(await meetingAccess(actor, room.meetingId), 'enterRoom'),
	'meeting:coordinators': async (actor, room) => {
		const access = await meetingAccess(actor, room.meetingId);
		requireAccess(access, 'enterRoom');
		requireAccess(access, 'manage');
	}
} satisfies RoomRules<Actor>;
