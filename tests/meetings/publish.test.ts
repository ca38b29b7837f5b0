/**
 * After a session: publishing freezes the notes (an edit afterwards leaves
 * revision 1 as it was; a correction is revision 2, with its reason, and the
 * history is kept), who may read them (the board, policy staff, the session's
 * guests; not a plain member), readers are notified, no output carries who
 * wrote a quote, the summary goes to the group once and names no one, the
 * closing summary counts right, open follow-ups list across sessions and
 * leave when done, highlights page by cursor. Two coordinators publishing at
 * once make one revision: on Postgres (TEST_DATABASE_URL) they race on real
 * connections; on PGlite the same outcome is checked serially.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { categories, meetingInvitees, meetingNoteEntries, meetingNoteRevisions, meetings, posts, threads } from '../../src/lib/server/db/schema';
import { createMeeting } from '../helpers/meetings';
import { translate } from '../../src/lib/i18n/translate';
import type { NoteKind, NoteState } from '../../src/lib/shared/meetings';
import type { NotesContent } from '../../src/lib/shared/meetings-notes';

const t = useServer();

interface Person {
	id: string;
	name: string;
	cookie: string;
}
type Role = 'member' | 'board_member' | 'coordinator' | 'policy_staff';

let n = 0;
async function person(roles: Role[], name: string): Promise<Person> {
	const u = await t.createUser({ roles, displayName: `${name} ${++n}` });
	return { id: u.id, name: `${name} ${n}`, cookie: await t.login(u.email, u.password) };
}

let coordinator: Person;
let coordinator2: Person;
let boardMember: Person;
let policy: Person;
let member: Person;

interface Setup {
	id: number;
	items: [number, number];
}

/** A session held yesterday (or starting `startInMinutes` from now), with two agenda items and these invitees (C's factory, plus attendance). */
async function session(invitees: { who: Person; kind?: 'board' | 'guest'; attended?: boolean }[] = [], startInMinutes = -24 * 60): Promise<Setup> {
	const m = await createMeeting({
		title: 'Werk en loopbaan op de standplaats',
		startAt: new Date(Date.now() + startInMinutes * 60_000),
		meetingLink: 'https://meet.example.org/secret-link',
		createdBy: coordinator.id,
		items: [
			{ title: 'Work permits abroad', body: 'What helped, what did not.', minutes: 30 },
			{ title: 'Children’s schooling', minutes: 20 }
		],
		invitees: invitees.map((i) => ({ userId: i.who.id, kind: i.kind ?? 'board' }))
	});
	for (const i of invitees)
		if (i.attended !== undefined)
			await t.db.update(meetingInvitees).set({ attended: i.attended, attendanceSource: 'coordinator' }).where(and(eq(meetingInvitees.meetingId, m.id), eq(meetingInvitees.userId, i.who.id)));
	return { id: m.id, items: [m.itemIds[0]!, m.itemIds[1]!] };
}

async function entry(
	meetingId: number,
	itemId: number,
	kind: NoteKind,
	body: string,
	extra: { owner?: string; dueDate?: string; state?: NoteState; authorId?: string } = {}
): Promise<number> {
	const [row] = await t.db
		.insert(meetingNoteEntries)
		.values({ meetingId, itemId, kind, body, owner: extra.owner ?? null, dueDate: extra.dueDate ?? null, state: extra.state ?? 'accepted', authorId: extra.authorId ?? coordinator.id })
		.returning({ id: meetingNoteEntries.id });
	return row!.id;
}

const publish = (meetingId: number, who: Person, body: Record<string, unknown> = { basedOn: 0 }) =>
	t.api(`/api/board/sessions/${meetingId}/published-notes`, { method: 'POST', cookie: who.cookie, body });
const view = (meetingId: number, who: Person) => t.api(`/api/board/sessions/${meetingId}/published-notes`, { cookie: who.cookie });
const revisionOf = (meetingId: number, revision: number, who: Person) => t.api(`/api/board/sessions/${meetingId}/published-notes/${revision}`, { cookie: who.cookie });
const bodies = (content: NotesContent) => content.items.flatMap((i) => i.entries.map((e) => e.body));

