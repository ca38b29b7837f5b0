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
	const { k, zeros } = settle(opts);
	const counts = options.map((o) => o.count);
	counts.forEach(checkCount);
	const total = counts.reduce((a, b) => a + b, 0);
	const n = counts.length;
	const values = [...counts, total];
	const margin = values.map((_, i) => i === n);
	// Nodes 0 and 1: every option flows 0 → 1, the total flows back 1 → 0.
	const edges = values.map((_, i) => (i < n ? { from: 0, to: 1 } : { from: 1, to: 0 }));
	const state = protect({ values, margin, lines: [values.map((_, i) => i)], edges, nodes: 2 }, k, zeros);
	const totalCell = cell(total, state[n], total, state[n]);
	return {
		k,
		zeros,
		options: options.map((o, i) => ({ key: o.key, cell: cell(o.count, state[i], total, state[n]) })),
		total: totalCell
	};
}

/** Two variables crossed, with all margins. Shares of body cells are of the row total unless shareOf says otherwise. */
export function suppressCrossTable<R extends string, C extends string>(
	input: CrossInput<R, C>,
	opts: SuppressionOptions & { shareOf?: ShareOf } = {}
): CrossFigures<R, C> {
	const { k, zeros } = settle(opts);
	const shareOf = opts.shareOf ?? 'row';
	const R = input.rows.length;
	const C = input.columns.length;
	if (input.counts.length !== R || input.counts.some((row) => row.length !== C)) {
		throw new RangeError(`counts must be ${R} rows of ${C} columns`);
	}
	input.counts.forEach((row) => row.forEach(checkCount));
	const rowTotals = input.counts.map((row) => row.reduce((a, b) => a + b, 0));
	const colTotals = input.columns.map((_, j) => input.counts.reduce((a, row) => a + row[j], 0));
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
	const state = protect({ values, margin, lines, edges, nodes: 2 + R + C }, k, zeros);

	const denominator = (i: number, j: number): [number, State] =>
		shareOf === 'row' ? [rowTotals[i], state[rowTotal(i)]] : shareOf === 'column' ? [colTotals[j], state[colTotal(j)]] : [grand, state[grandIndex]];
	return {
		k,
		zeros,
		shareOf,
		rows: input.rows.map((key, i) => ({
			key,
			cells: input.columns.map((_, j) => cell(input.counts[i][j], state[body(i, j)], ...denominator(i, j))),
			total: cell(rowTotals[i], state[rowTotal(i)], grand, state[grandIndex])
		})),
		columns: input.columns.map((key, j) => ({ key, total: cell(colTotals[j], state[colTotal(j)], grand, state[grandIndex]) })),
		total: cell(grand, state[grandIndex], grand, state[grandIndex])
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

function cell(count: number, state: State, denominator: number, denominatorState: State): Cell {
	if (state !== 'shown') return { kind: 'suppressed', reason: state };
	const share = denominatorState === 'shown' && denominator > 0 ? count / denominator : null;
	return { kind: 'shown', count, share };
}

function protect(table: Table, k: number, zeros: ZeroPolicy): State[] {
	const { values } = table;
	const small = (v: number) => v < k && (v > 0 || zeros === 'suppressed');
	const state: State[] = values.map((v) => (small(v) ? 'small' : 'shown'));
	// The cheapest figure to hide on a line: a shown, non-zero body cell, the smallest first.
	const pick = (line: number[]): number | undefined =>
		line
			.filter((i) => state[i] === 'shown' && values[i] > 0)
			.sort((a, b) => Number(table.margin[a]) - Number(table.margin[b]) || values[a] - values[b] || a - b)[0];

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
		const candidates = table.lines
			.filter((line) => line.includes(exposed))
			.map(pick)
			.filter((i): i is number => i !== undefined);
		const fallback = pick(values.map((_, i) => i));
		const extra = candidates.sort((a, b) => Number(table.margin[a]) - Number(table.margin[b]) || values[a] - values[b] || a - b)[0] ?? fallback;
		// Everything non-zero already hidden: nothing more to give (with k ≥ 3 the audit passes by then).
		if (extra === undefined) return state;
		state[extra] = 'complement';
	}
}

const UNBOUNDED = 1e12;

/** Whether hidden figure `target` can take only its true value in every table that agrees with what is shown. */
function pinned(table: Table, state: State[], k: number, zeros: ZeroPolicy, target: number): boolean {
	const bounds = table.values.map((v, i): [number, number] =>
		state[i] === 'shown' ? [v, v] : state[i] === 'small' ? [zeros === 'suppressed' ? 0 : 1, k - 1] : [k, UNBOUNDED]
	);
	const v = table.values[target];
	const [lo, hi] = bounds[target];
	const feasibleWith = (l: number, h: number) => circulates(table, bounds.map((b, i) => (i === target ? [l, h] : b)));
	// The constraint matrix is a network matrix (totally unimodular), so the values a figure can take
	// form an unbroken run of integers: one neighbour of the true value decides.
	return !((lo <= v - 1 && feasibleWith(lo, v - 1)) || (v + 1 <= hi && feasibleWith(v + 1, hi)));
}

/** Whether a circulation exists with every edge's flow within its bounds (lower bounds by the usual reduction to max-flow). */
function circulates(table: Table, bounds: [number, number][]): boolean {
	if (bounds.some(([lo, hi]) => lo > hi)) return false;
	const source = table.nodes;
	const sink = table.nodes + 1;
	const graph = new FlowGraph(table.nodes + 2);
	const excess = new Array<number>(table.nodes).fill(0);
	table.edges.forEach(({ from, to }, i) => {
		const [lo, hi] = bounds[i];
		graph.add(from, to, hi - lo);
		excess[to] += lo;
		excess[from] -= lo;
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
	private to: number[] = [];
	private cap: number[] = [];
	private head: number[];
	private next: number[] = [];
	constructor(private size: number) {
		this.head = new Array<number>(size).fill(-1);
	}
	add(from: number, to: number, capacity: number) {
		for (const [a, b, c] of [
			[from, to, capacity],
			[to, from, 0]
		]) {
			this.to.push(b);
			this.cap.push(c);
			this.next.push(this.head[a]);
			this.head[a] = this.to.length - 1;
		}
	}
	maxFlow(s: number, t: number): number {
		let flow = 0;
		for (;;) {
			const level = new Array<number>(this.size).fill(-1);
			level[s] = 0;
			const queue = [s];
			for (let q = 0; q < queue.length; q++) {
				for (let e = this.head[queue[q]]; e >= 0; e = this.next[e]) {
					if (this.cap[e] > 0 && level[this.to[e]] < 0) {
						level[this.to[e]] = level[queue[q]] + 1;
						queue.push(this.to[e]);
					}
				}
			}
			if (level[t] < 0) return flow;
			const iter = [...this.head];
			const push = (u: number, limit: number): number => {
				if (u === t) return limit;
				for (; iter[u] >= 0; iter[u] = this.next[iter[u]]) {
					const e = iter[u];
					const v = this.to[e];
					if (this.cap[e] > 0 && level[v] === level[u] + 1) {
						const got = push(v, Math.min(limit, this.cap[e]));
						if (got > 0) {
							this.cap[e] -= got;
							this.cap[e ^ 1] += got;
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
