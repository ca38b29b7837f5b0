// "Can these quotas be met from this pool, and if not, which ones conflict and by how much?"
// Answered before any draw, in three layers: counting checks (plain reasons, no solver); the panel
// ILP itself (the only real test: quotas of different dimensions interact); and when it is
// infeasible, (a) the elastic ILP, which lets every bound give way at a cost of one per seat and
// so finds the least total relaxation, and (b) a deletion filter, which drops bounds one at a time
// while the rest stay infeasible and so ends with an irreducible conflicting set; for each bound in
// that set, the seats by which relaxing it alone would do.
import { canonical, countingIssues, type Problem } from './problem';
import { PanelModel, withSolver, type Highs } from './solver';
import type { ConflictMember, Feasibility, QuotaBound, QuotaSlack, SelectionInput } from './types';

interface BoundRef {
	quota: number;
	bound: QuotaBound;
}

export async function checkFeasibility(input: SelectionInput): Promise<Feasibility> {
	const { problem, errors } = canonical(input);
	if (errors.length > 0) return { feasible: false, issues: errors, relaxation: [], conflict: [] };
	return withSolver((h) => feasibilityOf(h, problem));
}

export function feasibilityOf(h: Highs, p: Problem): Feasibility {
	const issues = countingIssues(p);
	// Without enough people (or with more kept than seats) no relaxation of quotas helps.
	if (issues.some((i) => i.kind === 'pool_too_small' || i.kind === 'kept_exceeds_seats'))
		return { feasible: false, issues, relaxation: [], conflict: [] };

	const model = new PanelModel(h, p, true);
	try {
		if (model.feasible().status === 'optimal') {
			// Counting checks are sufficient conditions for infeasibility, so this cannot happen
			// unless one of them is wrong; say so rather than report a contradiction.
			if (issues.length > 0) throw new Error('selection: a counting check contradicts the solver');
			return { feasible: true, issues: [], relaxation: [], conflict: [] };
		}
		const bounds = bindingBounds(p);
		return { feasible: false, issues, relaxation: relaxation(model, p, bounds), conflict: conflict(model, p, bounds) };
	} finally {
		model.dispose();
	}
}

/** Bounds that can bind at all: a min above 0, a max below both the seats and the people who have the option. */
function bindingBounds(p: Problem): BoundRef[] {
	return p.quotas.flatMap((q, quota) => {
		const refs: BoundRef[] = [];
		if (q.min > 0) refs.push({ quota, bound: 'min' });
		if (q.max < Math.min(p.seats, p.members[quota]?.length ?? 0)) refs.push({ quota, bound: 'max' });
		return refs;
	});
}

function relaxation(model: PanelModel, p: Problem, bounds: BoundRef[]): QuotaSlack[] {
	const solved = model.minimizeSlack(bounds);
	if (solved.status !== 'optimal') return [];
	return bounds.flatMap(({ quota, bound }) => {
		const by = solved.slack[2 * quota + (bound === 'min' ? 0 : 1)] ?? 0;
		const q = p.quotas[quota];
		return by > 0 && q ? [{ dimension: q.dimension, option: q.option, bound, limit: q[bound], by }] : [];
	});
}

function conflict(model: PanelModel, p: Problem, bounds: BoundRef[]): ConflictMember[] {
	// Deletion filter: a bound whose removal leaves the rest infeasible is not needed for the conflict.
	const kept: BoundRef[] = [];
	for (const ref of bounds) {
		model.setBound(ref.quota, ref.bound, false);
		if (model.feasible().status === 'optimal') {
			model.setBound(ref.quota, ref.bound, true);
			kept.push(ref);
		}
	}
	// Only the conflicting set is enforced now; ask, per member, what relaxing it alone would take
	// (with every bound back in force).
	for (const ref of bounds) model.setBound(ref.quota, ref.bound, true);
	return kept.flatMap((ref) => {
		const q = p.quotas[ref.quota];
		if (!q) return [];
		const alone = model.minimizeSlack([ref]);
		const relaxBy = alone.status === 'optimal' ? (alone.slack[2 * ref.quota + (ref.bound === 'min' ? 0 : 1)] ?? 0) : null;
		return [{ dimension: q.dimension, option: q.option, bound: ref.bound, limit: q[ref.bound], relaxBy }];
	});
}
