/**
 * Small-cell suppression: every hidden figure stays hidden from a reader who knows everything shown,
 * the totals, and what the labels say ("fewer than k" lies in [1, k-1]; a complement is at least k).
 * Two independent readers check the module's own audit: plain enumeration of candidate tables on
 * small tables, and HiGHS (an integer program per hidden figure: its least and its greatest value).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import loadHighs from 'highs';
import { crossMargin, suppressCrossTable, suppressOneWay } from '../../src/lib/server/statistics/suppression';
import type { Cell, CrossFigures, OneWayFigures } from '../../src/lib/shared/statistics';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs;
beforeAll(async () => {
	highs = await loadHighs();
});

/** xs[i], failing loudly when out of range. */
function at<T>(xs: readonly T[], i: number): T {
	const x = xs[i];
	if (x === undefined) throw new RangeError(`index ${i} out of range`);
	return x;
}

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
/** Counts as they come in a board of a few dozen: many small ones, some zeros, some large. */
function count(rand: () => number): number {
	const r = rand();
	return r < 0.15 ? 0 : r < 0.55 ? 1 + Math.floor(rand() * 5) : 5 + Math.floor(rand() * 20);
}

/** A cross-table as the reader sees it: each figure either a number or bounds from its label. One-way tables are one row. */
type Seen = { rows: number; cols: number; figure: (Cell & { truth: number })[] };

function seenCross(t: CrossFigures, truth: number[][]): Seen {
	const R = t.rows.length;
	const C = t.columns.length;
	const rowTotals = truth.map((r) => r.reduce((a, b) => a + b, 0));
	const colTotals = t.columns.map((_, j) => truth.reduce((a, r) => a + at(r, j), 0));
	const grand = rowTotals.reduce((a, b) => a + b, 0);
	return {
		rows: R,
		cols: C,
		figure: [
			...t.rows.flatMap((r, i) => r.cells.map((c, j) => ({ ...c, truth: at(at(truth, i), j) }))),
			...t.rows.map((r, i) => ({ ...r.total, truth: at(rowTotals, i) })),
			...t.columns.map((c, j) => ({ ...c.total, truth: at(colTotals, j) })),
			{ ...t.total, truth: grand }
		]
	};
}

function bounds(c: Cell, k: number, zeros: 'shown' | 'suppressed', cap: number): [number, number] {
	if (c.kind === 'shown') return [c.count, c.count];
	return c.reason === 'small' ? [zeros === 'suppressed' ? 0 : 1, k - 1] : [k, cap];
}

/** The equations a reader has: each row sums to its total, each column to its total, the totals to the grand total. */
function equations(R: number, C: number): { terms: number[]; sum: number }[] {
	const body = (i: number, j: number) => i * C + j;
	const rowT = (i: number) => R * C + i;
	const colT = (j: number) => R * C + R + j;
	const grand = R * C + R + C;
	const range = (n: number) => Array.from({ length: n }, (_, i) => i);
	return [
		...range(R).map((i) => ({ terms: range(C).map((j) => body(i, j)), sum: rowT(i) })),
		...range(C).map((j) => ({ terms: range(R).map((i) => body(i, j)), sum: colT(j) })),
		{ terms: range(R).map(rowT), sum: grand },
		{ terms: range(C).map(colT), sum: grand }
	];
}

/** HiGHS: the least and greatest value of every hidden figure over all integer tables the reader cannot tell apart. */
function rangesBySolver(seen: Seen, k: number, zeros: 'shown' | 'suppressed'): Map<number, [number, number]> {
	const cap = 10_000;
	const name = (i: number) => `x${i}`;
	const rows = equations(seen.rows, seen.cols).map(
		(e, n) => ` e${n}: ${e.terms.map((i) => `+ ${name(i)}`).join(' ')} - ${name(e.sum)} = 0`
	);
	const bound = seen.figure.map((c, i) => {
		const [lo, hi] = bounds(c, k, zeros, cap);
		return ` ${lo} <= ${name(i)} <= ${hi}`;
	});
	const general = seen.figure.map((_, i) => name(i)).join(' ');
	const out = new Map<number, [number, number]>();
	seen.figure.forEach((c, i) => {
		if (c.kind === 'shown') return;
		const solve = (sense: string) => {
			const lp = `${sense}\n obj: ${name(i)}\nSubject To\n${rows.join('\n')}\nBounds\n${bound.join('\n')}\nGeneral\n ${general}\nEnd\n`;
			const result = highs.solve(lp);
			expect(result.Status, 'the true table always fits what is shown').toBe('Optimal');
			return Math.round(result.ObjectiveValue);
		};
		out.set(i, [solve('Minimize'), solve('Maximize')]);
	});
	return out;
}

