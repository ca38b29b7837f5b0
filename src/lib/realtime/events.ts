/**
 * The socket protocol, shared by server and browser so both sides type-check
 * against one definition.
 */
export type Ack = { ok: true } | { ok: false; error: string; message: string };

export interface ServerToClientEvents {
	/** Your own account changed (roles, status); pages re-check what they show. */
	'account:changed': (payload: { status: string; roles: string[] }) => void;
	/** For the admin user list: someone's roles or status changed. */
	'admin:user-changed': (payload: { userId: string; status: string; roles: string[] }) => void;
	/** Who has this thread open now (room `thread:<id>`). */
	'thread:presence': (payload: { threadId: number; readers: { id: string; name: string }[] }) => void;
}

export interface ClientToServerEvents {
	/** Ask to follow a resource room; the server checks permission first. */
	'room:join': (room: string, ack: (result: Ack) => void) => void;
	'room:leave': (room: string, ack: (result: Ack) => void) => void;
}

export const CLIENT_EVENTS = ['room:join', 'room:leave'] as const satisfies readonly (keyof ClientToServerEvents)[];
