import type { RouteSpec } from '../http/route';
import { boardProfileRoutes } from './board-profile';
import { boardMembershipRoutes } from './board-memberships';
import { boardCompositionRoutes } from './board-composition';
import { boardSelectionRoutes } from './board-selection';
import { meetingQuestionRoutes } from './meetings-questions';
import { meetingNotesRoutes } from './meetings-notes';
import { meetingScheduleRoutes } from './meetings-schedule';
import { meetingRoomRoutes } from './meetings-room';
import { meetingCalendarRoutes } from './meetings-calendar';

/** The sounding board's API, one file per part of it. */
export const boardRoutes = (): RouteSpec[] => [...boardProfileRoutes(), ...boardMembershipRoutes(), ...boardCompositionRoutes(), ...boardSelectionRoutes(), ...meetingQuestionRoutes(), ...meetingNotesRoutes(), ...meetingScheduleRoutes(), ...meetingRoomRoutes(), ...meetingCalendarRoutes()];
