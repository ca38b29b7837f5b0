/**
 * A session's notes in the live room: coordinators write entries, invited
 * board members propose them for a coordinator to accept or reject; an edit
 * names the version it started from and a stale one is refused with the
 * other writer's text; highlights keep who and when; published notes are
 * frozen; no output names who wrote an entry. Two (and more) coordinators
 * writing at once lose nothing: on Postgres (TEST_DATABASE_URL) they race on
 * real connections, on PGlite the same outcome holds serially.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { createMeeting, meetingPerson, type MeetingPerson } from '../helpers/meetings';
import { meetingNoteEntries, meetings } from '../../src/lib/server/db/schema';
import { translate } from '../../src/lib/i18n/translate';
import { ENTRIES_PER_MEETING, type MeetingRoomState, type NoteEntry } from '../../src/lib/shared/meetings-room';

const t = useServer();

let coordinator: MeetingPerson;
let board: MeetingPerson;
let otherBoard: MeetingPerson;
let uninvited: MeetingPerson;
let guest: MeetingPerson;
let member: MeetingPerson;

beforeAll(async () => {
	coordinator = await meetingPerson(t, 'Coördinator Carla', ['coordinator']);
	board = await meetingPerson(t, 'Bestuurslid Bea');
	otherBoard = await meetingPerson(t, 'Bestuurslid Bas');
	uninvited = await meetingPerson(t, 'Niet Uitgenodigd');
	guest = await meetingPerson(t, 'Beleidsmedewerker Gijs', ['policy_staff']);
	member = await meetingPerson(t, 'Lid Lotte', ['member']);
});

/** A session going on now, on its first item, with the two board members and the guest invited. */
const live = () => createMeeting({ invitees: [board.id, otherBoard.id, { userId: guest.id, kind: 'guest' }], current: 0 });

const base = (id: number) => `/api/board/sessions/${id}/room`;
const add = (id: number, who: MeetingPerson, body: Record<string, unknown>) => t.api(`${base(id)}/entries`, { method: 'POST', cookie: who.cookie, body });
const edit = (id: number, entryId: number, who: MeetingPerson, body: Record<string, unknown>) => t.api(`${base(id)}/entries/${entryId}`, { method: 'PATCH', cookie: who.cookie, body });
const state = async (id: number, who: MeetingPerson, since?: number): Promise<MeetingRoomState> => {
	const res = await t.api(`${base(id)}${since !== undefined ? `?since=${since}` : ''}`, { cookie: who.cookie });
	expect(res.status, JSON.stringify(res.body)).toBe(200);
	return res.body;
};

