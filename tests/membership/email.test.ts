import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { notifications, outbox, profiles, users } from '../../src/lib/server/db/schema';
import { enqueueEmail } from '../../src/lib/server/email/outbox';
import { MAX_ATTEMPTS, startEmailSender, type MailTransport } from '../../src/lib/server/email/sender';
import { sendDigests } from '../../src/lib/server/discussion/notifications';
import { startJobs } from '../../src/lib/server/jobs/runner';

const t = useServer();
const silent = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
	// The server's own outbox job (log mode) would deliver the rows these tests look at.
	await t.server.jobs.stop();
});

async function enqueue(to: string): Promise<number> {
	return t.db.transaction((tx) => enqueueEmail(tx, { to, subject: 'Hallo', text: 'Een bericht.', kind: 'digest' }));
}
const rowOf = async (id: number) => (await t.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

describe('the outbox', () => {
	it('is written in the caller\'s transaction: a rolled-back change sends nothing', async () => {
		await expect(
			t.db.transaction(async (tx) => {
				await enqueueEmail(tx, { to: 'rollback@example.org', subject: 'x', text: 'y', kind: 'digest' });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await t.db.select().from(outbox).where(eq(outbox.toEmail, 'rollback@example.org'))).toHaveLength(0);
	});
});

describe('the sender', () => {
	it('without SMTP_URL logs each message and marks it sent', async () => {
		const id = await enqueue('logged@example.org');
		const logged: object[] = [];
		const sender = startEmailSender({ log: { ...silent, info: (o) => logged.push(o) }, smtpUrl: '' });
		expect(sender.mode).toBe('log');
		expect(await sender.runOnce()).toBeGreaterThanOrEqual(1);
		sender.close();
		expect((await rowOf(id)).sentAt).not.toBeNull();
		expect(logged).toContainEqual(expect.objectContaining({ outboxId: id, to: 'logged@example.org', subject: 'Hallo' }));
	});

	it('with a transport sends each message once, from the configured address', async () => {
		const id = await enqueue('smtp@example.org');
		const sent: { to: string; from: string; subject: string; text: string }[] = [];
		const transport: MailTransport = { sendMail: async (m) => void sent.push(m) };
		const sender = startEmailSender({ log: silent, transport, from: 'Partnerplein <noreply@partnerplein.example>' });
		await sender.runOnce();
		await sender.runOnce();
		sender.close();
		expect(sent.filter((m) => m.to === 'smtp@example.org')).toEqual([
			expect.objectContaining({ from: 'Partnerplein <noreply@partnerplein.example>', subject: 'Hallo', text: 'Een bericht.' })
		]);
		const row = await rowOf(id);
		expect(row.sentAt).not.toBeNull();
		expect(row.attempts).toBe(1);
	});

	it('backs off after a failure, retries when due, and gives up after the last attempt', async () => {
		const id = await enqueue('flaky@example.org');
		let calls = 0;
		const transport: MailTransport = {
			sendMail: async (m) => {
				if (m.to !== 'flaky@example.org') return;
				calls++;
				throw new Error('421 try again later');
			}
		};
		const sender = startEmailSender({ log: silent, transport });
		await sender.runOnce();
		let row = await rowOf(id);
		expect(row).toMatchObject({ attempts: 1, sentAt: null, lastError: '421 try again later' });
		const retryAt = Date.parse((row.meta as { retryAt: string }).retryAt);
		expect(retryAt).toBeGreaterThan(Date.now() + 30_000);

		// Not before it is due.
		await sender.runOnce();
		expect(calls).toBe(1);

		// Due again: each failure doubles the wait.
		const due = async () => t.db.update(outbox).set({ meta: sql`jsonb_set(${outbox.meta}, '{retryAt}', to_jsonb((now() - interval '1 second')::text))` }).where(eq(outbox.id, id));
		await due();
		await sender.runOnce();
		row = await rowOf(id);
		expect(row.attempts).toBe(2);
		const secondWait = Date.parse((row.meta as { retryAt: string }).retryAt) - Date.now();
		expect(secondWait).toBeGreaterThan(100_000);

		for (let i = 2; i < MAX_ATTEMPTS + 2; i++) {
			await due();
			await sender.runOnce();
		}
		sender.close();
		row = await rowOf(id);
		expect(row.attempts).toBe(MAX_ATTEMPTS);
		expect(row.sentAt).toBeNull();
		expect(calls).toBe(MAX_ATTEMPTS);
	});

	it('stops cleanly through the jobs runner, finishing the batch in flight', async () => {
		await enqueue('slow@example.org');
		let finished = false;
		let started!: () => void;
		const inFlight = new Promise<void>((r) => (started = r));
		const transport: MailTransport = {
			sendMail: async () => {
				started();
				// A slow mail server: the stop must wait for this, whatever it takes.
				await new Promise((r) => setTimeout(r, 200));
				finished = true;
			}
		};
		const sender = startEmailSender({ log: silent, transport });
		const runner = startJobs([{ name: 'outbox-slow-test', everyMs: 10, run: () => sender.runOnce() }], { log: silent, tickMs: 10 });
		await inFlight;
		await runner.stop();
		expect(finished).toBe(true);
	});
});

describe('the daily digest', () => {
	it('emails unread notifications once a day to those who asked, and never twice for one notification', async () => {
		const [sanne] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'member@example.org'));
		const [amira] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'board@example.org'));
		await t.db.update(profiles).set({ emailDigest: true, lastDigestAt: null }).where(eq(profiles.userId, sanne!.id));
		await t.db.update(profiles).set({ emailDigest: false }).where(eq(profiles.userId, amira!.id));
		// Start from a clean slate: only the notifications this test makes count.
		await t.db.update(notifications).set({ emailedAt: new Date() }).where(inArray(notifications.userId, [sanne!.id, amira!.id]));
		await t.db.insert(notifications).values([
			{ userId: sanne!.id, kind: 'membership_decided', data: {} },
			{ userId: amira!.id, kind: 'membership_decided', data: {} }
		]);

		const before = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.kind, 'digest'));
		expect(await sendDigests()).toBe(1);
		const digests = (await t.db.select().from(outbox).where(eq(outbox.kind, 'digest'))).filter((d) => !before.some((b) => b.id === d.id));
		expect(digests).toHaveLength(1);
		expect(digests[0]!.toEmail).toBe('member@example.org');
		expect(digests[0]!.subject).toMatch(/^Partnerplein: nieuw voor jou \(1\)/);
		expect(digests[0]!.bodyText).toContain('/notifications');

		// Once a day, and each notification once.
		await t.db.insert(notifications).values({ userId: sanne!.id, kind: 'membership_decided', data: {} });
		expect(await sendDigests()).toBe(0);
		const tomorrow = new Date(Date.now() + 25 * 3_600_000);
		expect(await sendDigests(tomorrow)).toBe(1);
		const latest = (await t.db.select().from(outbox).where(eq(outbox.kind, 'digest'))).at(-1)!;
		expect(latest.subject).toMatch(/\(1\)/);
	});
});