beforeAll(async () => {
	coordinator = await person(['coordinator'], 'Marieke Coördinator');
	coordinator2 = await person(['coordinator'], 'Ruud Coördinator');
	boardMember = await person(['member', 'board_member'], 'Amira Bestuurslid');
	policy = await person(['policy_staff'], 'Pieter Beleid');
	member = await person(['member'], 'Sanne Lid');
});

describe('publishing freezes the notes', () => {
	it('revision 1 holds the accepted entries as they were; an edit afterwards changes the draft, not revision 1', async () => {
		const s = await session([{ who: boardMember, attended: true }]);
		const point = await entry(s.id, s.items[0], 'point', 'Een werkvergunning in Brazilië duurde acht maanden.');
		await entry(s.id, s.items[0], 'point', 'Nog een voorstel', { state: 'proposed', authorId: boardMember.id });
		await entry(s.id, s.items[0], 'point', 'Afgewezen voorstel', { state: 'rejected', authorId: boardMember.id });
		await entry(s.id, s.items[1], 'decision', 'We vragen het ministerie om een overzicht per land.');

		const res = await publish(s.id, coordinator);
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ revision: 1 });
		const [m] = await t.db.select().from(meetings).where(eq(meetings.id, s.id));
		expect(m).toMatchObject({ notesStatus: 'published', notesRevision: 1 });

		await t.db.update(meetingNoteEntries).set({ body: 'Veranderd na publicatie', version: 2 }).where(eq(meetingNoteEntries.id, point));
		await entry(s.id, s.items[1], 'follow_up', 'Nieuwe actie na publicatie', { owner: 'Marieke', dueDate: '2030-01-31' });

		const first = await revisionOf(s.id, 1, boardMember);
		expect(first.status).toBe(200);
		expect(bodies(first.body.content)).toEqual(['Een werkvergunning in Brazilië duurde acht maanden.', 'We vragen het ministerie om een overzicht per land.']);
		expect(first.body).toMatchObject({ revision: 1, reason: '', latest: true, publishedBy: coordinator.name });

		const read = await view(s.id, boardMember);
		expect(read.status).toBe(200);
		expect(bodies(read.body.published.content)).not.toContain('Veranderd na publicatie');
		expect(read.body.draft).toBeNull();
		expect(read.body.manage).toBe(false);

		// The coordinator sees that the notes changed since, and what waits.
		const own = await view(s.id, coordinator);
		expect(own.body.draft.changed).toBe(true);
		expect(own.body.draft.proposed).toBe(1);
		expect(own.body.draft.items[0].entries.map((e: { body: string }) => e.body)).toEqual(['Veranderd na publicatie']);
	});

	it('a correction is revision 2 with its reason; revision 1 stays readable; the history lists both, newest first', async () => {
		const s = await session();
		const point = await entry(s.id, s.items[0], 'point', 'De vergoeding voor professionele ontwikkeling is te laag.');
		expect((await publish(s.id, coordinator)).status).toBe(201);
		await t.db.update(meetingNoteEntries).set({ body: 'De vergoeding voor professionele ontwikkeling is onbekend bij partners.' }).where(eq(meetingNoteEntries.id, point));

		const noReason = await publish(s.id, coordinator2, { basedOn: 1 });
		expect(noReason.status).toBe(400);
		expect(noReason.body.field).toBe('reason');

		const corrected = await publish(s.id, coordinator2, { basedOn: 1, reason: 'Het punt ging over bekendheid, niet over de hoogte.' });
		expect(corrected.status).toBe(201);
		expect(corrected.body).toEqual({ revision: 2 });

		const read = await view(s.id, policy);
		expect(read.status).toBe(200);
		expect(read.body.published).toMatchObject({ revision: 2, reason: 'Het punt ging over bekendheid, niet over de hoogte.', publishedBy: coordinator2.name });
		expect(bodies(read.body.published.content)).toEqual(['De vergoeding voor professionele ontwikkeling is onbekend bij partners.']);
		expect(read.body.revisions.map((r: { revision: number; publishedBy: string }) => [r.revision, r.publishedBy])).toEqual([
			[2, coordinator2.name],
			[1, coordinator.name]
		]);
		const older = await revisionOf(s.id, 1, policy);
		expect(older.body.latest).toBe(false);
		expect(bodies(older.body.content)).toEqual(['De vergoeding voor professionele ontwikkeling is te laag.']);
		expect((await revisionOf(s.id, 3, policy)).status).toBe(404);

		// Nothing changed since revision 2: no empty correction.
		const same = await publish(s.id, coordinator, { basedOn: 2, reason: 'Nog eens' });
		expect(same.status).toBe(409);
		expect(same.body.message).toBe(translate('error_meeting_notes_unchanged', 'en'));
		// A correction on top of an old revision is told that a newer one exists.
		await t.db.update(meetingNoteEntries).set({ body: 'Derde tekst' }).where(eq(meetingNoteEntries.id, point));
		const stale = await publish(s.id, coordinator, { basedOn: 1, reason: 'Mijn correctie' });
		expect(stale.status).toBe(409);
		expect(stale.body.message).toBe(translate('error_meeting_notes_revised_meanwhile', 'en', { revision: 2 }));
		expect(await t.db.select({ r: meetingNoteRevisions.revision }).from(meetingNoteRevisions).where(eq(meetingNoteRevisions.meetingId, s.id))).toHaveLength(2);
	});

	it('a correction opens the entries again in the room; readers keep the latest revision until the correction is published', async () => {
		const s = await session([], -120);
		await entry(s.id, s.items[0], 'point', 'Terugkeer: inschrijven bij de gemeente duurt lang.');
		const addInRoom = (body: string) => t.api(`/api/board/sessions/${s.id}/room/entries`, { method: 'POST', cookie: coordinator.cookie, body: { itemId: s.items[1], kind: 'decision', body } });
		const reopen = (who: Person) => t.api(`/api/board/sessions/${s.id}/published-notes/correction`, { method: 'POST', cookie: who.cookie });

		expect((await reopen(coordinator)).status).toBe(409);
		expect((await publish(s.id, coordinator)).status).toBe(201);
		// Published notes are frozen in the room too.
		expect((await addInRoom('Te vroeg')).status).toBe(409);

		expect((await reopen(boardMember)).status).toBe(403);
		const opened = await reopen(coordinator);
		expect(opened.status).toBe(200);
		expect(opened.body).toEqual({ revision: 1, notesStatus: 'draft' });
		expect((await reopen(coordinator2)).status).toBe(200);
		expect((await addInRoom('We vragen een checklist voor terugkeerders.')).status).toBe(201);

		// Readers still read version 1 while the correction is open.
		const meanwhile = await view(s.id, policy);
		expect(meanwhile.status).toBe(200);
		expect(meanwhile.body.published.revision).toBe(1);
		expect(bodies(meanwhile.body.published.content)).toEqual(['Terugkeer: inschrijven bij de gemeente duurt lang.']);

		const corrected = await publish(s.id, coordinator, { basedOn: 1, reason: 'Het besluit over de checklist ontbrak.' });
		expect(corrected.status).toBe(201);
		const after = await view(s.id, policy);
		expect(after.body.meeting).toMatchObject({ notesStatus: 'published', notesRevision: 2 });
		expect(bodies(after.body.published.content)).toEqual(['Terugkeer: inschrijven bij de gemeente duurt lang.', 'We vragen een checklist voor terugkeerders.']);
		expect((await addInRoom('Weer dicht')).status).toBe(409);
	});

	it('refuses what cannot be published: nothing accepted yet, a cancelled session', async () => {
		const empty = await session();
		await entry(empty.id, empty.items[0], 'point', 'Alleen een voorstel', { state: 'proposed', authorId: boardMember.id });
		expect((await publish(empty.id, coordinator)).body.message).toBe(translate('error_meeting_notes_empty', 'en'));

		const cancelled = await session();
		await entry(cancelled.id, cancelled.items[0], 'point', 'Iets');
		await t.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, cancelled.id));
		expect((await publish(cancelled.id, coordinator)).body.message).toBe(translate('error_meeting_notes_cancelled', 'en'));
		expect(await t.db.select().from(meetingNoteRevisions).where(eq(meetingNoteRevisions.meetingId, cancelled.id))).toEqual([]);
	});

	it('closed polls are kept with their item, counts only', async () => {
		const s = await session();
		const { meetingPolls, meetingPollAnswers } = await import('../../src/lib/server/db/schema');
		const [poll] = await t.db
			.insert(meetingPolls)
			.values({ meetingId: s.id, itemId: s.items[1], question: 'Is Nederlands onderwijs op afstand goed geregeld?', options: ['Ja', 'Nee'], closedAt: new Date(), createdBy: coordinator.id })
			.returning({ id: meetingPolls.id });
		await t.db.insert(meetingPollAnswers).values([
			{ pollId: poll!.id, userId: boardMember.id, option: 1 },
			{ pollId: poll!.id, userId: member.id, option: 1 }
		]);
		// An open poll is not a result yet.
		await t.db.insert(meetingPolls).values({ meetingId: s.id, itemId: s.items[1], question: 'Nog open?', options: ['a', 'b'], createdBy: coordinator.id });
		expect((await publish(s.id, coordinator)).status).toBe(201);
		const read = await view(s.id, boardMember);
		expect(read.body.published.content.items[1].polls).toEqual([
			{ question: 'Is Nederlands onderwijs op afstand goed geregeld?', options: [{ label: 'Ja', count: 0 }, { label: 'Nee', count: 2 }], total: 2 }
		]);
		expect(JSON.stringify(read.body)).not.toContain(boardMember.id);
	});
});

