import { follow, liveSocket } from '$lib/realtime/client';
import { INSIGHTS_ROOM } from '$lib/shared/rooms';

/**
 * Follows the policy loop's staff room while a page is open: `changed` runs
 * whenever an insight, action, outcome or piece of evidence changes (the
 * server says what, never more than its id). Returns a function that leaves.
 */
export function followInsights(changed: () => void): () => void {
	const socket = liveSocket();
	socket.on('insights:changed', changed);
	const leave = follow(INSIGHTS_ROOM);
	return () => {
		socket.off('insights:changed', changed);
		leave();
	};
}
