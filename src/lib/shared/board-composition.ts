import { z } from 'zod';
import { isoDate } from './wire';
import type { CrossFigures, OneWayFigures, Representation } from './statistics';

/**
 * The board's composition: counts per option of each dimension, against the
 * coordinators' target ranges. Browser-safe shapes; figures for policy staff
 * are suppressed tables (shared/statistics.ts), which carry no hidden number.
 */

/** Someone with no profile, or no answer for a dimension: counted apart from "prefer not to say". */
export const NOT_ANSWERED = 'not_answered';

/** Whose composition: the active board, or the volunteer pool (volunteers and candidates) a coordinator recruits from. */
export const COMPOSITION_POPULATIONS = ['active', 'pool'] as const;
export type CompositionPopulation = (typeof COMPOSITION_POPULATIONS)[number];

/** Exact counts of one dimension: every option in order, "prefer not to say" and then "not answered" last. */
export interface DimensionCounts {
	key: string;
	options: { key: string; count: number }[];
}

/** Exact counts for a set of people (never per person): what compositionFor returns. */
export interface CompositionCounts {
	total: number;
	dimensions: DimensionCounts[];
}

const dimensionKey = z
	.string()
	.trim()
	.min(1)
	.max(40)
	.regex(/^[a-z][a-z0-9_]*$/, 'error_board_key_format');

export const CompositionQuery = z
	.object({
		population: z.enum(COMPOSITION_POPULATIONS, { error: 'error_board_composition_population' }).default('active'),
		rows: dimensionKey.optional(),
		columns: dimensionKey.optional()
	})
	.refine((q) => !q.rows === !q.columns, { error: 'error_board_composition_cross_both', path: ['columns'] })
	.refine((q) => !q.rows || q.rows !== q.columns, { error: 'error_board_composition_cross_same', path: ['columns'] });
export type CompositionQuery = z.input<typeof CompositionQuery>;

/** A target range in whole percentages of the population (null: no bound). */
export const TargetRange = z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() });
export type TargetRange = z.output<typeof TargetRange>;

const CellShape = z.union([
	z.object({ kind: z.literal('shown'), count: z.number().int(), share: z.number().nullable() }),
	z.object({ kind: z.literal('suppressed'), reason: z.enum(['small', 'complement']) })
]);
const REPRESENTATIONS = ['under', 'within', 'over', 'unknown', 'no-target'] as const satisfies readonly Representation[];

const OneWayShape = z.object({
	k: z.number().int(),
	zeros: z.enum(['shown', 'suppressed']),
	options: z.array(z.object({ key: z.string(), cell: CellShape })),
	total: CellShape
});
const CrossShape = z.object({
	k: z.number().int(),
	zeros: z.enum(['shown', 'suppressed']),
	shareOf: z.enum(['row', 'column', 'total']),
	rows: z.array(z.object({ key: z.string(), cells: z.array(CellShape), total: CellShape })),
	columns: z.array(z.object({ key: z.string(), total: CellShape })),
	total: CellShape
});

const Labelled = z.object({ key: z.string(), label: z.string() });

export const CompositionDimension = z.object({
	key: z.string(),
	label: z.string(),
	sensitive: z.boolean(),
	derived: z.boolean(),
	/** Options as labelled, in the figures' order ("prefer not to say", then "not answered" last). */
	options: z.array(Labelled.extend({ target: TargetRange.nullable(), representation: z.enum(REPRESENTATIONS) })),
	figures: OneWayShape
});
export type CompositionDimension = Omit<z.output<typeof CompositionDimension>, 'figures'> & { figures: OneWayFigures };

export const CompositionCross = z.object({
	rows: Labelled.extend({ options: z.array(Labelled) }),
	columns: Labelled.extend({ options: z.array(Labelled) }),
	/** Null for policy staff when no safe table exists (see composition.ts): no figure is better than one that gives a person away. */
	figures: CrossShape.nullable()
});
export type CompositionCross = Omit<z.output<typeof CompositionCross>, 'figures'> & { figures: CrossFigures | null };

export const CompositionView = z.object({
	population: z.enum(COMPOSITION_POPULATIONS),
	/** True for coordinators (exact counts); false: every figure passed small-cell suppression with threshold k. */
	exact: z.boolean(),
	k: z.number().int(),
	/** Whether this reader may look at the volunteer pool. */
	canSeePool: z.boolean(),
	dimensions: z.array(CompositionDimension),
	cross: CompositionCross.nullable()
});
export type CompositionView = Omit<z.output<typeof CompositionView>, 'dimensions' | 'cross'> & {
	dimensions: CompositionDimension[];
	cross: CompositionCross | null;
};

/** One option's target as coordinators set it: whole percentages 0–100, min ≤ max; an empty bound is none. */
const share = z
	.number({ error: 'error_board_targets_share' })
	.int({ error: 'error_board_targets_share' })
	.min(0, { error: 'error_board_targets_share' })
	.max(100, { error: 'error_board_targets_share' })
	.nullable();
const bound = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100;
export const TargetInput = z
	.object({
		dimension: dimensionKey.meta({ description: 'A dimension key (GET /api/board/dimensions)' }),
		option: dimensionKey.meta({ description: "One of the dimension's option keys" }),
		minShare: share,
		maxShare: share
	})
	// Only two good bounds are compared: a minimum of 150 is named for itself, not also as above the maximum.
	.refine((t) => !bound(t.minShare) || !bound(t.maxShare) || t.minShare! <= t.maxShare!, { error: 'error_board_targets_order', path: ['maxShare'] });
export type TargetInput = z.input<typeof TargetInput>;

export const SetTargetsInput = z.object({ targets: z.array(TargetInput).min(1, { error: 'error_board_targets_empty' }).max(500) });
export type SetTargetsInput = z.input<typeof SetTargetsInput>;

export const CurrentTarget = z.object({ dimension: z.string(), option: z.string(), minShare: z.number().int().nullable(), maxShare: z.number().int().nullable(), setAt: isoDate });
export type CurrentTarget = z.output<typeof CurrentTarget>;

export const TargetHistoryRow = z.object({
	id: z.number().int(),
	dimension: z.string(),
	option: z.string(),
	minShare: z.number().int().nullable(),
	maxShare: z.number().int().nullable(),
	setAt: isoDate,
	setBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable()
});
export type TargetHistoryRow = z.output<typeof TargetHistoryRow>;

export const DimensionKeyParam = z.object({ key: dimensionKey });

/** A coordinators' dimension as listed on /board/dimensions, archived ones included. */
export const CustomDimensionRow = z.object({
	key: z.string(),
	labelNl: z.string(),
	labelEn: z.string(),
	options: z.array(z.object({ key: z.string(), labelNl: z.string(), labelEn: z.string() })),
	createdAt: isoDate,
	archivedAt: isoDate.nullable()
});
export type CustomDimensionRow = z.output<typeof CustomDimensionRow>;
