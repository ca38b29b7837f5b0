import type { ViteDevServer } from 'vite';
import type { Server as HttpServer } from 'node:http';
import { readConfig } from '../lib/server/config';
import { startRuntime } from '../lib/server/runtime';
import { seedDemo } from '../lib/server/demo/seed';
import { installConsoleRedaction } from '../lib/server/log';
import { buildApp } from './app';
import { createRealtime } from './realtime/io';
import { startBackgroundJobs } from './jobs';

/** Mounts the Fastify API and Socket.IO on Vite's dev server; pages stay Vite's. */
export async function attachToVite(vite: ViteDevServer): Promise<void> {
	const config = readConfig({ ...process.env, NODE_ENV: 'development', PORT: String(vite.config.server.port ?? 3000) });
	installConsoleRedaction();
	const runtime = await startRuntime(config);
	await runtime.database.migrate(config.migrationsFolder, config.demo ? seedDemo : undefined);
	const app = await buildApp({ runtime });
	await app.ready();
	vite.middlewares.use((req, res, next) => {
		if (req.url?.startsWith('/api/')) app.routing(req, res);
		else next();
	});
	// Vite's HMR socket shares the server; leave upgrades that are not ours alone.
	createRealtime(vite.httpServer as HttpServer, runtime, { destroyUpgrade: false });
	// Outbox delivery (or logging, without SMTP_URL), digests and sweeps, as in production.
	startBackgroundJobs(app.log);
}
