// HiGHS (WebAssembly, npm `highs`) behind the three models the selection needs: the panel ILP
// (who sits, with the quotas; optionally elastic), the maximin master LP, and the final LP over
// the generated panels. The runtime is loaded once per process and reused; each model is a
// persistent HiGHS instance that is changed in place between solves (new objective, a dropped
// bound, one more row) instead of re-parsing LP text, and is always disposed: Wasm memory is not
// garbage collected. If the runtime aborts (a Wasm RuntimeError leaves it unusable), the next
// call loads a fresh one; `withSolver` retries the whole computation once on that.
import loadHighs from 'highs';
import type { Problem } from './problem';
import type { QuotaBound } from './types';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Model = ReturnType<Highs['createModel']>;

let runtime: Promise<Highs> | undefined;

function highs(): Promise<Highs> {
	runtime ??= loadHighs().catch((error: unknown) => {
		runtime = undefined;
		throw error;
	});
	return runtime;
}

/** Runs `work` with the loaded runtime; once more with a fresh runtime if the Wasm instance aborted. */
export async function withSolver<T>(work: (h: Highs) => T): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		const h = await highs();
		try {
			return work(h);
		} catch (error) {
			if (!(error instanceof WebAssembly.RuntimeError) || attempt > 0) throw error;
			runtime = undefined;
		}
	}
}

// Deterministic, quiet, bounded: one thread (the Wasm build has one anyway), fixed random seed,
// an exact MIP gap (pricing must find the true best panel, or the stopping test is wrong).
const OPTIONS = {
	output_flag: false,
	random_seed: 0,
	mip_rel_gap: 1e-9,
	mip_abs_gap: 1e-12,
	time_limit: 60
} as const;

function status(h: Highs, model: Model): 'optimal' | 'infeasible' {
	const s = model.getModelStatus();
	if (s === h.constants.modelStatus.optimal) return 'optimal';
	if (s === h.constants.modelStatus.infeasible) return 'infeasible';
	throw new Error(`selection solver stopped with model status ${String(s)}`);
}

export interface PanelSolve {
	status: 'optimal' | 'infeasible';
	/** Pool indexes in the panel, ascending (empty when infeasible). */
	members: number[];
	objective: number;
}

/**
 * The panel ILP: x_i ∈ {0,1} per pool index (kept members fixed at 1), Σx = seats, and per quota
 * min ≤ Σ_{i has option} x_i ≤ max. With `elastic`, each quota row also gets an under- and an
 * over-slack column (closed at 0 until opened), so the same model answers "feasible?",
 * "least relaxation?" and "feasible without this bound?".
 */
export class PanelModel {
	private readonly model: Model;
	private readonly n: number;
	private readonly quotaCount: number;

	constructor(
		private readonly h: Highs,
		private readonly p: Problem,
		private readonly elastic = false
	) {
		const n = p.ids.length;
		const q = p.quotas.length;
		this.n = n;
		this.quotaCount = q;
		const numCols = n + (elastic ? 2 * q : 0);
		const starts = [0];
		const indices: number[] = [];
		const values: number[] = [];
		const entry = (column: number, value: number) => {
			indices.push(column);
			values.push(value);
		};
		for (let i = 0; i < n; i++) entry(i, 1);
		starts.push(indices.length);
		p.members.forEach((members, k) => {
			for (const i of members) entry(i, 1);
			if (elastic) {
				entry(n + 2 * k, 1);
				entry(n + 2 * k + 1, -1);
			}
			starts.push(indices.length);
		});
		const colLower = new Float64Array(numCols);
		const colUpper = new Float64Array(numCols);
		for (let i = 0; i < n; i++) {
			colLower[i] = p.kept[i] ? 1 : 0;
			colUpper[i] = 1;
		}
		const { integer, continuous } = h.constants.variableType;
		this.model = h.createModel({
			numCols,
			numRows: q + 1,
			sense: h.constants.objectiveSense.maximize,
			colCost: new Float64Array(numCols),
			colLower,
			colUpper,
			rowLower: [p.seats, ...p.quotas.map((x) => x.min)],
			rowUpper: [p.seats, ...p.quotas.map((x) => x.max)],
			matrix: { format: 'csr', numRows: q + 1, numCols, starts, indices, values },
			integrality: Array.from({ length: numCols }, (_, j) => (j < n ? integer : continuous))
		});
		this.model.options.set(OPTIONS);
	}

