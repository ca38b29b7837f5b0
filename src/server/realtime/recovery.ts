import { isPersonalRoom, sessionRoom, userRoom } from '../../lib/shared/rooms';
import { authorizeRoom } from './rooms';
import type { AppSocket, Io } from './types';

/**
 * Connection-state recovery puts a returning socket back in the rooms it had
 * and replays what those rooms missed, before any middleware has looked at
 * the person again: a moderator demoted while away would get the queue, a
 * member whose thread was hidden its posts. So a restored session is taken
 * apart here: the socket comes back in no room and with nothing replayed,
 * and once the handshake has read the actor afresh, each room is asked for
 * again and only what the allowed rooms missed is sent.
 */
export function holdRestoredSessions(io: Io) {
	const adapter = io.of('/').adapter;
	const restore = adapter.restoreSession.bind(adapter);
	// pid → rooms the socket had; read back by the connection handler right after the middleware.
	const held = new Map<string, { rooms: string[]; at: number }>();
	adapter.restoreSession = async (pid, offset) => {
		const session = await restore(pid, offset);
		const now = Date.now();
		// A refused handshake never reaches the connection handler; its entry goes here.
		for (const [key, entry] of held) if (entry.at < now - 60_000) held.delete(key);
		if (!session) return session;
		held.set(pid, { rooms: session.rooms, at: now });
		return { ...session, rooms: [], missedPackets: [] };
	};
	return {
		async reauthorize(socket: AppSocket): Promise<void> {
			const { pid, offset } = socket.handshake.auth as { pid: string; offset: string };
			const before = held.get(pid);
			held.delete(pid);
			if (!before) return;
			const { actor } = socket.data;
			const own = [userRoom(actor.user.id), sessionRoom(actor.sessionId)];
			const allowed: string[] = [];
			for (const room of before.rooms) {
				if (room === socket.id || own.includes(room)) continue;
				// Someone else's personal rooms (a session id presented with another person's cookie) are never restored.
				if (isPersonalRoom(room)) continue;
				try {
					await authorizeRoom(actor, room);
					allowed.push(room);
				} catch {
					// Refused now: the room stays left, and the client's own room:join gets the refusal with its reason.
				}
			}
			if (!socket.connected) return;
			await socket.join(allowed);
			// Joined first, then read what was missed: an event in between comes twice (clients drop repeats by seq), never not at all.
			const rooms = [socket.id, ...own, ...allowed];
			adapter.persistSession({ sid: socket.id, pid, rooms, data: socket.data });
			const missed = await restore(pid, offset);
			// As Socket.IO's own restore sends them: raw event packets, each still ending in its offset for the client.
			const raw = socket as unknown as { packet(p: { type: number; data: unknown[] }): void };
			for (const data of missed?.missedPackets ?? []) raw.packet({ type: 2, data });
		}
	};
}
