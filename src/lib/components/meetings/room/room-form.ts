import type { NoteEntry } from '$lib/shared/meetings-room';

/**
 * What the room page's form actions answer, as the components read it: which
 * form it was (and which entry or person), and either what was done or the
 * refusal with what was typed, so only that form shows the problem.
 */
export type RoomForm =
	| {
			which: 'entry' | 'edit' | 'remove' | 'decide' | 'highlight' | 'agenda' | 'attendance';
			entryId?: number;
			userId?: string;
			/** A refusal, in the reader's language, with each field's problem. */
			error?: string;
			errors?: Record<string, string>;
			/** A stale edit: the entry as the other writer left it. */
			current?: NoteEntry;
			kind?: string;
			body?: string;
			owner?: string;
			dueDate?: string;
			itemId?: string;
			added?: string;
			saved?: boolean;
			removed?: boolean;
			decided?: string;
			highlighted?: boolean;
			moved?: number | null;
			attended?: boolean | null;
	  }
	| null
	| undefined;
