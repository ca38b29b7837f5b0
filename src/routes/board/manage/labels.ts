import { m } from '$lib/paraglide/messages';
import type { BoardStatus } from '$lib/shared/board';
import type { BoardListGroup, CoordinatorStep } from '$lib/shared/board-memberships';

/** The coordinators' words for a membership's status and the board's groups. */
export const boardStatusLabel = (s: BoardStatus): string => ({ volunteer: m.board_manage_status_volunteer, candidate: m.board_manage_status_candidate, invited: m.board_manage_status_invited, active: m.board_manage_status_active, alumni: m.board_manage_status_alumni, declined: m.board_manage_status_declined, withdrawn: m.board_manage_status_withdrawn })[s]();
/** The button that moves a membership to `to`. */
export const boardStepLabel = (to: CoordinatorStep): string =>
	({ volunteer: m.board_manage_step_volunteer, candidate: m.board_manage_step_candidate, invited: m.board_manage_step_invited, alumni: m.board_manage_step_alumni, declined: m.board_manage_step_declined, withdrawn: m.board_manage_step_withdrawn })[to]();
export const boardGroupLabel = (g: BoardListGroup): string => ({ active: m.board_manage_group_active, invited: m.board_manage_group_invited, past: m.board_manage_group_past, pool: m.board_manage_group_pool })[g]();
