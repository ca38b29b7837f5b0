import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db';
import {
	meetingAgendaItems,
	meetingInvitees,
	meetingNoteEntries,
	meetingNoteRevisions,
	meetingPollAnswers,
	meetingPolls,
	meetingQuestions,
	meetingQuestionVotes,
	meetings,
	userRoles,
	users
} from '../db/schema';
import { pollResultsFor } from '../meetings/polls';
import type { NotesContent } from '../../shared/meetings-notes';
import type { InviteeKind, Rsvp } from '../../shared/meetings';
import { DEMO_MEETINGS, type DemoEntry, type DemoMeeting } from './meetings-content';

/**
 * Seeds the board sessions (meetings-content.ts) inside seedDemo's
 * transaction, after the sounding board, whose active members are invited.
 * Written as rows, not through schedule.ts and the room's functions: those
 * each open a transaction of their own (this one has not committed, so they
 * would not see the board), refuse a start in the past, and send invitations
 * by email and notification that a demo should not send. The rows are those
 * the domain writes: every room change numbered (seq) in the order it was
 * made, the session's counter past them; reminders marked sent for sessions
 * whose reminders have gone (so the reminder job leaves them alone); the
 * published revisions frozen from the entries and closed polls exactly as
 * publish.ts freezes them (its poll results come from polls.ts itself).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const COORDINATOR_EMAIL = 'coordinator@example.org';
const POLICY_EMAIL = 'policy@example.org';

interface Person {
	id: string;
	name: string;
	board: boolean;
}

/** A session's start and end, and when it was scheduled. */
function timesOf(m: DemoMeeting, now: Date): { start: Date; end: Date; scheduled: Date } {
	if (m.when === 'live') {
		const start = new Date(now.getTime() - m.startedMinutesAgo * MINUTE);
		return { start, end: new Date(now.getTime() + m.endsInMinutes * MINUTE), scheduled: new Date(start.getTime() - 16 * DAY) };
	}
	const [h, min] = m.startUtc.split(':').map(Number) as [number, number];
	const day = new Date(now.getTime() + m.day * DAY);
	const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, min));
	const scheduled = new Date(Math.min(start.getTime() - 21 * DAY, now.getTime() - 9 * DAY));
	return { start, end: new Date(start.getTime() + m.minutes * MINUTE), scheduled };
}

