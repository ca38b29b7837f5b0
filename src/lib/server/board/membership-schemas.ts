import { z } from 'zod';

/** URL parameters of the coordinators' board (the bodies are in shared/board-memberships.ts, which pages share). */
const INT32 = 2_147_483_647;
const id = (error: string) => z.coerce.number({ error }).int({ error }).positive({ error }).max(INT32, { error });

export const BoardMembershipIdParam = z.object({ id: id('error_board_membership_not_found') });
export const BoardPersonIdParam = z.object({ id: z.uuid({ error: 'error_user_not_found' }) });