	/** Best panel for `costs` (one per pool index; maximised). */
	maximize(costs: ArrayLike<number>): PanelSolve {
		const c = new Float64Array(this.n + (this.elastic ? 2 * this.quotaCount : 0));
		for (let i = 0; i < this.n; i++) c[i] = costs[i] ?? 0;
		return this.run(c, this.h.constants.objectiveSense.maximize);
	}

	/** Any panel meeting the enforced bounds. */
	feasible(): PanelSolve {
		return this.maximize([]);
	}

	/** Opens the slack of the listed bounds (all others stay closed) and minimises the total slack. */
	minimizeSlack(open: readonly { quota: number; bound: QuotaBound }[]): PanelSolve & { slack: number[] } {
		if (!this.elastic) throw new Error('minimizeSlack needs an elastic PanelModel');
		const width = 2 * this.quotaCount;
		const upper = new Float64Array(width);
		for (const o of open) upper[2 * o.quota + (o.bound === 'min' ? 0 : 1)] = this.h.infinity;
		this.model.changeColsBounds({ kind: 'range', from: this.n, to: this.n + width - 1 }, new Float64Array(width), upper);
		const c = new Float64Array(this.n + width);
		c.fill(1, this.n);
		const solved = this.run(c, this.h.constants.objectiveSense.minimize);
		const slack =
			solved.status === 'optimal'
				? Array.from(this.model.getSolution().colValue.subarray(this.n), (v) => Math.round(v))
				: [];
		this.model.changeColsBounds({ kind: 'range', from: this.n, to: this.n + width - 1 }, new Float64Array(width), new Float64Array(width));
		return { ...solved, slack };
	}

	/** Enforces or drops one quota bound. */
	setBound(quota: number, bound: QuotaBound, enforced: boolean) {
		const q = this.p.quotas[quota];
		if (!q) throw new Error(`no quota ${quota}`);
		const row = quota + 1;
		const rows = this.model.getRows({ kind: 'range', from: row, to: row });
		let lower = rows.lower[0] ?? q.min;
		let upper = rows.upper[0] ?? q.max;
		if (bound === 'min') lower = enforced ? q.min : -this.h.infinity;
		else upper = enforced ? q.max : this.h.infinity;
		this.model.changeRowBounds(row, lower, upper);
	}

	dispose() {
		this.model.dispose();
	}

	private run(costs: Float64Array, sense: (typeof this.h.constants.objectiveSense)[keyof typeof this.h.constants.objectiveSense]): PanelSolve {
		this.model.changeObjectiveSense(sense);
		this.model.changeColsCost({ kind: 'range', from: 0, to: costs.length - 1 }, costs);
		this.model.run();
		if (status(this.h, this.model) === 'infeasible') return { status: 'infeasible', members: [], objective: 0 };
		const x = this.model.getSolution().colValue;
		const members: number[] = [];
		for (let i = 0; i < this.n; i++) if ((x[i] ?? 0) > 0.5) members.push(i);
		return { status: 'optimal', members, objective: this.model.getObjectiveValue() };
	}
}

/**
 * The maximin master LP over the known panels: λ_P ≥ 0 per panel with Σλ = 1, maximise z subject
 * to Σ_{P∋i} λ_P ≥ z for every selectable volunteer i. Its optimum `cap` is the best minimum
 * selection probability the known panels allow; the duals y of the volunteer rows (y ≥ 0, Σy = 1)
 * weigh the volunteers for pricing. Column generation runs on the dual form below (measured:
 * dual simplex on added rows is a little faster than primal simplex on added columns); this form
 * gives the panels' probabilities once the panels are known.
 */
export class PrimalMasterModel {
	private readonly model: Model;
	private panels = 0;

