import type { FastifyBaseLogger } from 'fastify';
import { startJobs, type JobRunner } from '../lib/server/jobs/runner';
import { startEmailSender, type EmailSender } from '../lib/server/email/sender';
import { sendDigests, sendQueuedNotifications } from '../lib/server/discussion/notifications';
import { forgetOldSubmissions } from '../lib/server/discussion/submissions';

/**
 * The process's background work, composed here (the runner itself knows no
 * capability): each capability's jobs are listed once, with how often.
 */
export function startBackgroundJobs(log: FastifyBaseLogger): { jobs: JobRunner; email: EmailSender } {
	const email = startEmailSender({ log });
	const jobs = startJobs(
		[
			// Mail is sent within seconds of being queued (or logged, without SMTP_URL).
			{ name: 'outbox', everyMs: 2_000, run: () => email.runOnce() },
			{
				name: 'digests',
				everyMs: 10 * 60_000,
				run: async () => {
					const queued = await sendDigests();
					if (queued) log.info({ queued }, 'daily digests queued');
				}
			},
			// Reply notifications a stopped process or a failure left queued (see pendingNotifications).
			{
				name: 'reply-notifications',
				everyMs: 30_000,
				run: async () => {
					const sent = await sendQueuedNotifications();
					if (sent) log.warn({ posts: sent }, 'queued reply notifications sent late');
				}
			},
			{ name: 'post-submission-keys', everyMs: 3_600_000, run: () => forgetOldSubmissions() }
		],
		{ log }
	);
	return { jobs, email };
}
