import { defineRoute, type RouteSpec } from '../http/route';
import { annualFigures } from '../../lib/server/insights/figures';
import { figuresCsv } from '../../lib/server/insights/figures-csv';
import { YearQuery } from '../../lib/server/insights/schemas';

const tags = ['insights'];

/** The annual figures (built in src/lib/server/insights/figures.ts): coordinators and policy staff. */
export const figuresRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/insights/figures',
		summary: 'The annual report figures for a calendar year (UTC; default: this year, so far): members, group activity, the board, surveys, insights, actions, outcomes; small groups suppressed',
		tags,
		access: 'insights.figures',
		query: YearQuery,
		handler: async ({ actor, query, locale }) => annualFigures(actor, query, locale)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/insights/figures.csv',
		summary: 'The annual report figures as CSV (section, figure, label, value), suppressed as in the JSON',
		tags,
		access: 'insights.figures',
		query: YearQuery,
		handler: async ({ actor, query, locale, reply }) => {
			const { year, csv } = await figuresCsv(actor, query, locale);
			reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="annual-figures-${year}.csv"`);
			return csv;
		}
	})
];
