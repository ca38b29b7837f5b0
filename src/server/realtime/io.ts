import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Runtime } from '../../lib/server/runtime';
import { isSameOrigin } from '../../lib/server/auth/cookie';
import { sessionRoom, userRoom } from '../../lib/shared/rooms';
import { actorFromHeaders } from '../http/actor';
import { securityHeaders } from '../http/security-headers';
import { startFanout } from './fanout';
import { registerRoomHandlers } from './handlers/rooms';
import { limitClientEvents } from './limits';
import { createMeetingPresence } from './meeting-presence';
import { createPresence } from './presence';
import { holdRestoredSessions } from './recovery';
import type { AppSocket, Io } from './types';

/**
 * Socket.IO on the given HTTP server: the handshake and the wiring. The
 * handshake passes the same session validation as pages and API; each socket
 * joins its own user and session rooms, and any other room only after the
 * domain says yes (handlers/rooms.ts). Client events are handled one file per
 * resource under handlers/, committed domain events sent one file per
 * capability under fanout/.
 */
export interface Realtime {
	io: Io;
	/** Cut every live connection and stop listening to the bus. */
	close(): Promise<void>;
}

export function createRealtime(httpServer: HttpServer, runtime: Runtime, options: { destroyUpgrade?: boolean } = {}): Realtime {
	const { config, bus } = runtime;
	const secure = config.origin.startsWith('https:');
	const io: Io = new Server(httpServer, {
		path: '/socket.io',
		maxHttpBufferSize: 64 * 1024,
		perMessageDeflate: false,
		serveClient: false,
		destroyUpgrade: options.destroyUpgrade ?? true,
		// skipMiddlewares false: a restored connection passes the session check again, so its actor is read afresh.
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false }
	});

	// engine.io answers /socket.io/ itself, before Fastify's hooks: the handshake and every polling answer get the same headers here.
	const headers = securityHeaders(config);
	io.engine.on('headers', (out: Record<string, string>) => Object.assign(out, headers));

	const restored = holdRestoredSessions(io);
	const presence = createPresence(io);
	const meetingPresence = createMeetingPresence(io);

	io.use(async (socket, next) => {
		const headers = socket.handshake.headers;
		const site = headers['sec-fetch-site'];
		if (!isSameOrigin(headers.origin, config.origin, typeof site === 'string' ? site : undefined))
			return next(new Error('forbidden_origin'));
		try {
			const actor = await actorFromHeaders(headers.cookie, { ip: socket.handshake.address, userAgent: headers['user-agent'] }, secure);
			if (actor.kind !== 'user') return next(new Error('unauthenticated'));
			socket.data.actor = actor;
			next();
		} catch (err) {
			next(err instanceof Error ? err : new Error('unavailable'));
		}
	});

	io.on('connection', (socket: AppSocket) => {
		const { actor } = socket.data;
		void socket.join([userRoom(actor.user.id), sessionRoom(actor.sessionId)]);
		limitClientEvents(socket);
		registerRoomHandlers(socket, presence);
		if (socket.recovered) void restored.reauthorize(socket).catch((err) => console.error(err));
	});

	const stopFanout = startFanout(io, bus);
	return {
		io,
		close: async () => {
			stopFanout();
			presence.stop();
			meetingPresence.stop();
			// Transports closed, not sockets disconnected: a client told "io server disconnect" never comes back
			// by itself, so every open page would stay silently stale after a restart. Sessions that must not
			// come back are refused by the handshake. (io.close() would also close the HTTP server, which its owner does.)
			io.engine.close();
		}
	};
}
