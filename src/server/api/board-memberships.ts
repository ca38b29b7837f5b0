import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { listBoard, personHistory, respondToInvitation, setTerm, stepByCoordinator } from '../../lib/server/board/memberships';
import { BoardMembershipIdParam, BoardPersonIdParam, BoardStepInput, BoardTermInput, InvitationAnswerInput } from '../../lib/server/board/membership-schemas';
import {
	BoardListQuery,
	BoardPerson,
	BoardPersonHistory,
	InvitationAnswer
} from '../../lib/shared/board-memberships';
import { BOARD_STATUSES } from '../../lib/shared/board';
import { coordinatorProfileView } from '../../lib/server/board/profiles';
import { CoordinatorProfileView } from '../../lib/shared/board-profile';
import { pageOf } from '../../lib/shared/wire';

const tags = ['board'];

/** The board's API: the board and the volunteer pool for coordinators, and answering an invitation. */
export const boardMembershipRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/memberships',
		summary: 'The sounding board by group (active, pool, invited, past), newest first, by cursor: names, status, terms, motivation, availability; no profile answers',
		tags,
		access: 'board.manage',
		query: BoardListQuery,
		response: pageOf(BoardPerson),
		handler: async ({ actor, query }) => listBoard(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/people/:id',
		summary: "One person's board memberships, each with its history (who, when, why)",
		tags,
		access: 'board.manage',
		params: BoardPersonIdParam,
		response: BoardPersonHistory,
		handler: async ({ actor, params }) => personHistory(actor, params.id)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/people/:id/profile',
		summary: "One person's diversity profile, the relationship answer included where they consented; every read is written to the audit log",
		tags,
		access: 'board.manage',
		params: BoardPersonIdParam,
		response: CoordinatorProfileView,
		handler: async ({ actor, params, locale }) => coordinatorProfileView(actor, params.id, locale)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/memberships/:id/steps',
		summary: 'A coordinator\'s step: shortlist (candidate), back to the pool (volunteer), invite, record a decline, end a term early (alumni), withdraw (reason required)',
		tags,
		access: 'board.manage',
		params: BoardMembershipIdParam,
		body: BoardStepInput,
		response: z.object({ membershipId: z.number(), status: z.enum(BOARD_STATUSES) }),
		handler: async ({ actor, params, body }) => stepByCoordinator(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/memberships/:id/term',
		summary: 'Set the term (first and last day) of an invited or active membership',
		tags,
		access: 'board.manage',
		params: BoardMembershipIdParam,
		body: BoardTermInput,
		response: z.object({ membershipId: z.number(), termStart: z.string(), termEnd: z.string() }),
		handler: async ({ actor, params, body }) => setTerm(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/me/invitation',
		summary: 'Answer my invitation to the sounding board: accept (a term starts today and board access with it) or decline, with an optional reason',
		tags,
		access: 'board.volunteer',
		body: InvitationAnswerInput,
		response: InvitationAnswer,
		handler: async ({ actor, body }) => respondToInvitation(actor, body)
	})
];
