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
	/**
	 * Which proxies may say who the client is (`TRUST_PROXY`): false, a number of
	 * hops, or the proxies' addresses/CIDRs. Drives Fastify's `trustProxy`; pages get
	 * the address Fastify settled on, so both see the same client.
	 */
	trustProxy: false | number | string[];
}

/**
 * `TRUST_PROXY=<n>` trusts the n proxies nearest to this server, so only the
 * X-Forwarded-For entries they appended count (a client's own entries to the
 * left are ignored); a comma-separated list trusts those proxy addresses or
 * CIDRs (or proxy-addr's `loopback`, `linklocal`, `uniquelocal`). `true`
 * (trust every hop) is refused: it would let any client name its own address.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
	const value = raw?.trim() ?? '';
	if (value === '' || value === '0' || value === 'false') return false;
	if (/^\d+$/.test(value)) return Number(value);
	const list = value.split(',').map((a) => a.trim()).filter(Boolean);
	if (value === 'true' || list.some((a) => !/^(loopback|linklocal|uniquelocal|[\da-fA-F.:]+(\/\d{1,3})?)$/.test(a)))
		throw new Error(`TRUST_PROXY must be a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses, not "${value}"`);
	return list;
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
		migrationsFolder: path.resolve(env.MIGRATIONS_DIR ?? 'drizzle'),
		trustProxy: parseTrustProxy(env.TRUST_PROXY)
	};
}
