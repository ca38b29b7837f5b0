import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/events';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LiveSocket | undefined;

/** One connection per tab, shared by every live component on the page. */
export function liveSocket(): LiveSocket {
	socket ??= io({ path: '/socket.io', withCredentials: true });
	return socket;
}

/** Join a resource room now and again after every reconnect; returns a function that leaves. */
export function follow(room: string): () => void {
	const s = liveSocket();
	const join = () => s.emit('room:join', room, () => {});
	if (s.connected) join();
	s.on('connect', join);
	return () => {
		s.off('connect', join);
		s.emit('room:leave', room, () => {});
	};
}