describe('writing and proposing', () => {
	it('a coordinator writes accepted entries; an invited board member proposes; guests, the uninvited and members may not', async () => {
		const m = await live();
		const item = m.itemIds[0]!;
		const written = await add(m.id, coordinator, { itemId: item, kind: 'decision', body: 'We vragen BZ om een overzicht van landen met een werkvergunningsverdrag.' });
		expect(written.status).toBe(201);
		expect(written.body).toMatchObject({ state: 'accepted', version: 1, kind: 'decision', owner: null, dueDate: null, highlighted: false });
		const proposed = await add(m.id, board, { itemId: item, kind: 'point', body: 'In Brazilië duurde de vergunning negen maanden.' });
		expect(proposed.status).toBe(201);
		expect(proposed.body.state).toBe('proposed');
		// A guest is in the room, but the notes are the board's: no proposing.
		expect((await add(m.id, guest, { itemId: item, kind: 'point', body: 'Mag ik ook?' })).status).toBe(403);
		// A board member who was not invited knows the session exists; a member of the group does not.
		expect((await add(m.id, uninvited, { itemId: item, kind: 'point', body: 'Ik was niet uitgenodigd.' })).status).toBe(403);
		expect((await add(m.id, member, { itemId: item, kind: 'point', body: 'Ik ben geen bestuurslid.' })).status).toBe(404);
		// An item of another session is not one of this session's.
		const other = await live();
		const wrong = await add(m.id, coordinator, { itemId: other.itemIds[0], kind: 'point', body: 'Verkeerd punt.' });
		expect(wrong.status).toBe(400);
		expect(wrong.body.field).toBe('itemId');
		const rows = await t.db.select().from(meetingNoteEntries).where(eq(meetingNoteEntries.meetingId, m.id));
		expect(rows.map((r) => r.state).sort()).toEqual(['accepted', 'proposed']);
	});

	it('a follow-up needs an owner and a due date; other kinds drop them', async () => {
		const m = await live();
		const item = m.itemIds[1]!;
		const missing = await add(m.id, coordinator, { itemId: item, kind: 'follow_up', body: 'Navragen bij HR hoe de toelage wordt uitbetaald.' });
		expect(missing.status).toBe(400);
		expect(Object.keys(missing.body.fields).sort()).toEqual(['dueDate', 'owner']);
		expect(missing.body.fields.owner).toBe(translate('error_meeting_entry_owner_required', 'en'));
		const badDate = await add(m.id, coordinator, { itemId: item, kind: 'follow_up', body: 'Navragen.', owner: 'Carla', dueDate: '2026-02-30' });
		expect(badDate.status).toBe(400);
		expect(badDate.body.field).toBe('dueDate');
		const ok = await add(m.id, coordinator, { itemId: item, kind: 'follow_up', body: 'Navragen bij HR hoe de toelage wordt uitbetaald.', owner: 'Carla (coördinator)', dueDate: '2026-07-01' });
		expect(ok.status).toBe(201);
		expect(ok.body).toMatchObject({ kind: 'follow_up', owner: 'Carla (coördinator)', dueDate: '2026-07-01' });
		const point = await add(m.id, coordinator, { itemId: item, kind: 'point', body: 'De toelage is weinig bekend.', owner: 'Iemand', dueDate: '2026-07-01' });
		expect(point.body).toMatchObject({ owner: null, dueDate: null });
		// Empty text, or only spaces, is no entry.
		expect((await add(m.id, coordinator, { itemId: item, kind: 'point', body: '   ' })).status).toBe(400);
	});

	it('a proposal reaches only coordinators and its proposer until accepted; the first decision holds', async () => {
		const m = await live();
		const proposal = (await add(m.id, board, { itemId: m.itemIds[0], kind: 'quote', body: 'Zonder werk voelde ik me onzichtbaar.' })).body as NoteEntry;
		const ids = async (who: MeetingPerson) => (await state(m.id, who)).entries.map((e) => e.id);
		expect(await ids(coordinator)).toContain(proposal.id);
		expect(await ids(board)).toContain(proposal.id);
		expect(await ids(otherBoard)).not.toContain(proposal.id);
		expect(await ids(guest)).not.toContain(proposal.id);
		// Members cannot decide, only coordinators.
		expect((await t.api(`${base(m.id)}/entries/${proposal.id}/decision`, { method: 'POST', cookie: board.cookie, body: { decision: 'accept' } })).status).toBe(403);
		const accepted = await t.api(`${base(m.id)}/entries/${proposal.id}/decision`, { method: 'POST', cookie: coordinator.cookie, body: { decision: 'accept' } });
		expect(accepted.status).toBe(200);
		expect(accepted.body.state).toBe('accepted');
		expect(accepted.body.seq).toBeGreaterThan(proposal.seq);
		expect(await ids(otherBoard)).toContain(proposal.id);
		const again = await t.api(`${base(m.id)}/entries/${proposal.id}/decision`, { method: 'POST', cookie: coordinator.cookie, body: { decision: 'reject' } });
		expect(again.status).toBe(409);
		// A rejected proposal: its proposer is told, no one else sees it.
		const second = (await add(m.id, board, { itemId: m.itemIds[0], kind: 'point', body: 'Dubbel punt.' })).body as NoteEntry;
		expect((await t.api(`${base(m.id)}/entries/${second.id}/decision`, { method: 'POST', cookie: coordinator.cookie, body: { decision: 'reject' } })).body.state).toBe('rejected');
		expect((await state(m.id, board)).entries.find((e) => e.id === second.id)?.state).toBe('rejected');
		expect(await ids(otherBoard)).not.toContain(second.id);
	});
});

