import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, prepared, publishCommitted, sqlState, transact } from '../runtime';
import { meetingAgendaItems, meetingNoteEntries, meetings } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import type { DomainEvent } from '../events/types';
import { meetingAccess, requireAccess, type MeetingAccess } from './access';
import { nextSeq, nextSeqWithNotes } from './seq';
import { NoteEntryDecision, NoteEntryDelete, NoteEntryEdit, NoteEntryHighlight, NoteEntryInput, type Raw } from './note-schemas';
import { ENTRIES_PER_MEETING, type NoteEntry } from '../../shared/meetings-room';

/**
 * The notes of a session, as entries under its agenda items: each entry a row
 * of its own, so two people writing at once each add theirs and nothing is
 * overwritten. Coordinators write entries as accepted; invited board members
 * propose them, and a coordinator accepts or rejects. An edit (and a
 * deletion) names the version it started from: when someone else changed the
 * entry meanwhile it is refused with their text (StaleEntry), never written
 * over it. Every change takes the room's next change number first (seq.ts),
 * which also locks the session's row until the commit: changes to one room
 * are numbered in commit order, and the notes' status (draft or published)
 * read after it cannot change under the writer. Notes can change only while
 * draft (publishing is publish.ts's); a highlight is a mark, not a change of
 * the text, and may be set on published notes too.
 *
 * No entry leaves here with its author: a quote is recorded without a name,
 * and the room needs none for the rest.
 */

type Reader = Db | Tx;
type Emit = (event: DomainEvent) => void;

/** Someone changed the entry since the writer began: their text is in `current`, the message says so. */
export class StaleEntry extends DomainError {
	readonly current: NoteEntry;
	constructor(current: NoteEntry) {
		super('conflict', 'error_meeting_entry_stale', { field: 'body', params: { body: current.body } });
		this.current = current;
	}
}

const entryColumns = {
	id: meetingNoteEntries.id,
	meetingId: meetingNoteEntries.meetingId,
	itemId: meetingNoteEntries.itemId,
	kind: meetingNoteEntries.kind,
	body: meetingNoteEntries.body,
	owner: meetingNoteEntries.owner,
	dueDate: meetingNoteEntries.dueDate,
	state: meetingNoteEntries.state,
	version: meetingNoteEntries.version,
	seq: meetingNoteEntries.seq,
	highlightedAt: meetingNoteEntries.highlightedAt,
	authorId: meetingNoteEntries.authorId
};
type EntryRow = Pick<typeof meetingNoteEntries.$inferSelect, keyof typeof entryColumns>;

export const toEntry = (r: Omit<EntryRow, 'authorId'>): NoteEntry => ({
	id: r.id,
	meetingId: r.meetingId,
	itemId: r.itemId,
	kind: r.kind,
	body: r.body,
	owner: r.owner,
	dueDate: r.dueDate,
	state: r.state,
	version: r.version,
	seq: r.seq,
	highlighted: r.highlightedAt !== null
});

/** Which entries a reader is shown: accepted ones to all; proposals (and their rejection) to coordinators and whoever proposed them. */
function shownTo(access: MeetingAccess, viewerId: string): SQL | undefined {
	if (access.manage) return undefined;
	return or(eq(meetingNoteEntries.state, 'accepted'), eq(meetingNoteEntries.authorId, viewerId));
}

/** The entries `viewerId` is shown, by item and age; only those changed after `since` when it is more than 0. No access check: callers asked access.ts. */
export async function entriesFor(access: MeetingAccess, viewerId: string, since = 0, reader: Reader = db()): Promise<NoteEntry[]> {
	const rows = await reader
		.select(entryColumns)
		.from(meetingNoteEntries)
		.innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, meetingNoteEntries.itemId))
		.where(and(eq(meetingNoteEntries.meetingId, access.meeting.id), shownTo(access, viewerId), since > 0 ? gt(meetingNoteEntries.seq, since) : undefined))
		.orderBy(asc(meetingAgendaItems.position), asc(meetingNoteEntries.id))
		.limit(ENTRIES_PER_MEETING + 50);
	return rows.map(toEntry);
}

/** Every entry id `viewerId` is shown now: a returning browser drops the ones it has that are not here. */
export async function entryIdsFor(access: MeetingAccess, viewerId: string, reader: Reader = db()): Promise<number[]> {
	const rows = await reader
		.select({ id: meetingNoteEntries.id })
		.from(meetingNoteEntries)
		.where(and(eq(meetingNoteEntries.meetingId, access.meeting.id), shownTo(access, viewerId)))
		.orderBy(asc(meetingNoteEntries.id))
		.limit(ENTRIES_PER_MEETING + 50);
	return rows.map((r) => r.id);
}

/** The session's access, for writing notes: a standing session (not cancelled) the actor may enter. */
async function writerAccess(actor: Actor, meetingId: number): Promise<{ access: MeetingAccess; userId: string }> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	requireAccess(access, 'enterRoom');
	return { access, userId: a.user.id };
}

