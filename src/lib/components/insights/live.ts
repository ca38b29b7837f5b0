import { invalidateAll } from '$app/navigation';
import { follow, liveSocket } from '$lib/realtime/client';
import { INSIGHTS_ROOM } from '$lib/shared/rooms';

/**
 * The policy loop's staff room: whatever moved (an insight, its evidence, an
 * action), the page loads its data again, so lists and details follow what
 * colleagues do. For an $effect; returns what leaves the room.
 */
export function followInsights(): () => void {
	const socket = liveSocket();
	const changed = () => void invalidateAll();
	socket.on('insights:changed', changed);
	const leave = follow(INSIGHTS_ROOM);
	return () => {
		socket.off('insights:changed', changed);
		leave();
	};
}
