/**
 * Small-cell suppression for tables of counts: the one place that decides which figures about people
 * may be printed (board composition, surveys, annual figures). Kernel floor: imports nothing from a
 * capability, only the browser-safe shapes in $lib/shared/statistics.
 *
 *   const work = suppressOneWay([{ key: 'paid', count: 12 }, { key: 'own', count: 3 }, { key: 'neither', count: 9 }], { k: settings.threshold });
 *   const cross = suppressCrossTable({ rows: ['yes', 'no'], columns: ['paid', 'own', 'neither'], counts: [[8, 1, 4], [4, 2, 5]] }, { k });
 *
 * The rules, and why:
 * - Primary: a count with 0 < count < k is hidden and labelled "fewer than k" (reason 'small'), in the
 *   body and in the margins alike (a row total under k hides that row total too).
 * - Zeros are shown by default (standard practice, e.g. CBS, ONS, Eurostat): an empty cell points at
 *   nobody, and "nobody here" is often the very finding (an unrepresented group). A zero is never used
 *   as a complement: a hidden zero next to a small cell protects nothing, because a reader who knows a
 *   complement is either 0 or at least k can then solve the small cell from the total. Where a zero
 *   could itself disclose something (every one of a small group answered the same), pass
 *   zeros: 'suppressed' and zeros count as small cells.
 * - Complementary: every line (a row with its total, a column with its total, the row of column
 *   totals with the grand total, the column of row totals with the grand total; in a one-way table
 *   the options with the total) that hides one figure hides at least two, the extra one being the
 *   smallest shown non-zero body cell of that line (a margin only when the body has none), until
 *   nothing changes.
 * - Then an exact audit, because the two-per-line rule is not enough on its own: a reader knows a
 *   'small' cell lies in [1, k-1] and a 'complement' in [k, ∞), and with those bounds, e.g. [1, 5]
 *   with total 6 gives the 1 away. For every hidden figure we ask whether any table agreeing with
 *   everything shown (and with those bounds) gives it another value; the constraints form a network
 *   (flows from rows to columns), so this is a max-flow feasibility question with an exact integer
 *   answer. A figure that is still pinned down gets one more complement on one of its lines, and the
 *   whole procedure repeats.
 *
 * What this does not protect against, and callers must keep in mind: the same counts published twice
 * with different patterns (linked tables). A page that shows a cross-table of A × B must show the
 * one-way tables of A and B with crossMargin(), not with a second suppressOneWay(); a grand total
 * printed elsewhere (e.g. "N = 23") must be taken from the table's total cell.
 *
 * The output's `zeros` says which policy was applied: a table asked for with zeros shown comes back
 * with zeros: 'suppressed' in the rare case that only hiding zeros too keeps every figure safe (see protect()).
 *
 * k must be at least 3: with k = 2, "fewer than 2" means exactly 1, and no suppression can hide that.
 */
import type { Cell, CrossFigures, OneWayFigures, ShareOf, ZeroPolicy } from '$lib/shared/statistics';

export type SuppressionOptions = {
	/** The threshold: counts 0 < n < k are hidden. The caller passes the setting; default 5. */
	k?: number;
	zeros?: ZeroPolicy;
};

export type OneWayInput<K extends string = string> = readonly { key: K; count: number }[];

export type CrossInput<R extends string = string, C extends string = string> = {
	rows: readonly R[];
	columns: readonly C[];
	/** counts[i][j]: the number in row i and column j. Margins are summed from these. */
	counts: readonly (readonly number[])[];
};

export const DEFAULT_THRESHOLD = 5;

/**
 * One variable's counts per option. The total is the sum of the options: a variable whose options
 * overlap (a multiple-choice question) is not one table but one per option (chose it / did not).
 */
export function suppressOneWay<K extends string>(options: OneWayInput<K>, opts: SuppressionOptions = {}): OneWayFigures<K> {
	const { k, zeros: asked } = settle(opts);
	const counts = options.map((o) => o.count);
	counts.forEach(checkCount);
	const total = counts.reduce((a, b) => a + b, 0);
	const n = counts.length;
	const values = [...counts, total];
	const margin = values.map((_, i) => i === n);
	// Nodes 0 and 1: every option flows 0 → 1, the total flows back 1 → 0.
	const edges = values.map((_, i) => (i < n ? { from: 0, to: 1 } : { from: 1, to: 0 }));
	const { state, zeros } = protect({ values, margin, lines: [values.map((_, i) => i)], edges, nodes: 2 }, k, asked);
	const figure = figures(values, state);
	return { k, zeros, options: options.map((o, i) => ({ key: o.key, cell: figure(i, n) })), total: figure(n, n) };
}

