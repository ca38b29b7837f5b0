import type { Db } from '../db';
import type { MeetingAccess } from './access';
import { questionsFor } from './questions';
import { pollsFor } from './polls';

/**
 * What other parts of the live room add to its state and its catch-up (the
 * question queue, quick polls), each under its own key of
 * `MeetingRoomState.sections`. A reader is given who asks and from which
 * change number, and returns what that person is shown: with `since` 0
 * everything, else only what changed after it (rows stamped with a higher
 * room seq). Readers run after access was asked (the room's), on the same
 * request, and must not write.
 */
export interface RoomSectionContext {
	access: MeetingAccess;
	meetingId: number;
	viewerId: string;
	/** 0: the whole section; otherwise what changed after this room change number. */
	since: number;
	reader: Db;
}
export type RoomSectionReader = (context: RoomSectionContext) => Promise<unknown>;

/** One line per section: `questions: (c) => questionsFor(c.viewerId, c.meetingId, c.since || undefined, c.reader)`. */
export const ROOM_SECTIONS = {
	questions: (c: RoomSectionContext) => questionsFor(c.viewerId, c.meetingId, c.since || undefined, c.reader),
	polls: (c: RoomSectionContext) => pollsFor(c.viewerId, c.meetingId, c.since || undefined, c.reader)
} satisfies Record<string, RoomSectionReader>;

export type RoomSections = { [K in keyof typeof ROOM_SECTIONS]: Awaited<ReturnType<(typeof ROOM_SECTIONS)[K]>> };