/**
 * Plain enumeration: every table of body cells a reader could fill in (shown ones fixed, hidden ones within their
 * labels' bounds, pruned by the shown totals as it goes), kept when every total it implies matches what is shown.
 */
function valuesByEnumeration(seen: Seen, k: number, zeros: 'shown' | 'suppressed'): Map<number, Set<number>> {
	const { rows: R, cols: C } = seen;
	const grandIndex = R * C + R + C;
	const known = (i: number) => (at(seen.figure, i).kind === 'shown' ? at(seen.figure, i).truth : Infinity);
	const cap = at(seen.figure, grandIndex).truth + k;
	const values = new Map<number, Set<number>>(seen.figure.flatMap((c, i) => (c.kind === 'shown' ? [] : [[i, new Set<number>()]])));
	const fits = (i: number, v: number) => {
		const [lo, hi] = bounds(at(seen.figure, i), k, zeros, Infinity);
		return v >= lo && v <= hi;
	};
	const table = new Array<number>(R * C).fill(0);
	const rowSum = new Array<number>(R).fill(0);
	const colSum = new Array<number>(C).fill(0);
	const visit = (n: number, all: number) => {
		if (n === R * C) {
			const full = [...table, ...rowSum, ...colSum, all];
			if (!full.every((v, i) => fits(i, v))) return;
			for (const [i, set] of values) set.add(at(full, i));
			return;
		}
		const i = Math.floor(n / C);
		const j = n % C;
		const [lo, hi] = bounds(at(seen.figure, n), k, zeros, cap);
		const room = Math.min(hi, cap, known(R * C + i) - at(rowSum, i), known(R * C + R + j) - at(colSum, j), known(grandIndex) - all);
		for (let v = lo; v <= room; v++) {
			table[n] = v;
			rowSum[i] = at(rowSum, i) + v;
			colSum[j] = at(colSum, j) + v;
			// A row (or column) just completed must match its total when that is shown.
			const rowDone = j === C - 1 && known(R * C + i) !== Infinity && rowSum[i] !== known(R * C + i);
			const colDone = i === R - 1 && known(R * C + R + j) !== Infinity && colSum[j] !== known(R * C + R + j);
			if (!rowDone && !colDone) visit(n + 1, all + v);
			rowSum[i] = at(rowSum, i) - v;
			colSum[j] = at(colSum, j) - v;
		}
	};
	visit(0, 0);
	return values;
}

function expectPrimaryRule(seen: Seen, k: number, zeros: 'shown' | 'suppressed') {
	for (const c of seen.figure) {
		const small = c.truth < k && (c.truth > 0 || zeros === 'suppressed');
		if (small) expect(c).toMatchObject({ kind: 'suppressed', reason: 'small' });
		else if (c.kind === 'shown') expect(c.count).toBe(c.truth);
		else expect(c.reason).toBe('complement');
		if (c.kind === 'suppressed') expect(Object.keys(c).sort()).toEqual(['kind', 'reason', 'truth']);
	}
}

function oneWayAsCross(t: OneWayFigures): CrossFigures {
	return { k: t.k, zeros: t.zeros, shareOf: 'total', rows: [{ key: 'all', cells: t.options.map((o) => o.cell), total: t.total }], columns: t.options.map((o) => ({ key: o.key, total: o.cell })), total: t.total };
}
const one = (counts: number[]) => counts.map((count, i) => ({ key: `o${i}`, count }));

