import type { EventBus } from '../../../lib/server/events/bus';
import { MODERATION_ROOM, userRoom } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/**
 * The moderators' queue changed: every open queue fetches it again; `by` names who handled an item.
 * An item about a moderator is not in their queue, so they are not told it arrived.
 */
export function moderationFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('moderation.case', (e) => {
			const room = io.to(MODERATION_ROOM);
			(e.subjectId ? room.except(userRoom(e.subjectId)) : room).emit('queue:changed', { caseId: e.caseId, change: e.change, by: e.byName ?? null });
		})
	];
}
