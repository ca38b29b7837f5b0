import type { PostChange } from '../shared/discussion';
import { threadRoom } from '../shared/rooms';
import type { LiveSocket } from './client';
import { changesFrom, followRoom, LiveResource, type LiveResourceOptions, type RoomSocket } from './live-resource';

/** Changes per catch-up request (the API's default page). */
export const THREAD_CHANGES_PAGE = 200;

/** A thread's posts as a live resource: catch-ups read `/api/threads/:id/changes` as the signed-in reader. */
export function threadResource(
	threadId: number,
	options: Omit<LiveResourceOptions<PostChange>, 'fetchSince' | 'pageSize'> & { fetchFn?: typeof fetch; base?: string }
): LiveResource<PostChange> {
	const { fetchFn, base = '', ...rest } = options;
	return new LiveResource<PostChange>({
		fetchSince: changesFrom(`${base}/api/threads/${threadId}/changes`, THREAD_CHANGES_PAGE, fetchFn),
		pageSize: THREAD_CHANGES_PAGE,
		...rest
	});
}

/**
 * Feeds a thread's post changes from `socket` into `resource` and follows the
 * thread's room. A broadcast of one's own post, or (for a moderator) a
 * withheld marker, is not what this reader sees: those are fetched as oneself
 * instead. Returns the function that stops.
 */
export function followThread(
	socket: LiveSocket,
	threadId: number,
	resource: LiveResource<PostChange>,
	who: { me: string; moderator: boolean }
): () => void {
	const onChange = (c: PostChange) => {
		if (c.threadId !== threadId) return;
		if ((!c.withheld && c.author.id === who.me) || (c.withheld && who.moderator)) resource.requestCatchUp();
		else resource.receive(c);
	};
	const onStale = (p: { threadId: number }) => {
		if (p.threadId === threadId) resource.requestCatchUp();
	};
	socket.on('post:changed', onChange);
	socket.on('thread:stale', onStale);
	const leave = followRoom(socket as unknown as RoomSocket, threadRoom(threadId), resource);
	return () => {
		socket.off('post:changed', onChange);
		socket.off('thread:stale', onStale);
		leave();
	};
}
