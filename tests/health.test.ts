import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server';
import { apiRoutes } from '../src/server/app';

let t: TestServer;
beforeAll(async () => {
	t = await startTestServer();
});
afterAll(async () => {
	await t?.close();
});

const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

describe('health', () => {
	it('answers 200 with a real database round trip', async () => {
		const res = await t.api('/api/health');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-request-id')).toBeTruthy();
	});

});

describe('openapi.json', () => {
	it('documents every registered route, with its access rule', async () => {
		const res = await t.api('/api/openapi.json');
		expect(res.status).toBe(200);
		expect(res.body.openapi).toMatch(/^3\./);
		const documented = Object.entries(res.body.paths as Record<string, Record<string, { summary: string; 'x-access': string }>>).flatMap(
			([p, methods]) => Object.entries(methods).map(([m, op]) => ({ route: `${m.toUpperCase()} ${p}`, op }))
		);
		const registered = apiRoutes(false, t.url).map((r) => `${r.method} ${openApiPath(r.url)}`);
		expect(documented.map((d) => d.route).sort()).toEqual([...registered].sort());
		expect(new Set(registered).size).toBe(registered.length);
		for (const { op } of documented) {
			expect(op.summary).toBeTruthy();
			expect(op['x-access']).toBeTruthy();
		}
	});

	it('lists only routes that exist: none answers "no such route"', async () => {
		const doc = (await t.api('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
		const noSuchRoute = (await t.api('/api/this-route-does-not-exist')).body;
		expect(noSuchRoute.error).toBe('not_found');
		for (const [p, methods] of Object.entries(doc.paths)) {
			for (const method of Object.keys(methods)) {
				const url = p.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
				const res = await t.api(url, { method: method.toUpperCase(), ...(method === 'get' ? {} : { body: {} }) });
				expect(res.status, `${method} ${p}`).toBeLessThan(500);
				expect(res.body?.message, `${method} ${p}`).not.toBe(noSuchRoute.message);
			}
		}
	});
});

// Last in the file: it takes the database away.
describe('health without a database', () => {
	it('answers 503 unavailable when the database does not answer', async () => {
		await t.database.close();
		const res = await t.api('/api/health');
		expect(res.status).toBe(503);
		expect(res.body).toMatchObject({ status: 'unavailable' });
	});
});

describe('request log', () => {
	it('never holds an invitation token, from the page or the API', async () => {
		const { buildApp } = await import('../src/server/app');
		const { runtime } = await import('../src/lib/server/runtime');
		const lines: string[] = [];
		const current = runtime();
		// The server's own logger settings at level info, written where the test can read them.
		const app = await buildApp({ runtime: { ...current, config: { ...current.config, logLevel: 'info' } }, logStream: { write: (line) => void lines.push(line) } });
		const token = 'Zq7secretInvitationToken0123456789';
		await app.inject({ method: 'GET', url: `/api/invite/${token}` });
		await app.inject({ method: 'GET', url: `/invite/${token}?from=mail` });
		await app.close();
		const log = lines.join('');
		expect(log).toContain('/api/invite/[token]');
		expect(log).toContain('/invite/[token]?from=mail');
		expect(log).not.toContain(token);
	});
});
