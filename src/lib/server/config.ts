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
	/** Why demo data is off although the database is embedded (said once at startup). */
	demoRefused?: string;
	production: boolean;
	logLevel: string;
	migrationsFolder: string;
	/**
	 * Which proxies may say who the client is (`TRUST_PROXY`): false, a number of
	 * hops, or the proxies' addresses/CIDRs. Drives Fastify's `trustProxy`; pages get
	 * the address Fastify settled on, so both see the same client.
	 */
	trustProxy: false | number | string[];
	/** Where people outside the group reach the moderators (a declined applicant): `CONTACT_EMAIL`, else moderators@ the site's host. */
	contactEmail: string;
	/**
	 * The key that seals special-category data (`SENSITIVE_DATA_KEY`: 32 bytes as base64 or hex).
	 * Absent: a key file in the data folder, made on first use (src/lib/server/sensitive-data.ts).
	 */
	sensitiveDataKey: string | undefined;
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

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
	const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
	if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
	const v4 = h.replace(/^::ffff:/, '');
	const parts = v4.split('.');
	return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * Embedded mode is the try-it-out mode, so it gets demo data, whose password
 * the login page shows. Reachable from other machines, that would be an open
 * door: there, demo data only when DEMO=1 asks for it. A real server (Postgres)
 * gets none unless asked.
 */
function demoMode(env: NodeJS.ProcessEnv, host: string, databaseUrl: string | undefined): { demo: boolean; demoRefused?: string } {
	if (env.DEMO === '1') return { demo: true };
	if (env.DEMO === '0' || databaseUrl) return { demo: false };
	if (isLoopback(host)) return { demo: true };
	return {
		demo: false,
		demoRefused: `no demo data: HOST=${host} is reachable from other machines and the demo accounts' password is public (set DEMO=1 to seed them anyway, DEMO=0 to silence this)`
	};
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = Number(env.PORT ?? 3000);
	const host = env.HOST ?? '127.0.0.1';
	const databaseUrl = env.DATABASE_URL || undefined;
	const production = env.NODE_ENV === 'production';
	// An IPv6 address goes in brackets in a URL (http://[::1]:3000), or the origin is no URL at all.
	const displayHost = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
	const origin = (env.ORIGIN ?? `http://${displayHost}:${port}`).replace(/\/$/, '');
	return {
		port,
		host,
		origin,
		databaseUrl,
		dataDir: path.resolve(env.DATA_DIR ?? 'data'),
		...demoMode(env, host, databaseUrl),
		production,
		logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
		migrationsFolder: path.resolve(env.MIGRATIONS_DIR ?? 'drizzle'),
		trustProxy: parseTrustProxy(env.TRUST_PROXY),
		contactEmail: env.CONTACT_EMAIL?.trim() || `moderators@${new URL(origin).hostname}`,
		sensitiveDataKey: env.SENSITIVE_DATA_KEY?.trim() || undefined
	};
}
