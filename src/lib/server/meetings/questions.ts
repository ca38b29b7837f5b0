import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { meetingQuestions, meetingQuestionVotes, users } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { meetingAccess, requireAccess } from './access';
import { nextSeq } from './seq';
import type { Raw } from './note-schemas';
import { AnswerQuestionInput, AskQuestionInput, VoteQuestionInput } from './question-schemas';
import { compareQuestions, QUESTIONS_PER_MEETING, type MeetingQuestion, type MeetingQuestionView } from '../../shared/meetings-questions';

/**
 * The room's question queue: participants (whoever may enter the room) ask
 * and upvote, a coordinator marks questions answered. One vote per person per
 * question, kept exact under many voters at once: the vote row decides (its
 * primary key, ON CONFLICT DO NOTHING), and the counter moves only when a row
 * was written or removed, in the same transaction. You cannot upvote your own
 * question: asking it was your vote. Every change takes the room's next change
 * number (seq.ts) before it touches a question, so changes to one room are
 * numbered, and locks taken, in one order (the session's row, then the
 * question's): a returning browser asks for what came after the number it saw.
 * Access is asked before the input is read, so whoever may not act is told
 * so (403/404) rather than what was wrong with their form.
 */

type Reader = Db | Tx;

const questionColumns = {
	id: meetingQuestions.id,
	meetingId: meetingQuestions.meetingId,
	body: meetingQuestions.body,
	authorId: meetingQuestions.authorId,
	authorName: users.displayName,
	votes: meetingQuestions.votes,
	answeredAt: meetingQuestions.answeredAt,
	createdAt: meetingQuestions.createdAt,
	seq: meetingQuestions.seq
};

type Row = { id: number; meetingId: number; body: string; authorId: string | null; authorName: string | null; votes: number; answeredAt: Date | null; createdAt: Date; seq: number };

const toQuestion = (r: Row): MeetingQuestion => ({
	id: r.id,
	meetingId: r.meetingId,
	body: r.body,
	askedBy: r.authorId && r.authorName !== null ? { id: r.authorId, name: r.authorName } : null,
	votes: r.votes,
	answeredAt: r.answeredAt?.toISOString() ?? null,
	createdAt: r.createdAt.toISOString(),
	seq: r.seq
});

/**
 * A session's questions as `viewerId` sees them (with their own votes), in
 * the queue's order; only those changed after `since` when it is given (the
 * room's catch-up). No access check: callers have asked access.ts.
 */
export async function questionsFor(viewerId: string, meetingId: number, since?: number, reader: Reader = db()): Promise<MeetingQuestionView[]> {
	const rows = await reader
		.select({ ...questionColumns, voted: sql<boolean>`${meetingQuestionVotes.userId} is not null` })
		.from(meetingQuestions)
		.leftJoin(users, eq(users.id, meetingQuestions.authorId))
		.leftJoin(meetingQuestionVotes, and(eq(meetingQuestionVotes.questionId, meetingQuestions.id), eq(meetingQuestionVotes.userId, viewerId)))
		.where(and(eq(meetingQuestions.meetingId, meetingId), since !== undefined ? gt(meetingQuestions.seq, since) : undefined))
		.orderBy(asc(meetingQuestions.id))
		.limit(QUESTIONS_PER_MEETING);
	return rows.map((r) => ({ ...toQuestion(r), voted: Boolean(r.voted) })).sort(compareQuestions);
}

async function questionById(reader: Reader, meetingId: number, questionId: number): Promise<MeetingQuestion> {
	const [row] = await reader
		.select(questionColumns)
		.from(meetingQuestions)
		.leftJoin(users, eq(users.id, meetingQuestions.authorId))
		.where(and(eq(meetingQuestions.id, questionId), eq(meetingQuestions.meetingId, meetingId)));
	if (!row) throw new DomainError('not_found', 'error_meeting_question_not_found');
	return toQuestion(row);
}

async function hasVoted(reader: Reader, questionId: number, userId: string): Promise<boolean> {
	const [row] = await reader
		.select({ one: sql<number>`1` })
		.from(meetingQuestionVotes)
		.where(and(eq(meetingQuestionVotes.questionId, questionId), eq(meetingQuestionVotes.userId, userId)));
	return Boolean(row);
}

/** The queue, for whoever may enter the room. */
export async function questionQueue(actor: Actor, meetingId: number): Promise<MeetingQuestionView[]> {
	const a = requireActive(actor);
	requireAccess(await meetingAccess(a, meetingId), 'enterRoom');
	return questionsFor(a.user.id, meetingId);
}

