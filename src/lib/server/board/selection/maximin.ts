// Maximin selection probabilities (Flanigan, Gölz, Gupta, Hennig & Procaccia, "Fair algorithms
// for selecting citizens' assemblies", Nature 596, 2021): a lottery over panels that all meet the
// quotas, chosen so that the least likely volunteer's chance of selection is as high as it can be.
//
// Column generation, as in the paper's implementation:
//  1. Cover: find panels until every volunteer is in one (swap search towards the not-yet-covered,
//     the ILP when that finds nobody new). When the best quota-meeting panel holds none of the
//     uncovered, they are in no feasible panel at all: reported as unreachable and left out of
//     the minimum (otherwise the minimum would be 0 whatever the lottery).
//  2. Master LP over the known panels (in dual form, see DualMasterModel): weights y on the
//     selectable volunteers and the best minimum `cap` the known panels allow.
//  3. Price: a quota-meeting panel whose y-weighted sum exceeds `cap` improves the lottery. First
//     a swap search from the heaviest known panels (SwapSearch; it adds up to SEARCH_STARTS
//     panels a round); when it finds none, the exact ILP for the heaviest panel of all. Only the
//     ILP may stop the loop: its sum is an upper bound on the optimum, so when it is within the
//     tolerance of `cap` the lottery is proven maximin to that tolerance.
//  4. The primal LP over the final panels gives each panel's probability.
// Kept members are in every panel (probability 1) and take no part in the minimum.
import { canonical, type Problem } from './problem';
import { feasibilityOf } from './feasibility';
import { DualMasterModel, PanelModel, PrimalMasterModel, withSolver, type Highs } from './solver';
import { SwapSearch } from './swap-search';
import type { Lottery, LotteryPanel, LotteryResult, LotteryVolunteer, SelectionInput, VolunteerStatus } from './types';

/** Panel weights are integers summing to this; probabilities are weight / total, so draws and reports agree exactly. */
export const LOTTERY_WEIGHT_TOTAL = 1_000_000_000;

/** Known panels the swap search starts from in each round. */
const SEARCH_STARTS = 8;

export interface LotteryOptions {
	/** Stop when the best new panel would raise the minimum by at most this much. */
	tolerance?: number;
	/** Cap on pricing rounds. */
	maxIterations?: number;
}

export async function maximinLottery(input: SelectionInput, options: LotteryOptions = {}): Promise<LotteryResult> {
	const { problem, errors } = canonical(input);
	if (errors.length > 0) return { ok: false, feasibility: { feasible: false, issues: errors, relaxation: [], conflict: [] } };
	return withSolver((h) => {
		const feasibility = feasibilityOf(h, problem);
		if (!feasibility.feasible) return { ok: false, feasibility };
		return { ok: true, lottery: lotteryOf(h, problem, options) };
	});
}

function lotteryOf(h: Highs, p: Problem, options: LotteryOptions): Lottery {
	const tolerance = options.tolerance ?? 1e-6;
	const maxIterations = options.maxIterations ?? 2000;
	const n = p.ids.length;
	const model = new PanelModel(h, p);
	const panels: number[][] = [];
	const known = new Set<string>();
	const add = (members: number[]) => {
		const key = members.join(',');
		if (known.has(key)) return false;
		known.add(key);
		panels.push(members);
		return true;
	};

	try {
		// 1. Cover everyone who can be covered: swap search first, the ILP when it finds nobody new.
		const search = new SwapSearch(p);
		const first = model.feasible();
		if (first.status !== 'optimal') throw new Error('selection: feasible quotas gave no panel');
		add(first.members);
		const covered = p.kept.slice();
		for (const i of first.members) covered[i] = true;
		const unreachable = new Array<boolean>(n).fill(false);
		for (;;) {
			const open = covered.map((c) => (c ? 0 : 1));
			if (!open.includes(1)) break;
			let next = search.improve(panels[panels.length - 1] ?? first.members, open);
			if (next.value < 0.5 || known.has(next.members.join(','))) {
				const exact = model.maximize(open);
				if (exact.status !== 'optimal') throw new Error('selection: feasible quotas gave no panel');
				if (exact.objective < 0.5) {
					open.forEach((o, i) => o === 1 && (unreachable[i] = true));
					break;
				}
				next = { members: exact.members, value: exact.objective };
			}
			add(next.members);
			for (const i of next.members) covered[i] = true;
		}

		// Selectable volunteers get master columns 0..m-1, in pool order.
		const selectable: number[] = [];
		const position = new Int32Array(n).fill(-1);
		for (let i = 0; i < n; i++)
			if (!p.kept[i] && !unreachable[i]) {
				position[i] = selectable.length;
				selectable.push(i);
			}
		const m = selectable.length;
		const toMaster = (members: readonly number[]) => members.flatMap((i) => ((position[i] ?? -1) >= 0 ? [position[i] ?? 0] : []));

		let iterations = 0;
		let converged = true;
		let upperBound = 1;
		let lambda: Float64Array;
		if (m === 0) {
			lambda = new Float64Array(panels.length);
			lambda[0] = 1;
		} else {
			// 2–3. Column generation.
			const master = new DualMasterModel(h, m);
			try {
				for (const panel of panels) master.addPanel(toMaster(panel));
				converged = false;
				while (iterations < maxIterations) {
					const { y, cap } = master.solve();
					const costs = new Float64Array(n);
					selectable.forEach((i, j) => (costs[i] = y[j] ?? 0));
					iterations++;
					// Swap search from the heaviest known panels (those at the cap); the exact ILP
					// only when that finds nothing better, and it alone may declare convergence.
					const found: number[][] = [];
					const value = (members: readonly number[]) => members.reduce((s, i) => s + (costs[i] ?? 0), 0);
					const starts = panels
						.map((members, k) => ({ k, v: value(members) }))
						.sort((a, b) => b.v - a.v || a.k - b.k)
						.slice(0, SEARCH_STARTS);
					for (const { k } of starts) {
						const better = search.improve(panels[k] ?? [], costs);
						if (better.value > cap + tolerance && add(better.members)) found.push(better.members);
					}
					if (found.length === 0) {
						const priced = model.maximize(costs);
						if (priced.status !== 'optimal') throw new Error('selection: feasible quotas gave no panel');
						upperBound = Math.min(upperBound, priced.objective);
						if (priced.objective <= cap + tolerance) {
							converged = true;
							break;
						}
						// A panel already known cannot price above cap unless the LP is off by rounding.
						if (!add(priced.members)) {
							converged = priced.objective <= cap + 10 * tolerance;
							break;
						}
						found.push(priced.members);
					}
					for (const members of found) master.addPanel(toMaster(members));
				}
			} finally {
				master.dispose();
			}
			// 4. Probabilities over the panels found.
			const primal = new PrimalMasterModel(h, m);
			try {
				for (const panel of panels) primal.addPanel(toMaster(panel));
				lambda = primal.solve().lambda;
			} finally {
				primal.dispose();
			}
		}

		return assemble(p, panels, lambda, unreachable, { iterations, converged, upperBound, m });
	} finally {
		model.dispose();
	}
}

