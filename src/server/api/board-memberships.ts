import type { RouteSpec } from '../http/route';

/** The board's API: the board and the volunteer pool for coordinators, and answering an invitation. */
export const boardMembershipRoutes = (): RouteSpec[] => [];
