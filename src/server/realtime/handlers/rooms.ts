import { DomainError } from '../../../lib/server/errors';
import { isPersonalRoom, isThreadRoom } from '../../../lib/shared/rooms';
import { answer, refuse } from '../ack';
import type { Presence } from '../presence';
import { authorizeRoom, RoomName } from '../rooms';
import type { AppSocket } from '../types';

/**
 * room:join and room:leave: following a resource's live changes. A room is
 * joined only after its rule allows it; the person's own rooms are never
 * joined or left on request. Thread rooms count their readers.
 */
export function registerRoomHandlers(socket: AppSocket, presence: Presence): void {
	socket.on('room:join', async (room, ack) => {
		try {
			const name = RoomName.parse(room);
			await authorizeRoom(socket.data.actor, name);
			await socket.join(name);
			answer(ack, { ok: true });
			if (isThreadRoom(name)) presence.request(name);
		} catch (err) {
			refuse(socket, ack, isZod(err) ? invalid() : err);
		}
	});

	socket.on('room:leave', async (room, ack) => {
		const parsed = RoomName.safeParse(room);
		if (!parsed.success || isPersonalRoom(parsed.data)) return refuse(socket, ack, invalid());
		await socket.leave(parsed.data);
		answer(ack, { ok: true });
		if (isThreadRoom(parsed.data)) presence.request(parsed.data);
	});

	socket.on('disconnecting', () => {
		const rooms = [...socket.rooms].filter(isThreadRoom);
		// The socket is still in its rooms now; count again once it has left them.
		if (rooms.length) setImmediate(() => rooms.forEach((r) => presence.request(r)));
	});
}

const isZod = (err: unknown) => err instanceof Error && err.name === 'ZodError';
const invalid = () => new DomainError('invalid_input', 'error_room_unknown');