	constructor(
		private readonly h: Highs,
		private readonly m: number
	) {
		// Column 0 is z; row 0 is Σλ = 1; row 1 + j is volunteer j's Σλ − z ≥ 0.
		const starts = [0, 0];
		const indices: number[] = [];
		for (let j = 0; j < m; j++) {
			indices.push(0);
			starts.push(indices.length);
		}
		this.model = h.createModel({
			numCols: 1,
			numRows: m + 1,
			sense: h.constants.objectiveSense.maximize,
			colCost: [1],
			colLower: [0],
			colUpper: [h.infinity],
			rowLower: [1, ...new Array<number>(m).fill(0)],
			rowUpper: [1, ...new Array<number>(m).fill(h.infinity)],
			matrix: { format: 'csr', numRows: m + 1, numCols: 1, starts, indices, values: new Float64Array(m).fill(-1) }
		});
		this.model.options.set({ ...OPTIONS, presolve: 'off', simplex_strategy: 4 });
	}

	/** Adds panel's column (`panel`: selectable positions 0..m-1, ascending). */
	addPanel(panel: readonly number[]) {
		const rows = [0, ...panel.map((j) => j + 1)];
		this.model.addCol(0, 0, this.h.infinity, { indices: rows, values: rows.map(() => 1) });
		this.panels++;
	}

	/** Solves; the cap, the volunteers' weights for pricing, and the panels' probabilities (in the order added). */
	solve(): { cap: number; y: Float64Array; lambda: Float64Array } {
		this.model.run();
		if (status(this.h, this.model) !== 'optimal') throw new Error('maximin master LP has no optimum');
		const solution = this.model.getSolution();
		// Dual signs follow HiGHS's convention for a maximisation; the weights are their magnitudes, scaled to sum to 1.
		const y = Float64Array.from(solution.rowDual.subarray(1, this.m + 1), Math.abs);
		const sum = y.reduce((s, v) => s + v, 0);
		if (sum > 0) for (let j = 0; j < this.m; j++) y[j] = (y[j] ?? 0) / sum;
		return { cap: this.model.getObjectiveValue(), y, lambda: solution.colValue.slice(1, 1 + this.panels) };
	}

	dispose() {
		this.model.dispose();
	}
}

/**
 * The maximin master in its dual form (as in Flanigan et al.'s code): weights y ≥ 0 on the
 * selectable volunteers with Σy = 1; minimise `cap` subject to Σ_{i∈P} y_i ≤ cap per known panel P.
 * Its optimum equals the best minimum selection probability the known panels allow, and its y are
 * the weights for pricing the next panel. A new panel is a new row, so the previous basis stays
 * dual feasible and dual simplex continues from it (presolve off, or it would start over).
 */
export class DualMasterModel {
	private readonly model: Model;

	constructor(
		private readonly h: Highs,
		private readonly m: number
	) {
		const cost = new Float64Array(m + 1);
		cost[m] = 1;
		this.model = h.createModel({
			numCols: m + 1,
			numRows: 1,
			sense: h.constants.objectiveSense.minimize,
			colCost: cost,
			colLower: new Float64Array(m + 1),
			colUpper: new Float64Array(m + 1).fill(h.infinity),
			rowLower: [1],
			rowUpper: [1],
			matrix: {
				format: 'csr',
				numRows: 1,
				numCols: m + 1,
				starts: [0, m],
				indices: Array.from({ length: m }, (_, j) => j),
				values: new Float64Array(m).fill(1)
			}
		});
		this.model.options.set({ ...OPTIONS, presolve: 'off' });
	}

	/** Adds the row Σ_{j∈panel} y_j − cap ≤ 0 (`panel`: selectable positions 0..m-1, ascending). */
	addPanel(panel: readonly number[]) {
		this.model.addRow(-this.h.infinity, 0, { indices: [...panel, this.m], values: [...panel.map(() => 1), -1] });
	}

	solve(): { y: Float64Array; cap: number } {
		this.model.run();
		if (status(this.h, this.model) !== 'optimal') throw new Error('maximin master LP has no optimum');
		const v = this.model.getSolution().colValue;
		return { y: v.slice(0, this.m), cap: v[this.m] ?? 0 };
	}

	dispose() {
		this.model.dispose();
	}
}

export type { Highs };
