import type { EventBus } from '../../../lib/server/events/bus';
import { groupPostChange } from '../../../lib/server/discussion/posts';
import { threadState } from '../../../lib/server/discussion/threads';
import { GROUP_ROOM, threadRoom, userRoom } from '../../../lib/shared/rooms';
import type { Io } from '../types';

/**
 * Committed changes in the group, as socket messages. A post change is read
 * once and broadcast to its thread room as any member sees it; the author,
 * whose own view differs (edit rights, held posts), is told to fetch theirs.
 * Nothing goes beyond the content's audience.
 */
export function discussionFanout(io: Io, bus: EventBus): (() => void)[] {
	return [
		bus.on('post.changed', async (e) => {
			const change = e.group ?? (await groupPostChange(e.postId));
			if (!change) return;
			// A withheld post is announced (as a bare marker, so open views drop it) only when its status changed:
			// one that was held from the start, or edited while withheld, is news for no one else.
			const announce = !change.withheld || e.change === 'status' || e.change === 'deleted';
			if (announce) io.to(threadRoom(e.threadId)).emit('post:changed', change);
			if (e.audience === 'author' || change.withheld) io.to(userRoom(e.authorId)).emit('thread:stale', { threadId: e.threadId, seq: e.seq });
			if (e.change === 'created' && e.audience === 'group')
				io.to(GROUP_ROOM).emit('thread:activity', { threadId: e.threadId, categoryId: e.categoryId, kind: 'reply' });
		}),
		bus.on('thread.changed', async (e) => {
			if (e.change === 'created' && e.audience === 'group')
				io.to(GROUP_ROOM).emit('thread:activity', { threadId: e.threadId, categoryId: e.categoryId, kind: 'thread' });
			// Only what changes an open page's frame; a new reply is news enough through post:changed.
			if (e.change === 'status' || e.change === 'moderated') {
				const state = await threadState(e.threadId);
				if (state) io.to(threadRoom(e.threadId)).emit('thread:changed', state);
			}
		})
	];
}
