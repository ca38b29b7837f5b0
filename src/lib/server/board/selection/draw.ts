// The draw: one panel from the lottery, by a pseudo-random stream that the seed alone determines.
// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, as in PractRand) seeded with the
// first 128 bits of sha-256("draw\0" + seed), warmed up 12 rounds. The ticket is a uniform integer
// in [0, LOTTERY_WEIGHT_TOTAL) by rejection sampling (no modulo bias); the panel is the one whose
// cumulative integer weight first exceeds it. Integers all the way: the same seed and lottery
// give the same panel on any machine, and an auditor can redo it from the ticket.
import { createHash } from 'node:crypto';
import { LOTTERY_WEIGHT_TOTAL } from './maximin';
import type { Draw, Lottery } from './types';

export function seededStream(label: string, seed: string): () => number {
	const digest = createHash('sha256').update(`${label}\0${seed}`).digest();
	let a = digest.readUInt32BE(0);
	let b = digest.readUInt32BE(4);
	let c = digest.readUInt32BE(8);
	let d = digest.readUInt32BE(12);
	const next = () => {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = ((c << 21) | (c >>> 11)) >>> 0;
		c = (c + t) >>> 0;
		return t;
	};
	for (let k = 0; k < 12; k++) next();
	return next;
}

/** Uniform integer in [0, bound) from a 32-bit stream, without modulo bias. */
export function uniformBelow(next: () => number, bound: number): number {
	const limit = Math.floor(2 ** 32 / bound) * bound;
	for (;;) {
		const u = next();
		if (u < limit) return u % bound;
	}
}

export function draw(lottery: Lottery, seed: string): Draw {
	const total = lottery.panels.reduce((s, p) => s + p.weight, 0);
	if (total !== LOTTERY_WEIGHT_TOTAL) throw new Error('lottery weights do not add up');
	const ticket = uniformBelow(seededStream('draw', seed), LOTTERY_WEIGHT_TOTAL);
	let cumulative = 0;
	const panelIndex = lottery.panels.findIndex((p) => (cumulative += p.weight) > ticket);
	const panel = lottery.panels[panelIndex];
	if (!panel) throw new Error('lottery has no panel');
	return { fingerprint: lottery.fingerprint, seed, panelIndex, ticket, members: [...panel.members] };
}

/** A per-person value fixed by the seed: a tie-break order nobody can arrange. */
export function seededRank(seed: string, id: string): string {
	return createHash('sha256').update(`alternate\0${seed}\0${id}`).digest('hex');
}
