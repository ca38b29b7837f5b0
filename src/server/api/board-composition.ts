import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { composition } from '../../lib/server/board/composition';
import { currentTargets, setTargets, targetHistory } from '../../lib/server/board/targets';
import { addCustomDimension, archiveCustomDimension, listCustomDimensions } from '../../lib/server/board/custom-dimensions';
import { listDimensions } from '../../lib/server/board/dimensions';
import { requireCapability } from '../../lib/server/auth/actor';
import {
	CompositionQuery,
	AddDimensionInput,
	DimensionKeyParam,
	DimensionsAnswer,
	SetTargetsInput,
	TargetHistoryQuery
} from '../../lib/server/board/composition-schemas';
import { CompositionView, CurrentTarget, CustomDimensionRow, TargetHistoryRow } from '../../lib/shared/board-composition';
import { pageOf } from '../../lib/shared/wire';

/** The board's API: composition figures (exact for coordinators, suppressed for policy staff), target ranges and coordinators' dimensions. */
export const boardCompositionRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/composition',
		summary:
			'Counts and shares per option of each dimension against the target ranges, and optionally a cross-table of two dimensions (rows, columns). Coordinators: exact counts, active board or volunteer pool. Policy staff: active board only, small cells suppressed (no hidden count is in the answer)',
		tags: ['board'],
		access: 'board.composition.read',
		query: CompositionQuery,
		response: CompositionView,
		handler: async ({ actor, query, locale }) => composition(actor, query, locale)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/targets',
		summary: 'The target ranges in force (whole percentages of the active board), per dimension and option',
		tags: ['board'],
		access: 'board.composition.read',
		response: z.array(CurrentTarget),
		handler: async ({ actor }) => {
			requireCapability(actor, 'board.composition.read');
			return currentTargets();
		}
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/targets',
		summary: 'Set target ranges (min and max share, whole percentages 0–100; null for no bound). Every problem is named at once; only changed ranges are written, as new rows (the history is kept)',
		tags: ['board'],
		access: 'board.manage',
		body: SetTargetsInput,
		response: z.array(CurrentTarget),
		handler: async ({ actor, body }) => setTargets(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/targets/history',
		summary: 'Every change of a target range, newest first, with who made it and when, by cursor',
		tags: ['board'],
		access: 'board.manage',
		query: TargetHistoryQuery,
		response: pageOf(TargetHistoryRow),
		handler: async ({ actor, query }) => targetHistory(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/dimensions',
		summary: "The diversity profile's dimensions in use, and every dimension coordinators added (archived ones too)",
		tags: ['board'],
		access: 'board.manage',
		response: DimensionsAnswer,
		handler: async ({ actor, locale }) => ({ custom: await listCustomDimensions(actor), inUse: await listDimensions(locale) })
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/dimensions',
		summary: 'Add a dimension to the diversity profile: a key, Dutch and English labels, 2–12 options ("prefer not to say" is added)',
		tags: ['board'],
		access: 'board.manage',
		body: AddDimensionInput,
		status: 201,
		response: CustomDimensionRow,
		handler: async ({ actor, body }) => addCustomDimension(actor, body)
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/board/dimensions/:key',
		summary: "Archive a coordinators' dimension: no longer asked or counted; its answers are kept",
		tags: ['board'],
		access: 'board.manage',
		params: DimensionKeyParam,
		status: 204,
		handler: async ({ actor, params }) => archiveCustomDimension(actor, params.key)
	})
];
