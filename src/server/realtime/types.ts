import type { Server, Socket } from 'socket.io';
import type { Actor } from '../../lib/server/auth/actor';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/shared/events';

export interface SocketData {
	/** Read by the handshake from the session cookie; re-read when the person's roles change. */
	actor: Extract<Actor, { kind: 'user' }>;
}
export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
