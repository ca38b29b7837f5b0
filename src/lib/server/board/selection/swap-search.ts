// A fast, inexact pricing step: from a panel that meets the quotas, keep making the best single
// swap (one member out, one outsider in) that keeps every quota and raises the panel's weight,
// until none does. Column generation only needs *some* panel that beats the master's cap to make
// progress; this finds one in a millisecond where the exact ILP takes tens, so the ILP is only
// asked when this fails (and its answer is what proves that no better panel exists).
import type { Problem } from './problem';

export class SwapSearch {
	private readonly quotasOf: number[][];

	constructor(private readonly p: Problem) {
		this.quotasOf = p.ids.map(() => []);
		p.members.forEach((members, k) => members.forEach((i) => this.quotasOf[i]?.push(k)));
	}

	/** The local optimum reached from `start` (which must meet the quotas), and its weight. */
	improve(start: readonly number[], costs: ArrayLike<number>): { members: number[]; value: number } {
		const { p } = this;
		const n = p.ids.length;
		const cost = (i: number) => costs[i] ?? 0;
		const inPanel = new Uint8Array(n);
		const counts = new Int32Array(p.quotas.length);
		const panel = [...start];
		for (const i of panel) {
			inPanel[i] = 1;
			for (const k of this.quotasOf[i] ?? []) counts[k] = (counts[k] ?? 0) + 1;
		}
		// Outsiders by falling cost (ties by index): for each member, the first one that fits is its best swap.
		const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cost(b) - cost(a) || a - b);
		for (;;) {
			let gain = 1e-12;
			let out = -1;
			let incoming = -1;
			for (let slot = 0; slot < panel.length; slot++) {
				const d = panel[slot] ?? 0;
				if (p.kept[d]) continue;
				for (const a of order) {
					if (cost(a) - cost(d) <= gain) break;
					if (inPanel[a] || !this.swapFits(d, a, counts)) continue;
					gain = cost(a) - cost(d);
					out = slot;
					incoming = a;
					break;
				}
			}
			if (out < 0) break;
			const d = panel[out] ?? 0;
			for (const k of this.quotasOf[d] ?? []) counts[k] = (counts[k] ?? 0) - 1;
			for (const k of this.quotasOf[incoming] ?? []) counts[k] = (counts[k] ?? 0) + 1;
			inPanel[d] = 0;
			inPanel[incoming] = 1;
			panel[out] = incoming;
		}
		panel.sort((a, b) => a - b);
		return { members: panel, value: panel.reduce((s, i) => s + cost(i), 0) };
	}

	private swapFits(d: number, a: number, counts: Int32Array): boolean {
		const out = this.quotasOf[d] ?? [];
		const into = this.quotasOf[a] ?? [];
		for (const k of out) if (!into.includes(k) && (counts[k] ?? 0) - 1 < (this.p.quotas[k]?.min ?? 0)) return false;
		for (const k of into) if (!out.includes(k) && (counts[k] ?? 0) + 1 > (this.p.quotas[k]?.max ?? 0)) return false;
		return true;
	}
}