/** A participant asks a question (1–500 characters). */
export async function askQuestion(actor: Actor, meetingId: number, raw: Raw<AskQuestionInput>): Promise<MeetingQuestionView> {
	const a = requireActive(actor);
	requireAccess(await meetingAccess(a, meetingId), 'enterRoom');
	const input = parseInput(AskQuestionInput, raw);
	return transact(async (tx, emit) => {
		const seq = await nextSeq(tx, meetingId);
		// Counted under the session's lock (nextSeq), so two questions at once cannot both slip under the cap.
		const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(meetingQuestions).where(eq(meetingQuestions.meetingId, meetingId));
		if (n >= QUESTIONS_PER_MEETING) throw new DomainError('conflict', 'error_meeting_questions_full', { params: { max: QUESTIONS_PER_MEETING } });
		const [row] = await tx.insert(meetingQuestions).values({ meetingId, authorId: a.user.id, body: input.body, seq }).returning({ id: meetingQuestions.id });
		const question = await questionById(tx, meetingId, row!.id);
		emit({ type: 'meeting.question.changed', change: 'asked', meetingId, questionId: question.id, seq, question });
		return { ...question, voted: false };
	});
}

/**
 * Upvote, or take one's vote back. Setting a state (not toggling) makes a
 * repeated request harmless; a request that changes nothing changes no
 * number and tells no one. An answered question's count is final.
 */
export async function voteQuestion(actor: Actor, meetingId: number, raw: Raw<VoteQuestionInput>): Promise<MeetingQuestionView> {
	const a = requireActive(actor);
	requireAccess(await meetingAccess(a, meetingId), 'enterRoom');
	const input = parseInput(VoteQuestionInput, raw);
	return transact(async (tx, emit) => {
		const before = await questionById(tx, meetingId, input.questionId);
		if (before.askedBy?.id === a.user.id) throw new DomainError('conflict', 'error_meeting_question_own');
		if (before.answeredAt) throw new DomainError('conflict', 'error_meeting_question_answered');
		const changed = input.voted
			? await tx.insert(meetingQuestionVotes).values({ questionId: input.questionId, userId: a.user.id }).onConflictDoNothing().returning({ userId: meetingQuestionVotes.userId })
			: await tx
					.delete(meetingQuestionVotes)
					.where(and(eq(meetingQuestionVotes.questionId, input.questionId), eq(meetingQuestionVotes.userId, a.user.id)))
					.returning({ userId: meetingQuestionVotes.userId });
		if (changed.length === 0) return { ...before, voted: await hasVoted(tx, input.questionId, a.user.id) };
		const seq = await nextSeq(tx, meetingId);
		const [updated] = await tx
			.update(meetingQuestions)
			.set({ votes: sql`${meetingQuestions.votes} + ${input.voted ? 1 : -1}`, seq })
			.where(and(eq(meetingQuestions.id, input.questionId), sql`${meetingQuestions.answeredAt} is null`))
			.returning({ votes: meetingQuestions.votes });
		// Answered while this vote waited for the room: the vote is undone with the rest of the transaction.
		if (!updated) throw new DomainError('conflict', 'error_meeting_question_answered');
		const question = { ...before, votes: updated.votes, seq };
		emit({ type: 'meeting.question.changed', change: 'voted', meetingId, questionId: question.id, seq, question });
		return { ...question, voted: input.voted };
	});
}

/** A coordinator marks a question answered, or puts it back in the queue. */
export async function answerQuestion(actor: Actor, meetingId: number, raw: Raw<AnswerQuestionInput>): Promise<MeetingQuestionView> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	requireAccess(access, 'enterRoom');
	requireAccess(access, 'manage');
	const input = parseInput(AnswerQuestionInput, raw);
	return transact(async (tx, emit) => {
		const before = await questionById(tx, meetingId, input.questionId);
		const voted = await hasVoted(tx, input.questionId, a.user.id);
		if (Boolean(before.answeredAt) === input.answered) return { ...before, voted };
		const seq = await nextSeq(tx, meetingId);
		const [updated] = await tx
			.update(meetingQuestions)
			.set({ answeredAt: input.answered ? sql`now()` : null, seq })
			.where(eq(meetingQuestions.id, input.questionId))
			.returning({ answeredAt: meetingQuestions.answeredAt, votes: meetingQuestions.votes });
		const question = { ...before, answeredAt: updated!.answeredAt?.toISOString() ?? null, votes: updated!.votes, seq };
		emit({ type: 'meeting.question.changed', change: input.answered ? 'answered' : 'reopened', meetingId, questionId: question.id, seq, question });
		return { ...question, voted };
	});
}
