import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { db } from '../runtime';
import { meetingAgendaItems, meetingNoteEntries, meetings, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { parseInput } from '../input';
import { cursorRefused, decodeCursor, timeKey, toPage, type Page } from '../paging';
import { HighlightsQuery } from './publish-schemas';
import type { Highlight } from '../../shared/meetings-notes';

/**
 * Note entries marked as highlights (candidates for an insight in the policy
 * loop), newest mark first, by cursor: the door the insights capability
 * reads them through. Each with its session and item and who marked it;
 * never who wrote it (a quote has no name anywhere). Rejected proposals are
 * left out: they never became notes.
 */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export async function listHighlights(actor: Actor, cursor?: string, limit?: number): Promise<Page<Highlight>> {
	requireCapability(actor, 'insights.contribute');
	const input = parseInput(HighlightsQuery, { cursor, limit });
	const after = decodeCursor(input.cursor);
	if (after && (typeof after.k !== 'string' || !TIME.test(after.k) || !/^[1-9]\d{0,17}$/.test(after.id))) throw cursorRefused();
	const e = meetingNoteEntries;
	const rows = await db()
		.select({
			id: e.id,
			kind: e.kind,
			body: e.body,
			state: e.state,
			highlightedAt: e.highlightedAt,
			byId: users.id,
			byName: users.displayName,
			meetingId: meetings.id,
			meetingTitle: meetings.title,
			meetingStartAt: meetings.startAt,
			notesRevision: meetings.notesRevision,
			itemTitle: meetingAgendaItems.title,
			key: timeKey(e.highlightedAt)
		})
		.from(e)
		.innerJoin(meetings, eq(meetings.id, e.meetingId))
		.innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, e.itemId))
		.leftJoin(users, eq(users.id, e.highlightedBy))
		.where(
			and(
				isNotNull(e.highlightedAt),
				ne(e.state, 'rejected'),
				after ? sql`(${e.highlightedAt}, ${e.id}) < (${after.k}::timestamptz, ${Number(after.id)})` : undefined
			)
		)
		.orderBy(desc(e.highlightedAt), desc(e.id))
		.limit(input.limit + 1);
	const page = toPage(rows, input.limit, (r) => ({ k: r.key, id: String(r.id) }));
	return {
		nextCursor: page.nextCursor,
		items: page.items.map((r) => ({
			id: r.id,
			kind: r.kind,
			body: r.body,
			state: r.state,
			highlightedAt: r.highlightedAt!,
			highlightedBy: r.byId && r.byName ? { id: r.byId, name: r.byName } : null,
			meeting: { id: r.meetingId, title: r.meetingTitle, startAt: r.meetingStartAt, notesRevision: r.notesRevision },
			itemTitle: r.itemTitle
		}))
	};
}
