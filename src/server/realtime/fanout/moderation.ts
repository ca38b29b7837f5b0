import type { EventBus } from '../../../lib/server/events/bus';
import { MODERATION_ROOM } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/** The moderators' queue changed: every open queue fetches it again; `by` names who handled an item. */
export function moderationFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('moderation.case', (e) => {
			io.to(MODERATION_ROOM).emit('queue:changed', { caseId: e.caseId, change: e.change, by: e.byName ?? null });
		})
	];
}
