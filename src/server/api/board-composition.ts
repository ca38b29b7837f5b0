import type { RouteSpec } from '../http/route';

/** The board's API: composition figures and target ranges. */
export const boardCompositionRoutes = (): RouteSpec[] => [];
