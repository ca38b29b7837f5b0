import { and, asc, count, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { meetingAgendaItems, meetingPollAnswers, meetingPolls, meetings } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { meetingAccess, requireAccess } from './access';
import { nextSeq } from './seq';
import type { Raw } from './note-schemas';
import { AnswerPollInput, ClosePollInput, OpenPollInput } from './poll-schemas';
import { comparePolls, POLLS_PER_MEETING, type ItemPollResults, type MeetingPoll, type MeetingPollView } from '../../shared/meetings-questions';

/**
 * Quick polls in the room: a coordinator asks a single-choice question under
 * an agenda item (the one the room is on, unless another is named),
 * participants answer once (a second answer is refused, not a change of
 * mind: the count people watch live never goes back), the counts appear live
 * to everyone in the room, never with names, and the coordinator closes it.
 * The result stays with the item: the published notes print closed polls
 * (pollResultsFor). Like the questions, every change takes the room's next
 * change number before it touches a poll, so answers are counted in order
 * and each broadcast carries the counts as of its own commit.
 */

type Reader = Db | Tx;
type PollRow = typeof meetingPolls.$inferSelect;

/** Counts per option for each poll, from the answers (meeting_poll_answers' primary key starts with the poll). */
async function countsOf(reader: Reader, polls: PollRow[]): Promise<Map<number, number[]>> {
	const out = new Map(polls.map((p) => [p.id, p.options.map(() => 0)]));
	if (polls.length === 0) return out;
	const rows = await reader
		.select({ pollId: meetingPollAnswers.pollId, option: meetingPollAnswers.option, n: count() })
		.from(meetingPollAnswers)
		.where(
			inArray(
				meetingPollAnswers.pollId,
				polls.map((p) => p.id)
			)
		)
		.groupBy(meetingPollAnswers.pollId, meetingPollAnswers.option);
	for (const r of rows) {
		const counts = out.get(r.pollId);
		if (counts && r.option < counts.length) counts[r.option] = Number(r.n);
	}
	return out;
}

const toPoll = (p: PollRow, counts: number[]): MeetingPoll => ({
	id: p.id,
	meetingId: p.meetingId,
	itemId: p.itemId,
	question: p.question,
	options: p.options.map((label, i) => ({ label, count: counts[i] ?? 0 })),
	total: counts.reduce((s, n) => s + n, 0),
	closedAt: p.closedAt?.toISOString() ?? null,
	createdAt: p.createdAt.toISOString(),
	seq: p.seq
});

async function myOptions(reader: Reader, pollIds: number[], userId: string): Promise<Map<number, number>> {
	if (pollIds.length === 0) return new Map();
	const rows = await reader
		.select({ pollId: meetingPollAnswers.pollId, option: meetingPollAnswers.option })
		.from(meetingPollAnswers)
		.where(and(inArray(meetingPollAnswers.pollId, pollIds), eq(meetingPollAnswers.userId, userId)));
	return new Map(rows.map((r) => [r.pollId, r.option]));
}

/**
 * A session's polls as `viewerId` sees them (with their own answer), open
 * ones first; only those changed after `since` when it is given (the room's
 * catch-up). No access check: callers have asked access.ts.
 */
export async function pollsFor(viewerId: string, meetingId: number, since?: number, reader: Reader = db()): Promise<MeetingPollView[]> {
	const polls = await reader
		.select()
		.from(meetingPolls)
		.where(and(eq(meetingPolls.meetingId, meetingId), since !== undefined ? gt(meetingPolls.seq, since) : undefined))
		.orderBy(asc(meetingPolls.id))
		.limit(POLLS_PER_MEETING);
	const [counts, mine] = await Promise.all([
		countsOf(reader, polls),
		myOptions(
			reader,
			polls.map((p) => p.id),
			viewerId
		)
	]);
	return polls.map((p) => ({ ...toPoll(p, counts.get(p.id)!), myOption: mine.get(p.id) ?? null })).sort(comparePolls);
}

/**
 * Closed polls per agenda item, in the order they were asked, with their
 * counts (no names): what the notes keep. Items without a closed poll are
 * left out. No access check: the notes' own functions ask it.
 */
export async function pollResultsFor(meetingId: number, reader: Reader = db()): Promise<ItemPollResults[]> {
	const polls = await reader
		.select()
		.from(meetingPolls)
		.innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, meetingPolls.itemId))
		.where(and(eq(meetingPolls.meetingId, meetingId), isNotNull(meetingPolls.closedAt)))
		.orderBy(asc(meetingAgendaItems.position), asc(meetingPolls.id));
	const counts = await countsOf(
		reader,
		polls.map((r) => r.meeting_polls)
	);
	const byItem = new Map<number, ItemPollResults>();
	for (const { meeting_polls: p } of polls) {
		const full = toPoll(p, counts.get(p.id)!);
		const poll = { id: full.id, question: full.question, options: full.options, total: full.total, closedAt: full.closedAt, createdAt: full.createdAt };
		if (!byItem.has(p.itemId)) byItem.set(p.itemId, { itemId: p.itemId, polls: [] });
		byItem.get(p.itemId)!.polls.push(poll);
	}
	return [...byItem.values()];
}

async function pollById(reader: Reader, meetingId: number, pollId: number): Promise<PollRow> {
	const [poll] = await reader
		.select()
		.from(meetingPolls)
		.where(and(eq(meetingPolls.id, pollId), eq(meetingPolls.meetingId, meetingId)));
	if (!poll) throw new DomainError('not_found', 'error_meeting_poll_not_found');
	return poll;
}

