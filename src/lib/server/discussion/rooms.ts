import { eq } from 'drizzle-orm';
import type { RoomRules } from '../../shared/rooms';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { db } from '../runtime';
import { threads } from '../db/schema';
import { threadVisible, viewerOf } from './visibility';

/** Who may follow the group's live rooms: the same rule as reading them. */
export const discussionRoomRules = {
	// Everything that happens in the group at large: any member.
	group: (actor) => void viewerOf(actor),
	// One thread: whoever may open it; a thread they may not see is as unknown as one that does not exist.
	thread: async (actor, { threadId }) => {
		const viewer = viewerOf(actor);
		const [thread] = await db().select({ status: threads.status, authorId: threads.authorId }).from(threads).where(eq(threads.id, threadId));
		if (!thread || !threadVisible(viewer, thread)) throw new DomainError('not_found', 'error_room_unknown');
	}
} satisfies RoomRules<Actor>;
