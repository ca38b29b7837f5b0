import type { RouteSpec } from '../http/route';

/** The board's API: feasibility, the maximin draw and invitations. */
export const boardSelectionRoutes = (): RouteSpec[] => [];
