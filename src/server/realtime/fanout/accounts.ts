import type { EventBus } from '../../../lib/server/events/bus';
import { ADMIN_USERS_ROOM, sessionRoom, userRoom } from '../../../lib/shared/rooms';
import { revalidateRooms } from '../rooms';
import type { Io } from '../types';

/**
 * Accounts and sessions: an ended session loses its sockets at once; a
 * person whose roles or status changed is told (and so is the admin user
 * list), and their sockets keep only the rooms the new roles allow.
 */
export function accountsFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('session.ended', (e) => {
			if (e.sessionIds.length) io.in(e.sessionIds.map(sessionRoom)).disconnectSockets(true);
		}),
		bus.on('user.changed', (e) => {
			io.to(userRoom(e.userId)).emit('account:changed', { status: e.status, roles: e.roles });
			io.to(ADMIN_USERS_ROOM).emit('admin:user-changed', { userId: e.userId, status: e.status, roles: e.roles });
			// Rooms were granted for the old roles; a fresh connection re-asks for each.
			if (e.status !== 'active') io.in(userRoom(e.userId)).disconnectSockets(true);
			else void revalidateRooms(io, e.userId, e.roles);
		})
	];
}