describe('who may read the notes', () => {
	it('before publication: the board and guests learn they are not out yet, policy staff and plain members are told the session does not exist', async () => {
		const guest = await person(['member'], 'Gast Beleidsmedewerker');
		const s = await session([{ who: guest, kind: 'guest' }]);
		await entry(s.id, s.items[0], 'point', 'Nog concept');
		for (const who of [boardMember, guest, coordinator]) {
			const res = await view(s.id, who);
			expect(res.status, who.name).toBe(200);
			expect(res.body.published).toBeNull();
		}
		expect((await view(s.id, boardMember)).body.summary).toBeNull();
		for (const who of [policy, member]) expect((await view(s.id, who)).status, who.name).toBe(404);
	});

	it('after publication: board member yes, policy staff yes, guest invitee yes, plain member 404; only coordinators publish', async () => {
		const guest = await person(['member'], 'Gast');
		const s = await session([{ who: guest, kind: 'guest' }]);
		await entry(s.id, s.items[0], 'point', 'Gepubliceerd punt');
		expect((await publish(s.id, boardMember)).status).toBe(403);
		expect((await publish(s.id, policy)).status).toBe(403);
		expect((await publish(s.id, coordinator)).status).toBe(201);
		for (const who of [boardMember, policy, guest, coordinator]) {
			const res = await view(s.id, who);
			expect(res.status, who.name).toBe(200);
			expect(bodies(res.body.published.content)).toEqual(['Gepubliceerd punt']);
			expect((await revisionOf(s.id, 1, who)).status, who.name).toBe(200);
		}
		expect((await view(s.id, member)).status).toBe(404);
		expect((await revisionOf(s.id, 1, member)).status).toBe(404);
		expect((await view(s.id, member)).body.message).toBe(translate('error_meeting_not_found', 'en'));
		// The meeting link is no part of the notes, for anyone.
		for (const who of [boardMember, policy, guest, coordinator]) expect(JSON.stringify((await view(s.id, who)).body)).not.toContain('secret-link');
	});

	it('readers are notified (board, guests, policy staff), leading to the notes; not a plain member, not the publisher', async () => {
		const guest = await person(['member'], 'Gast');
		const s = await session([{ who: guest, kind: 'guest' }]);
		await entry(s.id, s.items[0], 'point', 'Voor de melding');
		expect((await publish(s.id, coordinator)).status).toBe(201);
		const mine = async (who: Person) =>
			((await t.api('/api/notifications?limit=50', { cookie: who.cookie })).body.items as { kind: string; href: string; data: Record<string, unknown> }[]).filter(
				(x) => x.kind === 'meeting_notes_published' && x.data.meetingId === s.id
			);
		for (const who of [boardMember, guest, policy]) {
			const got = await mine(who);
			expect(got, who.name).toHaveLength(1);
			expect(got[0]).toMatchObject({ href: `/board/sessions/${s.id}/notes`, data: { revision: 1, title: 'Werk en loopbaan op de standplaats' } });
		}
		expect(await mine(member)).toEqual([]);
		expect(await mine(coordinator)).toEqual([]);
	});
});

