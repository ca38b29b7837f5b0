import type { EventBus } from '../../../lib/server/events/bus';
import type { Io } from '../types';
import { accountsFanout } from './accounts';
import { boardFanout } from './board';
import { discussionFanout } from './discussion';
import { moderationFanout } from './moderation';
import { notificationsFanout } from './notifications';
import { meetingQuestionsFanout } from './meeting-questions';
import { meetingsFanout } from './meetings';
import { surveysFanout } from './surveys';
import { insightsFanout } from './insights';

/**
 * Committed domain events, turned into socket messages: one fan-out per
 * capability, each sending only to the rooms of that content's audience.
 * Returns the function that stops listening.
 */
export function startFanout(io: Io, bus: EventBus): () => void {
	const off = [...accountsFanout(io, bus), ...discussionFanout(io, bus), ...moderationFanout(io, bus), ...notificationsFanout(io, bus), ...boardFanout(io, bus), ...meetingQuestionsFanout(io, bus), ...meetingsFanout(io, bus), ...surveysFanout(io, bus), ...insightsFanout(io, bus)];
	return () => off.forEach((f) => f());
}
