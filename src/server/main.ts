import { startServer } from './server';

/** Production entry: `npm start` (after a build) or `npm run serve`. */
process.env.NODE_ENV ??= 'production';
const server = await startServer({ withPages: true });
const log = server.app.log;
log.info({ url: server.runtime.config.origin, database: server.runtime.database.kind, demo: server.runtime.config.demo }, 'partner community listening');
if (server.runtime.config.demoRefused) log.warn(server.runtime.config.demoRefused);

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log.info({ signal }, 'shutting down');
	// Whatever hangs, the process is gone within 10 s.
	const timer = setTimeout(() => {
		log.error('shutdown took longer than 10 s; exiting');
		process.exit(1);
	}, 10_000);
	timer.unref();
	try {
		await server.close();
		log.info('stopped cleanly');
		process.exit(0);
	} catch (err) {
		log.error({ err }, 'shutdown failed');
		process.exit(1);
	}
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
