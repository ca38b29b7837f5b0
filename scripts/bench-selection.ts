// Fair selection at scale: 15 seats from 500 volunteers over 6 dimensions with skewed answers
// (a rare group in most dimensions, 'prefer_not_to_say' everywhere) and quotas on every option
// around its share of 15 seats. Prints the time to the feasibility answer and to the full maximin
// lottery (with its iterations, panels and least selection probability) as lines, then one JSON
// line with every figure.
//
//   node --import tsx scripts/bench-selection.ts
//
// `npm run bench` calls runSelectionBench().
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { checkFeasibility, maximinLottery, type Quota, type SelectionInput, type Volunteer } from '../src/lib/server/board/selection';
import { seededStream } from '../src/lib/server/board/selection/draw';

const DIMENSIONS: Record<string, Record<string, number>> = {
	work: { paid_job: 0.45, own_business: 0.15, neither: 0.35, prefer_not_to_say: 0.05 },
	children: { yes: 0.55, no: 0.4, prefer_not_to_say: 0.05 },
	relationship: { other_sex: 0.82, same_sex: 0.06, prefer_not_to_say: 0.12 },
	language: { dutch: 0.68, other: 0.27, prefer_not_to_say: 0.05 },
	region: { europe: 0.33, asia: 0.2, americas: 0.2, africa: 0.12, middle_east: 0.08, oceania: 0.04, prefer_not_to_say: 0.03 },
	years_abroad: { under_2: 0.3, '2_to_5': 0.35, over_5: 0.3, prefer_not_to_say: 0.05 }
};

export function benchSelectionInput(volunteers = 500, seats = 15): SelectionInput {
	const next = seededStream('bench-pool', `${volunteers}`);
	const pick = (shares: Record<string, number>) => {
		let u = next() / 2 ** 32;
		for (const [option, share] of Object.entries(shares)) if ((u -= share) < 0) return option;
		return 'prefer_not_to_say';
	};
	const pool: Volunteer[] = Array.from({ length: volunteers }, (_, i) => ({
		id: `v${String(i).padStart(4, '0')}`,
		features: Object.fromEntries(Object.entries(DIMENSIONS).map(([d, shares]) => [d, pick(shares)]))
	}));
	const quotas: Quota[] = Object.entries(DIMENSIONS).flatMap(([dimension, shares]) =>
		Object.entries(shares)
			.filter(([option]) => option !== 'prefer_not_to_say')
			.map(([option, share]) => {
				const fair = Math.round(share * seats);
				return { dimension, option, min: Math.max(1, fair - 1), max: fair + 2 };
			})
	);
	return { pool, seats, quotas };
}

export interface SelectionBenchFigures {
	volunteers: number;
	dimensions: number;
	seats: number;
	quotas: number;
	feasibilityMs: number;
	lotteryMs: number;
	/** CPU time of this process for the same spans: wall time on a busy machine overstates the work. */
	feasibilityCpuMs: number;
	lotteryCpuMs: number;
	loadAverage: number;
	iterations: number;
	panelsGenerated: number;
	panelsInLottery: number;
	minProbability: number;
	upperBound: number;
	unreachable: number;
	converged: boolean;
}

export async function runSelectionBench(log: (line: string) => void = console.log): Promise<SelectionBenchFigures> {
	const input = benchSelectionInput();
	await checkFeasibility({ pool: input.pool.slice(0, 20), seats: 3, quotas: [] }); // load the Wasm runtime outside the timings
	let t = performance.now();
	let cpu = process.cpuUsage();
	const feasibility = await checkFeasibility(input);
	const feasibilityMs = performance.now() - t;
	const feasibilityCpu = process.cpuUsage(cpu);
	if (!feasibility.feasible) throw new Error(`bench quotas infeasible: ${JSON.stringify(feasibility)}`);
	t = performance.now();
	cpu = process.cpuUsage();
	const result = await maximinLottery(input);
	const lotteryMs = performance.now() - t;
	const lotteryCpu = process.cpuUsage(cpu);
	if (!result.ok) throw new Error('bench lottery infeasible');
	const l = result.lottery;
	const figures: SelectionBenchFigures = {
		volunteers: input.pool.length,
		dimensions: Object.keys(DIMENSIONS).length,
		seats: input.seats,
		quotas: input.quotas.length,
		feasibilityMs: Math.round(feasibilityMs),
		lotteryMs: Math.round(lotteryMs),
		feasibilityCpuMs: Math.round((feasibilityCpu.user + feasibilityCpu.system) / 1000),
		lotteryCpuMs: Math.round((lotteryCpu.user + lotteryCpu.system) / 1000),
		loadAverage: Number((os.loadavg()[0] ?? 0).toFixed(1)),
		iterations: l.iterations,
		panelsGenerated: l.panelsGenerated,
		panelsInLottery: l.panels.length,
		minProbability: Number(l.minProbability.toFixed(6)),
		upperBound: Number(l.upperBound.toFixed(6)),
		unreachable: l.unreachable.length,
		converged: l.converged
	};
	const label = `selection ${figures.seats} of ${figures.volunteers} over ${figures.dimensions} dimensions (${figures.quotas} quotas)`;
	log(`${label}: feasibility answer ${figures.feasibilityMs} ms (cpu ${figures.feasibilityCpuMs} ms)`);
	log(
		`${label}: maximin lottery ${figures.lotteryMs} ms (cpu ${figures.lotteryCpuMs} ms, load ${figures.loadAverage}), ${figures.iterations} iterations, ${figures.panelsGenerated} panels generated, ` +
			`${figures.panelsInLottery} in the lottery, min probability ${figures.minProbability} (bound ${figures.upperBound}), ` +
			`${figures.unreachable} unreachable${figures.converged ? '' : ', NOT converged'}`
	);
	return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const figures = await runSelectionBench();
	console.log(JSON.stringify({ selection: figures }));
}
