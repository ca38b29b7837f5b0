import { z } from 'zod';
import { plain } from '../text';
import { MAX_SELECTION_SEATS } from '../../shared/board-selection';

/** The selection's inputs: URL parameters and bodies (the answers' shapes are in shared/board-selection.ts, which pages share). */
const INT32 = 2_147_483_647;
const error = 'error_board_selection_not_found';

export const SelectionIdParam = z.object({ id: z.coerce.number({ error }).int({ error }).positive({ error }).max(INT32, { error }) });

const key = plain('error_board_selection_quota_unknown').trim().min(1, { error: 'error_board_selection_quota_unknown' }).max(80, { error: 'error_board_selection_quota_unknown' });
const count = (error: string) => z.number({ error }).int({ error }).min(0, { error }).max(1000, { error });

export const SelectionQuotaInput = z.object({
	dimension: key,
	option: key,
	min: count('error_board_selection_quota_number'),
	max: count('error_board_selection_quota_number')
});
export type SelectionQuotaInput = z.input<typeof SelectionQuotaInput>;

export const SelectionCheckInput = z.object({
	seats: z
		.number({ error: 'error_board_selection_seats' })
		.int({ error: 'error_board_selection_seats' })
		.min(1, { error: 'error_board_selection_seats' })
		.max(MAX_SELECTION_SEATS, { error: 'error_board_selection_seats' }),
	keep: z.array(z.uuid({ error: 'error_board_selection_keep_unknown' }), { error: 'error_board_selection_keep_unknown' }).max(MAX_SELECTION_SEATS, { error: 'error_board_selection_keep_unknown' }).default([]),
	quotas: z.array(SelectionQuotaInput, { error: 'error_malformed_request' }).max(500, { error: 'error_malformed_request' }).default([])
});
export type SelectionCheckInput = z.input<typeof SelectionCheckInput>;

export const SelectionRunInput = SelectionCheckInput.extend({
	/** Any text; a random one when left out (shown, so the draw can be redone). */
	seed: plain('error_board_selection_seed')
		.trim()
		.max(100, { error: 'error_board_selection_seed' })
		.optional()
});
export type SelectionRunInput = z.input<typeof SelectionRunInput>;

export const SelectionListQuery = z.object({ cursor: z.string().max(400).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) });
export type SelectionListQuery = z.input<typeof SelectionListQuery>;

export const AlternateInput = z.object({ declinedUserId: z.uuid({ error: 'error_board_selection_not_declined' }) });
export type AlternateInput = z.input<typeof AlternateInput>;

