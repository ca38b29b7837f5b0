import { z } from 'zod';

/**
 * Questions and quick polls in a session's live room: the shapes pages, the
 * API and the room's socket events share. A broadcast carries what every
 * participant sees alike; what differs per person (whether I voted, what I
 * answered) comes only with my own page load, catch-up or answer, never in a
 * broadcast to the room. Times are ISO strings on every transport alike, as
 * in the rest of the room (meetings-room.ts): the browser handles one kind.
 */

export const QUESTION_MAX = 500;
export const POLL_QUESTION_MAX = 300;
export const POLL_OPTION_MAX = 120;
export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 6;
/** A session's queue is read whole (it is small by nature); this keeps it so. */
export const QUESTIONS_PER_MEETING = 300;
export const POLLS_PER_MEETING = 50;

/** A question as every participant sees it. */
export const MeetingQuestion = z.object({
	id: z.number().int(),
	meetingId: z.number().int(),
	body: z.string(),
	/**
	 * Who asked: a board room is a meeting among peers who see each other in
	 * the presence list, and asking is like raising a hand, so the name is
	 * shown to everyone in the room (null when the account is gone). Questions
	 * are not notes: nothing of them reaches the published notes.
	 */
	askedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
	votes: z.number().int(),
	answeredAt: z.string().nullable(),
	createdAt: z.string(),
	/** The room's change number of this question's last change. */
	seq: z.number().int()
});
export type MeetingQuestion = z.output<typeof MeetingQuestion>;

/** A question as one participant sees it: with their own vote. */
export const MeetingQuestionView = MeetingQuestion.extend({
	/** I have upvoted it. */
	voted: z.boolean()
});
export type MeetingQuestionView = z.output<typeof MeetingQuestionView>;

/** One option's count: counts only, never who chose what. */
export const PollCount = z.object({ label: z.string(), count: z.number().int() });

/** A quick poll as every participant sees it: the counts so far, live. */
export const MeetingPoll = z.object({
	id: z.number().int(),
	meetingId: z.number().int(),
	/** The agenda item it was asked under; its result is kept with that item's notes. */
	itemId: z.number().int(),
	question: z.string(),
	options: z.array(PollCount),
	total: z.number().int(),
	closedAt: z.string().nullable(),
	createdAt: z.string(),
	seq: z.number().int()
});
export type MeetingPoll = z.output<typeof MeetingPoll>;

/** A poll as one participant sees it: with their own answer (an index into options). */
export const MeetingPollView = MeetingPoll.extend({ myOption: z.number().int().nullable() });
export type MeetingPollView = z.output<typeof MeetingPollView>;

/** Closed polls per agenda item, for the notes (the published notes print these). */
export const ItemPollResults = z.object({
	itemId: z.number().int(),
	polls: z.array(MeetingPoll.omit({ meetingId: true, itemId: true, seq: true }))
});
export type ItemPollResults = z.output<typeof ItemPollResults>;

/**
 * The queue's order: open questions by votes (most first), then age (oldest
 * first); answered ones below, the most recently answered first.
 */
export function compareQuestions(a: MeetingQuestion, b: MeetingQuestion): number {
	if (!a.answeredAt !== !b.answeredAt) return a.answeredAt ? 1 : -1;
	if (a.answeredAt && b.answeredAt) return Date.parse(b.answeredAt) - Date.parse(a.answeredAt) || b.id - a.id;
	return b.votes - a.votes || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id;
}

/** Open polls first (newest first), then closed ones (most recently closed first). */
export function comparePolls(a: MeetingPoll, b: MeetingPoll): number {
	if (!a.closedAt !== !b.closedAt) return a.closedAt ? 1 : -1;
	if (a.closedAt && b.closedAt) return Date.parse(b.closedAt) - Date.parse(a.closedAt) || b.id - a.id;
	return b.id - a.id;
}

/** `meeting:question`: a question was asked, voted on or answered (room `meeting:<id>`). */
export type QuestionChange = MeetingQuestion;
/** `meeting:poll`: a poll was opened, answered or closed (room `meeting:<id>`). */
export type PollChange = MeetingPoll;
