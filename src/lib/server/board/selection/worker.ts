// The selection's worker thread: HiGHS solves synchronously, so a lottery of several seconds runs
// here instead of on the server's event loop. One message, one task, one answer:
//   { id, kind: 'check', input }                  → { id, ok: true, result: Feasibility }
//   { id, kind: 'lottery', input, seed, options } → { id, ok: true, result: LotteryOutcome }
//   failure                                        → { id, ok: false, error }
// Started by run-in-worker.ts with `--import tsx`, so it runs from source in both module graphs.
import { parentPort } from 'node:worker_threads';
import { alternates, checkFeasibility, draw, maximinLottery } from './index';
import type { WorkerReply, WorkerTask } from './run-in-worker';

if (!parentPort) throw new Error('selection worker: not started as a worker thread');
const port = parentPort;

port.on('message', (task: WorkerTask) => {
	void run(task).then(
		(reply) => port.postMessage(reply),
		(error: unknown) => port.postMessage({ id: task.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply)
	);
});

async function run(task: WorkerTask): Promise<WorkerReply> {
	if (task.kind === 'check') return { id: task.id, ok: true, kind: 'check', result: await checkFeasibility(task.input) };
	const result = await maximinLottery(task.input, task.options);
	if (!result.ok) return { id: task.id, ok: true, kind: 'lottery', result: { ok: false, feasibility: result.feasibility } };
	const picked = draw(result.lottery, task.seed);
	const list = alternates(picked.members, task.input, { seed: task.seed, lottery: result.lottery });
	return { id: task.id, ok: true, kind: 'lottery', result: { ok: true, lottery: result.lottery, draw: picked, alternates: list } };
}
