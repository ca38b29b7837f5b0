import type { EventBus } from '../../../lib/server/events/bus';
import { BOARD_COORDINATORS_ROOM, userRoom } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/**
 * A board membership took a step: the coordinators' board fetches it again,
 * and the person's own pages learn their new status. Only ids and the status
 * travel: no profile answer, no motivation, on any socket.
 */
export function boardFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('board.membership.changed', (e) => {
			io.to(BOARD_COORDINATORS_ROOM).emit('board:membership-changed', { membershipId: e.membershipId, userId: e.userId, status: e.to });
			io.to(userRoom(e.userId)).emit('board:my-status', { membershipId: e.membershipId, status: e.to });
		})
	];
}
