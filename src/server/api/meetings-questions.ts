import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { answerQuestion, askQuestion, questionQueue, voteQuestion } from '../../lib/server/meetings/questions';
import { answerPoll, closePoll, openPoll, roomPolls } from '../../lib/server/meetings/polls';
import { AskQuestionInput, MeetingQuestionParams } from '../../lib/server/meetings/question-schemas';
import { MeetingIdParam } from '../../lib/server/meetings/schedule-schemas';
import { MeetingPollParams, OpenPollInput } from '../../lib/server/meetings/poll-schemas';
import { MeetingPollView, MeetingQuestionView } from '../../lib/shared/meetings-questions';

const tags = ['board sessions'];

/**
 * A session room's questions and quick polls. Open to every active account
 * at the door: whether the caller is in the room (an invitee, a named guest,
 * a coordinator) is the session's own rule (meetings/access.ts), asked by the
 * domain; anyone else is told the session does not exist, or may not do this.
 */
export const meetingQuestionRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/:id/questions',
		summary: "The room's question queue: open questions by votes, then age; answered ones below. Each with whether I voted",
		tags,
		access: 'active',
		params: MeetingIdParam,
		response: z.array(MeetingQuestionView),
		handler: async ({ actor, params }) => questionQueue(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/questions',
		summary: 'Ask the room a question (1–500 characters); shown with your name to the others in the room',
		tags,
		access: 'active',
		params: MeetingIdParam,
		body: AskQuestionInput,
		response: MeetingQuestionView,
		status: 201,
		handler: async ({ actor, params, body }) => askQuestion(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/sessions/:id/questions/:questionId/vote',
		summary: "Upvote someone else's question (voted: true) or take your vote back (false); one vote per person, not on answered questions",
		tags,
		access: 'active',
		params: MeetingQuestionParams,
		body: z.object({ voted: z.boolean({ error: 'error_malformed_request' }) }),
		response: MeetingQuestionView,
		handler: async ({ actor, params, body }) => voteQuestion(actor, params.id, { questionId: params.questionId, voted: body.voted })
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/sessions/:id/questions/:questionId/answered',
		summary: 'Coordinators: mark a question answered (answered: true) or put it back in the queue (false)',
		tags,
		access: 'active',
		params: MeetingQuestionParams,
		body: z.object({ answered: z.boolean({ error: 'error_malformed_request' }) }),
		response: MeetingQuestionView,
		handler: async ({ actor, params, body }) => answerQuestion(actor, params.id, { questionId: params.questionId, answered: body.answered })
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/:id/polls',
		summary: "The room's quick polls, open ones first: counts per option (never who chose what) and my own answer",
		tags,
		access: 'active',
		params: MeetingIdParam,
		response: z.array(MeetingPollView),
		handler: async ({ actor, params }) => roomPolls(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/polls',
		summary: 'Coordinators: ask the room a single-choice question with 2–6 options, under the current agenda item (or itemId)',
		tags,
		access: 'active',
		params: MeetingIdParam,
		body: OpenPollInput,
		response: MeetingPollView,
		status: 201,
		handler: async ({ actor, params, body }) => openPoll(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/polls/:pollId/answer',
		summary: 'Answer an open poll (option: its place in the list, from 0); once: a second answer is refused (409)',
		tags,
		access: 'active',
		params: MeetingPollParams,
		body: z.object({ option: z.number({ error: 'error_meeting_poll_choose' }) }),
		response: MeetingPollView,
		status: 201,
		handler: async ({ actor, params, body }) => answerPoll(actor, params.id, { pollId: params.pollId, option: body.option })
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/polls/:pollId/close',
		summary: 'Coordinators: close a poll; its result is kept with its agenda item in the notes',
		tags,
		access: 'active',
		params: MeetingPollParams,
		response: MeetingPollView,
		handler: async ({ actor, params }) => closePoll(actor, params.id, { pollId: params.pollId })
	})
];