/** The room's next change number, taken under the session's lock; notes may change only while they are a draft. */
async function draftSeq(tx: Tx, meetingId: number): Promise<number> {
	const { seq, notesStatus } = await nextSeqWithNotes(tx, meetingId);
	if (notesStatus !== 'draft') throw new DomainError('conflict', 'error_meeting_notes_frozen');
	return seq;
}

async function entryRow(tx: Tx, meetingId: number, entryId: number): Promise<EntryRow | undefined> {
	const [row] = await tx
		.select(entryColumns)
		.from(meetingNoteEntries)
		.where(and(eq(meetingNoteEntries.id, entryId), eq(meetingNoteEntries.meetingId, meetingId)));
	return row;
}

const emitEntry = (emit: Emit, change: Extract<DomainEvent, { type: 'meeting.entry.changed' }>['change'], row: EntryRow): NoteEntry => {
	const entry = toEntry(row);
	emit({ type: 'meeting.entry.changed', change, meetingId: row.meetingId, entry, authorId: row.authorId });
	return entry;
};

/**
 * A new entry under one of the session's agenda items: accepted when a
 * coordinator writes it, proposed when an invited board member does (a guest
 * who is not on the board may not).
 */
export async function addEntry(actor: Actor, meetingId: number, raw: Raw<NoteEntryInput>): Promise<NoteEntry> {
	const { access, userId } = await writerAccess(actor, meetingId);
	requireAccess(access, 'proposeNotes');
	const input = parseInput(NoteEntryInput, raw);
	const state = access.manage ? 'accepted' : 'proposed';
	let row: EntryRow | undefined;
	try {
		[row] = await addEntryQuery().execute({ meeting: meetingId, item: input.itemId, kind: input.kind, body: input.body, owner: input.owner, dueDate: input.dueDate, state, author: userId });
	} catch (err) {
		// The change number came back empty (a check failed; nothing was written), or the item went meanwhile: say which.
		if (sqlState(err) === '23502' || sqlState(err) === '23503') throw await entryRefusal(meetingId, input.itemId);
		throw err;
	}
	const entry = toEntry(row!);
	publishCommitted({ type: 'meeting.entry.changed', change: 'created', meetingId, entry, authorId: row!.authorId });
	return entry;
}

/**
 * A new entry in one statement, the room's hottest write: the session's next
 * change number is taken (locking its row until the statement ends, so entries
 * are numbered in commit order) only while the notes are a draft, the item is
 * this session's and the session has room for another entry; otherwise the
 * number is null and the insert refuses it (NOT NULL), writing nothing. The
 * count is read as the statement began: writers racing at the very limit may
 * pass it together, by one each; it bounds a session's notes, not exactly.
 */
const addEntryQuery = () =>
	prepared('meeting_entry_add', (d) => {
		const P = sql.placeholder;
		const taken = d.$with('taken').as(
			d
				.update(meetings)
				.set({ seq: sql`${meetings.seq} + 1` })
				.where(
					and(
						eq(meetings.id, P('meeting')),
						eq(meetings.notesStatus, 'draft'),
						sql`exists (select 1 from ${meetingAgendaItems} where ${meetingAgendaItems.id} = ${P('item')} and ${meetingAgendaItems.meetingId} = ${meetings.id})`,
						sql`(select count(*) from ${meetingNoteEntries} where ${meetingNoteEntries.meetingId} = ${meetings.id}) < ${ENTRIES_PER_MEETING}`
					)
				)
				.returning({ seq: meetings.seq })
		);
		return d
			.with(taken)
			.insert(meetingNoteEntries)
			.values({ meetingId: P('meeting'), itemId: P('item'), kind: P('kind'), body: P('body'), owner: P('owner'), dueDate: P('dueDate'), state: P('state'), authorId: P('author'), seq: sql`(select ${taken.seq} from ${taken})` })
			.returning(entryColumns)
			.prepare('meeting_entry_add');
	});

/** Why a new entry was refused: the notes are published, the item is not this session's, or the session is full. */
async function entryRefusal(meetingId: number, itemId: number): Promise<DomainError> {
	const [facts] = await db()
		.select({
			notesStatus: meetings.notesStatus,
			item: sql<boolean>`exists (select 1 from ${meetingAgendaItems} where ${meetingAgendaItems.id} = ${itemId} and ${meetingAgendaItems.meetingId} = ${meetingId})`
		})
		.from(meetings)
		.where(eq(meetings.id, meetingId));
	if (!facts) return new DomainError('not_found', 'error_meeting_not_found');
	if (facts.notesStatus !== 'draft') return new DomainError('conflict', 'error_meeting_notes_frozen');
	if (!facts.item) return new DomainError('invalid_input', 'error_meeting_item_unknown', { field: 'itemId' });
	return new DomainError('conflict', 'error_meeting_entries_full', { params: { max: ENTRIES_PER_MEETING } });
}

/** For a coordinator's change to the notes: a standing session they run. (An entry of another session is not found through this one.) */
async function coordinatorAccess(actor: Actor, meetingId: number): Promise<{ access: MeetingAccess; userId: string }> {
	const w = await writerAccess(actor, meetingId);
	requireAccess(w.access, 'manage');
	return w;
}

