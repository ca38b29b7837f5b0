import type { PostChange } from '../../shared/discussion';
import type { BoardStatus } from '../../shared/board';

/**
 * Domain events: facts the domain layer publishes after a commit. The realtime
 * layer turns them into socket messages; nothing else may invent them.
 *
 * Events about content say who may see it (`audience`): 'group' means every
 * active member; 'author' means only the author (and moderators), e.g. a post
 * held for approval. The realtime layer never sends content beyond its audience.
 */
export type Audience = 'group' | 'author';

export type DomainEvent =
	| { type: 'session.ended'; userId: string; sessionIds: string[] }
	| { type: 'user.changed'; userId: string; status: string; roles: string[] }
	| {
			type: 'post.changed';
			change: 'created' | 'edited' | 'deleted' | 'status' | 'reactions';
			threadId: number;
			categoryId: number;
			postId: number;
			/** The post's change number after this change (posts.seq). */
			seq: number;
			authorId: string;
			audience: Audience;
			/** The post as any member sees it, when the writer had it in hand: the fan-out then need not read it back. */
			group?: PostChange;
	  }
	| {
			type: 'thread.changed';
			/** moderated: locked, pinned, moved or slowed by a moderator (open pages adjust); status: shown or withdrawn. */
			change: 'created' | 'updated' | 'status' | 'moderated';
			threadId: number;
			categoryId: number;
			authorId: string;
			audience: Audience;
	  }
	| {
			/** The moderators' queue changed: an item opened, grew (another report) or was handled. */
			type: 'moderation.case';
			caseId: number;
			change: 'opened' | 'updated' | 'resolved';
			/** Who handled it, for "handled by" in other moderators' queues. */
			byName?: string;
			/** Whom the item is about: their own queue leaves it out, so it is not told of it either. */
			subjectId?: string;
	  }
	| {
			/** A board membership took a step (volunteered, invited, active, ended…): coordinators' board views and the person's own page update. */
			type: 'board.membership.changed';
			membershipId: number;
			userId: string;
			from: BoardStatus | null;
			to: BoardStatus;
	  }
	| { type: 'notification.created'; userId: string; notificationId: number }
	| { type: 'notifications.read'; userId: string };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
