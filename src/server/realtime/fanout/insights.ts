import type { EventBus } from '../../../lib/server/events/bus';
import { INSIGHTS_ROOM } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/** The policy loop moved: the staff's open lists and dashboard fetch again (the payload names what, never whose input). */
export function insightsFanout(io: Io, bus: EventBus): (() => void)[] {
	return [bus.on('insights.changed', (e) => void io.to(INSIGHTS_ROOM).emit('insights:changed', { what: e.what, id: e.id }))];
}