describe('no names', () => {
	it('a quote proposed by a board member carries no name or id in the notes, the history or the group summary', async () => {
		const quoter = await person(['member', 'board_member'], 'Citaatgever Uniek');
		const s = await session([{ who: quoter, attended: true }]);
		const quote = 'Ik heb twee jaar niet kunnen werken en niemand vroeg ernaar.';
		await entry(s.id, s.items[0], 'quote', quote, { authorId: quoter.id });
		await entry(s.id, s.items[0], 'decision', 'We zetten werkvergunningen op de agenda van het overleg.');
		await t.db.update(meetingNoteEntries).set({ highlightedAt: new Date(), highlightedBy: coordinator.id }).where(eq(meetingNoteEntries.meetingId, s.id));
		expect((await publish(s.id, coordinator)).status).toBe(201);
		for (const who of [coordinator, boardMember, policy]) {
			const text = JSON.stringify((await view(s.id, who)).body);
			expect(text).toContain(quote);
			expect(text).not.toContain(quoter.id);
			expect(text).not.toContain('Citaatgever');
		}
		const highlights = JSON.stringify((await t.api('/api/board/highlights', { cookie: coordinator.cookie })).body);
		expect(highlights).toContain(quote);
		expect(highlights).not.toContain(quoter.id);
		expect(highlights).not.toContain('Citaatgever');
		const posted = await t.api(`/api/board/sessions/${s.id}/group-summary`, { method: 'POST', cookie: coordinator.cookie, body: { language: 'nl' } });
		expect(posted.status).toBe(201);
		const [post] = await t.db.select({ body: posts.body }).from(posts).where(eq(posts.threadId, posted.body.threadId));
		expect(post!.body).not.toContain('Citaatgever');
		expect(post!.body).not.toContain(quote);
	});
});

