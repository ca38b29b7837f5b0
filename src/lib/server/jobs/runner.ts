import { sql } from 'drizzle-orm';
import { runtime } from '../runtime';

/**
 * Scheduled and background work, in one place for every capability: the
 * outbox, digests, sweeps, and from now on reminders and term ends. A job
 * names itself and how often it runs; its schedule is a row in `jobs`.
 *
 * Each tick, an instance claims the jobs that are due with one UPDATE that
 * moves their next run ahead and takes a lease, so with two instances a run
 * happens once; the schedule lives in the database, so a restart neither
 * repeats a run nor forgets one. A run that dies with its process is taken up
 * again when its lease runs out. A failing job backs off (doubling, at most
 * ten times its interval or an hour) and its last error is kept on its row.
 *
 * The runner imports no capability: the process that starts it (src/server)
 * hands it the jobs.
 */
export interface Job {
	name: string;
	everyMs: number;
	/** Longest a run may take before another instance may start it again (default: 5 minutes). */
	leaseMs?: number;
	run(): Promise<unknown>;
}

interface Log {
	warn(obj: object, msg?: string): void;
	error(obj: object, msg?: string): void;
}

export interface JobRunner {
	/** Runs every due job now (what the timer does each tick); resolves with the names that ran. */
	runDue(): Promise<string[]>;
	/** Runs one job now, due or not, and moves its next run ahead (tests, an admin "run now"). */
	runNow(name: string): Promise<void>;
	/** Finishes the runs in flight, then stops. */
	stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

export function startJobs(jobs: Job[], options: { log: Log; tickMs?: number; autostart?: boolean }): JobRunner {
	const { log } = options;
	const byName = new Map(jobs.map((j) => [j.name, j]));
	const tickMs = options.tickMs ?? Math.max(250, Math.min(1_000, ...jobs.map((j) => j.everyMs)));
	const database = runtime().database;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let inFlight: Promise<unknown> | undefined;
	// The jobs as one JSON parameter (drizzle would spread an array into one parameter per element).
	const table = JSON.stringify(jobs.map((j) => ({ name: j.name, every_ms: j.everyMs, lease_ms: j.leaseMs ?? DEFAULT_LEASE_MS })));
	const ready = database.rows(sql`insert into jobs (name) select name from jsonb_to_recordset(${table}::jsonb) as v(name text) on conflict do nothing`);
	// Awaited by every run; handled here too, so a failure before the first tick is not an unhandled rejection.
	ready.catch(() => {});

	async function execute(job: Job): Promise<void> {
		try {
			await job.run();
			await database.rows(sql`update jobs set locked_until = null, last_finished_at = now(), last_error = null, failures = 0 where name = ${job.name}`);
		} catch (err) {
			const message = err instanceof Error ? err.message : String(err);
			log.error({ job: job.name, err }, 'background job failed; will retry');
			const backoff = Math.min(job.everyMs * 10, 3_600_000);
			await database
				.rows(
					sql`update jobs set locked_until = null, last_error = ${message.slice(0, 1000)}, failures = failures + 1,
						next_run_at = now() + make_interval(secs => least(${backoff / 1000}, ${job.everyMs / 1000} * power(2, failures + 1)))
						where name = ${job.name}`
				)
				.catch(() => {});
		}
	}

	async function runDue(): Promise<string[]> {
		await ready;
		const claimed = await database.rows<{ name: string }>(sql`
			update jobs set
				next_run_at = now() + (v.every_ms * interval '1 millisecond'),
				locked_until = now() + (v.lease_ms * interval '1 millisecond'),
				last_started_at = now()
			from jsonb_to_recordset(${table}::jsonb) as v(name text, every_ms int, lease_ms int)
			where jobs.name = v.name and jobs.next_run_at <= now() and (jobs.locked_until is null or jobs.locked_until < now())
			returning jobs.name`);
		for (const { name } of claimed) await execute(byName.get(name)!);
		return claimed.map((c) => c.name);
	}

	async function runNow(name: string): Promise<void> {
		const job = byName.get(name);
		if (!job) throw new Error(`no job ${name}`);
		await ready;
		while (inFlight) await inFlight.catch(() => {});
		await database.rows(sql`update jobs set next_run_at = now() + (${job.everyMs} * interval '1 millisecond'), last_started_at = now() where name = ${name}`);
		await execute(job);
	}

	function schedule(): void {
		if (stopped) return;
		timer = setTimeout(() => {
			inFlight = runDue()
				.catch((err: unknown) => log.warn({ err }, 'background jobs: could not read the schedule'))
				.finally(() => {
					inFlight = undefined;
					schedule();
				});
		}, tickMs);
		timer.unref();
	}
	if (options.autostart !== false) schedule();

	return {
		runDue: async () => {
			while (inFlight) await inFlight.catch(() => {});
			return runDue();
		},
		runNow,
		stop: async () => {
			stopped = true;
			if (timer) clearTimeout(timer);
			if (inFlight) await inFlight.catch(() => {});
		}
	};
}