/** Two variables crossed, with all margins. Shares of body cells are of the row total unless shareOf says otherwise. */
export function suppressCrossTable<R extends string, C extends string>(
	input: CrossInput<R, C>,
	opts: SuppressionOptions & { shareOf?: ShareOf } = {}
): CrossFigures<R, C> {
	const { k, zeros: asked } = settle(opts);
	const shareOf = opts.shareOf ?? 'row';
	const R = input.rows.length;
	const C = input.columns.length;
	if (input.counts.length !== R || input.counts.some((row) => row.length !== C)) {
		throw new RangeError(`counts must be ${R} rows of ${C} columns`);
	}
	input.counts.forEach((row) => row.forEach(checkCount));
	const rowTotals = input.counts.map((row) => row.reduce((a, b) => a + b, 0));
	const colTotals = input.columns.map((_, j) => input.counts.reduce((a, row) => a + at(row, j), 0));
	const grand = rowTotals.reduce((a, b) => a + b, 0);

	// Cell indices: body i*C+j, then row totals, column totals, the grand total.
	const body = (i: number, j: number) => i * C + j;
	const rowTotal = (i: number) => R * C + i;
	const colTotal = (j: number) => R * C + R + j;
	const grandIndex = R * C + R + C;
	const values = [...input.counts.flat(), ...rowTotals, ...colTotals, grand];
	const margin = values.map((_, i) => i >= R * C);
	const range = (n: number) => Array.from({ length: n }, (_, i) => i);
	const lines = [
		...range(R).map((i) => [...range(C).map((j) => body(i, j)), rowTotal(i)]),
		...range(C).map((j) => [...range(R).map((i) => body(i, j)), colTotal(j)]),
		[...range(R).map(rowTotal), grandIndex],
		[...range(C).map(colTotal), grandIndex]
	];
	// The network: source 0 → row i (its total) → column j (the body cell) → sink 1 (its total) → source (the grand total).
	const rowNode = (i: number) => 2 + i;
	const colNode = (j: number) => 2 + R + j;
	const edges = [
		...range(R).flatMap((i) => range(C).map((j) => ({ from: rowNode(i), to: colNode(j) }))),
		...range(R).map((i) => ({ from: 0, to: rowNode(i) })),
		...range(C).map((j) => ({ from: colNode(j), to: 1 })),
		{ from: 1, to: 0 }
	];
	const { state, zeros } = protect({ values, margin, lines, edges, nodes: 2 + R + C }, k, asked);

	const figure = figures(values, state);
	const denominator = (i: number, j: number) => (shareOf === 'row' ? rowTotal(i) : shareOf === 'column' ? colTotal(j) : grandIndex);
	return {
		k,
		zeros,
		shareOf,
		rows: input.rows.map((key, i) => ({
			key,
			cells: input.columns.map((_, j) => figure(body(i, j), denominator(i, j))),
			total: figure(rowTotal(i), grandIndex)
		})),
		columns: input.columns.map((key, j) => ({ key, total: figure(colTotal(j), grandIndex) })),
		total: figure(grandIndex, grandIndex)
	};
}

/**
 * The rows' (or columns') margin of a cross-table as a one-way table, with the cross-table's own
 * suppression: what a page shows for either crossed variable on its own, so that the two views agree.
 */
export function crossMargin<R extends string, C extends string>(table: CrossFigures<R, C>, side: 'rows'): OneWayFigures<R>;
export function crossMargin<R extends string, C extends string>(table: CrossFigures<R, C>, side: 'columns'): OneWayFigures<C>;
export function crossMargin(table: CrossFigures, side: 'rows' | 'columns'): OneWayFigures {
	const parts = side === 'rows' ? table.rows : table.columns;
	return { k: table.k, zeros: table.zeros, options: parts.map((p) => ({ key: p.key, cell: p.total })), total: table.total };
}

