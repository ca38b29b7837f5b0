// Fair selection (issue 12): quotas always met, infeasibility explained, reproducible by seed,
// draws that follow the reported probabilities, maximin at least as fair as a uniform lottery,
// kept members seated, and replacements that keep the quotas. Pure functions: no server, no database.
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import {
	alternates,
	checkFeasibility,
	draw,
	maximinLottery,
	meetsQuotas,
	replacementFor,
	type Lottery,
	type Quota,
	type SelectionInput,
	type Volunteer
} from '../../src/lib/server/board/selection';

const v = (id: string, work: string, children: string, language: string): Volunteer => ({
	id,
	features: { work, children, language }
});

/** 24 volunteers, skewed: few 'own_business', few 'other' language, and the two overlap. */
const pool: Volunteer[] = [
	...Array.from({ length: 10 }, (_, i) => v(`paid-${i}`, 'paid_job', i % 3 === 0 ? 'no' : 'yes', i < 8 ? 'dutch' : 'other')),
	...Array.from({ length: 8 }, (_, i) => v(`neither-${i}`, 'neither', i % 2 === 0 ? 'yes' : 'no', i === 0 ? 'prefer_not_to_say' : 'dutch')),
	v('business-0', 'own_business', 'no', 'other'),
	v('business-1', 'own_business', 'yes', 'other'),
	v('business-2', 'own_business', 'no', 'dutch'),
	v('pnts-0', 'prefer_not_to_say', 'prefer_not_to_say', 'dutch'),
	v('pnts-1', 'prefer_not_to_say', 'yes', 'other'),
	v('pnts-2', 'prefer_not_to_say', 'no', 'dutch')
];
const quotas: Quota[] = [
	{ dimension: 'work', option: 'paid_job', min: 2, max: 3 },
	{ dimension: 'work', option: 'neither', min: 1, max: 2 },
	{ dimension: 'work', option: 'own_business', min: 1, max: 2 },
	{ dimension: 'children', option: 'yes', min: 2, max: 4 },
	{ dimension: 'language', option: 'other', min: 2, max: 3 }
];
const input: SelectionInput = { pool, seats: 6, quotas };
const byId = new Map(pool.map((x) => [x.id, x] as const));
const volunteersOf = (ids: readonly string[]) => ids.map((id) => byId.get(id) ?? { id, features: {} });

async function lotteryFor(i: SelectionInput): Promise<Lottery> {
	const result = await maximinLottery(i);
	if (!result.ok) throw new Error(`expected a lottery, got ${JSON.stringify(result.feasibility)}`);
	return result.lottery;
}

const probabilityOf = (l: Lottery, id: string) => l.volunteers.find((x) => x.id === id)?.probability;

