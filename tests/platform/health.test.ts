import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { apiRoutes } from '../../src/server/app';

const t = useServer();

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

describe('error log', () => {
	const SECRET = 'Mijn buurvrouw in Lima heet Rosa Quispe';

	/** Runs `work`, which must fail, and returns what it threw. */
	async function failure(work: () => Promise<unknown>): Promise<unknown> {
		try {
			await work();
		} catch (err) {
			return err;
		}
		throw new Error('expected a failure');
	}

	it('holds the statement and the SQLSTATE of a failed query, never its values', async () => {
		const { buildApp } = await import('../../src/server/app');
		const { runtime } = await import('../../src/lib/server/runtime');
		const { posts } = await import('../../src/lib/server/db/schema');
		const { sql } = await import('drizzle-orm');
		const lines: string[] = [];
		const current = runtime();
		const app = await buildApp({ runtime: { ...current, config: { ...current.config, logLevel: 'info' } }, logStream: { write: (line) => void lines.push(line) } });
		// A post whose thread does not exist (23503), and a value the database quotes back in its message (22P02).
		app.get('/api/test/failing-insert', async () =>
			current.database.db.insert(posts).values({ threadId: 2_000_000_000, authorId: '00000000-0000-4000-8000-000000000000', body: SECRET, bodyHtml: `<p>${SECRET}</p>` })
		);
		app.get('/api/test/failing-cast', async () => current.database.db.execute(sql`select ${SECRET}::integer as n`));
		for (const url of ['/api/test/failing-insert', '/api/test/failing-cast']) {
			const res = await app.inject({ method: 'GET', url });
			expect(res.statusCode, url).toBe(500);
			expect(res.body, url).not.toContain('Rosa');
		}
		await app.close();
		const log = lines.join('');
		expect(log).toContain('"code":"23503"');
		expect(log).toContain('"code":"22P02"');
		expect(log).toMatch(/"statement":"insert into \\"posts\\"/);
		expect(log).toContain('"constraint');
		expect(log).not.toContain('Rosa');
		expect(log).not.toContain('Quispe');
	});

	it('console.error (domain code, SvelteKit) gets the same treatment', async () => {
		const { installConsoleRedaction } = await import('../../src/lib/server/log');
		const { runtime } = await import('../../src/lib/server/runtime');
		const { sql } = await import('drizzle-orm');
		const err = await failure(() => runtime().database.db.execute(sql`select ${SECRET}::integer as n`));
		// Unredacted, the error carries the text (this is what used to reach the log).
		expect(String((err as Error).message)).toContain('Rosa');
		const written: unknown[][] = [];
		const target = { error: (...args: unknown[]) => void written.push(args), warn: (...args: unknown[]) => void written.push(args) };
		installConsoleRedaction(target);
		target.error('notifying about post 42 failed', err);
		target.warn(err);
		const out = written.map((args) => args.map(String).join(' ')).join('\n');
		expect(out).toContain('notifying about post 42 failed');
		expect(out).toContain('22P02');
		expect(out).toContain('select $1::integer as n');
		expect(out).not.toContain('Rosa');
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
		const { buildApp } = await import('../../src/server/app');
		const { runtime } = await import('../../src/lib/server/runtime');
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
