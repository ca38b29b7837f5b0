import type { EventBus } from '../../../lib/server/events/bus';
import { responseCount } from '../../../lib/server/surveys/respond';
import { surveyRoom } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/** Answers arriving together are counted once, this long after the first of them. */
const COUNT_AFTER_MS = 200;

/**
 * The owners' view of a survey: the count rose (nothing about who), or the
 * survey changed and is fetched again. The count is read after the commits,
 * once per burst, so 200 answers at once cost a handful of counts, and the
 * last number sent includes every answer.
 */
export function surveysFanout(io: Io, bus: EventBus): (() => void)[] {
	const pending = new Map<number, NodeJS.Timeout>();
	const count = (surveyId: number) => {
		pending.delete(surveyId);
		responseCount(surveyId).then(
			(responses) => io.to(surveyRoom(surveyId)).emit('survey:count', { surveyId, responses }),
			() => {}
		);
	};
	return [
		bus.on('survey.answered', (e) => {
			if (!pending.has(e.surveyId)) pending.set(e.surveyId, setTimeout(count, COUNT_AFTER_MS, e.surveyId));
		}),
		bus.on('survey.changed', (e) => void io.to(surveyRoom(e.surveyId)).emit('survey:changed', { surveyId: e.surveyId, change: e.change })),
		() => pending.forEach((timer) => clearTimeout(timer))
	];
}
