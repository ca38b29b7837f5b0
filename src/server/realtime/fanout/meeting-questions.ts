import type { EventBus } from '../../../lib/server/events/bus';
import { meetingRoom } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/**
 * A session room's questions and polls, as socket messages to that room
 * only (whose members its rule let in: invitees and coordinators). What
 * travels is what every participant sees alike, as the writer had it after
 * commit: no one's own vote or answer, and a poll's counts without names.
 */
export function meetingQuestionsFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('meeting.question.changed', (e) => {
			io.to(meetingRoom(e.meetingId)).emit('meeting:question', e.question);
		}),
		bus.on('meeting.poll.changed', (e) => {
			io.to(meetingRoom(e.meetingId)).emit('meeting:poll', e.poll);
		})
	];
}
