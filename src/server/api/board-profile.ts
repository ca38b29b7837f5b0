import type { RouteSpec } from '../http/route';

/** The board's API: volunteering and the diversity profile with consent (the person's own). */
export const boardProfileRoutes = (): RouteSpec[] => [];