describe('one-way tables', () => {
	it('hides a 4 and the next smallest figure, so the total does not give the 4 away', () => {
		const t = suppressOneWay(one([12, 4, 9, 20]), { k: 5 });
		expect(t.options.map((o) => o.cell)).toEqual([
			{ kind: 'shown', count: 12, share: 12 / 45 },
			{ kind: 'suppressed', reason: 'small' },
			{ kind: 'suppressed', reason: 'complement' },
			{ kind: 'shown', count: 20, share: 20 / 45 }
		]);
		expect(t.total).toEqual({ kind: 'shown', count: 45, share: 1 });
		// What a reader can work out: the hidden two add up to 13, the small one is 1..4, so it could be any of 1..4.
		const seen = seenCross(oneWayAsCross(t), [[12, 4, 9, 20]]);
		const values = valuesByEnumeration(seen, 5, 'shown');
		expect([...values.get(1)!].sort()).toEqual([1, 2, 3, 4]);
		expect([...values.get(2)!].sort((a, b) => a - b)).toEqual([9, 10, 11, 12]);
	});

	it('shows a table without small cells whole, with shares of the total', () => {
		const t = suppressOneWay(one([12, 5, 9, 0]), { k: 5 });
		expect(t.options.map((o) => o.cell)).toEqual([
			{ kind: 'shown', count: 12, share: 12 / 26 },
			{ kind: 'shown', count: 5, share: 5 / 26 },
			{ kind: 'shown', count: 9, share: 9 / 26 },
			{ kind: 'shown', count: 0, share: 0 }
		]);
	});

	it('hides the total too when the two-per-line rule would still give a 1 away ([1, 5], total 6)', () => {
		// With the total shown, the hidden two add to 6, the complement is at least 5: the small one can only be 1.
		const t = suppressOneWay(one([1, 5]), { k: 5 });
		expect(t.options.map((o) => o.cell.kind)).toEqual(['suppressed', 'suppressed']);
		expect(t.total).toEqual({ kind: 'suppressed', reason: 'complement' });
		const values = valuesByEnumeration(seenCross(oneWayAsCross(t), [[1, 5]]), 5, 'shown');
		for (const set of values.values()) expect(set.size).toBeGreaterThanOrEqual(2);
	});

	it('hides a small total, and every small option under it', () => {
		const t = suppressOneWay(one([2, 0, 1]), { k: 5 });
		expect(t.total).toEqual({ kind: 'suppressed', reason: 'small' });
		expect(t.options.map((o) => o.cell)).toEqual([
			{ kind: 'suppressed', reason: 'small' },
			{ kind: 'shown', count: 0, share: null },
			{ kind: 'suppressed', reason: 'small' }
		]);
	});

	it('never uses a zero as a complement, and hides zeros as small cells when asked', () => {
		const shown = suppressOneWay(one([3, 0, 10]), { k: 5 });
		expect(shown.options.map((o) => o.cell.kind)).toEqual(['suppressed', 'shown', 'suppressed']);
		const hidden = suppressOneWay(one([3, 0, 10]), { k: 5, zeros: 'suppressed' });
		expect(hidden.options.map((o) => o.cell)).toEqual([
			{ kind: 'suppressed', reason: 'small' },
			{ kind: 'suppressed', reason: 'small' },
			{ kind: 'shown', count: 10, share: 10 / 13 }
		]);
	});

	it('hides zeros too when the labels alone would pin the figures down (four ones under "fewer than 5")', () => {
		// With zeros shown, a hidden small cell is 1..4; four of them under a total of at most 4 are all exactly 1.
		const t = suppressOneWay(one([1, 1, 0, 1, 1]), { k: 5 });
		expect(t.zeros).toBe('suppressed');
		expect(t.options[2]?.cell).toEqual({ kind: 'suppressed', reason: 'small' });
		expect(t.total).toEqual({ kind: 'suppressed', reason: 'small' });
		const seen = seenCross(oneWayAsCross(t), [[1, 1, 0, 1, 1]]);
		for (const set of valuesByEnumeration(seen, 5, 'suppressed').values()) expect(set.size).toBeGreaterThanOrEqual(2);
		// Asked with zeros shown and not needed: they stay shown.
		expect(suppressOneWay(one([3, 0, 10]), { k: 5 }).zeros).toBe('shown');
	});

	it('uses the threshold it is given, and refuses one that cannot protect anything', () => {
		expect(suppressOneWay(one([7, 30, 30]), { k: 10 }).options[0]?.cell).toEqual({ kind: 'suppressed', reason: 'small' });
		expect(suppressOneWay(one([7, 30, 30])).options[0]?.cell.kind).toBe('shown');
		expect(() => suppressOneWay(one([1, 30]), { k: 2 })).toThrow(RangeError);
		expect(() => suppressOneWay(one([1.5, 30]))).toThrow(RangeError);
	});
});

