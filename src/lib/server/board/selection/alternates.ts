// Alternates: who can step in when a selected person declines, with every quota still met.
// Order: higher selection probability first (the lottery's own judgement of how much each person
// should be on the panel), then a tie-break fixed by the seed (sha-256 of seed and id), so the list
// is reproducible and nobody can arrange their place in it.
import { seededRank } from './draw';
import type { Alternate, Lottery, Quota, SelectionInput, Volunteer } from './types';

export interface AlternatesOptions {
	seed: string;
	/** The lottery the panel was drawn from: its probabilities order the list, its unreachable are left out. */
	lottery?: Lottery;
}

/** Everyone outside the panel, in alternate order, each with the members they could replace. */
export function alternates(panel: readonly string[], input: SelectionInput, options: AlternatesOptions): Alternate[] {
	const inPanel = new Set(panel);
	const members = input.pool.filter((v) => inPanel.has(v.id)).sort((a, b) => compare(a.id, b.id));
	const byId = new Map((options.lottery?.volunteers ?? []).map((v) => [v.id, v] as const));
	const candidates = input.pool
		.filter((v) => !inPanel.has(v.id) && byId.get(v.id)?.status !== 'unreachable')
		.map((v) => ({
			id: v.id,
			features: v.features,
			weight: byId.get(v.id)?.weight ?? 0,
			probability: byId.get(v.id)?.probability ?? 0,
			rank: seededRank(options.seed, v.id),
			canReplace: members.filter((d) => swapKeepsQuotas(members, d.id, v, input.quotas)).map((d) => d.id)
		}))
		.sort((a, b) => b.weight - a.weight || compare(a.rank, b.rank) || compare(a.id, b.id));
	return candidates.map(({ id, features, probability, canReplace }) => ({ id, features, probability, canReplace }));
}

/**
 * The first alternate (in list order) who can take `declinedId`'s seat in `panel` with every
 * quota met, or null. Pass the current panel (after earlier replacements) and the alternates not
 * yet asked or declined; alternates already in the panel are skipped.
 */
export function replacementFor(
	declinedId: string,
	panel: readonly Volunteer[],
	list: readonly Alternate[],
	quotas: readonly Quota[]
): Alternate | null {
	if (!panel.some((v) => v.id === declinedId)) return null;
	const seated = new Set(panel.map((v) => v.id));
	return list.find((a) => !seated.has(a.id) && swapKeepsQuotas(panel, declinedId, a, quotas)) ?? null;
}

/** Whether `panel` without `outId` and with `incoming` meets every quota. */
export function swapKeepsQuotas(
	panel: readonly Volunteer[],
	outId: string,
	incoming: Volunteer,
	quotas: readonly Quota[]
): boolean {
	return quotas.every((q) => {
		let count = incoming.features[q.dimension] === q.option ? 1 : 0;
		for (const v of panel) if (v.id !== outId && v.features[q.dimension] === q.option) count++;
		return count >= q.min && count <= q.max;
	});
}

/** Whether a panel meets every quota and has exactly `seats` members (for callers and tests). */
export function meetsQuotas(panel: readonly Volunteer[], seats: number, quotas: readonly Quota[]): boolean {
	return (
		panel.length === seats &&
		new Set(panel.map((v) => v.id)).size === seats &&
		quotas.every((q) => {
			const count = panel.filter((v) => v.features[q.dimension] === q.option).length;
			return count >= q.min && count <= q.max;
		})
	);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
