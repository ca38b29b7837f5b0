import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { categories, meetingAgendaItems, meetingInvitees, meetingNoteEntries, meetingNoteRevisions, meetings, userRoles, users } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { notify } from '../notifications/notify';
import { meetingAccess, requireAccess, type Meeting } from './access';
import { pollResultsFor } from './polls';
import { PublishNotesInput } from './publish-schemas';
import {
	BOARD_SUMMARY_CATEGORY,
	closingSummary,
	type DraftEntry,
	type NotesContent,
	type NotesRevision,
	type NotesView,
	type PublishedItem,
	type RevisionSummary
} from '../../shared/meetings-notes';

/**
 * Publishing a session's notes. While the session is prepared and held the
 * notes are a draft (entries as separate rows, written and accepted in the
 * room). Publishing freezes them: the items with their accepted entries and
 * closed polls, and the attendance, are copied whole into a revision, which
 * no later edit touches. A correction reopens the entries for coordinators
 * (reopenNotes: a draft again, readers still on the latest revision), then
 * freezes them as they are into the next revision, with the reason readers
 * are shown. Every revision is kept.
 *
 * A frozen entry carries no author: quotes are recorded without a name, and
 * who wrote any entry is for coordinators reviewing proposals only.
 */

type Reader = Db | Tx;

interface EntryRow {
	id: number;
	itemId: number;
	kind: DraftEntry['kind'];
	body: string;
	owner: string | null;
	dueDate: string | null;
	state: DraftEntry['state'];
	doneAt: Date | null;
	highlightedAt: Date | null;
	highlightedBy: string | null;
}

/** The session's agenda items in order, and its entries (proposals and accepted ones, not rejected), oldest first. */
async function notesRows(reader: Reader, meetingId: number): Promise<{ items: { id: number; position: number; title: string }[]; entries: EntryRow[] }> {
	const items = await reader
		.select({ id: meetingAgendaItems.id, position: meetingAgendaItems.position, title: meetingAgendaItems.title })
		.from(meetingAgendaItems)
		.where(eq(meetingAgendaItems.meetingId, meetingId))
		.orderBy(asc(meetingAgendaItems.position));
	const entries = await reader
		.select({
			id: meetingNoteEntries.id,
			itemId: meetingNoteEntries.itemId,
			kind: meetingNoteEntries.kind,
			body: meetingNoteEntries.body,
			owner: meetingNoteEntries.owner,
			dueDate: meetingNoteEntries.dueDate,
			state: meetingNoteEntries.state,
			doneAt: meetingNoteEntries.doneAt,
			highlightedAt: meetingNoteEntries.highlightedAt,
			highlightedBy: users.displayName
		})
		.from(meetingNoteEntries)
		.leftJoin(users, eq(users.id, meetingNoteEntries.highlightedBy))
		.where(and(eq(meetingNoteEntries.meetingId, meetingId), ne(meetingNoteEntries.state, 'rejected')))
		.orderBy(asc(meetingNoteEntries.itemId), asc(meetingNoteEntries.id));
	return { items, entries };
}

/** How many were invited, and how many attended (from presence in the room, as corrected by a coordinator). */
async function attendanceOf(reader: Reader, meetingId: number): Promise<{ attended: number; invited: number }> {
	const [row] = await reader
		.select({
			invited: sql<number>`count(*)::int`,
			attended: sql<number>`(count(*) filter (where ${meetingInvitees.attended}))::int`
		})
		.from(meetingInvitees)
		.where(eq(meetingInvitees.meetingId, meetingId));
	return { attended: row?.attended ?? 0, invited: row?.invited ?? 0 };
}

/** The notes as they stand now, in the shape a revision freezes. */
async function currentContent(reader: Reader, meeting: Meeting): Promise<{ content: NotesContent; entries: EntryRow[]; invited: number }> {
	const [{ items, entries }, polls, attendance] = await Promise.all([notesRows(reader, meeting.id), pollResultsFor(meeting.id, reader), attendanceOf(reader, meeting.id)]);
	const pollsByItem = new Map(polls.map((p) => [p.itemId, p.polls]));
	const content: NotesContent = {
		title: meeting.title,
		startAt: meeting.startAt.toISOString(),
		endAt: meeting.endAt.toISOString(),
		attendance: attendance.attended,
		items: items.map(
			(item): PublishedItem => ({
				id: item.id,
				position: item.position,
				title: item.title,
				entries: entries
					.filter((e) => e.itemId === item.id && e.state === 'accepted')
					.map((e) => ({ id: e.id, kind: e.kind, body: e.body, owner: e.owner, dueDate: e.dueDate })),
				polls: (pollsByItem.get(item.id) ?? []).map((p) => ({ question: p.question, options: p.options, total: p.total }))
			})
		)
	};
	return { content, entries, invited: attendance.invited };
}

/** The same JSON whatever order its keys come back in (jsonb keeps its own order). */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

