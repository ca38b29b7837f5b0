import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD } from './helpers';

/**
 * Behind one reverse proxy (TRUST_PROXY=1), with the real production build:
 * a form login (SvelteKit through adapter-node) and an API login (Fastify)
 * must count the same client address, the one the proxy appended, whatever
 * the client wrote further left in X-Forwarded-For. The shared e2e server
 * runs without a proxy, so this spec starts a second one of its own.
 */

let server: ChildProcess | undefined;
let dataDir = '';
let origin = '';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	const port = await freePort();
	origin = `http://localhost:${port}`;
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-e2e-proxy-'));
	server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DEMO: '1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, DATABASE_URL: '', TRUST_PROXY: '1' },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const deadline = Date.now() + 110_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`the proxied server exited (${server.exitCode})`);
		const up = await fetch(`${origin}/api/health`).then((r) => r.ok, () => false);
		if (up) break;
		if (Date.now() > deadline) throw new Error('the proxied server did not start');
		await new Promise((r) => setTimeout(r, 500));
	}
});

test.afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server!.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A browser behind the proxy: every request arrives with the X-Forwarded-For the proxy wrote. */
const client = (xff: string): Promise<APIRequestContext> =>
	playwrightRequest.newContext({ baseURL: origin, extraHTTPHeaders: { 'x-forwarded-for': xff } });

const formLogin = (c: APIRequestContext, email: string, password: string) =>
	c.post('/login', { form: { email, password }, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });

test('form and API logins count the client the proxy saw; a forged X-Forwarded-For escapes nothing', async () => {
	const admin = await client('192.0.2.200');
	expect((await admin.post('/api/auth/login', { data: { email: ACCOUNTS.admin, password: DEMO_PASSWORD } })).status()).toBe(200);
	expect((await admin.patch('/api/admin/settings', { data: { loginFailuresPerAddress: 5 } })).status()).toBe(200);

	// One client (198.51.100.7, as the proxy appended it) fails five times through the form, naming itself differently each time.
	for (let i = 0; i < 5; i++) {
		const attacker = await client(`203.0.113.${i}, 198.51.100.7`);
		const res = await formLogin(attacker, `stranger-${i}@example.org`, 'a guess');
		expect(res.status()).toBe(401);
		await attacker.dispose();
	}
	// Now the API refuses that client too, whatever it puts in front.
	const same = await client('192.0.2.1, 198.51.100.7');
	const api = await same.post('/api/auth/login', { data: { email: ACCOUNTS.member, password: DEMO_PASSWORD } });
	expect(api.status()).toBe(429);
	expect((await formLogin(same, ACCOUNTS.member, DEMO_PASSWORD)).status()).toBe(429);
	await same.dispose();

	// Another client behind the same proxy still gets in through the form: one client's failures close it for no one else.
	const neighbour = await client('198.51.100.8');
	const ok = await formLogin(neighbour, ACCOUNTS.member, DEMO_PASSWORD);
	expect(ok.status()).toBe(303);
	expect(ok.headers().location).toBe('/home');
	await neighbour.dispose();
	await admin.dispose();
});
