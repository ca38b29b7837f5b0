import path from 'node:path';

/** Everything the process reads from its environment, read once, in one place. */
export interface Config {
	port: number;
	host: string;
	origin: string;
	/** Postgres connection string; absent means embedded PGlite. */
	databaseUrl: string | undefined;
	dataDir: string;
	/** Seed demo accounts on an empty database. */
	demo: boolean;
	production: boolean;
	logLevel: string;
	migrationsFolder: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = Number(env.PORT ?? 3000);
	const host = env.HOST ?? '127.0.0.1';
	const databaseUrl = env.DATABASE_URL || undefined;
	const production = env.NODE_ENV === 'production';
	const displayHost = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
	return {
		port,
		host,
		origin: (env.ORIGIN ?? `http://${displayHost}:${port}`).replace(/\/$/, ''),
		databaseUrl,
		dataDir: path.resolve(env.DATA_DIR ?? 'data'),
		// Embedded mode is the try-it-out mode, so it gets demo data; a real server only on request.
		demo: env.DEMO === '1' || (env.DEMO !== '0' && !databaseUrl),
		production,
		logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
		migrationsFolder: path.resolve(env.MIGRATIONS_DIR ?? 'drizzle')
	};
}
