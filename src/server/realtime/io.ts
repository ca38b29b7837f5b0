import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Runtime } from '../../lib/server/runtime';
import type { Actor } from '../../lib/server/auth/actor';
import { isSameOrigin } from '../../lib/server/auth/cookie';
import { DomainError, isDomainError } from '../../lib/server/errors';
import { authorizeRoom, RoomName } from '../../lib/server/realtime/rooms';
import { translate } from '../../lib/i18n/translate';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../lib/shared/events';
import { actorFromHeaders } from '../http/actor';
import { startFanout } from './fanout';
import { securityHeaders } from '../http/security-headers';
import { coalescer, EVENT_LIMIT, PRESENCE_INTERVAL_MS, REFUSAL_LIMIT, TokenBucket } from './limits';

interface SocketData {
	actor: Extract<Actor, { kind: 'user' }>;
}
export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const userRoom = (id: string) => `user:${id}`;
export const sessionRoom = (id: string) => `session:${id}`;

/**
 * Socket.IO on the given HTTP server. The handshake passes the same session
 * validation as pages and API; each socket joins its own user and session
 * rooms, and any other room only after the domain says yes.
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
	const presence = coalescer((room) => void broadcastPresence(io, room), PRESENCE_INTERVAL_MS);

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

		const events = new TokenBucket(EVENT_LIMIT.capacity, EVENT_LIMIT.perSecond);
		const refusals = new TokenBucket(REFUSAL_LIMIT.capacity, REFUSAL_LIMIT.perSecond);
		socket.use((packet, next) => {
			if (events.take()) return next();
			const ack = packet.at(-1);
			if (typeof ack === 'function')
				ack({ ok: false, error: 'rate_limited', message: translate('error_socket_rate_limited', socket.data.actor.user.language) } satisfies Ack);
			if (!refusals.take()) socket.disconnect(true);
		});

		const reply = (ack: unknown, result: Ack) => {
			if (typeof ack === 'function') ack(result);
		};
		const fail = (ack: unknown, err: unknown) => {
			if (isDomainError(err)) reply(ack, { ok: false, error: err.code, message: translate(err.message, actor.user.language, err.inputs) });
			else {
				console.error(err);
				reply(ack, { ok: false, error: 'internal', message: translate('error_internal', actor.user.language) });
			}
		};

		socket.on('room:join', async (room, ack) => {
			try {
				const name = RoomName.parse(room);
				await authorizeRoom(socket.data.actor, name);
				await socket.join(name);
				reply(ack, { ok: true });
				if (name.startsWith('thread:')) presence.request(name);
			} catch (err) {
				fail(ack, isZod(err) ? invalid() : err);
			}
		});
		socket.on('room:leave', async (room, ack) => {
			const parsed = RoomName.safeParse(room);
			if (!parsed.success || parsed.data.startsWith('user:') || parsed.data.startsWith('session:'))
				return fail(ack, invalid());
			await socket.leave(parsed.data);
			reply(ack, { ok: true });
			if (parsed.data.startsWith('thread:')) presence.request(parsed.data);
		});
		socket.on('disconnecting', () => {
			const rooms = [...socket.rooms].filter((r) => r.startsWith('thread:'));
			// The socket is still in its rooms now; count again once it has left them.
			if (rooms.length) setImmediate(() => rooms.forEach((r) => presence.request(r)));
		});

		if (socket.recovered) void restored.reauthorize(socket).catch((err) => console.error(err));
	});

	const unsubscribe = [
		bus.on('session.ended', (e) => {
			if (e.sessionIds.length) io.in(e.sessionIds.map(sessionRoom)).disconnectSockets(true);
		}),
		bus.on('user.changed', (e) => {
			io.to(userRoom(e.userId)).emit('account:changed', { status: e.status, roles: e.roles });
			io.to('admin:users').emit('admin:user-changed', { userId: e.userId, status: e.status, roles: e.roles });
			// Rooms were granted for the old roles; a fresh connection re-asks for each.
			if (e.status !== 'active') io.in(userRoom(e.userId)).disconnectSockets(true);
			else void revalidateRooms(io, e.userId, e.roles);
		})
	];
	const stopFanout = startFanout(io, bus);
	return {
		io,
		close: async () => {
			stopFanout();
			presence.stop();
			unsubscribe.forEach((u) => u());
			// Transports closed, not sockets disconnected: a client told "io server disconnect" never comes back
			// by itself, so every open page would stay silently stale after a restart. Sessions that must not
			// come back are refused by the handshake. (io.close() would also close the HTTP server, which its owner does.)
			io.engine.close();
		}
	};
}

/** Who is reading a thread right now: each person once, however many tabs. */
async function broadcastPresence(io: Io, room: string): Promise<void> {
	const sockets = await io.in(room).fetchSockets();
	const readers = new Map<string, string>();
	for (const s of sockets) readers.set(s.data.actor.user.id, s.data.actor.user.displayName);
	io.to(room).emit('thread:presence', {
		threadId: Number(room.slice('thread:'.length)),
		readers: [...readers].map(([id, name]) => ({ id, name }))
	});
}

async function revalidateRooms(io: Io, userId: string, roles: string[]): Promise<void> {
	const sockets = await io.in(userRoom(userId)).fetchSockets();
	for (const s of sockets) {
		const actor = { ...s.data.actor, user: { ...s.data.actor.user, status: 'active' as const, roles: roles as never } };
		// Later room:join requests on this connection are judged by the new roles too, not the ones it connected with.
		s.data.actor = actor;
		for (const room of s.rooms) {
			if (room === s.id || room.startsWith('user:') || room.startsWith('session:')) continue;
			try {
				await authorizeRoom(actor, room);
			} catch {
				s.leave(room);
			}
		}
	}
}

/**
 * Connection-state recovery puts a returning socket back in the rooms it had
 * and replays what those rooms missed, before any middleware has looked at
 * the person again: a moderator demoted while away would get the queue, a
 * member whose thread was hidden its posts. So a restored session is taken
 * apart here: the socket comes back in no room and with nothing replayed,
 * and once the handshake has read the actor afresh, each room is asked for
 * again and only what the allowed rooms missed is sent.
 */
function holdRestoredSessions(io: Io) {
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
				if (room.startsWith('user:') || room.startsWith('session:')) continue;
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

const isZod = (err: unknown) => err instanceof Error && err.name === 'ZodError';
const invalid = () => new DomainError('invalid_input', 'error_room_unknown');
