import { and, asc, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sleep, useServer } from '../helpers/server';
import { join } from '../helpers/sockets';
import { meetingAgendaItems, meetingInvitees, meetingNoteEntries, meetingNoteRevisions, meetingQuestions, meetings, users } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { DEMO_MEETINGS } from '../../src/lib/server/demo/meetings-content';
import { translate } from '../../src/lib/i18n/translate';
import { NOTE_KINDS } from '../../src/lib/shared/meetings';
import { meetingRoom } from '../../src/lib/shared/rooms';
import type { NotesContent, NotesView } from '../../src/lib/shared/meetings-notes';
import type { MeetingRoomState } from '../../src/lib/shared/meetings-room';

/**
 * The demo's board sessions (src/lib/server/demo/meetings-content.ts), as
 * every test server starts with them: two held with published notes, one
 * later this week with answers, one going on now that the demo coordinator
 * and board member can open.
 */

const t = useServer();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function demoSessions() {
	const rows = await t.db
		.select()
		.from(meetings)
		.where(
			inArray(
				meetings.title,
				DEMO_MEETINGS.map((m) => m.title)
			)
		)
		.orderBy(asc(meetings.startAt));
	const byKind = (when: (typeof DEMO_MEETINGS)[number]['when']) => rows.filter((r) => DEMO_MEETINGS.find((m) => m.title === r.title)!.when === when);
	return { rows, held: byKind('held'), planned: byKind('planned')[0]!, live: byKind('live')[0]! };
}