describe('versions', () => {
	it('an edit from the current version is written; one from an older version is refused with the other text', async () => {
		const m = await live();
		const entry = (await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'point', body: 'Werkvergunning duurt lang.' })).body as NoteEntry;
		const first = await edit(m.id, entry.id, coordinator, { version: 1, kind: 'point', body: 'Een werkvergunning duurt vaak langer dan een half jaar.' });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ version: 2, body: 'Een werkvergunning duurt vaak langer dan een half jaar.' });
		const stale = await edit(m.id, entry.id, coordinator, { version: 1, kind: 'point', body: 'Mijn versie, begonnen voor de vorige wijziging.' });
		expect(stale.status).toBe(409);
		expect(stale.body.error).toBe('conflict');
		expect(stale.body.current).toMatchObject({ id: entry.id, version: 2, body: 'Een werkvergunning duurt vaak langer dan een half jaar.' });
		expect(stale.body.message).toBe(translate('error_meeting_entry_stale', 'en', { body: 'Een werkvergunning duurt vaak langer dan een half jaar.' }));
		expect(stale.body.message).toContain('Een werkvergunning duurt vaak langer dan een half jaar.');
		// Nothing of the stale edit was written.
		const [row] = await t.db.select().from(meetingNoteEntries).where(eq(meetingNoteEntries.id, entry.id));
		expect(row).toMatchObject({ version: 2, body: 'Een werkvergunning duurt vaak langer dan een half jaar.' });
		// Sent again from their version, it is written.
		expect((await edit(m.id, entry.id, coordinator, { version: 2, kind: 'point', body: 'Samengevoegd.' })).body.version).toBe(3);
		// A board member may not edit, not even their own proposal.
		expect((await edit(m.id, entry.id, board, { version: 3, kind: 'point', body: 'Ik pas het aan.' })).status).toBe(403);
	});

	it('a deletion names its version too; a deleted entry leaves the room list', async () => {
		const m = await live();
		const entry = (await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'point', body: 'Tijdelijk punt.' })).body as NoteEntry;
		await edit(m.id, entry.id, coordinator, { version: 1, kind: 'point', body: 'Gewijzigd punt.' });
		const stale = await t.api(`${base(m.id)}/entries/${entry.id}?version=1`, { method: 'DELETE', cookie: coordinator.cookie });
		expect(stale.status).toBe(409);
		expect(stale.body.current.body).toBe('Gewijzigd punt.');
		const before = await state(m.id, otherBoard);
		const gone = await t.api(`${base(m.id)}/entries/${entry.id}?version=2`, { method: 'DELETE', cookie: coordinator.cookie });
		expect(gone.status).toBe(200);
		expect(gone.body.seq).toBeGreaterThan(before.seq);
		const after = await state(m.id, otherBoard, before.seq);
		expect(after.entryIds).not.toContain(entry.id);
		expect(after.entries).toEqual([]);
		expect((await t.api(`${base(m.id)}/entries/${entry.id}?version=2`, { method: 'DELETE', cookie: coordinator.cookie })).status).toBe(404);
	});
});

describe('highlights and frozen notes', () => {
	it('a coordinator marks an accepted entry with who and when, and takes the mark off; proposals cannot be marked', async () => {
		const m = await live();
		const entry = (await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'quote', body: 'De school hier kost meer dan mijn salaris zou zijn.' })).body as NoteEntry;
		const mark = (who: MeetingPerson, id: number, highlighted: boolean) => t.api(`${base(m.id)}/entries/${id}/highlight`, { method: 'PUT', cookie: who.cookie, body: { highlighted } });
		expect((await mark(board, entry.id, true)).status).toBe(403);
		const marked = await mark(coordinator, entry.id, true);
		expect(marked.status).toBe(200);
		expect(marked.body.highlighted).toBe(true);
		const [row] = await t.db.select().from(meetingNoteEntries).where(eq(meetingNoteEntries.id, entry.id));
		expect(row!.highlightedBy).toBe(coordinator.id);
		expect(row!.highlightedAt).toBeInstanceOf(Date);
		// The text's version is untouched: an edit begun before the mark still goes through.
		expect(row!.version).toBe(1);
		const unmarked = await mark(coordinator, entry.id, false);
		expect(unmarked.body.highlighted).toBe(false);
		const [cleared] = await t.db.select().from(meetingNoteEntries).where(eq(meetingNoteEntries.id, entry.id));
		expect(cleared).toMatchObject({ highlightedAt: null, highlightedBy: null });
		const proposal = (await add(m.id, board, { itemId: m.itemIds[0], kind: 'point', body: 'Voorstel.' })).body as NoteEntry;
		expect((await mark(coordinator, proposal.id, true)).status).toBe(409);
	});

	it('published notes are frozen: no entry is added, edited, decided or deleted; a highlight may still be set', async () => {
		const m = await live();
		const entry = (await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'decision', body: 'We nemen dit mee naar BZ.' })).body as NoteEntry;
		await t.db.update(meetings).set({ notesStatus: 'published', notesRevision: 1 }).where(eq(meetings.id, m.id));
		const refused = await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'point', body: 'Te laat.' });
		expect(refused.status).toBe(409);
		expect(refused.body.message).toBe(translate('error_meeting_notes_frozen', 'en'));
		expect((await edit(m.id, entry.id, coordinator, { version: 1, kind: 'decision', body: 'Anders.' })).status).toBe(409);
		expect((await t.api(`${base(m.id)}/entries/${entry.id}?version=1`, { method: 'DELETE', cookie: coordinator.cookie })).status).toBe(409);
		expect((await t.api(`${base(m.id)}/entries/${entry.id}/highlight`, { method: 'PUT', cookie: coordinator.cookie, body: { highlighted: true } })).status).toBe(200);
	});
});

