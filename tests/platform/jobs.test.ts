/**
 * Background jobs (src/lib/server/jobs/runner.ts): a due job runs once even
 * when two instances look at the same moment, its schedule survives a
 * restart, a failure backs off and is recorded, a run whose process died is
 * taken up when its lease runs out, and stopping waits for the run in flight.
 */
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { jobs } from '../../src/lib/server/db/schema';
import { startJobs, type Job } from '../../src/lib/server/jobs/runner';

const t = useServer();
const silent = { warn: () => {}, error: () => {} };
let n = 0;
const uniqueName = (what: string) => `test-${what}-${process.pid}-${++n}`;
/** Two runners in one process stand for two instances: they share nothing but the database. */
const runner = (list: Job[]) => startJobs(list, { log: silent, autostart: false });

describe('background jobs', () => {
	it('run a due job once when two instances look at the same moment', async () => {
		const name = uniqueName('once');
		let runs = 0;
		const job: Job = { name, everyMs: 60_000, run: async () => void runs++ };
		const [a, b] = [runner([job]), runner([job])];
		const ran = await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
		expect(runs).toBe(1);
		expect(ran.flat()).toEqual([name]);
		await Promise.all([a.stop(), b.stop()]);
	});

	it('keep their schedule across a restart: a new process does not run it again before it is due', async () => {
		const name = uniqueName('restart');
		let runs = 0;
		const job: Job = { name, everyMs: 60_000, run: async () => void runs++ };
		const first = runner([job]);
		await first.runDue();
		await first.stop();
		const second = runner([job]);
		expect(await second.runDue()).toEqual([]);
		expect(runs).toBe(1);
		// Once due, the restarted process runs it.
		await t.db.update(jobs).set({ nextRunAt: sql`now() - interval '1 second'` }).where(eq(jobs.name, name));
		expect(await second.runDue()).toEqual([name]);
		expect(runs).toBe(2);
		await second.stop();
	});

	it('record a failure and back off, then clear it after a good run', async () => {
		const name = uniqueName('failing');
		let fail = true;
		const r = runner([{ name, everyMs: 1_000, run: async () => { if (fail) throw new Error('mail server unreachable'); } }]);
		await r.runDue();
		const [row] = await t.db.select().from(jobs).where(eq(jobs.name, name));
		expect(row!.lastError).toBe('mail server unreachable');
		expect(row!.failures).toBe(1);
		expect(row!.lockedUntil).toBeNull();
		// Backed off: twice the interval, not the interval.
		const wait = row!.nextRunAt.getTime() - Date.now();
		expect(wait).toBeGreaterThan(1_200);
		fail = false;
		await r.runNow(name);
		const [after] = await t.db.select().from(jobs).where(eq(jobs.name, name));
		expect(after!.lastError).toBeNull();
		expect(after!.failures).toBe(0);
		await r.stop();
	});

	it('take up a run whose process died, once its lease has run out', async () => {
		const name = uniqueName('lease');
		let runs = 0;
		const job: Job = { name, everyMs: 60_000, leaseMs: 60_000, run: async () => void runs++ };
		const r = runner([job]);
		await r.runDue();
		// As a process that claimed it and died would leave it: due, and held.
		await t.db.update(jobs).set({ nextRunAt: sql`now() - interval '1 second'`, lockedUntil: sql`now() + interval '1 minute'` }).where(eq(jobs.name, name));
		expect(await r.runDue()).toEqual([]);
		await t.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.name, name));
		expect(await r.runDue()).toEqual([name]);
		expect(runs).toBe(2);
		await r.stop();
	});

	it('finish the run in flight when stopped', async () => {
		const name = uniqueName('stop');
		let finished = false;
		const r = startJobs([{ name, everyMs: 10, run: async () => { await new Promise((res) => setTimeout(res, 200)); finished = true; } }], { log: silent, tickMs: 10 });
		await new Promise((res) => setTimeout(res, 60));
		await r.stop();
		expect(finished).toBe(true);
	});

	it('are the server’s own: the outbox, digests, the reply-notification sweep and old post keys are scheduled', async () => {
		await t.server.jobs.runDue();
		const names = (await t.db.select({ name: jobs.name }).from(jobs)).map((r) => r.name);
		expect(names).toEqual(expect.arrayContaining(['outbox', 'digests', 'reply-notifications', 'post-submission-keys']));
	});
});
