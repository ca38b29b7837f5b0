import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { db } from '../runtime';
import { meetingAgendaItems, meetingNoteEntries, meetings } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { cursorRefused, decodeCursor, toPage, type Page } from '../paging';
import { can } from '../../shared/roles';
import { FollowUpDoneInput, FollowUpsQuery } from './publish-schemas';
import { todayIn, type FollowUp } from '../../shared/meetings-notes';

/**
 * Follow-ups across sessions: what the board agreed someone would do, by
 * when. The open ones are listed soonest due first (undated last); a
 * coordinator marks one done. Board members see the follow-ups of published
 * notes only, as published (an entry added since is not theirs to read until
 * a correction publishes it); coordinators see every accepted one.
 */

/** Sorts after every date: an undated follow-up comes last. */
const UNDATED = '~';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Open follow-ups, by (due date, id), keyset; the partial index
 * meeting_note_entries_follow_up_idx holds exactly the open ones.
 */
export async function listFollowUps(actor: Actor, raw: FollowUpsQuery = {}): Promise<Page<FollowUp>> {
	const a = requireCapability(actor, 'board.participate');
	const input = parseInput(FollowUpsQuery, raw);
	const cursor = decodeCursor(input.cursor);
	if (cursor && ((cursor.k !== UNDATED && !(typeof cursor.k === 'string' && DAY.test(cursor.k))) || !/^[1-9]\d{0,17}$/.test(cursor.id))) throw cursorRefused();
	const e = meetingNoteEntries;
	let after: SQL | undefined;
	if (cursor?.k === UNDATED) after = sql`(${e.dueDate} is null and ${e.id} > ${Number(cursor.id)})`;
	else if (cursor) after = sql`(${e.dueDate} > ${cursor.k}::date or (${e.dueDate} = ${cursor.k}::date and ${e.id} > ${Number(cursor.id)}) or ${e.dueDate} is null)`;
	// Board members: only what the latest revision published (jsonb containment on the entry's id).
	const published = can(a.user, 'board.manage')
		? undefined
		: sql`exists (select 1 from meeting_note_revisions r where r.meeting_id = ${meetings.id} and r.revision = ${meetings.notesRevision}
			and r.content @> jsonb_build_object('items', jsonb_build_array(jsonb_build_object('entries', jsonb_build_array(jsonb_build_object('id', ${e.id}::bigint))))))`;
	const rows = await db()
		.select({
			id: e.id,
			body: e.body,
			owner: e.owner,
			dueDate: e.dueDate,
			meetingId: meetings.id,
			meetingTitle: meetings.title,
			meetingStartAt: meetings.startAt,
			itemTitle: meetingAgendaItems.title
		})
		.from(e)
		.innerJoin(meetings, eq(meetings.id, e.meetingId))
		.innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, e.itemId))
		.where(and(eq(e.kind, 'follow_up'), isNull(e.doneAt), eq(e.state, 'accepted'), eq(meetings.status, 'scheduled'), published, after))
		.orderBy(sql`${e.dueDate} asc nulls last`, asc(e.id))
		.limit(input.limit + 1);
	const today = todayIn(a.user.timeZone);
	const page = toPage(rows, input.limit, (r) => ({ k: r.dueDate ?? UNDATED, id: String(r.id) }));
	return {
		nextCursor: page.nextCursor,
		items: page.items.map((r) => ({
			id: r.id,
			body: r.body,
			owner: r.owner,
			dueDate: r.dueDate,
			overdue: r.dueDate !== null && r.dueDate < today,
			meeting: { id: r.meetingId, title: r.meetingTitle, startAt: r.meetingStartAt },
			itemTitle: r.itemTitle
		}))
	};
}

/** A coordinator marks a follow-up done (or not done after all). Marking it done twice keeps the first time. */
export async function setFollowUpDone(actor: Actor, entryId: number, raw: FollowUpDoneInput): Promise<{ id: number; doneAt: Date | null }> {
	requireCapability(actor, 'board.notes.write');
	const { done } = parseInput(FollowUpDoneInput, raw);
	const [row] = await db()
		.update(meetingNoteEntries)
		.set({ doneAt: done ? sql`coalesce(${meetingNoteEntries.doneAt}, now())` : null })
		.where(and(eq(meetingNoteEntries.id, entryId), eq(meetingNoteEntries.kind, 'follow_up'), eq(meetingNoteEntries.state, 'accepted')))
		.returning({ id: meetingNoteEntries.id, doneAt: meetingNoteEntries.doneAt });
	if (!row) throw new DomainError('not_found', 'error_meeting_follow_up_not_found');
	return row;
}