function assemble(
	p: Problem,
	panels: number[][],
	lambda: Float64Array,
	unreachable: boolean[],
	run: { iterations: number; converged: boolean; upperBound: number; m: number }
): Lottery {
	const weights = integerWeights(lambda);
	const chosen = panels
		.map((members, k) => ({ members, weight: weights[k] ?? 0 }))
		.filter((x) => x.weight > 0)
		.sort((a, b) => compareIndexes(a.members, b.members));

	const volunteerWeight = new Array<number>(p.ids.length).fill(0);
	for (const panel of chosen) for (const i of panel.members) volunteerWeight[i] = (volunteerWeight[i] ?? 0) + panel.weight;

	const volunteers: LotteryVolunteer[] = p.ids.map((id, i) => {
		const status: VolunteerStatus = p.kept[i] ? 'kept' : unreachable[i] ? 'unreachable' : 'selectable';
		const weight = volunteerWeight[i] ?? 0;
		return { id, status, weight, probability: weight / LOTTERY_WEIGHT_TOTAL };
	});
	const selectable = volunteers.filter((v) => v.status === 'selectable');
	const minProbability = selectable.length === 0 ? 1 : Math.min(...selectable.map((v) => v.probability));

	const lotteryPanels: LotteryPanel[] = chosen.map(({ members, weight }) => ({
		members: members.map((i) => p.ids[i] ?? ''),
		weight,
		probability: weight / LOTTERY_WEIGHT_TOTAL
	}));
	return {
		fingerprint: p.fingerprint,
		seats: p.seats,
		panels: lotteryPanels,
		volunteers,
		unreachable: volunteers.filter((v) => v.status === 'unreachable').map((v) => v.id),
		minProbability,
		upperBound: run.m === 0 ? 1 : Math.max(run.upperBound, minProbability),
		iterations: run.iterations,
		panelsGenerated: panels.length,
		converged: run.converged
	};
}

/** λ (from the LP, tiny negatives and all) → integers summing exactly to the total, by largest remainder (ties: earlier panel). */
function integerWeights(lambda: Float64Array): number[] {
	const clean = Array.from(lambda, (v) => (v > 1e-12 ? v : 0));
	const sum = clean.reduce((s, v) => s + v, 0);
	const exact = clean.map((v) => (v / sum) * LOTTERY_WEIGHT_TOTAL);
	const floors = exact.map(Math.floor);
	let left = LOTTERY_WEIGHT_TOTAL - floors.reduce((s, v) => s + v, 0);
	const order = exact.map((v, k) => ({ k, frac: v - Math.floor(v) })).sort((a, b) => b.frac - a.frac || a.k - b.k);
	for (const { k } of order) {
		if (left <= 0) break;
		floors[k] = (floors[k] ?? 0) + 1;
		left--;
	}
	return floors;
}

function compareIndexes(a: readonly number[], b: readonly number[]) {
	for (let k = 0; k < Math.min(a.length, b.length); k++) {
		const d = (a[k] ?? 0) - (b[k] ?? 0);
		if (d !== 0) return d;
	}
	return a.length - b.length;
}
