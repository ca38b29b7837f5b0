import { z } from 'zod';
import { CompositionQuery, CustomDimensionRow, DimensionKeyParam, SetTargetsInput } from '../../shared/board-composition';
import { BoardDimension, type CustomDimensionInput } from '../../shared/board';
import { plain, text } from '../text';

/**
 * What the composition, targets and dimensions routes take and give (the API
 * and the pages validate with the same schemas; the domain checks again).
 */
export { CompositionQuery, DimensionKeyParam, SetTargetsInput };
export { TargetHistoryQuery } from './targets';

/** GET /api/board/dimensions: the dimensions in use (as the profile forms ask them) and every coordinators' one, archived included. */
export const DimensionsAnswer = z.object({ inUse: z.array(BoardDimension), custom: z.array(CustomDimensionRow) });

const keyOf = (error: string) =>
	plain(error)
		.trim()
		.min(1, { error })
		.max(40, { error })
		.regex(/^[a-z][a-z0-9_]*$/, { error });
const label = text({ error: 'error_board_dimensions_label', max: 80 });

/**
 * A coordinators' dimension as the API and the form take it: shared/board.ts's
 * CustomDimensionInput, with the platform's text rule (no control characters)
 * and a message of its own per problem.
 */
export const AddDimensionInput = z.object({
	key: keyOf('error_board_dimensions_key'),
	labelNl: label,
	labelEn: label,
	options: z
		.array(z.object({ key: keyOf('error_board_dimensions_key'), labelNl: label, labelEn: label }), { error: 'error_board_dimensions_options_count' })
		.min(2, { error: 'error_board_dimensions_options_count' })
		.max(12, { error: 'error_board_dimensions_options_count' })
}) satisfies z.ZodType<CustomDimensionInput>;
export type AddDimensionInput = z.input<typeof AddDimensionInput>;