/**
 * A coordinator's edit: written only over the version it started from. When
 * someone changed the entry meanwhile, nothing is written and the writer gets
 * their text (StaleEntry, 409), to merge by hand and send again.
 */
export async function editEntry(actor: Actor, meetingId: number, entryId: number, raw: Raw<NoteEntryEdit>): Promise<NoteEntry> {
	await coordinatorAccess(actor, meetingId);
	const input = parseInput(NoteEntryEdit, raw);
	return transact(async (tx, emit) => {
		const seq = await draftSeq(tx, meetingId);
		const [row] = await tx
			.update(meetingNoteEntries)
			.set({ kind: input.kind, body: input.body, owner: input.owner, dueDate: input.dueDate, version: sql`${meetingNoteEntries.version} + 1`, seq, updatedAt: new Date() })
			.where(
				and(
					eq(meetingNoteEntries.id, entryId),
					eq(meetingNoteEntries.meetingId, meetingId),
					eq(meetingNoteEntries.version, input.version),
					sql`${meetingNoteEntries.state} <> 'rejected'`
				)
			)
			.returning(entryColumns);
		if (row) return emitEntry(emit, 'edited', row);
		const current = await entryRow(tx, meetingId, entryId);
		if (!current) throw new DomainError('not_found', 'error_meeting_entry_not_found');
		if (current.state === 'rejected') throw new DomainError('conflict', 'error_meeting_entry_decided');
		throw new StaleEntry(toEntry(current));
	});
}

/** A coordinator deletes an entry (a proposal too), as of the version they saw. */
export async function deleteEntry(actor: Actor, meetingId: number, entryId: number, raw: Raw<NoteEntryDelete>): Promise<{ id: number; seq: number }> {
	await coordinatorAccess(actor, meetingId);
	const input = parseInput(NoteEntryDelete, raw);
	return transact(async (tx, emit) => {
		const seq = await draftSeq(tx, meetingId);
		const [row] = await tx
			.delete(meetingNoteEntries)
			.where(and(eq(meetingNoteEntries.id, entryId), eq(meetingNoteEntries.meetingId, meetingId), eq(meetingNoteEntries.version, input.version)))
			.returning(entryColumns);
		if (row) {
			emitEntry(emit, 'deleted', { ...row, seq });
			return { id: entryId, seq };
		}
		const current = await entryRow(tx, meetingId, entryId);
		if (!current) throw new DomainError('not_found', 'error_meeting_entry_not_found');
		throw new StaleEntry(toEntry(current));
	});
}

/** A coordinator takes a proposal into the notes or leaves it out; the first decision holds (a second is told so). */
export async function decideEntry(actor: Actor, meetingId: number, entryId: number, raw: Raw<NoteEntryDecision>): Promise<NoteEntry> {
	await coordinatorAccess(actor, meetingId);
	const input = parseInput(NoteEntryDecision, raw);
	return transact(async (tx, emit) => {
		const seq = await draftSeq(tx, meetingId);
		const [row] = await tx
			.update(meetingNoteEntries)
			.set({ state: input.decision === 'accept' ? 'accepted' : 'rejected', seq, updatedAt: new Date() })
			.where(and(eq(meetingNoteEntries.id, entryId), eq(meetingNoteEntries.meetingId, meetingId), eq(meetingNoteEntries.state, 'proposed')))
			.returning(entryColumns);
		if (row) return emitEntry(emit, input.decision === 'accept' ? 'accepted' : 'rejected', row);
		if (!(await entryRow(tx, meetingId, entryId))) throw new DomainError('not_found', 'error_meeting_entry_not_found');
		throw new DomainError('conflict', 'error_meeting_entry_decided');
	});
}

/**
 * Marks an accepted entry as a highlight (a candidate for an insight in the
 * policy loop), with who and when, or takes the mark off. Coordinators, in
 * draft and published notes alike: the mark is not part of the text.
 */
export async function highlightEntry(actor: Actor, meetingId: number, entryId: number, raw: Raw<NoteEntryHighlight>): Promise<NoteEntry> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	requireAccess(access, 'manage');
	const input = parseInput(NoteEntryHighlight, raw);
	return transact(async (tx, emit) => {
		const current = await entryRow(tx, meetingId, entryId);
		if (!current) throw new DomainError('not_found', 'error_meeting_entry_not_found');
		if (current.state !== 'accepted') throw new DomainError('conflict', 'error_meeting_entry_highlight_state');
		// Already so: nothing to number or announce.
		if ((current.highlightedAt !== null) === input.highlighted) return toEntry(current);
		const seq = await nextSeq(tx, meetingId);
		const [row] = await tx
			.update(meetingNoteEntries)
			.set(input.highlighted ? { highlightedAt: new Date(), highlightedBy: a.user.id, seq } : { highlightedAt: null, highlightedBy: null, seq })
			.where(and(eq(meetingNoteEntries.id, entryId), eq(meetingNoteEntries.meetingId, meetingId)))
			.returning(entryColumns);
		return emitEntry(emit, 'highlighted', row!);
	});
}