describe('the summary for the group', () => {
	it('is posted once, in the sounding-board category, from the published notes: items, participants, decisions, follow-ups, no owners', async () => {
		const a = await person(['member', 'board_member'], 'Deelnemer');
		const b = await person(['member', 'board_member'], 'Deelnemer');
		const s = await session([{ who: a, attended: true }, { who: b, attended: true }, { who: boardMember, attended: false }]);
		await entry(s.id, s.items[0], 'point', 'Een punt dat niet in de samenvatting hoort.');
		await entry(s.id, s.items[0], 'decision', 'Een landenoverzicht van werkvergunningen komt op het platform.');
		await entry(s.id, s.items[1], 'follow_up', 'Navragen bij onderwijsbureau hoe lang de wachtlijst is.', { owner: 'Eigenaar Geheim', dueDate: '2031-04-01' });

		const early = await t.api(`/api/board/sessions/${s.id}/group-summary`, { method: 'POST', cookie: coordinator.cookie, body: { language: 'en' } });
		expect(early.status).toBe(409);
		expect(early.body.message).toBe(translate('error_meeting_summary_unpublished', 'en'));
		expect((await publish(s.id, coordinator)).status).toBe(201);
		expect((await t.api(`/api/board/sessions/${s.id}/group-summary`, { method: 'POST', cookie: boardMember.cookie, body: { language: 'en' } })).status).toBe(403);

		const res = await t.api(`/api/board/sessions/${s.id}/group-summary`, { method: 'POST', cookie: coordinator.cookie, body: { language: 'en' } });
		expect(res.status).toBe(201);
		expect(res.body.categorySlug).toBe('sounding-board');
		const [m] = await t.db.select({ summaryThreadId: meetings.summaryThreadId }).from(meetings).where(eq(meetings.id, s.id));
		expect(m!.summaryThreadId).toBe(res.body.threadId);

		// A member of the group reads it where the group's threads are.
		const thread = await t.api(`/api/threads/${res.body.threadId}`, { cookie: member.cookie });
		expect(thread.status).toBe(200);
		expect(thread.body.category.slug).toBe('sounding-board');
		const postsRes = await t.api(`/api/threads/${res.body.threadId}/posts`, { cookie: member.cookie });
		const body = postsRes.body.items[0].html as string;
		expect(body).toContain('Work permits abroad');
		expect(body).toContain('Children’s schooling');
		expect(body).toContain('Een landenoverzicht van werkvergunningen komt op het platform.');
		expect(body).toContain('Navragen bij onderwijsbureau hoe lang de wachtlijst is.');
		expect(body).toContain('2 participants');
		expect(body).toContain('1 April 2031');
		expect(body).not.toContain('Eigenaar Geheim');
		expect(body).not.toContain('Een punt dat niet in de samenvatting hoort.');
		expect(body).not.toContain(coordinator.name.split(' ')[0]);

		const again = await t.api(`/api/board/sessions/${s.id}/group-summary`, { method: 'POST', cookie: coordinator2.cookie, body: { language: 'nl' } });
		expect(again.status).toBe(409);
		expect(again.body.message).toBe(translate('error_meeting_summary_posted', 'en'));
		expect(await t.db.select().from(threads).where(eq(threads.title, thread.body.title))).toHaveLength(1);
		expect((await view(s.id, coordinator)).body.group).toMatchObject({ threadId: res.body.threadId });
	});

	it('without a category for the board, the option says so and posting is refused', async () => {
		const s = await session();
		await entry(s.id, s.items[0], 'decision', 'Besluit');
		expect((await publish(s.id, coordinator)).status).toBe(201);
		await t.db.update(categories).set({ archived: true }).where(eq(categories.slug, 'sounding-board'));
		try {
			expect((await view(s.id, coordinator)).body.group).toEqual({ categoryName: null, threadId: null });
			const res = await t.api(`/api/board/sessions/${s.id}/group-summary`, { method: 'POST', cookie: coordinator.cookie, body: { language: 'nl' } });
			expect(res.status).toBe(409);
			expect(res.body.message).toBe(translate('error_meeting_summary_no_category', 'en'));
		} finally {
			await t.db.update(categories).set({ archived: false }).where(eq(categories.slug, 'sounding-board'));
		}
		expect((await view(s.id, coordinator)).body.group.categoryName).toMatchObject({ en: 'From the sounding board' });
	});
});