export async function seedMeetings(tx: Tx, now = new Date()): Promise<void> {
	const at = (days: number) => new Date(now.getTime() + days * DAY);
	const dayOf = (days: number) => at(days).toISOString().slice(0, 10);

	const [coordinator] = await tx.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.email, COORDINATOR_EMAIL));
	if (!coordinator) return; // not the demo accounts: nothing to attach to
	const board: Person[] = (
		await tx
			.select({ id: users.id, name: users.displayName })
			.from(users)
			.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'board_member')))
			.where(eq(users.status, 'active'))
			.orderBy(asc(users.displayName), asc(users.id))
	).map((p) => ({ ...p, board: true }));
	const staff = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.email, [COORDINATOR_EMAIL, POLICY_EMAIL]));
	const byName = new Map<string, Person>([...staff.map((p) => [p.name, { ...p, board: false }] as const), ...board.map((p) => [p.name, p] as const)]);
	const idOf = (name: string | undefined) => (name ? byName.get(name)?.id : undefined);

	for (const m of DEMO_MEETINGS) {
		const { start, end, scheduled } = timesOf(m, now);
		const [row] = await tx
			.insert(meetings)
			.values({ title: m.title, description: m.description, startAt: start, endAt: end, meetingLink: m.meetingLink, createdBy: coordinator.id, createdAt: scheduled, updatedAt: scheduled })
			.returning({ id: meetings.id });
		const meetingId = row!.id;
		const items = await tx
			.insert(meetingAgendaItems)
			.values(m.items.map((it, i) => ({ meetingId, position: i + 1, title: it.title, body: it.body, minutes: it.minutes })))
			.returning({ id: meetingAgendaItems.id, position: meetingAgendaItems.position });
		items.sort((a, b) => a.position - b.position);
		// When each item began (as planned: time boxes back to back from the start).
		const itemStart = m.items.map((_, i) => new Date(start.getTime() + m.items.slice(0, i).reduce((n, it) => n + it.minutes, 0) * MINUTE));

		// Invitations: the active board, and the named guests (a guest who is on the board is invited as a board member).
		const invited = new Map<string, { person: Person; kind: InviteeKind }>(board.map((p) => [p.id, { person: p, kind: 'board' as const }]));
		for (const g of m.guests) {
			const p = byName.get(g);
			if (p && !invited.has(p.id)) invited.set(p.id, { person: p, kind: 'guest' });
		}
		const held = m.when === 'held';
		const attended = (p: Person): { attended: boolean | null; source: 'presence' | 'coordinator' | null } => {
			if (m.when === 'held') {
				if (m.absent.includes(p.name)) return { attended: null, source: null };
				return m.byPhone.includes(p.name) ? { attended: true, source: 'coordinator' } : { attended: true, source: 'presence' };
			}
			if (m.when === 'live' && m.present.includes(p.name)) return { attended: true, source: 'presence' };
			return { attended: null, source: null };
		};
		const invitees = [...invited.values()].map(({ person, kind }, i) => {
			const named = m.rsvps[person.name];
			const rsvp: Rsvp | null = named?.answer ?? (person.id === coordinator.id ? 'yes' : m.otherRsvp);
			// Reminders went out a day and an hour before, to all who did not say no; a planned session's are still to come.
			const reminded = m.when !== 'planned' && rsvp !== 'no';
			const { attended: came, source } = attended(person);
			return {
				meetingId,
				userId: person.id,
				kind,
				rsvp,
				rsvpNote: named?.note ?? '',
				rsvpAt: rsvp ? new Date(Math.min(now.getTime() - HOUR, scheduled.getTime() + (1 + (i % 6)) * DAY)) : null,
				attended: came,
				attendanceSource: source,
				remindedDayAt: reminded ? new Date(start.getTime() - DAY) : null,
				remindedHourAt: reminded ? new Date(start.getTime() - HOUR) : null
			};
		});
		await tx.insert(meetingInvitees).values(invitees);
		const participants = invitees.filter((i) => i.attended).map((i) => i.userId);

		// The room's changes, numbered in the order they happened: each item's entries, its poll, then the questions.
		let seq = 0;
		const written = (i: number, k: number) => new Date(Math.min(itemStart[i]!.getTime() + (k + 1) * 3 * MINUTE, now.getTime() - MINUTE));
		const correctionAt = m.when === 'held' && m.correction ? new Date(end.getTime() + m.correction.after * DAY) : null;
		const entryRows: { id: number; itemId: number; spec: DemoEntry }[] = [];
		for (const [i, item] of m.items.entries()) {
			const itemId = items[i]!.id;
			for (const [k, e] of item.entries.entries()) {
				const authorId = idOf(e.proposedBy);
				if (e.proposedBy && !authorId) continue;
				const createdAt = e.correction && correctionAt ? new Date(correctionAt.getTime() - HOUR) : written(i, k);
				const [entry] = await tx
					.insert(meetingNoteEntries)
					.values({
						meetingId,
						itemId,
						kind: e.kind,
						body: e.body,
						owner: e.owner ?? null,
						dueDate: e.due !== undefined ? dayOf(e.due) : null,
						doneAt: e.done !== undefined ? at(e.done) : null,
						state: e.proposedBy ? 'proposed' : 'accepted',
						authorId: authorId ?? coordinator.id,
						seq: ++seq,
						highlightedAt: e.highlighted !== undefined ? at(e.highlighted) : null,
						highlightedBy: e.highlighted !== undefined ? coordinator.id : null,
						createdAt,
						updatedAt: createdAt
					})
					.returning({ id: meetingNoteEntries.id });
				entryRows.push({ id: entry!.id, itemId, spec: e });
			}
			if (item.poll) {
				const asked = written(i, item.entries.length);
				const [poll] = await tx
					.insert(meetingPolls)
					.values({
						meetingId,
						itemId,
						question: item.poll.question,
						options: item.poll.options,
						closedAt: held ? new Date(asked.getTime() + 4 * MINUTE) : null,
						seq: ++seq,
						createdBy: coordinator.id,
						createdAt: asked
					})
					.returning({ id: meetingPolls.id });
				const answers = item.poll.counts.flatMap((n, option) => Array.from({ length: n }, () => option));
				const rows = answers.slice(0, participants.length).map((option, p) => ({ pollId: poll!.id, userId: participants[p]!, option }));
				if (rows.length) await tx.insert(meetingPollAnswers).values(rows);
			}
		}
		for (const [k, q] of m.questions.entries()) {
			const authorId = idOf(q.by);
			if (!authorId) continue;
			const asked = new Date(Math.min(start.getTime() + (12 + k * 9) * MINUTE, now.getTime() - 2 * MINUTE));
			// Upvoted by other participants (the coordinator, who answers them, does not vote).
			const voters = participants.filter((id) => id !== authorId && id !== coordinator.id).slice(0, q.votes);
			const [question] = await tx
				.insert(meetingQuestions)
				.values({
					meetingId,
					authorId,
					body: q.body,
					votes: voters.length,
					answeredAt: q.answered ? new Date(Math.min(asked.getTime() + 40 * MINUTE, end.getTime())) : null,
					seq: ++seq,
					createdAt: asked
				})
				.returning({ id: meetingQuestions.id });
			if (voters.length) await tx.insert(meetingQuestionVotes).values(voters.map((userId) => ({ questionId: question!.id, userId })));
		}
		const current = m.when === 'live' ? { currentItemId: items[m.currentItem]!.id, currentItemSince: new Date(now.getTime() - m.currentSinceMinutesAgo * MINUTE) } : {};
		await tx
			.update(meetings)
			.set({ seq, ...current })
			.where(eq(meetings.id, meetingId));

		if (m.when !== 'held') continue;
		// The notes as publish.ts freezes them: accepted entries per item in order, closed polls with their counts, the attendance.
		const polls = new Map((await pollResultsFor(meetingId, tx)).map((p) => [p.itemId, p.polls]));
		const contentOf = (withCorrection: boolean): NotesContent => ({
			title: m.title,
			startAt: start.toISOString(),
			endAt: end.toISOString(),
			attendance: participants.length,
			items: items.map((item, i) => ({
				id: item.id,
				position: item.position,
				title: m.items[i]!.title,
				entries: entryRows
					.filter((e) => e.itemId === item.id && !e.spec.proposedBy && (withCorrection || !e.spec.correction))
					.map((e) => ({ id: e.id, kind: e.spec.kind, body: e.spec.body, owner: e.spec.owner ?? null, dueDate: e.spec.due !== undefined ? dayOf(e.spec.due) : null })),
				polls: (polls.get(item.id) ?? []).map((p) => ({ question: p.question, options: p.options, total: p.total }))
			}))
		});
		const first = new Date(end.getTime() + m.published * DAY);
		const revisions = [{ meetingId, revision: 1, content: contentOf(!correctionAt), reason: '', publishedBy: coordinator.id, publishedAt: first }];
		if (correctionAt && m.correction)
			revisions.push({ meetingId, revision: 2, content: contentOf(true), reason: m.correction.reason, publishedBy: coordinator.id, publishedAt: correctionAt });
		await tx.insert(meetingNoteRevisions).values(revisions);
		await tx
			.update(meetings)
			.set({ notesStatus: 'published', notesRevision: revisions.length, updatedAt: revisions.at(-1)!.publishedAt })
			.where(eq(meetings.id, meetingId));
	}
}