// ---------------------------------------------------------------------------------------------------

type State = 'shown' | 'small' | 'complement';

type Table = {
	values: number[];
	/** True for totals: they are hidden as complements only when no body cell of the line can be. */
	margin: boolean[];
	/** Each line: cell indices whose last member is the sum of the others. */
	lines: number[][];
	/** Each cell as an edge of a network whose circulations are exactly the tables with these sums. */
	edges: { from: number; to: number }[];
	nodes: number;
};

function settle(opts: SuppressionOptions): { k: number; zeros: ZeroPolicy } {
	const k = opts.k ?? DEFAULT_THRESHOLD;
	if (!Number.isInteger(k) || k < 3) throw new RangeError(`suppression threshold must be an integer of at least 3, got ${k}`);
	return { k, zeros: opts.zeros ?? 'shown' };
}

function checkCount(n: number) {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`counts must be whole numbers of at least 0, got ${n}`);
}

/** The output cell for figure i, its share of figure d when d is shown and not 0. A hidden figure's count never leaves here. */
function figures(values: readonly number[], state: readonly State[]) {
	return (i: number, d: number): Cell => {
		const own = at(state, i);
		if (own !== 'shown') return { kind: 'suppressed', reason: own };
		const count = at(values, i);
		const denominator = at(values, d);
		return { kind: 'shown', count, share: at(state, d) === 'shown' && denominator > 0 ? count / denominator : null };
	};
}

/** xs[i] for an index this module computed itself (noUncheckedIndexedAccess cannot know it is in range). */
function at<T>(xs: readonly T[], i: number): T {
	const x = xs[i];
	if (x === undefined) throw new RangeError(`index ${i} out of range`);
	return x;
}

/**
 * The suppression pattern, and the zero policy it ended up with. When even hiding every non-zero figure
 * leaves one pinned down (with k = 3, a row total "fewer than 3" over two hidden non-zero cells makes
 * both exactly 1), the labels themselves give it away, because a reader knows a hidden small cell is at
 * least 1 when zeros are shown. Then zeros are hidden as small cells too, for the whole table, and the
 * table says so (zeros: 'suppressed'), so "fewer than k" honestly includes 0.
 */
function protect(table: Table, k: number, zeros: ZeroPolicy): { state: State[]; zeros: ZeroPolicy } {
	const first = attempt(table, k, zeros);
	if (first) return { state: first, zeros };
	const second = zeros === 'shown' ? attempt(table, k, 'suppressed') : null;
	if (second) return { state: second, zeros: 'suppressed' };
	// Not reached in the property tests; failing closed beats printing a figure that can be worked out.
	throw new Error('small-cell suppression found no safe pattern for this table');
}

function attempt(table: Table, k: number, zeros: ZeroPolicy): State[] | null {
	const { values, margin } = table;
	const small = (v: number) => v < k && (v > 0 || zeros === 'suppressed');
	const state: State[] = values.map((v) => (small(v) ? 'small' : 'shown'));
	const cheapestFirst = (a: number, b: number) => Number(at(margin, a)) - Number(at(margin, b)) || at(values, a) - at(values, b) || a - b;
	// The cheapest figure to hide on a line: a shown, non-zero body cell, the smallest first.
	const pick = (line: number[]): number | undefined => line.filter((i) => state[i] === 'shown' && at(values, i) > 0).sort(cheapestFirst)[0];

	for (;;) {
		// Two-per-line, until stable.
		let changed = true;
		while (changed) {
			changed = false;
			for (const line of table.lines) {
				if (line.filter((i) => state[i] !== 'shown').length !== 1) continue;
				const extra = pick(line);
				if (extra !== undefined) {
					state[extra] = 'complement';
					changed = true;
				}
			}
		}
		// The audit: a hidden figure that only one table fits gets one more complement on one of its lines.
		const exposed = values.findIndex((_, i) => state[i] !== 'shown' && pinned(table, state, k, zeros, i));
		if (exposed < 0) return state;
		const onItsLines = table.lines
			.filter((line) => line.includes(exposed))
			.map(pick)
			.filter((i): i is number => i !== undefined)
			.sort(cheapestFirst)[0];
		const extra = onItsLines ?? pick(values.map((_, i) => i));
		// Everything non-zero already hidden and still pinned down: no pattern with these labels works.
		if (extra === undefined) return null;
		state[extra] = 'complement';
	}
}

