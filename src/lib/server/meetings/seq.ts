import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { meetings } from '../db/schema';

/**
 * The session room's next change number. Every live change (an entry, a
 * question, a vote, a poll, the agenda moving on) stamps its row with it, so a
 * returning browser asks for exactly what came after the last number it saw,
 * as threads do with posts.seq. Taking it locks the session's row until the
 * transaction ends: changes to one room are numbered in commit order.
 */
export async function nextSeq(tx: Tx, meetingId: number): Promise<number> {
	return (await nextSeqWithNotes(tx, meetingId)).seq;
}

/**
 * The next change number and, read under the same lock, whether the notes are
 * still a draft: the notes' writers need both, in one statement.
 */
export async function nextSeqWithNotes(tx: Tx, meetingId: number): Promise<{ seq: number; notesStatus: string }> {
	const [row] = await tx
		.update(meetings)
		.set({ seq: sql`${meetings.seq} + 1` })
		.where(eq(meetings.id, meetingId))
		.returning({ seq: meetings.seq, notesStatus: meetings.notesStatus });
	return row!;
}