describe('the maximin lottery', () => {
	it('meets the quotas in every panel and in the draws of 200 seeds', async () => {
		const lottery = await lotteryFor(input);
		expect(lottery.converged).toBe(true);
		expect(lottery.panels.length).toBeGreaterThan(1);
		for (const panel of lottery.panels) expect(meetsQuotas(volunteersOf(panel.members), 6, quotas)).toBe(true);
		const distinct = new Set<string>();
		for (let k = 0; k < 200; k++) {
			const d = draw(lottery, `seed-${k}`);
			expect(meetsQuotas(volunteersOf(d.members), 6, quotas)).toBe(true);
			distinct.add(d.members.join());
		}
		expect(distinct.size).toBeGreaterThan(10);
	});

	it('is reproducible: same pool, quotas and seed give the same lottery and draw, whatever the input order', async () => {
		const a = await lotteryFor(input);
		const b = await lotteryFor({ pool: [...pool].reverse(), seats: 6, quotas: [...quotas].reverse() });
		expect(b).toEqual(a);
		expect(draw(b, 'audit-2026')).toEqual(draw(a, 'audit-2026'));
		// The seed is what varies the outcome.
		const panels = new Set(Array.from({ length: 20 }, (_, k) => draw(a, `s${k}`).panelIndex));
		expect(panels.size).toBeGreaterThan(1);
		// A different pool is a different lottery, and the fingerprint says so.
		const other = await lotteryFor({ ...input, pool: pool.filter((x) => x.id !== 'neither-7') });
		expect(other.fingerprint).not.toBe(a.fingerprint);
	});

	it('draws panels as often as the reported probabilities say (5,000 draws, within 4 standard errors)', async () => {
		const lottery = await lotteryFor(input);
		const draws = 5000;
		const counts = new Map<string, number>();
		for (let k = 0; k < draws; k++) for (const id of draw(lottery, `freq-${k}`).members) counts.set(id, (counts.get(id) ?? 0) + 1);
		const tolerance = (p: number) => 4 * Math.sqrt((p * (1 - p)) / draws);
		for (const x of lottery.volunteers) {
			const frequency = (counts.get(x.id) ?? 0) / draws;
			expect(Math.abs(frequency - x.probability), x.id).toBeLessThanOrEqual(tolerance(x.probability) + 1e-12);
		}
		// The check has teeth: drawing uniformly among the same panels would fail it for someone.
		const uniform = (id: string) => lottery.panels.filter((p) => p.members.includes(id)).length / lottery.panels.length;
		expect(lottery.volunteers.some((x) => Math.abs(uniform(x.id) - x.probability) > tolerance(x.probability))).toBe(true);
	});

	it('gives the least likely volunteer at least the chance a uniform lottery over all valid panels would, and the exact optimum', async () => {
		const small: Volunteer[] = [
			...Array.from({ length: 7 }, (_, i) => v(`d${i}`, i < 5 ? 'paid_job' : 'neither', i % 2 ? 'yes' : 'no', 'dutch')),
			v('o1', 'paid_job', 'yes', 'other'),
			v('o2', 'neither', 'no', 'other'),
			v('o3', 'own_business', 'no', 'other'),
			v('b1', 'own_business', 'yes', 'dutch'),
			v('b2', 'own_business', 'no', 'dutch')
		];
		const smallQuotas: Quota[] = [
			{ dimension: 'language', option: 'other', min: 1, max: 1 },
			{ dimension: 'work', option: 'own_business', min: 1, max: 2 },
			{ dimension: 'children', option: 'yes', min: 1, max: 3 }
		];
		const seats = 4;
		const lottery = await lotteryFor({ pool: small, seats, quotas: smallQuotas });

		// Every valid panel, by enumeration.
		const ids = small.map((x) => x.id).sort();
		const valid: string[][] = [];
		const choose = (from: number, chosen: string[]) => {
			if (chosen.length === seats) {
				if (meetsQuotas(chosen.map((id) => small.find((x) => x.id === id) ?? { id, features: {} }), seats, smallQuotas))
					valid.push([...chosen]);
				return;
			}
			for (let i = from; i < ids.length; i++) choose(i + 1, [...chosen, ids[i] ?? '']);
		};
		choose(0, []);
		const reachable = ids.filter((id) => valid.some((p) => p.includes(id)));
		const uniformMin = Math.min(...reachable.map((id) => valid.filter((p) => p.includes(id)).length / valid.length));
		expect(lottery.minProbability).toBeGreaterThan(uniformMin + 0.01);

		// The exact maximin over all valid panels, solved directly.
		const highs = await loadHighs();
		const lp = [
			'Maximize',
			' obj: z',
			'Subject To',
			` sum: ${valid.map((_, k) => `l${k}`).join(' + ')} = 1`,
			...reachable.map((id, j) => ` v${j}: ${valid.flatMap((p, k) => (p.includes(id) ? [`l${k}`] : [])).join(' + ')} - z >= 0`),
			'End'
		].join('\n');
		const exact = highs.solve(lp, { output_flag: false });
		expect(exact.Status).toBe('Optimal');
		expect(Math.abs(lottery.minProbability - exact.ObjectiveValue)).toBeLessThan(1e-6);
		expect(lottery.upperBound).toBeGreaterThanOrEqual(exact.ObjectiveValue - 1e-9);
	});

	it('always seats kept members, counts them towards the quotas, and leaves them out of the minimum', async () => {
		const keep = ['business-0', 'paid-9']; // both speak another language: the 'other' max of 3 leaves one seat
		const lottery = await lotteryFor({ ...input, keep });
		for (const id of keep) expect(lottery.volunteers.find((x) => x.id === id)).toMatchObject({ status: 'kept', probability: 1 });
		for (const panel of lottery.panels) {
			expect(panel.members).toEqual(expect.arrayContaining(keep));
			const other = volunteersOf(panel.members).filter((x) => x.features.language === 'other').length;
			expect(other).toBeLessThanOrEqual(3);
		}
		for (let k = 0; k < 50; k++) expect(draw(lottery, `keep-${k}`).members).toEqual(expect.arrayContaining(keep));
		const selectable = lottery.volunteers.filter((x) => x.status === 'selectable');
		expect(lottery.minProbability).toBe(Math.min(...selectable.map((x) => x.probability)));
		expect(lottery.minProbability).toBeLessThan(1);
	});

	it('reports volunteers who are in no valid panel and maximises the minimum over the others', async () => {
		// Nobody who prefers not to say their work can sit when every seat is spoken for by the work quotas.
		const tight: Quota[] = [
			{ dimension: 'work', option: 'paid_job', min: 3, max: 3 },
			{ dimension: 'work', option: 'neither', min: 2, max: 2 },
			{ dimension: 'work', option: 'own_business', min: 1, max: 1 }
		];
		const lottery = await lotteryFor({ pool, seats: 6, quotas: tight });
		expect(lottery.unreachable).toEqual(['pnts-0', 'pnts-1', 'pnts-2']);
		for (const id of lottery.unreachable) expect(probabilityOf(lottery, id)).toBe(0);
		// 'neither' has 2 seats for 8 people: nobody there can have more than 1/4 without another having less.
		expect(lottery.minProbability).toBeCloseTo(0.25, 6);
		const seatsOf = (work: string) =>
			lottery.volunteers.filter((x) => byId.get(x.id)?.features.work === work).reduce((s, x) => s + x.probability, 0);
		expect(seatsOf('paid_job')).toBeCloseTo(3, 6);
		expect(seatsOf('neither')).toBeCloseTo(2, 6);
		expect(seatsOf('own_business')).toBeCloseTo(1, 6);
	});
});

