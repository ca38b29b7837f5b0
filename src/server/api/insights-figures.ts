import type { RouteSpec } from '../http/route';

/** The annual figures (built in src/lib/server/insights/figures.ts). */
export const figuresRoutes = (): RouteSpec[] => [];
