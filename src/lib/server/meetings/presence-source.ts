import type { RoomPerson } from '../../shared/meetings-room';

/**
 * Who has a session's room open is known to the socket layer alone; the
 * room's state (page loads, catch-ups) asks it through this one hook, which
 * the realtime layer sets when it starts. On globalThis, as the runtime is:
 * the SvelteKit bundle and the server load this module in module graphs of
 * their own, and both must find the one source. Without realtime (a script),
 * no one is present.
 */
export type PresenceSource = (meetingId: number) => Promise<RoomPerson[]>;

const KEY = Symbol.for('partner-community.meeting-presence');
const holder = globalThis as unknown as { [KEY]?: PresenceSource };

/** Sets the source; returns the function that removes it again (only if it is still this one). */
export function setPresenceSource(source: PresenceSource): () => void {
	holder[KEY] = source;
	return () => {
		if (holder[KEY] === source) delete holder[KEY];
	};
}

/** Who has the room open now: each person once, by name. */
export async function presentIn(meetingId: number): Promise<RoomPerson[]> {
	const source = holder[KEY];
	return source ? source(meetingId) : [];
}
