import { m } from '$lib/paraglide/messages';
import type { BoardStatus } from '$lib/shared/board';
import type { BoardListGroup } from '$lib/shared/board-memberships';

/** The coordinators' words for a membership's status and the board's groups. */
export const boardStatusLabel = (s: BoardStatus): string => m[`board_manage_status_${s}`]();
export const boardGroupLabel = (g: BoardListGroup): string => m[`board_manage_group_${g}`]();
