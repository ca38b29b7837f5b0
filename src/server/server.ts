import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { readConfig, type Config } from '../lib/server/config';
import { startRuntime, stopRuntime, type Runtime } from '../lib/server/runtime';
import { seedDemo } from '../lib/server/demo/seed';
import { checkSensitiveDataKey } from '../lib/server/sensitive-data';
import { installConsoleRedaction } from '../lib/server/log';
import { buildApp, type NodeHandler } from './app';
import { CLIENT_ADDRESS_HEADER } from './http/actor';
import { createRealtime, type Realtime } from './realtime/io';
import type { EmailSender } from '../lib/server/email/sender';
import type { JobRunner } from '../lib/server/jobs/runner';
import { startBackgroundJobs } from './jobs';
import { stopSelectionWorker } from '../lib/server/board/selection/run-in-worker';

export interface RunningServer {
	app: FastifyInstance;
	realtime: Realtime;
	runtime: Runtime;
	/** Delivers the outbox (or logs it without SMTP_URL); the `outbox` job calls it. */
	email: EmailSender;
	/** Background work on its schedule (src/server/jobs.ts). */
	jobs: JobRunner;
	url: string;
	close(): Promise<void>;
}

export interface StartOptions {
	config?: Config;
	/** Serve the SvelteKit build too (production); tests of the API alone leave it off. */
	withPages?: boolean;
	/** PGlite folder override, e.g. `memory://` in tests. */
	dataDir?: string;
	/** Benchmarks: see every SQL statement (Postgres only). */
	onQuery?: (query: string, params: readonly unknown[]) => void;
}

/** Migrates, seeds demo data where asked, and listens: the whole platform in one process. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	const config = options.config ?? readConfig();
	installConsoleRedaction();
	const runtime = await startRuntime(config, options.dataDir, options.onQuery);
	// A bad SENSITIVE_DATA_KEY stops the start, not the first consent a person gives.
	checkSensitiveDataKey();
	await runtime.database.migrate(config.migrationsFolder, config.demo ? seedDemo : undefined);

	let svelteHandler: NodeHandler | undefined;
	if (options.withPages) {
		process.env.ORIGIN ??= config.origin;
		// adapter-node reads these once, at import: pages take the address Fastify settled on, not their own guess.
		process.env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
		delete process.env.XFF_DEPTH;
		const handlerPath = path.resolve('build/handler.js');
		if (!fs.existsSync(handlerPath)) throw new Error('No build found: run `npm run build` first (npm start does it for you).');
		({ handler: svelteHandler } = (await import(handlerPath)) as { handler: NodeHandler });
	}

	const app = await buildApp({ runtime, svelteHandler });
	const realtime = createRealtime(app.server, runtime);
	const { jobs, email } = startBackgroundJobs(app.log);
	app.addHook('preClose', async () => {
		await realtime.close();
		// Finish the runs in flight before the database closes.
		await jobs.stop();
		email.close();
	});
	await app.listen({ port: config.port, host: config.host });
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	return {
		app,
		realtime,
		runtime,
		email,
		jobs,
		url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
		close: async () => {
			await app.close();
			await stopSelectionWorker();
			await stopRuntime();
		}
	};
}