describe('closing summary and follow-ups', () => {
	it('the closing summary counts attendance, items covered, points, decisions and open follow-ups', async () => {
		const x = await person(['member', 'board_member'], 'X');
		const y = await person(['member', 'board_member'], 'Y');
		const s = await session([{ who: x, attended: true }, { who: y, attended: false }, { who: boardMember, attended: true }]);
		await entry(s.id, s.items[0], 'point', 'p1');
		await entry(s.id, s.items[0], 'point', 'p2');
		await entry(s.id, s.items[0], 'quote', 'q1');
		await entry(s.id, s.items[0], 'decision', 'd1');
		const done = await entry(s.id, s.items[0], 'follow_up', 'f1', { owner: 'A', dueDate: '2020-01-01' });
		await entry(s.id, s.items[0], 'follow_up', 'f2', { owner: 'B' });
		expect((await publish(s.id, coordinator)).status).toBe(201);
		expect((await t.api(`/api/board/follow-ups/${done}/done`, { method: 'PUT', cookie: coordinator.cookie, body: { done: true } })).status).toBe(200);
		const res = await view(s.id, boardMember);
		expect(res.body.summary).toEqual({ attendance: 2, invited: 3, itemsCovered: 1, itemsTotal: 2, points: 2, quotes: 1, decisions: 1, followUps: 2, openFollowUps: 1 });
		expect(Object.keys(res.body.done)).toEqual([String(done)]);
	});

	it('open follow-ups across sessions: soonest first, overdue flagged, published ones for the board, all for coordinators; done leaves the list', async () => {
		const published = await session();
		const late = await entry(published.id, published.items[0], 'follow_up', 'Te late actie', { owner: 'Marieke', dueDate: '2021-06-30' });
		const soon = await entry(published.id, published.items[1], 'follow_up', 'Actie voor later', { owner: 'Pieter', dueDate: '2099-01-01' });
		const undated = await entry(published.id, published.items[1], 'follow_up', 'Actie zonder datum');
		await entry(published.id, published.items[1], 'follow_up', 'Voorgestelde actie', { state: 'proposed', authorId: boardMember.id });
		expect((await publish(published.id, coordinator)).status).toBe(201);
		const addedSince = await entry(published.id, published.items[1], 'follow_up', 'Toegevoegd na publicatie', { dueDate: '2098-01-01' });
		const draftOnly = await session();
		const draftAction = await entry(draftOnly.id, draftOnly.items[0], 'follow_up', 'Concept-actie', { dueDate: '2097-01-01' });

		type Row = { id: number; overdue: boolean; meeting: { id: number } };
		const all = async (who: Person): Promise<Row[]> => {
			const out: Row[] = [];
			let cursor: string | null = null;
			do {
				const res: { status: number; body: { items: Row[]; nextCursor: string | null } } = await t.api(`/api/board/follow-ups?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie: who.cookie });
				expect(res.status).toBe(200);
				out.push(...res.body.items);
				cursor = res.body.nextCursor;
			} while (cursor);
			return out;
		};
		const mineOf = (rows: Row[]) => rows.filter((r) => [published.id, draftOnly.id].includes(r.meeting.id)).map((r) => r.id);

		const boardRows = await all(boardMember);
		expect(mineOf(boardRows)).toEqual([late, soon, undated]);
		expect(boardRows.find((r) => r.id === late)!.overdue).toBe(true);
		expect(boardRows.find((r) => r.id === soon)!.overdue).toBe(false);
		expect(mineOf(await all(coordinator))).toEqual([late, draftAction, addedSince, soon, undated]);

		expect((await t.api(`/api/board/follow-ups/${late}/done`, { method: 'PUT', cookie: boardMember.cookie, body: { done: true } })).status).toBe(403);
		expect((await t.api('/api/board/follow-ups', { cookie: member.cookie })).status).toBe(403);
		expect((await t.api('/api/board/follow-ups', { cookie: policy.cookie })).status).toBe(403);
		const marked = await t.api(`/api/board/follow-ups/${late}/done`, { method: 'PUT', cookie: coordinator.cookie, body: { done: true } });
		expect(marked.status).toBe(200);
		expect(marked.body.doneAt).not.toBeNull();
		expect(mineOf(await all(boardMember))).toEqual([soon, undated]);
		// Not done after all: back in the list.
		expect((await t.api(`/api/board/follow-ups/${late}/done`, { method: 'PUT', cookie: coordinator.cookie, body: { done: false } })).body.doneAt).toBeNull();
		expect(mineOf(await all(boardMember))).toEqual([late, soon, undated]);
		// A point is not a follow-up.
		const point = await entry(published.id, published.items[0], 'point', 'Geen actie');
		expect((await t.api(`/api/board/follow-ups/${point}/done`, { method: 'PUT', cookie: coordinator.cookie, body: { done: true } })).status).toBe(404);
		expect((await t.api('/api/board/follow-ups?cursor=bm9wZQ', { cookie: coordinator.cookie })).status).toBe(400);
	});

	it('highlights page by cursor, newest mark first, with who marked them; coordinators only', async () => {
		const s = await session();
		const ids: number[] = [];
		for (let i = 0; i < 3; i++) ids.push(await entry(s.id, s.items[0], 'point', `Gemarkeerd ${i}`));
		const rejected = await entry(s.id, s.items[0], 'point', 'Afgewezen', { state: 'rejected', authorId: boardMember.id });
		for (const [i, id] of [...ids, rejected].entries())
			await t.db.update(meetingNoteEntries).set({ highlightedAt: new Date(Date.UTC(2090, 0, 1 + i)), highlightedBy: coordinator2.id }).where(eq(meetingNoteEntries.id, id));
		const first = await t.api('/api/board/highlights?limit=2', { cookie: coordinator.cookie });
		expect(first.status).toBe(200);
		expect(first.body.items.map((h: { id: number }) => h.id)).toEqual([ids[2], ids[1]]);
		expect(first.body.items[0]).toMatchObject({ highlightedBy: { id: coordinator2.id, name: coordinator2.name }, meeting: { id: s.id }, itemTitle: 'Work permits abroad' });
		const second = await t.api(`/api/board/highlights?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { cookie: coordinator.cookie });
		expect(second.body.items[0].id).toBe(ids[0]);
		expect(second.body.items.map((h: { id: number }) => h.id)).not.toContain(rejected);
		for (const who of [boardMember, policy, member]) expect((await t.api('/api/board/highlights', { cookie: who.cookie })).status, who.name).toBe(403);
		// The coordinators' notes page lists them too.
		await t.db.update(meetingNoteEntries).set({ state: 'accepted' }).where(and(eq(meetingNoteEntries.meetingId, s.id), eq(meetingNoteEntries.id, ids[0]!)));
		expect((await view(s.id, coordinator)).body.draft.highlights.map((h: { id: number }) => h.id)).toEqual([ids[2], ids[1], ids[0]]);
	});
});

describe('two coordinators publishing at once', () => {
	it('make one revision: one is published, the others are told it was published a moment ago', async () => {
		const s = await session();
		await entry(s.id, s.items[0], 'point', 'Tegelijk gepubliceerd');
		const others = await Promise.all([0, 1, 2].map(() => person(['coordinator'], 'Gelijktijdig')));
		const answers = await Promise.all([coordinator, coordinator2, ...others].map((c) => publish(s.id, c)));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses).toEqual([201, 409, 409, 409, 409]);
		for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toBe(translate('error_meeting_notes_already_published', 'en', { revision: 1 }));
		const rows = await t.db.select({ revision: meetingNoteRevisions.revision }).from(meetingNoteRevisions).where(eq(meetingNoteRevisions.meetingId, s.id));
		expect(rows).toEqual([{ revision: 1 }]);
		const [m] = await t.db.select({ notesRevision: meetings.notesRevision }).from(meetings).where(eq(meetings.id, s.id));
		expect(m!.notesRevision).toBe(1);
	});

	it('two corrections on the same revision make one: the second is told a newer version exists', async () => {
		const s = await session();
		const point = await entry(s.id, s.items[0], 'point', 'Eerste tekst');
		expect((await publish(s.id, coordinator)).status).toBe(201);
		await t.db.update(meetingNoteEntries).set({ body: 'Tweede tekst' }).where(eq(meetingNoteEntries.id, point));
		const answers = await Promise.all([coordinator, coordinator2].map((c) => publish(s.id, c, { basedOn: 1, reason: `Correctie door ${c.name}` })));
		expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
		const rows = await t.db.select({ revision: meetingNoteRevisions.revision }).from(meetingNoteRevisions).where(eq(meetingNoteRevisions.meetingId, s.id));
		expect(rows.map((r) => r.revision).sort()).toEqual([1, 2]);
	});
});
