// The input in one canonical form: pool sorted by id, quotas sorted by (dimension, option), each
// quota with the pool indexes it counts. Everything downstream works on indexes into this, so the
// solver sees the same model (same column and row order) for the same input, whatever order the
// caller listed things in: that is what makes a selection reproducible.
import { createHash } from 'node:crypto';
import type { Features, Quota, SelectionInput, SelectionIssue } from './types';

export interface Problem {
	ids: string[];
	features: Features[];
	seats: number;
	kept: boolean[];
	keptCount: number;
	quotas: Quota[];
	/** Per quota, the pool indexes that have its option. */
	members: number[][];
	fingerprint: string;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const quotaOrder = (a: Quota, b: Quota) =>
	byString(a.dimension, b.dimension) || byString(a.option, b.option);

/** Canonical form plus the input errors that make solving meaningless (duplicates, unknown kept ids, bad numbers). */
export function canonical(input: SelectionInput): { problem: Problem; errors: SelectionIssue[] } {
	const errors: SelectionIssue[] = [];
	const seats = input.seats;
	if (!Number.isInteger(seats) || seats < 1) errors.push({ kind: 'seats_invalid', seats });

	const pool = [...input.pool].sort((a, b) => byString(a.id, b.id));
	const ids: string[] = [];
	const features: Features[] = [];
	for (const v of pool) {
		if (ids.length > 0 && ids[ids.length - 1] === v.id) {
			errors.push({ kind: 'duplicate_volunteer', id: v.id });
			continue;
		}
		ids.push(v.id);
		features.push(v.features);
	}
	const index = new Map(ids.map((id, i) => [id, i] as const));

	const kept = ids.map(() => false);
	const keptIds = [...new Set(input.keep ?? [])].sort(byString);
	for (const id of keptIds) {
		const i = index.get(id);
		if (i === undefined) errors.push({ kind: 'unknown_kept', id });
		else kept[i] = true;
	}

	const quotas = [...input.quotas].sort(quotaOrder).map((q) => ({ ...q }));
	const members: number[][] = [];
	quotas.forEach((q, k) => {
		const prev = quotas[k - 1];
		if (prev && quotaOrder(prev, q) === 0)
			errors.push({ kind: 'duplicate_quota', dimension: q.dimension, option: q.option });
		if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min < 0 || q.max < q.min)
			errors.push({ kind: 'quota_invalid', dimension: q.dimension, option: q.option, min: q.min, max: q.max });
		members.push(ids.flatMap((_, i) => (features[i]?.[q.dimension] === q.option ? [i] : [])));
	});

	const fingerprint = createHash('sha256')
		.update(
			JSON.stringify({
				pool: ids.map((id, i) => [id, sortedEntries(features[i] ?? {})]),
				seats,
				keep: keptIds,
				quotas: quotas.map((q) => [q.dimension, q.option, q.min, q.max])
			})
		)
		.digest('hex');

	return {
		problem: {
			ids,
			features,
			seats,
			kept,
			keptCount: kept.filter(Boolean).length,
			quotas,
			members,
			fingerprint
		},
		errors
	};
}

const sortedEntries = (f: Features) => Object.entries(f).sort(([a], [b]) => byString(a, b));

/**
 * Counting checks that each rule out every panel on their own (so any hit means infeasible; the
 * solver is still asked, to say which quotas conflict and by how much).
 */
export function countingIssues(p: Problem): SelectionIssue[] {
	const issues: SelectionIssue[] = [];
	const n = p.ids.length;
	if (n < p.seats) issues.push({ kind: 'pool_too_small', available: n, seats: p.seats });
	if (p.keptCount > p.seats) issues.push({ kind: 'kept_exceeds_seats', kept: p.keptCount, seats: p.seats });

	p.quotas.forEach((q, k) => {
		const members = p.members[k] ?? [];
		if (q.min > members.length)
			issues.push({ kind: 'min_exceeds_available', dimension: q.dimension, option: q.option, min: q.min, available: members.length });
		const keptHere = members.filter((i) => p.kept[i]).length;
		if (keptHere > q.max)
			issues.push({ kind: 'kept_exceeds_max', dimension: q.dimension, option: q.option, max: q.max, kept: keptHere });
	});

	const dimensions = [...new Set(p.quotas.map((q) => q.dimension))];
	for (const dimension of dimensions) {
		const ks = p.quotas.flatMap((q, k) => (q.dimension === dimension ? [k] : []));
		const sumOfMins = ks.reduce((s, k) => s + (p.quotas[k]?.min ?? 0), 0);
		if (sumOfMins > p.seats) issues.push({ kind: 'mins_exceed_seats', dimension, sumOfMins, seats: p.seats });
		// Seats this dimension can fill: each quota'd option up to its max (or its people), plus
		// everyone whose answer has no quota here.
		const quotaed = new Set(ks.flatMap((k) => p.members[k] ?? []));
		const capacity =
			ks.reduce((s, k) => s + Math.min(p.quotas[k]?.max ?? 0, p.members[k]?.length ?? 0), 0) + (n - quotaed.size);
		if (capacity < p.seats && n >= p.seats) issues.push({ kind: 'maxes_below_seats', dimension, capacity, seats: p.seats });
	}
	return issues;
}
