// The selection off the event loop: one long-lived worker thread (worker.ts), started at the first
// task, one task at a time in a queue, started afresh when it dies. A task that runs past its time
// limit terminates the worker (a HiGHS solve cannot be interrupted otherwise) and is answered with
// SelectionTimeoutError; the next task starts a new worker.
//
// The same domain code runs in two module graphs (the SvelteKit bundle in build/ and the Fastify
// server run from source through tsx), so the worker's file is found from the project root
// (process.cwd(), where the server always runs), never relative to this module's URL, and loaded
// through tsx; the
// worker state lives on globalThis: both graphs share one worker and one queue, and the server's
// shutdown (stopSelectionWorker) ends it whichever graph started it. The worker is unref'd while
// idle, so it never keeps a process alive by itself.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Alternate, Draw, Feasibility, Lottery, LotteryOptions, SelectionInput } from './index';

export type LotteryOutcome = { ok: true; lottery: Lottery; draw: Draw; alternates: Alternate[] } | { ok: false; feasibility: Feasibility };

export type WorkerTask =
	| { id: number; kind: 'check'; input: SelectionInput }
	| { id: number; kind: 'lottery'; input: SelectionInput; seed: string; options?: LotteryOptions };

export type WorkerReply =
	| { id: number; ok: true; kind: 'check'; result: Feasibility }
	| { id: number; ok: true; kind: 'lottery'; result: LotteryOutcome }
	| { id: number; ok: false; error: string };

/** A task that ran past its time limit; the worker was ended with it. */
export class SelectionTimeoutError extends Error {
	constructor(readonly ms: number) {
		super(`the selection took longer than ${Math.round(ms / 1000)} s and was stopped`);
	}
}

export const DEFAULT_TASK_TIMEOUT_MS = 120_000;

/** Where worker.ts is: from the project root, which is the working directory of every way the server runs. */
export const WORKER_FILE = path.resolve(process.cwd(), 'src/lib/server/board/selection/worker.ts');

interface Pending {
	task: WorkerTask;
	timeoutMs: number;
	resolve: (reply: WorkerReply) => void;
	reject: (error: Error) => void;
}

interface State {
	worker: Worker | null;
	queue: Pending[];
	current: { pending: Pending; timer: NodeJS.Timeout } | null;
	nextId: number;
	/** Workers started so far (tests check that a dead one is replaced). */
	started: number;
}

const KEY = Symbol.for('partner-community.selection-worker');
const holder = globalThis as unknown as Record<symbol, State | undefined>;
const state: State = (holder[KEY] ??= { worker: null, queue: [], current: null, nextId: 1, started: 0 });

function startWorker(): Worker {
	// Node 20 resolves a worker's entry file before `--import` hooks apply, so a .ts entry is loaded
	// by a small script that registers tsx first (as scripts/start.mjs does for the server).
	const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(WORKER_FILE).href)}); });`;
	const worker = new Worker(boot, { eval: true });
	state.started++;
	worker.on('message', (reply: WorkerReply) => {
		const current = state.current;
		if (!current || current.pending.task.id !== reply.id) return;
		clearTimeout(current.timer);
		state.current = null;
		current.pending.resolve(reply);
		pump();
	});
	const died = (error: Error) => {
		if (state.worker !== worker) return;
		state.worker = null;
		const current = state.current;
		if (current) {
			clearTimeout(current.timer);
			state.current = null;
			current.pending.reject(error);
		}
		pump();
	};
	worker.on('error', died);
	worker.on('exit', (code) => died(new Error(`the selection worker stopped (exit code ${code})`)));
	return worker;
}

function pump(): void {
	if (state.current) return;
	const pending = state.queue.shift();
	if (!pending) {
		state.worker?.unref();
		return;
	}
	const worker = (state.worker ??= startWorker());
	worker.ref();
	const timer = setTimeout(() => {
		if (state.current?.pending !== pending) return;
		state.current = null;
		state.worker = null;
		void worker.terminate();
		pending.reject(new SelectionTimeoutError(pending.timeoutMs));
		pump();
	}, pending.timeoutMs);
	state.current = { pending, timer };
	worker.postMessage(pending.task);
}

type NewTask = WorkerTask extends infer T ? (T extends WorkerTask ? Omit<T, 'id'> : never) : never;

function submit(task: NewTask, timeoutMs: number): Promise<WorkerReply> {
	return new Promise((resolve, reject) => {
		state.queue.push({ task: { ...task, id: state.nextId++ } as WorkerTask, timeoutMs, resolve, reject });
		pump();
	});
}

function unwrap<K extends WorkerReply & { ok: true }>(reply: WorkerReply): K['result'] {
	if (!reply.ok) throw new Error(`selection worker: ${reply.error}`);
	return reply.result as K['result'];
}

/** checkFeasibility in the worker. */
export async function feasibilityInWorker(input: SelectionInput, timeoutMs = DEFAULT_TASK_TIMEOUT_MS): Promise<Feasibility> {
	return unwrap<Extract<WorkerReply, { kind: 'check' }>>(await submit({ kind: 'check', input }, timeoutMs));
}

/** maximinLottery, then draw and alternates with `seed`, in the worker. */
export async function lotteryInWorker(input: SelectionInput, seed: string, options: { timeoutMs?: number; lottery?: LotteryOptions } = {}): Promise<LotteryOutcome> {
	return unwrap<Extract<WorkerReply, { kind: 'lottery' }>>(
		await submit({ kind: 'lottery', input, seed, ...(options.lottery && { options: options.lottery }) }, options.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS)
	);
}

/** Ends the worker (server shutdown); queued tasks are refused. A later task starts a new one. */
export async function stopSelectionWorker(): Promise<void> {
	const worker = state.worker;
	state.worker = null;
	const refused = [...(state.current ? [state.current.pending] : []), ...state.queue];
	if (state.current) clearTimeout(state.current.timer);
	state.current = null;
	state.queue = [];
	for (const p of refused) p.reject(new Error('the server is stopping'));
	if (worker) await worker.terminate();
}

/** For tests: workers started so far, and whether one is running now. */
export const selectionWorkerStats = () => ({ started: state.started, running: state.worker !== null });
