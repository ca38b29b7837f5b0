import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';
import { follow, liveSocket } from '$lib/realtime/client';
import { INSIGHTS_ROOM } from '$lib/shared/rooms';

/**
 * The policy loop's staff room: whatever moved (an insight, its evidence, an
 * action), the page loads its data again, so lists and details follow what
 * colleagues do. For an $effect; returns what leaves the room.
 *
 * Not while a navigation is under way: after one's own form the event comes
 * back as the redirect is followed, and reloading the current page then
 * would cancel the navigation (and its "done" confirmation); the page it
 * goes to is loaded after the change anyway.
 */
export function followInsights(): () => void {
	const socket = liveSocket();
	const changed = () => {
		if (!navigating.to) void invalidateAll();
	};
	socket.on('insights:changed', changed);
	const leave = follow(INSIGHTS_ROOM);
	return () => {
		socket.off('insights:changed', changed);
		leave();
	};
}