describe('feasibility', () => {
	it('says yes for quotas that can be met', async () => {
		expect(await checkFeasibility(input)).toEqual({ feasible: true, issues: [], relaxation: [], conflict: [] });
	});

	it('names a minimum that the pool cannot meet, and by how much', async () => {
		const result = await checkFeasibility({
			...input,
			quotas: [...quotas.filter((q) => q.dimension !== 'language'), { dimension: 'language', option: 'other', min: 8, max: 8 }]
		});
		expect(result.feasible).toBe(false);
		expect(result.issues).toContainEqual({ kind: 'min_exceeds_available', dimension: 'language', option: 'other', min: 8, available: 5 });
		expect(result.relaxation).toEqual([{ dimension: 'language', option: 'other', bound: 'min', limit: 8, by: 3 }]);
		expect(result.conflict).toEqual([{ dimension: 'language', option: 'other', bound: 'min', limit: 8, relaxBy: 3 }]);
		// And the lottery refuses with the same explanation.
		const lottery = await maximinLottery({ ...input, quotas: [{ dimension: 'language', option: 'other', min: 8, max: 8 }] });
		expect(lottery.ok).toBe(false);
	});

	it('finds quotas of two dimensions that conflict although each looks possible on its own', async () => {
		// Every 'neither' and every 'own_business' volunteer has children at home in this pool.
		const conflictPool = pool.map((x) =>
			x.features.work === 'neither' || x.features.work === 'own_business' ? { ...x, features: { ...x.features, children: 'yes' } } : x
		);
		const conflicting: Quota[] = [
			{ dimension: 'work', option: 'neither', min: 2, max: 3 },
			{ dimension: 'work', option: 'own_business', min: 2, max: 3 },
			{ dimension: 'children', option: 'yes', min: 0, max: 3 },
			{ dimension: 'language', option: 'dutch', min: 1, max: 6 }
		];
		const result = await checkFeasibility({ pool: conflictPool, seats: 6, quotas: conflicting });
		expect(result.feasible).toBe(false);
		expect(result.issues).toEqual([]); // no single count rules it out
		expect(result.conflict).toEqual([
			{ dimension: 'children', option: 'yes', bound: 'max', limit: 3, relaxBy: 1 },
			{ dimension: 'work', option: 'neither', bound: 'min', limit: 2, relaxBy: 1 },
			{ dimension: 'work', option: 'own_business', bound: 'min', limit: 2, relaxBy: 1 }
		]);
		// The least relaxation is one seat on one of those three bounds.
		expect(result.relaxation).toHaveLength(1);
		expect(result.relaxation[0]?.by).toBe(1);
		expect(result.conflict.map((c) => `${c.dimension}.${c.option}.${c.bound}`)).toContain(
			`${result.relaxation[0]?.dimension}.${result.relaxation[0]?.option}.${result.relaxation[0]?.bound}`
		);
	});

	it('gives plain counting reasons and rejects malformed input without solving', async () => {
		const counted = await checkFeasibility({
			pool,
			seats: 6,
			quotas: [
				{ dimension: 'work', option: 'paid_job', min: 4, max: 6 },
				{ dimension: 'work', option: 'neither', min: 3, max: 6 },
				{ dimension: 'children', option: 'yes', min: 0, max: 1 },
				{ dimension: 'children', option: 'no', min: 0, max: 1 }
			]
		});
		expect(counted.feasible).toBe(false);
		expect(counted.issues).toEqual([
			{ kind: 'maxes_below_seats', dimension: 'children', capacity: 3, seats: 6 },
			{ kind: 'mins_exceed_seats', dimension: 'work', sumOfMins: 7, seats: 6 }
		]);
		const malformed = await checkFeasibility({ pool: [...pool, pool[0] as Volunteer], seats: 6, keep: ['nobody'], quotas });
		expect(malformed).toEqual({
			feasible: false,
			issues: [
				{ kind: 'duplicate_volunteer', id: pool[0]?.id },
				{ kind: 'unknown_kept', id: 'nobody' }
			],
			relaxation: [],
			conflict: []
		});
		const kept = await checkFeasibility({ ...input, keep: ['paid-8', 'paid-9', 'business-0', 'business-1'] });
		expect(kept.issues).toContainEqual({ kind: 'kept_exceeds_max', dimension: 'language', option: 'other', max: 3, kept: 4 });
	});
});

