import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { runtime } from '../runtime';

/**
 * Delivers the outbox (a kernel service: it imports no capability). With SMTP_URL set, each unsent row goes out through
 * nodemailer; without it, the message is written to the log and marked sent,
 * so a demo or a test installation needs no mail server.
 *
 * Rows are claimed with one UPDATE … FOR UPDATE SKIP LOCKED that counts the
 * attempt and pushes `meta.retryAt` ahead: that is both the lease (no other
 * instance takes the row while it is being sent) and the backoff after a
 * failure (1, 2, 4 … 60 minutes; after MAX_ATTEMPTS the row stays unsent with
 * its last error, for an admin to look at).
 */
export interface MailTransport {
	sendMail(message: { from: string; to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<unknown>;
	close?(): void;
}

interface Log {
	info(obj: object, msg?: string): void;
	warn(obj: object, msg?: string): void;
	error(obj: object, msg?: string): void;
}

export interface EmailSenderOptions {
	log: Log;
	/** Default: the SMTP_URL environment variable. Unset means "log instead of send". */
	smtpUrl?: string;
	/** Default: MAIL_FROM, else no-reply at the site's host. */
	from?: string;
	/** A ready transport (tests); overrides smtpUrl. */
	transport?: MailTransport;
	batchSize?: number;
}

/** The outbox's delivery; the jobs runner calls `runOnce` on its schedule (src/server/jobs.ts). */
export interface EmailSender {
	/** Delivers what is due now, batch after batch while full ones come back; resolves with the number of rows handled. */
	runOnce(): Promise<number>;
	/** Lets go of the mail server connection. */
	close(): void;
	readonly mode: 'smtp' | 'log';
}

export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_SECONDS = 60;
const MAX_BACKOFF_SECONDS = 3600;

interface Claimed {
	id: number;
	to_email: string;
	subject: string;
	body_text: string;
	kind: string;
	attempts: number;
}

export function startEmailSender(options: EmailSenderOptions): EmailSender {
	const { log } = options;
	const smtpUrl = options.smtpUrl ?? process.env.SMTP_URL ?? '';
	const origin = runtime().config.origin;
	const from = options.from ?? process.env.MAIL_FROM ?? `Partnerplein <no-reply@${new URL(origin).hostname}>`;
	const transport: MailTransport | undefined =
		options.transport ??
		(smtpUrl
			? (nodemailer.createTransport(smtpUrl, {
					// Bounded, so a hanging server cannot outlast the lease on a row.
					connectionTimeout: 20_000,
					greetingTimeout: 10_000,
					socketTimeout: 30_000
				} as never) as unknown as MailTransport)
			: undefined);
	const mode = transport ? 'smtp' : 'log';
	const batch = options.batchSize ?? 20;
	let running: Promise<number> | undefined;

	async function claim(): Promise<Claimed[]> {
		const rows = await runtime().database.rows<Claimed>(sql`
			update outbox
			set attempts = attempts + 1,
				meta = jsonb_set(meta, '{retryAt}', to_jsonb((now() + make_interval(secs => least(${MAX_BACKOFF_SECONDS}, ${BASE_BACKOFF_SECONDS} * power(2, attempts))))::text))
			where id in (
				select id from outbox
				where sent_at is null
					and attempts < ${MAX_ATTEMPTS}
					and coalesce((meta->>'retryAt')::timestamptz, '-infinity'::timestamptz) <= now()
				order by id
				limit ${batch}
				for update skip locked
			)
			returning id, to_email, subject, body_text, kind, attempts`);
		// postgres.js hands a bigserial back as a string, PGlite as a number: one type for the rest of the code.
		return rows.map((row) => ({ ...row, id: Number(row.id) }));
	}

	async function runOnce(): Promise<number> {
		const rows = await claim();
		for (const row of rows) {
			try {
				if (transport) {
					await transport.sendMail({
						from,
						to: row.to_email,
						subject: row.subject,
						text: row.body_text,
						headers: { 'X-Partnerplein-Kind': row.kind, 'Auto-Submitted': 'auto-generated' }
					});
				} else {
					log.info({ outboxId: row.id, to: row.to_email, kind: row.kind, subject: row.subject, text: row.body_text }, 'email (no SMTP_URL, logged instead of sent)');
				}
				await runtime().database.rows(sql`update outbox set sent_at = now(), last_error = null where id = ${row.id}`);
			} catch (err) {
				const message = err instanceof Error ? err.message : String(err);
				log.warn({ outboxId: row.id, kind: row.kind, attempt: row.attempts, err: message }, row.attempts >= MAX_ATTEMPTS ? 'email failed; giving up' : 'email failed; will retry');
				await runtime().database.rows(sql`update outbox set last_error = ${message.slice(0, 1000)} where id = ${row.id}`);
			}
		}
		return rows.length;
	}

	async function drain(): Promise<number> {
		let handled = 0;
		// Keep going while full batches come back, so a backlog drains quickly.
		for (let n = batch; n === batch; handled += n) n = await runOnce();
		return handled;
	}

	return {
		mode,
		// One drain at a time in this process: a second caller waits for the first, then looks again.
		runOnce: async () => {
			while (running) await running.catch(() => 0);
			running = drain();
			try {
				return await running;
			} finally {
				running = undefined;
			}
		},
		close: () => transport?.close?.()
	};
}