const idOf = async (email: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

describe('the demo board sessions', () => {
	it('are two held with published notes, one later this week, one going on now', async () => {
		const { rows, held, planned, live } = await demoSessions();
		const now = Date.now();
		console.log(rows.map((r) => `${r.title}: ${r.startAt.toISOString()}–${r.endAt.toISOString()}, notes ${r.notesStatus} r${r.notesRevision}`).join('\n'));
		expect(rows).toHaveLength(4);
		expect(held).toHaveLength(2);
		for (const m of held) {
			expect(m.endAt.getTime()).toBeLessThan(now);
			expect(m.notesStatus).toBe('published');
			const revisions = await t.db.select().from(meetingNoteRevisions).where(eq(meetingNoteRevisions.meetingId, m.id));
			expect(revisions.map((r) => r.revision).sort()).toEqual(Array.from({ length: m.notesRevision }, (_, i) => i + 1));
			expect(m.currentItemId).toBeNull();
		}
		// One was corrected: the first publication kept, the correction with its reason.
		expect(held.map((m) => m.notesRevision).sort()).toEqual([1, 2]);
		expect(planned.startAt.getTime()).toBeGreaterThan(now + 2 * DAY);
		expect(planned.startAt.getTime()).toBeLessThan(now + 7 * DAY);
		expect(planned.notesRevision).toBe(0);
		// Live: started about 20 minutes before the demo was seeded, ends 70 minutes after, on an item of its own agenda.
		// Measured from the seeding (the demo accounts' creation), not from now: on PGlite every file copies one database
		// seeded when the run began, which can be many minutes before this test runs.
		const [{ seededAt } = { seededAt: new Date(0) }] = await t.db.select({ seededAt: users.createdAt }).from(users).where(eq(users.email, 'coordinator@example.org'));
		const seeded = seededAt.getTime();
		expect(live.startAt.getTime()).toBeLessThan(seeded - 15 * MINUTE);
		expect(live.startAt.getTime()).toBeGreaterThan(seeded - 25 * MINUTE);
		expect(live.endAt.getTime() - live.startAt.getTime()).toBe(90 * MINUTE);
		expect(live.endAt.getTime()).toBeGreaterThan(seeded + 60 * MINUTE);
		const items = await t.db.select({ id: meetingAgendaItems.id }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, live.id));
		expect(items.map((i) => i.id)).toContain(live.currentItemId);
		expect(live.currentItemSince!.getTime()).toBeLessThan(now);
		expect(live.currentItemSince!.getTime()).toBeGreaterThan(live.startAt.getTime());
		// Every room change is numbered, and the session's counter is past them all (a returning browser asks after it).
		for (const m of rows) {
			const entries = await t.db.select({ seq: meetingNoteEntries.seq }).from(meetingNoteEntries).where(eq(meetingNoteEntries.meetingId, m.id));
			const questions = await t.db.select({ seq: meetingQuestions.seq }).from(meetingQuestions).where(eq(meetingQuestions.meetingId, m.id));
			const seqs = [...entries, ...questions].map((r) => r.seq);
			for (const s of seqs) expect(s).toBeGreaterThan(0);
			expect(new Set(seqs).size).toBe(seqs.length);
			expect(m.seq).toBeGreaterThanOrEqual(Math.max(0, ...seqs));
		}
	});

	it('have published notes readable by policy staff: every kind of entry, a closed poll, the attendance, no names; the frozen notes are what publishing freezes', async () => {
		const { held } = await demoSessions();
		const policy = await t.login('policy@example.org');
		const coordinator = await t.login('coordinator@example.org');
		const invitees = await t.db.select({ userId: meetingInvitees.userId }).from(meetingInvitees);
		const kinds = new Set<string>();
		let polls = 0;
		for (const m of held) {
			const res = await t.api<NotesView>(`/api/board/sessions/${m.id}/published-notes`, { cookie: policy });
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			const content = res.body.published!.content as NotesContent;
			expect(res.body.published!.revision).toBe(m.notesRevision);
			expect(content.title).toBe(m.title);
			for (const e of content.items.flatMap((i) => i.entries)) kinds.add(e.kind);
			for (const p of content.items.flatMap((i) => i.polls)) {
				polls++;
				expect(p.total).toBeGreaterThan(0);
				expect(p.options.reduce((n, o) => n + o.count, 0)).toBe(p.total);
			}
			const [{ n: attended }] = (await t.db.select({ n: count() }).from(meetingInvitees).where(and(eq(meetingInvitees.meetingId, m.id), eq(meetingInvitees.attended, true)))) as [{ n: number }];
			expect(content.attendance).toBe(attended);
			expect(attended).toBeGreaterThan(8);
			expect(res.body.summary!.attendance).toBe(attended);
			// Quotes (and every other entry) without who wrote them.
			const text = JSON.stringify(res.body);
			for (const i of invitees) expect(text).not.toContain(i.userId);
			// Answered questions in the room.
			const answered = await t.db.select({ id: meetingQuestions.id }).from(meetingQuestions).where(and(eq(meetingQuestions.meetingId, m.id), isNotNull(meetingQuestions.answeredAt)));
			expect(answered.length).toBeGreaterThanOrEqual(2);
			// Publishing again changes nothing: the seeded revision is exactly what publish.ts would freeze from these rows.
			const again = await t.api(`/api/board/sessions/${m.id}/published-notes`, { method: 'POST', cookie: coordinator, body: { basedOn: m.notesRevision, reason: 'Nog eens' } });
			expect(again.status).toBe(409);
			expect(['nl', 'en'].map((l) => translate('error_meeting_notes_unchanged', l as 'nl' | 'en'))).toContain(again.body.message);
		}
		expect([...kinds].sort()).toEqual([...NOTE_KINDS].sort());
		expect(polls).toBeGreaterThanOrEqual(1);

		// The corrected one: revision 1 lacks the point added in the correction, and both stay readable.
		const corrected = held.find((m) => m.notesRevision === 2)!;
		const first = await t.api(`/api/board/sessions/${corrected.id}/published-notes/1`, { cookie: policy });
		const second = await t.api(`/api/board/sessions/${corrected.id}/published-notes/2`, { cookie: policy });
		expect(first.status).toBe(200);
		expect(second.body.reason).not.toBe('');
		const entriesOf = (c: NotesContent) => c.items.flatMap((i) => i.entries).length;
		expect(entriesOf(second.body.content)).toBe(entriesOf(first.body.content) + 1);
	});

	it('leave one follow-up open for the board, and one highlight for the coordinator', async () => {
		const { held } = await demoSessions();
		const ids = held.map((m) => m.id);
		const board = await t.login('board@example.org');
		const coordinator = await t.login('coordinator@example.org');
		const open = await t.api('/api/board/follow-ups?limit=100', { cookie: board });
		expect(open.status).toBe(200);
		const ours = (open.body.items as { meeting: { id: number }; owner: string; dueDate: string; overdue: boolean }[]).filter((f) => ids.includes(f.meeting.id));
		expect(ours).toHaveLength(1);
		expect(ours[0]!.owner).toBeTruthy();
		expect(ours[0]!.overdue).toBe(false);
		const done = await t.db
			.select({ id: meetingNoteEntries.id })
			.from(meetingNoteEntries)
			.where(and(inArray(meetingNoteEntries.meetingId, ids), eq(meetingNoteEntries.kind, 'follow_up'), isNotNull(meetingNoteEntries.doneAt)));
		expect(done.length).toBeGreaterThanOrEqual(2);
		const highlights = await t.api('/api/board/highlights?limit=100', { cookie: coordinator });
		expect(highlights.status).toBe(200);
		const marked = (highlights.body.items as { meeting: { id: number }; highlightedBy: { id: string } | null }[]).filter((h) => ids.includes(h.meeting.id));
		expect(marked).toHaveLength(1);
		expect(marked[0]!.highlightedBy?.id).toBe(await idOf('coordinator@example.org'));
	});

	it('has answers for the session later this week (yes, no, maybe), one access note that only coordinators read, and policy@example.org as a guest', async () => {
		const { planned } = await demoSessions();
		const invitees = await t.db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, planned.id));
		const answers = new Set(invitees.map((i) => i.rsvp));
		expect([...answers].sort()).toEqual(['maybe', 'no', 'yes', null].sort());
		const notes = invitees.filter((i) => i.rsvpNote !== '');
		expect(notes).toHaveLength(1);
		expect(invitees.find((i) => i.userId === notes[0]!.userId)!.rsvp).toBe('yes');
		const policyId = await idOf('policy@example.org');
		expect(invitees.find((i) => i.userId === policyId)?.kind).toBe('guest');
		// Reminders are still to come.
		for (const i of invitees) expect([i.remindedDayAt, i.remindedHourAt]).toEqual([null, null]);

		const coordinatorView = await t.api(`/api/board/sessions/${planned.id}`, { cookie: await t.login('coordinator@example.org') });
		expect(coordinatorView.status).toBe(200);
		expect(JSON.stringify(coordinatorView.body)).toContain(notes[0]!.rsvpNote);
		const boardView = await t.api(`/api/board/sessions/${planned.id}`, { cookie: await t.login('board@example.org') });
		expect(boardView.status).toBe(200);
		expect(JSON.stringify(boardView.body)).not.toContain(notes[0]!.rsvpNote);
		// board@example.org has not answered yet: the demo lets her.
		expect(boardView.body.me).toMatchObject({ kind: 'board', rsvp: null });
		const policyView = await t.api(`/api/board/sessions/${planned.id}`, { cookie: await t.login('policy@example.org') });
		expect(policyView.status).toBe(200);
		expect(policyView.body.meetingLink).toBe(DEMO_MEETINGS.find((m) => m.when === 'planned')!.meetingLink);
	});

	it('lets board@example.org and coordinator@example.org open the live session and join its room; a partner who is not invited may not', async () => {
		const { live } = await demoSessions();
		const board = await t.login('board@example.org');
		const coordinator = await t.login('coordinator@example.org');
		const upcoming = await t.api('/api/board/sessions?limit=50', { cookie: board });
		expect(upcoming.status).toBe(200);
		expect((upcoming.body.items as { id: number; invited: boolean }[]).find((s) => s.id === live.id)).toMatchObject({ invited: true });

		for (const [who, cookie] of [
			['board', board],
			['coordinator', coordinator]
		] as const) {
			const state = await t.api<MeetingRoomState<{ questions: { body: string; answeredAt: string | null }[] }>>(`/api/board/sessions/${live.id}/room`, { cookie });
			expect(state.status, who).toBe(200);
			expect(state.body.agenda.currentItemId).toBe(live.currentItemId);
			expect(state.body.entries.filter((e) => e.state === 'accepted').length, who).toBeGreaterThanOrEqual(2);
			expect(state.body.sections.questions.filter((q) => q.answeredAt === null).length, who).toBeGreaterThanOrEqual(1);
			// A proposal from board@example.org waits for the coordinator: both see it, no one else.
			expect(state.body.entries.filter((e) => e.state === 'proposed'), who).toHaveLength(1);
			const socket = await t.connect(cookie);
			expect(await join(socket, meetingRoom(live.id)), who).toEqual({ ok: true });
			socket.close();
		}
		// Opening the room during the session records board@example.org present.
		const amira = await idOf('board@example.org');
		let attended: boolean | null = null;
		for (let i = 0; i < 50 && !attended; i++) {
			await sleep(50);
			[{ attended }] = (await t.db
				.select({ attended: meetingInvitees.attended })
				.from(meetingInvitees)
				.where(and(eq(meetingInvitees.meetingId, live.id), eq(meetingInvitees.userId, amira)))) as [{ attended: boolean | null }];
		}
		expect(attended).toBe(true);

		const member = await t.login('member@example.org');
		expect((await t.api(`/api/board/sessions/${live.id}/room`, { cookie: member })).status).toBe(404);
		const outsider = await t.connect(member);
		expect((await join(outsider, meetingRoom(live.id))).ok).toBe(false);
		outsider.close();
		const other = await t.login('willemijn.deboer@example.org');
		const state = await t.api<MeetingRoomState>(`/api/board/sessions/${live.id}/room`, { cookie: other });
		expect(state.status).toBe(200);
		expect(state.body.entries.filter((e) => e.state === 'proposed')).toEqual([]);
	});

	it('is seeded once: starting again leaves the sessions as they are', async () => {
		const before = await t.db.select({ id: meetings.id, seq: meetings.seq }).from(meetings).orderBy(asc(meetings.id));
		expect(await seedDemo()).toBe(false);
		expect(await t.db.select({ id: meetings.id, seq: meetings.seq }).from(meetings).orderBy(asc(meetings.id))).toEqual(before);
	});
});
