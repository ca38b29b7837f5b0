import { eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { expectIndistinguishable, outboxFor } from '../helpers/membership';
import { loginFailures, passwordResets } from '../../src/lib/server/db/schema';
import { sessionIdOf } from '../../src/lib/server/auth/sessions';
import { trustedDevice } from '../../src/lib/server/auth/device';
import { RESET_LIMITS } from '../../src/lib/server/accounts/password-reset';

const t = useServer();

const NEW_PASSWORD = 'a slow boat up the mekong';

const ask = (email: string) => t.api('/api/auth/password-reset', { method: 'POST', body: { email } });
const confirm = (token: string, password: string) => t.api('/api/auth/password-reset/confirm', { method: 'POST', body: { token, password } });
const loginStatus = async (email: string, password: string) => (await t.api('/api/auth/login', { method: 'POST', body: { email, password } })).status;

/** The link in the newest reset email to this address, and its token. */
async function linkFor(email: string): Promise<{ link: string; token: string; subject: string; text: string }> {
	const mails = await outboxFor(t, email, 'password_reset');
	const mail = mails.at(-1);
	if (!mail) throw new Error(`no reset email to ${email}`);
	const link = /https?:\/\/\S+\/reset\/([a-z2-7]{32})/.exec(mail.bodyText);
	if (!link) throw new Error(`no link in: ${mail.bodyText}`);
	return { link: link[0], token: link[1]!, subject: mail.subject, text: mail.bodyText };
}

beforeEach(async () => {
	await t.db.delete(loginFailures).where(like(loginFailures.key, 'reset:%'));
});

describe('password reset by email', () => {
	it('from request to new password: the emailed link sets it, ends every session, and is used up', async () => {
		const user = await t.createUser({ language: 'en' });
		const first = await t.login(user.email, user.password);
		const second = await t.login(user.email, user.password);

		const res = await ask(user.email.toUpperCase());
		expect(res.status).toBe(202);
		expect(res.body).toEqual({ status: 'received' });

		// In the person's language, through the outbox, with a link to this site.
		const mail = await linkFor(user.email);
		expect(mail.subject).toBe('Choose a new password for Partnerplein');
		expect(mail.link).toBe(`${t.url}/reset/${mail.token}`);
		expect(mail.text).toMatch(/60 minutes/);
		// Only the token's hash is stored.
		const rows = await t.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
		expect(rows.map((r) => r.id)).toEqual([sessionIdOf(mail.token)]);
		// The link works until used; asking changed nothing yet.
		expect(await loginStatus(user.email, user.password)).toBe(200);

		// The same password rules as everywhere: a weak one is refused and the link stays usable.
		const weak = await confirm(mail.token, 'password');
		expect(weak.status).toBe(400);
		expect(weak.body).toMatchObject({ field: 'password' });

		const done = await confirm(mail.token, NEW_PASSWORD);
		expect(done.status).toBe(204);
		expect(done.setCookies).toEqual([]);

		expect(await loginStatus(user.email, user.password)).toBe(401);
		expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(200);
		for (const cookie of [first, second]) expect((await t.api('/api/me', { cookie })).status).toBe(401);

		// Used up: the same link again is refused, with the new password or another.
		expect((await confirm(mail.token, 'yet another long password')).status).toBe(404);
		expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(200);
	});

	it('refuses an expired link', async () => {
		const user = await t.createUser();
		await ask(user.email);
		const { token } = await linkFor(user.email);
		await t.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.id, sessionIdOf(token)));
		const res = await confirm(token, NEW_PASSWORD);
		expect(res.status).toBe(404);
		expect(await loginStatus(user.email, user.password)).toBe(200);
	});

	it('refuses a made-up or malformed token', async () => {
		expect((await confirm('a'.repeat(32), NEW_PASSWORD)).status).toBe(404);
		expect((await confirm('not a token', NEW_PASSWORD)).status).toBe(404);
		expect((await confirm('x'.repeat(500), NEW_PASSWORD)).status).toBe(400);
	});

	it('answers an unknown address exactly as a known one, and sends nothing', async () => {
		const user = await t.createUser();
		const known = await ask(user.email);
		const unknown = await ask('nobody-here@example.org');
		expectIndistinguishable(known, unknown);
		expect(await outboxFor(t, 'nobody-here@example.org')).toHaveLength(0);
		expect(await outboxFor(t, user.email, 'password_reset')).toHaveLength(1);
	});

	it('writes in Dutch to a Dutch-speaking account', async () => {
		const user = await t.createUser({ language: 'nl' });
		await ask(user.email);
		expect((await linkFor(user.email)).subject).toBe('Kies een nieuw wachtwoord voor Partnerplein');
	});

	it('is limited per address asked for, alike with or without an account', async () => {
		const user = await t.createUser();
		for (const email of [user.email, 'no-account@example.org']) {
			for (let i = 0; i < RESET_LIMITS.perEmail; i++) expect((await ask(email)).status).toBe(202);
			const refused = await ask(email);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(refused.body.message).toMatch(/^Te veel aanvragen voor een nieuw wachtwoord\. Probeer het over (1 uur|\d+ minuten) opnieuw\.$/);
		}
		expect(await outboxFor(t, user.email, 'password_reset')).toHaveLength(RESET_LIMITS.perEmail);
	});

	it("voids the device cookies issued before the reset: no one keeps the old password's exemption", async () => {
		const user = await t.createUser();
		const res = await t.api('/api/auth/login', { method: 'POST', body: { email: user.email, password: user.password } });
		const device = decodeURIComponent(/^device=([^;]*)/.exec(res.setCookies.find((c) => c.startsWith('device='))!)![1]!);
		expect(await trustedDevice(device, user.email)).not.toBeNull();
		await ask(user.email);
		expect((await confirm((await linkFor(user.email)).token, NEW_PASSWORD)).status).toBe(204);
		expect(await trustedDevice(device, user.email)).toBeNull();
	});
});
