import type { EventBus } from '../../../lib/server/events/bus';
import { userRoom } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/** The person's bell: a new notification counts up, one read elsewhere makes it ask for its count again. */
export function notificationsFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('notification.created', (e) => {
			io.to(userRoom(e.userId)).emit('notification:new', { id: e.notificationId });
		}),
		bus.on('notifications.read', (e) => {
			io.to(userRoom(e.userId)).emit('notification:read', {});
		})
	];
}
