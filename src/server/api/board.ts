import type { RouteSpec } from '../http/route';
import { boardProfileRoutes } from './board-profile';
import { boardMembershipRoutes } from './board-memberships';
import { boardCompositionRoutes } from './board-composition';
import { boardSelectionRoutes } from './board-selection';

/** The sounding board's API, one file per part of it. */
export const boardRoutes = (): RouteSpec[] => [...boardProfileRoutes(), ...boardMembershipRoutes(), ...boardCompositionRoutes(), ...boardSelectionRoutes()];
