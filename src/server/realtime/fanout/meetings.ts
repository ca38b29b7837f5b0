import type { EventBus } from '../../../lib/server/events/bus';
import { meetingCoordinatorsRoom, meetingRoom, userRoom } from '../../../lib/shared/rooms';
import { authorizeRoom } from '../rooms';
import type { Io } from '../types';

/**
 * A session's live room, as socket messages, each from what the writer had
 * in hand (no read here, so a room hears changes in the order they were
 * committed on this instance). An accepted entry reaches the room; a proposal
 * and its rejection only the room's coordinators and the person who proposed
 * it. Attendance is for coordinators. No author, and never the meeting link,
 * on any of them.
 */
export function meetingsFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('meeting.agenda.moved', (e) => {
			io.to(meetingRoom(e.meetingId)).emit('meeting:agenda', e.agenda);
		}),
		bus.on('meeting.entry.changed', (e) => {
			const { entry } = e;
			const to = entry.state === 'accepted' ? [meetingRoom(e.meetingId)] : [meetingCoordinatorsRoom(e.meetingId), ...(e.authorId ? [userRoom(e.authorId)] : [])];
			if (e.change === 'deleted') io.to(to).emit('meeting:entry-removed', { meetingId: e.meetingId, id: entry.id, itemId: entry.itemId, seq: entry.seq });
			else io.to(to).emit('meeting:entry', entry);
		}),
		bus.on('meeting.attendance.changed', (e) => {
			io.to(meetingCoordinatorsRoom(e.meetingId)).emit('meeting:attendance', { meetingId: e.meetingId, userId: e.userId, attended: e.attended, source: e.source });
		}),
		bus.on('meeting.access.changed', (e) => void recheck(io, e.meetingId).catch((err) => console.error(err))),
		// A cancelled session has no room: whoever has it open is taken out.
		bus.on('meeting.scheduled', (e) => {
			if (e.change === 'cancelled') void recheck(io, e.meetingId).catch((err) => console.error(err));
		})
	];
}

/** Every socket in the session's rooms is asked again; those no longer allowed leave (an invitation withdrawn, the session cancelled). */
async function recheck(io: Io, meetingId: number): Promise<void> {
	for (const room of [meetingRoom(meetingId), meetingCoordinatorsRoom(meetingId)]) {
		for (const s of await io.in(room).fetchSockets()) {
			try {
				await authorizeRoom(s.data.actor, room);
			} catch {
				s.leave(room);
			}
		}
	}
}
