import { threadOfRoom } from '../../lib/shared/rooms';
import { coalescer, PRESENCE_INTERVAL_MS } from './limits';
import type { Io } from './types';

/**
 * "Who is reading" per thread room: asked for whenever a socket joins or
 * leaves one, sent at most once per PRESENCE_INTERVAL_MS per room, always
 * with the last state.
 */
export function createPresence(io: Io) {
	return coalescer((room) => void broadcastPresence(io, room), PRESENCE_INTERVAL_MS);
}
export type Presence = ReturnType<typeof createPresence>;

/** Who is reading a thread right now: each person once, however many tabs. */
async function broadcastPresence(io: Io, room: string): Promise<void> {
	const sockets = await io.in(room).fetchSockets();
	const readers = new Map<string, string>();
	for (const s of sockets) readers.set(s.data.actor.user.id, s.data.actor.user.displayName);
	io.to(room).emit('thread:presence', {
		threadId: threadOfRoom(room),
		readers: [...readers].map(([id, name]) => ({ id, name }))
	});
}
