import { isDomainError } from '../../lib/server/errors';
import { recordPresence } from '../../lib/server/meetings/attendance';
import { setPresenceSource } from '../../lib/server/meetings/presence-source';
import { meetingOfRoom, meetingRoom } from '../../lib/shared/rooms';
import type { RoomPerson } from '../../lib/shared/meetings-room';
import { coalescer, PRESENCE_INTERVAL_MS } from './limits';
import type { Io } from './types';

/**
 * Who is in a session's room: told to the room whenever a socket joins or
 * leaves it (at most once per PRESENCE_INTERVAL_MS, always with the last
 * state), answered to the room's state (presence-source.ts), and recorded as
 * attendance on a join (attendance.ts decides whether it counts). Listens to
 * the adapter's own join and leave, so a join asked for, a connection that
 * Socket.IO restored (recovery.ts joins it again) and a disconnection are all
 * seen, whichever door they came through.
 */
export function createMeetingPresence(io: Io): { stop(): void } {
	const nsp = io.of('/');
	const broadcast = coalescer((room) => void send(io, room).catch((err) => console.error(err)), PRESENCE_INTERVAL_MS);
	const onJoin = (room: string, id: string) => {
		const meetingId = meetingOfRoom(room);
		if (meetingId === null) return;
		broadcast.request(room);
		const actor = nsp.sockets.get(id)?.data.actor;
		// A refusal (the session gone meanwhile) records nothing, and is no fault.
		if (actor) void recordPresence(actor, meetingId).catch((err) => isDomainError(err) || console.error(err));
	};
	const onLeave = (room: string) => {
		if (meetingOfRoom(room) !== null) broadcast.request(room);
	};
	nsp.adapter.on('join-room', onJoin);
	nsp.adapter.on('leave-room', onLeave);
	const unset = setPresenceSource((meetingId) => peopleIn(io, meetingRoom(meetingId)));
	return {
		stop() {
			nsp.adapter.off('join-room', onJoin);
			nsp.adapter.off('leave-room', onLeave);
			broadcast.stop();
			unset();
		}
	};
}

/** Each person once, however many tabs, by name. */
async function peopleIn(io: Io, room: string): Promise<RoomPerson[]> {
	const people = new Map<string, string>();
	for (const s of await io.in(room).fetchSockets()) people.set(s.data.actor.user.id, s.data.actor.user.displayName);
	return [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

async function send(io: Io, room: string): Promise<void> {
	io.to(room).emit('meeting:presence', { meetingId: meetingOfRoom(room)!, people: await peopleIn(io, room) });
}
