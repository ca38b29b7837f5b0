import type { PageServerLoad } from './$types';
import { orErrorPage, pageGuard } from '$lib/server/kit';
import { listBoard } from '$lib/server/board/memberships';
import { BOARD_LIST_GROUPS, type BoardListGroup } from '$lib/shared/board-memberships';

/** The coordinators' board: one group at a time (on the board, the pool, invited, past), newest first, by cursor. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const asked = event.url.searchParams.get('group');
	const group: BoardListGroup = (BOARD_LIST_GROUPS as readonly string[]).includes(asked ?? '') ? (asked as BoardListGroup) : 'active';
	const cursor = event.url.searchParams.get('cursor') ?? undefined;
	const page = await orErrorPage(() => listBoard(actor, { group, cursor }));
	return { group, people: page.items, nextCursor: page.nextCursor, firstPage: !cursor };
};
