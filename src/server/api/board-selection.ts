import { defineRoute, type RouteSpec } from '../http/route';
import { checkSelection, getSelection, inviteSelected, listSelections, offerAlternate, rerunSelection, runSelection } from '../../lib/server/board/selection-runs';
import { AlternateInput, SelectionCheckInput, SelectionIdParam, SelectionListQuery, SelectionRunInput } from '../../lib/server/board/selection-schemas';
import {
	AlternateResult,
	FeasibilityView,
	InviteResult,
	RerunResult,
	SelectionRunResult,
	SelectionSummary,
	SelectionView
} from '../../lib/shared/board-selection';
import { pageOf } from '../../lib/shared/wire';

const tags = ['board'];

/** The board's API: feasibility, the maximin draw and invitations (coordinators). */
export const boardSelectionRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'POST',
		url: '/api/board/selections/check',
		summary: 'Whether seats, kept members and quotas can be met from the pool now; if not, the conflicting quotas and the smallest change, in words',
		tags,
		access: 'board.manage',
		body: SelectionCheckInput,
		response: FeasibilityView,
		handler: async ({ actor, body, locale }) => checkSelection(actor, body, locale)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/selections',
		summary: 'Draw a panel: the maximin lottery over quota-meeting panels and a seeded draw (random seed when none is given), stored and audited; or the feasibility answer when the quotas cannot be met (nothing stored)',
		tags,
		access: 'board.manage',
		body: SelectionRunInput,
		response: SelectionRunResult,
		handler: async ({ actor, body, locale }) => runSelection(actor, body, locale)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/selections',
		summary: 'Earlier draws, newest first, by cursor',
		tags,
		access: 'board.manage',
		query: SelectionListQuery,
		response: pageOf(SelectionSummary),
		handler: async ({ actor, query }) => listSelections(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/selections/:id',
		summary: "One draw: the selected, everyone's selection probability, the seed, fingerprint and ticket, the alternates in order, declines and open seats",
		tags,
		access: 'board.manage',
		params: SelectionIdParam,
		response: SelectionView,
		handler: async ({ actor, params, locale }) => getSelection(actor, params.id, locale)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/selections/:id/invite',
		summary: 'Invite everyone the draw selected (in the app and by email); once per draw, a second request invites nobody',
		tags,
		access: 'board.manage',
		params: SelectionIdParam,
		response: InviteResult,
		handler: async ({ actor, params }) => inviteSelected(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/selections/:id/alternate',
		summary: 'After a decline: invite the next alternate, in the draw\'s order, who keeps every quota',
		tags,
		access: 'board.manage',
		params: SelectionIdParam,
		body: AlternateInput,
		response: AlternateResult,
		handler: async ({ actor, params, body }) => offerAlternate(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/selections/:id/rerun',
		summary: 'Redo a stored draw from its sealed pool, quotas and seed, and say whether the same panel and alternates come out',
		tags,
		access: 'board.manage',
		params: SelectionIdParam,
		response: RerunResult,
		handler: async ({ actor, params }) => rerunSelection(actor, params.id)
	})
];