async function pollView(reader: Reader, poll: PollRow, myOption: number | null): Promise<MeetingPollView> {
	const counts = await countsOf(reader, [poll]);
	return { ...toPoll(poll, counts.get(poll.id)!), myOption };
}

/** The room's polls, for whoever may enter it. */
export async function roomPolls(actor: Actor, meetingId: number): Promise<MeetingPollView[]> {
	const a = requireActive(actor);
	requireAccess(await meetingAccess(a, meetingId), 'enterRoom');
	return pollsFor(a.user.id, meetingId);
}

/** A coordinator asks the room a single-choice question (2–6 options), under the current agenda item unless another is named. */
export async function openPoll(actor: Actor, meetingId: number, raw: Raw<OpenPollInput>): Promise<MeetingPollView> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	requireAccess(access, 'enterRoom');
	requireAccess(access, 'manage');
	const input = parseInput(OpenPollInput, raw);
	return transact(async (tx, emit) => {
		const seq = await nextSeq(tx, meetingId);
		// Read under the session's lock: the item the room is on now, not before the agenda moved on.
		const [meeting] = await tx.select({ currentItemId: meetings.currentItemId }).from(meetings).where(eq(meetings.id, meetingId));
		const itemId = input.itemId ?? meeting?.currentItemId ?? null;
		if (itemId === null) throw new DomainError('conflict', 'error_meeting_poll_no_item');
		const [item] = await tx
			.select({ id: meetingAgendaItems.id })
			.from(meetingAgendaItems)
			.where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId)));
		if (!item) throw new DomainError('invalid_input', 'error_meeting_poll_item', { field: 'itemId' });
		const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(meetingPolls).where(eq(meetingPolls.meetingId, meetingId));
		if (n >= POLLS_PER_MEETING) throw new DomainError('conflict', 'error_meeting_polls_full', { params: { max: POLLS_PER_MEETING } });
		const [poll] = await tx.insert(meetingPolls).values({ meetingId, itemId, question: input.question, options: input.options, seq, createdBy: a.user.id }).returning();
		const view = toPoll(poll!, poll!.options.map(() => 0));
		emit({ type: 'meeting.poll.changed', change: 'opened', meetingId, pollId: poll!.id, seq, poll: view });
		return { ...view, myOption: null };
	});
}

/**
 * A participant's answer: once. The answer row decides (primary key poll +
 * person, ON CONFLICT DO NOTHING), so two answers sent at once are one; the
 * second is told it already answered.
 */
export async function answerPoll(actor: Actor, meetingId: number, raw: Raw<AnswerPollInput>): Promise<MeetingPollView> {
	const a = requireActive(actor);
	requireAccess(await meetingAccess(a, meetingId), 'enterRoom');
	const input = parseInput(AnswerPollInput, raw);
	return transact(async (tx, emit) => {
		const poll = await pollById(tx, meetingId, input.pollId);
		if (poll.closedAt) throw new DomainError('conflict', 'error_meeting_poll_closed');
		if (input.option >= poll.options.length) throw new DomainError('invalid_input', 'error_meeting_poll_choose', { field: 'option' });
		const inserted = await tx
			.insert(meetingPollAnswers)
			.values({ pollId: poll.id, userId: a.user.id, option: input.option })
			.onConflictDoNothing()
			.returning({ option: meetingPollAnswers.option });
		if (inserted.length === 0) throw new DomainError('conflict', 'error_meeting_poll_answered');
		const seq = await nextSeq(tx, meetingId);
		const [updated] = await tx
			.update(meetingPolls)
			.set({ seq })
			.where(and(eq(meetingPolls.id, poll.id), sql`${meetingPolls.closedAt} is null`))
			.returning();
		// Closed while this answer waited for the room: the answer is undone with the rest of the transaction.
		if (!updated) throw new DomainError('conflict', 'error_meeting_poll_closed');
		// Counted after taking the room's number: every answer committed before this one is in the count.
		const view = await pollView(tx, updated, input.option);
		const { myOption: _mine, ...shared } = view;
		void _mine;
		emit({ type: 'meeting.poll.changed', change: 'answered', meetingId, pollId: poll.id, seq, poll: shared });
		return view;
	});
}

/** A coordinator closes a poll: no more answers; the result is kept with its item. Closing a closed poll changes nothing. */
export async function closePoll(actor: Actor, meetingId: number, raw: Raw<ClosePollInput>): Promise<MeetingPollView> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	requireAccess(access, 'enterRoom');
	requireAccess(access, 'manage');
	const input = parseInput(ClosePollInput, raw);
	return transact(async (tx, emit) => {
		const before = await pollById(tx, meetingId, input.pollId);
		const mine = (await myOptions(tx, [before.id], a.user.id)).get(before.id) ?? null;
		if (before.closedAt) return pollView(tx, before, mine);
		const seq = await nextSeq(tx, meetingId);
		const [closed] = await tx
			.update(meetingPolls)
			.set({ closedAt: sql`now()`, seq })
			.where(and(eq(meetingPolls.id, before.id), sql`${meetingPolls.closedAt} is null`))
			.returning();
		// Another coordinator closed it while this waited for the room: theirs stands.
		if (!closed) return pollView(tx, await pollById(tx, meetingId, before.id), mine);
		const view = await pollView(tx, closed, mine);
		const { myOption: _mine, ...shared } = view;
		void _mine;
		emit({ type: 'meeting.poll.changed', change: 'closed', meetingId, pollId: before.id, seq, poll: shared });
		return view;
	});
}