const hasNotes = (content: NotesContent): boolean => content.items.some((i) => i.entries.length > 0 || i.polls.length > 0);

async function revisionsOf(reader: Reader, meetingId: number): Promise<RevisionSummary[]> {
	return reader
		.select({ revision: meetingNoteRevisions.revision, publishedAt: meetingNoteRevisions.publishedAt, publishedBy: users.displayName, reason: meetingNoteRevisions.reason })
		.from(meetingNoteRevisions)
		.leftJoin(users, eq(users.id, meetingNoteRevisions.publishedBy))
		.where(eq(meetingNoteRevisions.meetingId, meetingId))
		.orderBy(desc(meetingNoteRevisions.revision));
}

async function revisionOf(reader: Reader, meetingId: number, revision: number): Promise<NotesRevision | null> {
	const [row] = await reader
		.select({
			revision: meetingNoteRevisions.revision,
			publishedAt: meetingNoteRevisions.publishedAt,
			publishedBy: users.displayName,
			reason: meetingNoteRevisions.reason,
			content: meetingNoteRevisions.content
		})
		.from(meetingNoteRevisions)
		.leftJoin(users, eq(users.id, meetingNoteRevisions.publishedBy))
		.where(and(eq(meetingNoteRevisions.meetingId, meetingId), eq(meetingNoteRevisions.revision, revision)));
	return row ? { ...row, content: row.content as NotesContent } : null;
}

/** Follow-ups of these entries that are done, by entry id. */
async function doneFollowUps(reader: Reader, meetingId: number): Promise<Record<string, Date>> {
	const rows = await reader
		.select({ id: meetingNoteEntries.id, doneAt: meetingNoteEntries.doneAt })
		.from(meetingNoteEntries)
		.where(and(eq(meetingNoteEntries.meetingId, meetingId), eq(meetingNoteEntries.kind, 'follow_up'), isNotNull(meetingNoteEntries.doneAt)));
	return Object.fromEntries(rows.map((r) => [String(r.id), r.doneAt!]));
}

const meetingHeader = (m: Meeting): NotesView['meeting'] => ({
	id: m.id,
	title: m.title,
	startAt: m.startAt,
	endAt: m.endAt,
	status: m.status,
	notesStatus: m.notesStatus,
	notesRevision: m.notesRevision,
	summaryThreadId: m.summaryThreadId
});

/**
 * A session's notes page. Readers of published notes (the board, the
 * session's guests, policy staff, coordinators) get the latest revision, the
 * history and the closing summary; coordinators also get the notes as they
 * stand now (to publish, or to correct), the highlights, and whether a
 * summary can go to the group. Before publication only those who may see the
 * session learn that the notes are not out yet; anyone else is told it does
 * not exist.
 */
export async function notesView(actor: Actor, meetingId: number): Promise<NotesView> {
	const access = await meetingAccess(actor, meetingId);
	requireAccess(access, 'readPublishedNotes');
	const meeting = access.meeting;
	const reader = db();
	const [revisions, published, done] = await Promise.all([
		revisionsOf(reader, meetingId),
		meeting.notesRevision > 0 ? revisionOf(reader, meetingId, meeting.notesRevision) : Promise.resolve(null),
		doneFollowUps(reader, meetingId)
	]);
	let summary: NotesView['summary'] = null;
	let draft: NotesView['draft'] = null;
	let group: NotesView['group'] = null;
	const isDone = (id: number) => String(id) in done;
	if (access.manage) {
		const current = await currentContent(reader, meeting);
		const titleOf = new Map(current.content.items.map((i) => [i.id, i.title]));
		const toDraft = (e: EntryRow): DraftEntry => ({
			id: e.id,
			kind: e.kind,
			body: e.body,
			owner: e.owner,
			dueDate: e.dueDate,
			state: e.state,
			doneAt: e.doneAt,
			highlightedAt: e.highlightedAt,
			highlightedBy: e.highlightedBy
		});
		draft = {
			items: current.content.items.map(({ entries: _e, ...item }) => ({
				...item,
				entries: current.entries.filter((e) => e.itemId === item.id && e.state === 'accepted').map(toDraft)
			})),
			proposed: current.entries.filter((e) => e.state === 'proposed').length,
			changed: published ? canonical(published.content) !== canonical(current.content) : hasNotes(current.content),
			highlights: current.entries
				.filter((e) => e.highlightedAt !== null)
				.sort((a, b) => b.highlightedAt!.getTime() - a.highlightedAt!.getTime() || b.id - a.id)
				.map((e) => ({ ...toDraft(e), itemTitle: titleOf.get(e.itemId) ?? '' }))
		};
		const [category] = await reader
			.select({ nl: categories.nameNl, en: categories.nameEn })
			.from(categories)
			.where(and(eq(categories.slug, BOARD_SUMMARY_CATEGORY), eq(categories.archived, false)));
		group = { categoryName: category ?? null, threadId: meeting.summaryThreadId };
		summary = published
			? closingSummary(published.content.items, published.content.attendance, current.invited, isDone)
			: closingSummary(current.content.items, current.content.attendance, current.invited, isDone);
	} else if (published) {
		const { invited } = await attendanceOf(reader, meetingId);
		summary = closingSummary(published.content.items, published.content.attendance, invited, isDone);
	}
	return { meeting: meetingHeader(meeting), manage: access.manage, published, revisions, done, summary, draft, group };
}