const UNBOUNDED = 1e12;

/** Whether hidden figure `target` can take only its true value in every table that agrees with what is shown. */
function pinned(table: Table, state: readonly State[], k: number, zeros: ZeroPolicy, target: number): boolean {
	const bounds = table.values.map((v, i): Bounds => {
		const s = at(state, i);
		return s === 'shown' ? [v, v] : s === 'small' ? [zeros === 'suppressed' ? 0 : 1, k - 1] : [k, UNBOUNDED];
	});
	const v = at(table.values, target);
	const [lo, hi] = at(bounds, target);
	const feasibleWith = (l: number, h: number) => circulates(table, bounds.map((b, i) => (i === target ? [l, h] : b)));
	// The constraint matrix is a network matrix (totally unimodular), so the values a figure can take
	// form an unbroken run of integers: one neighbour of the true value decides.
	return !((lo <= v - 1 && feasibleWith(lo, v - 1)) || (v + 1 <= hi && feasibleWith(v + 1, hi)));
}

type Bounds = [number, number];

/** Whether a circulation exists with every edge's flow within its bounds (lower bounds by the usual reduction to max-flow). */
function circulates(table: Table, bounds: readonly Bounds[]): boolean {
	if (bounds.some(([lo, hi]) => lo > hi)) return false;
	const source = table.nodes;
	const sink = table.nodes + 1;
	const graph = new FlowGraph(table.nodes + 2);
	const excess = new Array<number>(table.nodes).fill(0);
	table.edges.forEach(({ from, to }, i) => {
		const [lo, hi] = at(bounds, i);
		graph.add(from, to, hi - lo);
		excess[to] = at(excess, to) + lo;
		excess[from] = at(excess, from) - lo;
	});
	let demand = 0;
	excess.forEach((e, node) => {
		if (e > 0) {
			graph.add(source, node, e);
			demand += e;
		} else if (e < 0) graph.add(node, sink, -e);
	});
	return graph.maxFlow(source, sink) === demand;
}

/** Dinic's max-flow; the networks here have a few dozen nodes. */
class FlowGraph {
	private arcs: { to: number; cap: number }[] = [];
	private out: number[][];
	constructor(size: number) {
		this.out = Array.from({ length: size }, () => []);
	}
	add(from: number, to: number, capacity: number) {
		// Arc 2n and its reverse 2n+1: pushing along one frees capacity on the other.
		at(this.out, from).push(this.arcs.length);
		this.arcs.push({ to, cap: capacity });
		at(this.out, to).push(this.arcs.length);
		this.arcs.push({ to: from, cap: 0 });
	}
	maxFlow(s: number, t: number): number {
		let flow = 0;
		for (;;) {
			const level = this.out.map(() => -1);
			level[s] = 0;
			const queue = [s];
			for (let q = 0; q < queue.length; q++) {
				const u = at(queue, q);
				for (const a of at(this.out, u)) {
					const arc = at(this.arcs, a);
					if (arc.cap > 0 && at(level, arc.to) < 0) {
						level[arc.to] = at(level, u) + 1;
						queue.push(arc.to);
					}
				}
			}
			if (at(level, t) < 0) return flow;
			const next = this.out.map(() => 0);
			const push = (u: number, limit: number): number => {
				if (u === t) return limit;
				const arcs = at(this.out, u);
				for (; at(next, u) < arcs.length; next[u] = at(next, u) + 1) {
					const a = at(arcs, at(next, u));
					const arc = at(this.arcs, a);
					if (arc.cap > 0 && at(level, arc.to) === at(level, u) + 1) {
						const got = push(arc.to, Math.min(limit, arc.cap));
						if (got > 0) {
							arc.cap -= got;
							at(this.arcs, a ^ 1).cap += got;
							return got;
						}
					}
				}
				return 0;
			};
			for (let f = push(s, Infinity); f > 0; f = push(s, Infinity)) flow += f;
		}
	}
}
