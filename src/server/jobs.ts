import type { FastifyBaseLogger } from 'fastify';
import { startJobs, type JobRunner } from '../lib/server/jobs/runner';
import { startEmailSender, type EmailSender } from '../lib/server/email/sender';
import { sendDigests, sendQueuedNotifications } from '../lib/server/discussion/notifications';
import { forgetOldSubmissions } from '../lib/server/discussion/submissions';
import { endDueTerms, noticeEndingTerms } from '../lib/server/board/terms';
import { sendMeetingReminders } from '../lib/server/meetings/reminders';
import { mixResponses, sendSurveyMail } from '../lib/server/surveys/mailing';
import { flagOverdueActions } from '../lib/server/insights/actions';

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
			{ name: 'post-submission-keys', everyMs: 3_600_000, run: () => forgetOldSubmissions() },
			// Sounding board terms end by themselves (the role and board rooms go at once); coordinators hear 30 days ahead, once.
			{
				name: 'board-term-ends',
				everyMs: 10 * 60_000,
				run: async () => {
					const ended = await endDueTerms();
					if (ended) log.info({ ended }, 'board terms ended');
				}
			},
			{
				name: 'board-term-notices',
				everyMs: 10 * 60_000,
				run: async () => {
					const noticed = await noticeEndingTerms();
					if (noticed.length) log.info({ memberships: noticed.length }, 'coordinators told of board terms ending');
				}
			},
			// Board sessions: a reminder a day and an hour before, each invitation claimed once (meetings/reminders.ts).
			{
				name: 'meeting-reminders',
				everyMs: 60_000,
				run: async () => {
					const sent = await sendMeetingReminders();
					if (sent.day || sent.hour) log.info(sent, 'session reminders queued');
				}
			},
			// Surveys: the invitation when one opens and one reminder two days before it closes, each claimed once (surveys/mailing.ts).
			{
				name: 'survey-mail',
				everyMs: 60_000,
				run: async () => {
					const sent = await sendSurveyMail();
					if (sent.invited || sent.reminded) log.info(sent, 'survey invitations and reminders queued');
				}
			},
			// Responses of open surveys rewritten together, so the database's bookkeeping no longer lines them up with who took part.
			{ name: 'survey-mix', everyMs: 10 * 60_000, run: () => mixResponses() },
			// Policy actions past their date: their owner and policy staff are told once per due date (insights/actions.ts).
			{
				name: 'overdue-actions',
				everyMs: 10 * 60_000,
				run: async () => {
					const flagged = await flagOverdueActions();
					if (flagged) log.info({ flagged }, 'overdue policy actions flagged');
				}
			}
		],
		{ log }
	);
	return { jobs, email };
}
