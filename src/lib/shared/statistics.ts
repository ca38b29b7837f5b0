/**
 * Tables of counts after small-cell suppression (src/lib/server/statistics/suppression.ts makes them;
 * the chart components in src/lib/components/charts draw them). Browser-safe: types only.
 *
 * A suppressed cell carries no number at all, so a page, an API response or a socket event built
 * from these shapes cannot leak a hidden count by accident.
 */

/** Why a cell is hidden: its own count is under the threshold, or it hides another cell. */
export type SuppressionReason = 'small' | 'complement';

export type ShownCell = {
	kind: 'shown';
	count: number;
	/** Fraction 0..1 of the cell's denominator (see each table), or null when that denominator is hidden or 0. */
	share: number | null;
};
export type SuppressedCell = { kind: 'suppressed'; reason: SuppressionReason };
export type Cell = ShownCell | SuppressedCell;

/**
 * How zero counts are treated. 'shown' (the default): a zero is printed as 0 and never hidden; it is
 * never used as a complement either. 'suppressed': a zero counts as a small cell ("fewer than k").
 */
export type ZeroPolicy = 'shown' | 'suppressed';

/** One variable: a count per option and the total. Shares are of the total. */
export type OneWayFigures<K extends string = string> = {
	k: number;
	zeros: ZeroPolicy;
	options: { key: K; cell: Cell }[];
	total: Cell;
};

/** Which total a cross-table cell's share is of. Margins' shares are always of the grand total. */
export type ShareOf = 'row' | 'column' | 'total';

/** Two variables crossed: rows × columns, with row totals, column totals and the grand total. */
export type CrossFigures<R extends string = string, C extends string = string> = {
	k: number;
	zeros: ZeroPolicy;
	shareOf: ShareOf;
	rows: { key: R; cells: Cell[]; total: Cell }[];
	columns: { key: C; total: Cell }[];
	total: Cell;
};

/** A target range for an option's share (fractions 0..1), as coordinators set them. */
export type ShareTarget = { min: number | null; max: number | null };

/** Where a share stands against its target; 'unknown' when the figure is hidden and its range straddles the target. */
export type Representation = 'under' | 'within' | 'over' | 'unknown' | 'no-target';

/**
 * Where an option stands against its target, using only what the table shows: a hidden small cell
 * is known to lie between 1 (0 when zeros are hidden) and k-1, so with a shown total it can still be
 * certainly under (or over) a target; a complement is known to be at least k.
 */
export function representation(table: OneWayFigures, cell: Cell, target: ShareTarget | undefined): Representation {
	if (!target || (target.min === null && target.max === null)) return 'no-target';
	let low: number;
	let high: number;
	if (cell.kind === 'shown') {
		if (cell.share === null) return 'unknown';
		low = high = cell.share;
	} else {
		if (table.total.kind !== 'shown' || table.total.count === 0) return 'unknown';
		const n = table.total.count;
		if (cell.reason === 'small') {
			low = (table.zeros === 'suppressed' ? 0 : 1) / n;
			high = (table.k - 1) / n;
		} else {
			low = table.k / n;
			high = 1;
		}
	}
	if (target.min !== null && high < target.min) return 'under';
	if (target.max !== null && low > target.max) return 'over';
	if ((target.min === null || low >= target.min) && (target.max === null || high <= target.max)) return 'within';
	return 'unknown';
}
