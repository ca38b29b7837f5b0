import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per background job (src/lib/server/jobs/runner.ts): when it runs next, who holds it, how it last went. */
export const jobs = pgTable('jobs', {
	name: text('name').primaryKey(),
	nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull().defaultNow(),
	/** Set while an instance runs it; a run whose process died is taken up again after this. */
	lockedUntil: timestamp('locked_until', { withTimezone: true }),
	lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
	lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
	lastError: text('last_error'),
	failures: integer('failures').notNull().default(0)
});