describe('alternates', () => {
	it('lists who can replace whom, and the first replacement for any decliner keeps every quota', async () => {
		const lottery = await lotteryFor(input);
		const seed = 'alternates-1';
		const selected = draw(lottery, seed).members;
		const list = alternates(selected, input, { seed, lottery });
		expect(list.map((a) => a.id).sort()).toEqual(pool.map((x) => x.id).filter((id) => !selected.includes(id)).sort());
		// Ordered by selection probability, then by a seed-fixed tie-break; the same seed gives the same list.
		for (let k = 1; k < list.length; k++) expect(list[k - 1]?.probability ?? 0).toBeGreaterThanOrEqual(list[k]?.probability ?? 0);
		expect(alternates(selected, input, { seed, lottery })).toEqual(list);
		expect(alternates(selected, input, { seed: 'another', lottery }).map((a) => a.id)).not.toEqual(list.map((a) => a.id));

		let panel = volunteersOf(selected);
		let replaced = 0;
		for (const declined of selected) {
			const replacement = replacementFor(declined, panel, list, quotas);
			const expected = list.find((a) => !panel.some((p) => p.id === a.id) && meetsQuotas([...panel.filter((p) => p.id !== declined), a], 6, quotas));
			expect(replacement?.id).toBe(expected?.id);
			if (!replacement) continue;
			panel = [...panel.filter((p) => p.id !== declined), replacement];
			expect(meetsQuotas(panel, 6, quotas)).toBe(true);
			replaced++;
		}
		expect(replaced).toBeGreaterThan(0);
		// canReplace agrees with the swap check for the drawn panel.
		for (const a of list)
			for (const id of selected)
				expect(a.canReplace.includes(id)).toBe(meetsQuotas([...volunteersOf(selected).filter((p) => p.id !== id), a], 6, quotas));
	});

	it('offers nobody when no outsider can take the seat within the quotas', () => {
		const panel = volunteersOf(['business-0', 'business-1', 'paid-0', 'paid-1', 'neither-1', 'neither-2']);
		const only: Quota[] = [{ dimension: 'work', option: 'own_business', min: 2, max: 2 }];
		const list = alternates(
			panel.map((x) => x.id),
			{ pool: pool.filter((x) => x.id !== 'business-2'), seats: 6, quotas: only }, // nobody else runs a business
			{ seed: 'x' }
		);
		expect(replacementFor('business-0', panel, list, only)).toBeNull();
		expect(replacementFor('paid-0', panel, list, only)).not.toBeNull();
	});
});