describe('refused entries write nothing', () => {
	it("an item of another session, or a session at its limit of entries, is refused with the reason; the room's change number stays", async () => {
		const m = await live();
		const other = await live();
		const seqOf = async () => (await t.db.select({ seq: meetings.seq }).from(meetings).where(eq(meetings.id, m.id)))[0]!.seq;
		const before = await seqOf();
		const foreign = await add(m.id, coordinator, { itemId: other.itemIds[0], kind: 'point', body: 'Verkeerde sessie.' });
		expect(foreign.status).toBe(400);
		expect(foreign.body.message).toBe(translate('error_meeting_item_unknown', 'en'));
		expect(await seqOf()).toBe(before);
		// A thousand entries, written as the room would have: the next one is refused.
		await t.db.insert(meetingNoteEntries).values(
			Array.from({ length: ENTRIES_PER_MEETING }, (_, i) => ({ meetingId: m.id, itemId: m.itemIds[0]!, kind: 'point' as const, body: `Punt ${i}`, authorId: coordinator.id }))
		);
		const full = await add(m.id, coordinator, { itemId: m.itemIds[0], kind: 'point', body: 'Eén te veel.' });
		expect(full.status).toBe(409);
		expect(full.body.message).toBe(translate('error_meeting_entries_full', 'en', { max: ENTRIES_PER_MEETING }));
		expect(await seqOf()).toBe(before);
		const [{ n }] = (await t.db.select({ n: count() }).from(meetingNoteEntries).where(eq(meetingNoteEntries.meetingId, m.id))) as [{ n: number }];
		expect(n).toBe(ENTRIES_PER_MEETING);
	});
});

describe('no names', () => {
	it('no answer about an entry carries its author, a quote least of all', async () => {
		const m = await live();
		const quote = await add(m.id, board, { itemId: m.itemIds[0], kind: 'quote', body: 'Ik wil terug, maar waar naartoe?' });
		await t.api(`${base(m.id)}/entries/${quote.body.id}/decision`, { method: 'POST', cookie: coordinator.cookie, body: { decision: 'accept' } });
		for (const who of [coordinator, board, otherBoard, guest]) {
			// Who is invited and present is named (it is about attending, not writing); the rest names no one.
			const { attendance: _a, present: _p, me, ...rest } = await state(m.id, who);
			expect(me.id).toBe(who.id);
			const text = JSON.stringify(rest);
			expect(text).toContain('Ik wil terug, maar waar naartoe?');
			expect(text).not.toContain('Bestuurslid Bea');
			expect(text).not.toContain(board.id);
			expect(text).not.toContain('authorId');
		}
		expect(Object.keys(quote.body).sort()).toEqual(['body', 'dueDate', 'highlighted', 'id', 'itemId', 'kind', 'meetingId', 'owner', 'seq', 'state', 'version']);
	});
});

describe('several coordinators at once', () => {
	it('lose nothing: every entry written, numbered once each; one edit of an entry wins, the others get its text', async () => {
		const m = await live();
		const writers = [coordinator, await meetingPerson(t, 'Coördinator Daan', ['coordinator']), await meetingPerson(t, 'Coördinator Eva', ['coordinator']), await meetingPerson(t, 'Coördinator Fatima', ['coordinator'])];
		const perWriter = 8;
		const answers = await Promise.all(
			writers.flatMap((w, wi) =>
				Array.from({ length: perWriter }, (_, i) => add(m.id, w, { itemId: m.itemIds[i % 3], kind: 'point', body: `Punt ${i + 1} van schrijver ${wi + 1}: ervaringen op de standplaats.` }))
			)
		);
		expect(answers.map((a) => a.status)).toEqual(Array(writers.length * perWriter).fill(201));
		const rows = await t.db.select().from(meetingNoteEntries).where(eq(meetingNoteEntries.meetingId, m.id));
		expect(rows).toHaveLength(writers.length * perWriter);
		expect(new Set(rows.map((r) => r.body)).size).toBe(writers.length * perWriter);
		// Each change its own number, no two alike, and the session's counter at the last.
		const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
		expect(new Set(seqs).size).toBe(seqs.length);
		const [meeting] = await t.db.select({ seq: meetings.seq }).from(meetings).where(eq(meetings.id, m.id));
		expect(meeting!.seq).toBe(seqs.at(-1));

		// All four edit one entry from the same version at once: one is written, three are told, with its text.
		const target = rows[0]!;
		const edits = await Promise.all(writers.map((w, i) => edit(m.id, target.id, w, { version: target.version, kind: 'point', body: `Versie van schrijver ${i + 1}.` })));
		const won = edits.filter((e) => e.status === 200);
		const told = edits.filter((e) => e.status === 409);
		expect(won).toHaveLength(1);
		expect(told).toHaveLength(writers.length - 1);
		for (const e of told) expect(e.body.current).toMatchObject({ version: target.version + 1, body: won[0]!.body.body });
		const [after] = await t.db.select().from(meetingNoteEntries).where(and(eq(meetingNoteEntries.id, target.id)));
		expect(after).toMatchObject({ version: target.version + 1, body: won[0]!.body.body });
	});
});