describe('cross-tables', () => {
	it('hides small body cells with complements in every row and column, margins kept where safe', () => {
		const counts = [
			[8, 1, 4],
			[4, 12, 5],
			[10, 10, 10]
		];
		const t = suppressCrossTable({ rows: ['a', 'b', 'c'], columns: ['p', 'q', 'r'], counts }, { k: 5 });
		const seen = seenCross(t, counts);
		expectPrimaryRule(seen, 5, 'shown');
		// Every row and column with a hidden figure has at least two.
		const kinds = t.rows.map((r) => [...r.cells, r.total].map((c) => c.kind));
		for (const line of [...kinds, ...[0, 1, 2].map((j) => kinds.map((r) => r[j]))]) {
			const hidden = line.filter((k) => k === 'suppressed').length;
			expect(hidden === 0 || hidden >= 2).toBe(true);
		}
		// The margins here are all at least 5 and need not be hidden.
		expect(t.total).toEqual({ kind: 'shown', count: 64, share: 1 });
		expect(t.columns.map((c) => c.total.kind)).toEqual(['shown', 'shown', 'shown']);
		for (const [i, set] of valuesByEnumeration(seen, 5, 'shown')) expect(set.size, `figure ${i}`).toBeGreaterThanOrEqual(2);
		// Shares are of the row total, and only of shown figures.
		expect(t.rows[2]?.cells[2]).toEqual({ kind: 'shown', count: 10, share: 10 / 30 });
	});

	it('hides a small row total and complements it in the column of row totals', () => {
		const counts = [
			[2, 1],
			[10, 12],
			[9, 7]
		];
		const t = suppressCrossTable({ rows: ['a', 'b', 'c'], columns: ['p', 'q'], counts }, { k: 5 });
		expect(t.rows[0]?.total).toEqual({ kind: 'suppressed', reason: 'small' });
		expect(t.rows.filter((r) => r.total.kind === 'suppressed').length + Number(t.total.kind === 'suppressed')).toBeGreaterThanOrEqual(2);
		for (const set of valuesByEnumeration(seenCross(t, counts), 5, 'shown').values()) expect(set.size).toBeGreaterThanOrEqual(2);
	});

	it('gives the margins as one-way tables with the same suppression', () => {
		const counts = [
			[8, 1],
			[4, 12]
		];
		const t = suppressCrossTable({ rows: ['yes', 'no'], columns: ['paid', 'own'], counts }, { k: 5 });
		const rows = crossMargin(t, 'rows');
		expect(rows.options.map((o) => o.key)).toEqual(['yes', 'no']);
		expect(rows.options.map((o) => o.cell)).toEqual(t.rows.map((r) => r.total));
		expect(crossMargin(t, 'columns').total).toEqual(t.total);
	});

	it('refuses counts that do not match the rows and columns', () => {
		expect(() => suppressCrossTable({ rows: ['a'], columns: ['p', 'q'], counts: [[1]] })).toThrow(RangeError);
	});
});

describe('no hidden figure can be worked out (seeded random tables)', () => {
	it('one-way tables: HiGHS finds at least two values for every hidden figure', () => {
		const rand = random(20261202);
		let hiddenChecked = 0;
		for (let n = 0; n < 200; n++) {
			const counts = Array.from({ length: 2 + Math.floor(rand() * 5) }, () => count(rand));
			const k = 3 + Math.floor(rand() * 5);
			const zeros = rand() < 0.3 ? 'suppressed' : 'shown';
			const t = suppressOneWay(one(counts), { k, zeros });
			const seen = seenCross(oneWayAsCross(t), [counts]);
			expectPrimaryRule(seen, k, t.zeros);
			for (const [i, [lo, hi]] of rangesBySolver(seen, k, t.zeros)) {
				expect(lo, `table ${JSON.stringify(counts)} k=${k} figure ${i}`).toBeLessThan(hi);
				hiddenChecked++;
			}
		}
		expect(hiddenChecked).toBeGreaterThan(200);
	}, 120_000);

	it('cross-tables up to 4 × 4: HiGHS finds at least two values for every hidden figure', () => {
		const rand = random(1215);
		let hiddenChecked = 0;
		for (let n = 0; n < 150; n++) {
			const R = 2 + Math.floor(rand() * 3);
			const C = 2 + Math.floor(rand() * 3);
			const counts = Array.from({ length: R }, () => Array.from({ length: C }, () => count(rand)));
			const k = 3 + Math.floor(rand() * 5);
			const zeros = rand() < 0.3 ? 'suppressed' : 'shown';
			const rows = Array.from({ length: R }, (_, i) => `r${i}`);
			const columns = Array.from({ length: C }, (_, j) => `c${j}`);
			const t = suppressCrossTable({ rows, columns, counts }, { k, zeros });
			const seen = seenCross(t, counts);
			expectPrimaryRule(seen, k, t.zeros);
			for (const [i, [lo, hi]] of rangesBySolver(seen, k, t.zeros)) {
				expect(lo, `table ${JSON.stringify(counts)} k=${k} ${zeros} figure ${i}`).toBeLessThan(hi);
				hiddenChecked++;
			}
		}
		expect(hiddenChecked).toBeGreaterThan(300);
	}, 120_000);

	it('small cross-tables: enumerating every candidate table finds two that agree with all that is shown', () => {
		const rand = random(42);
		let tables = 0;
		for (let n = 0; n < 120; n++) {
			const C = 2 + Math.floor(rand() * 2);
			const counts = Array.from({ length: 2 }, () => Array.from({ length: C }, () => Math.floor(rand() * 9)));
			const t = suppressCrossTable({ rows: ['a', 'b'], columns: Array.from({ length: C }, (_, j) => `c${j}`), counts }, { k: 5 });
			const seen = seenCross(t, counts);
			const values = valuesByEnumeration(seen, 5, t.zeros);
			for (const [i, set] of values) {
				expect(set.has(at(seen.figure, i).truth), 'the truth is among the candidates').toBe(true);
				expect(set.size, `table ${JSON.stringify(counts)} figure ${i}`).toBeGreaterThanOrEqual(2);
			}
			if (values.size > 0) tables++;
		}
		expect(tables).toBeGreaterThan(50);
	}, 120_000);
});
