import { z } from 'zod';

/** URL parameters of the selection routes (the bodies are in shared/board-selection.ts, which pages share). */
const INT32 = 2_147_483_647;
const error = 'error_board_selection_not_found';

export const SelectionIdParam = z.object({ id: z.coerce.number({ error }).int({ error }).positive({ error }).max(INT32, { error }) });