/** One revision of a session's published notes (the latest, or an older one from the history). */
export async function notesRevision(actor: Actor, meetingId: number, revision: number): Promise<NotesRevision & { meeting: NotesView['meeting']; latest: boolean }> {
	const access = await meetingAccess(actor, meetingId);
	requireAccess(access, 'readPublishedNotes');
	const found = await revisionOf(db(), meetingId, revision);
	if (!found) throw new DomainError('not_found', 'error_meeting_revision_not_found');
	return { ...found, meeting: meetingHeader(access.meeting), latest: revision === access.meeting.notesRevision };
}

/** Everyone told when notes come out: the board, the session's invitees (its guests among them) and policy staff. */
async function readersToTell(tx: Tx, meetingId: number): Promise<string[]> {
	const rows = await tx
		.selectDistinct({ id: users.id })
		.from(users)
		.leftJoin(userRoles, and(eq(userRoles.userId, users.id), inArray(userRoles.role, ['board_member', 'policy_staff'])))
		.leftJoin(meetingInvitees, and(eq(meetingInvitees.userId, users.id), eq(meetingInvitees.meetingId, meetingId)))
		.where(and(eq(users.status, 'active'), or(isNotNull(userRoles.userId), isNotNull(meetingInvitees.userId))));
	return rows.map((r) => r.id);
}

/**
 * Opens published notes for a correction: the entries become editable again
 * in the room (notes.ts writes only while notes_status is 'draft'), while
 * readers keep reading the latest revision (what they read is chosen by
 * notes_revision, never by the status) until the correction is published.
 * Asking again while a correction is open changes nothing.
 */
export async function reopenNotes(actor: Actor, meetingId: number): Promise<{ revision: number; notesStatus: 'draft' }> {
	const a = requireActive(actor);
	return transact(async (tx) => {
		const access = await meetingAccess(a, meetingId, tx);
		requireAccess(access, 'manage');
		const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
		if (!meeting) throw new DomainError('not_found', 'error_meeting_not_found');
		if (meeting.notesRevision === 0) throw new DomainError('conflict', 'error_meeting_notes_not_published');
		if (meeting.notesStatus !== 'draft') await tx.update(meetings).set({ notesStatus: 'draft', updatedAt: new Date() }).where(eq(meetings.id, meetingId));
		return { revision: meeting.notesRevision, notesStatus: 'draft' as const };
	});
}

/**
 * Publishes the notes (basedOn 0) or a correction (basedOn: the latest
 * revision, with a reason). The session's row is locked first, so two
 * coordinators pressing at once are served one after the other: the first
 * makes the revision, the second finds it made and is told (409), never a
 * second revision of the same notes. Readers are notified.
 */
export async function publishNotes(actor: Actor, meetingId: number, raw: PublishNotesInput): Promise<{ revision: number }> {
	const a = requireActive(actor);
	const input = parseInput(PublishNotesInput, raw);
	return transact(async (tx, emit) => {
		const access = await meetingAccess(a, meetingId, tx);
		requireAccess(access, 'manage');
		const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
		if (!meeting) throw new DomainError('not_found', 'error_meeting_not_found');
		if (meeting.status === 'cancelled') throw new DomainError('conflict', 'error_meeting_notes_cancelled');
		if (meeting.notesRevision !== input.basedOn)
			throw new DomainError('conflict', input.basedOn === 0 ? 'error_meeting_notes_already_published' : 'error_meeting_notes_revised_meanwhile', {
				params: { revision: meeting.notesRevision }
			});
		const { content } = await currentContent(tx, meeting);
		if (!hasNotes(content)) throw new DomainError('conflict', 'error_meeting_notes_empty');
		if (meeting.notesRevision > 0) {
			const latest = await revisionOf(tx, meetingId, meeting.notesRevision);
			if (latest && canonical(latest.content) === canonical(content)) throw new DomainError('conflict', 'error_meeting_notes_unchanged');
		}
		const revision = meeting.notesRevision + 1;
		const now = new Date();
		await tx.insert(meetingNoteRevisions).values({ meetingId, revision, content, reason: input.reason ?? '', publishedBy: a.user.id, publishedAt: now });
		await tx.update(meetings).set({ notesStatus: 'published', notesRevision: revision, updatedAt: now }).where(eq(meetings.id, meetingId));
		const readers = await readersToTell(tx, meetingId);
		await notify(
			tx,
			emit,
			readers.map((userId) => ({ userId, kind: 'meeting_notes_published' as const, actorId: a.user.id, data: { meetingId, revision, title: meeting.title } }))
		);
		return { revision };
	});
}
