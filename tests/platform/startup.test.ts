/**
 * Starting up: two instances migrating one empty Postgres database at once
 * (a rolling deploy, two replicas), and when demo data may be seeded.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { isLoopback, readConfig } from '../../src/lib/server/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const migrationsFolder = path.join(root, 'drizzle');
const adminUrl = process.env.TEST_DATABASE_URL;

// Two processes share a database only on Postgres; embedded PGlite has one process per data folder, so there the
// property is that a second start (a restart) finds the work done.
// Each run defines the test of its own database, so neither run reports one skipped.
const onPostgres = (name: string, body: () => void) => adminUrl && describe(name, body);
const onPglite = (name: string, body: () => void) => !adminUrl && describe(name, body);

onPglite('starting again on an embedded database', () => {
	it('migrates once, seeds only an empty database, and a restart changes nothing', async () => {
		const db = await openDatabase({ dataDir: 'memory://' });
		try {
			let seeded = 0;
			const seed = async () => {
				const [row] = await db.rows<{ n: number }>(sql.raw('select count(*)::int as n from users'));
				if (row!.n > 0) return;
				await db.rows(sql.raw(`insert into users (email, display_name, password_hash) values ('first-admin@example.org', 'First Admin', 'x')`));
				seeded++;
			};
			await db.migrate(migrationsFolder, seed);
			await db.migrate(migrationsFolder, seed);
			expect(seeded).toBe(1);
			const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
			const [applied] = await db.rows<{ n: number }>(sql.raw('select count(*)::int as n from drizzle.__drizzle_migrations'));
			expect(applied!.n).toBe(journal.entries.length);
		} finally {
			await db.close();
		}
	}, 60_000);
});

onPostgres('two instances starting at once on an empty Postgres database', () => {
	it('both migrate and seed without error; the schema is complete and the seed ran once', async () => {
		const name = `test_startup_${randomBytes(6).toString('hex')}`;
		const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(adminUrl!);
		url.pathname = `/${name}`;
		const databases: Database[] = [];
		try {
			for (let i = 0; i < 2; i++) databases.push(await openDatabase({ url: url.toString(), dataDir: '', maxConnections: 2 }));
			// What seedDemo does: look whether the database is empty, then fill it (slowly, so the other would look meanwhile).
			const seeded: number[] = [];
			const seed = (db: Database, i: number) => async () => {
				const [row] = await db.rows<{ n: number }>(sql.raw('select count(*)::int as n from users'));
				if (row!.n > 0) return;
				await new Promise((r) => setTimeout(r, 300));
				await db.rows(sql.raw(`insert into users (email, display_name, password_hash) values ('first-admin@example.org', 'First Admin', 'x')`));
				seeded.push(i);
			};
			const results = await Promise.allSettled(databases.map((db, i) => db.migrate(migrationsFolder, seed(db, i))));
			expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
			expect(seeded).toHaveLength(1);

			const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
			const [applied] = await databases[0]!.rows<{ n: number }>(sql.raw('select count(*)::int as n from drizzle.__drizzle_migrations'));
			expect(applied!.n).toBe(journal.entries.length);
			const tables = await databases[0]!.rows<{ table_name: string }>(sql.raw(`select table_name from information_schema.tables where table_schema = 'public'`));
			for (const table of ['users', 'sessions', 'posts', 'threads', 'audit_log', 'outbox', 'login_failures'])
				expect(tables.map((t) => t.table_name)).toContain(table);
			const [users] = await databases[1]!.rows<{ n: number }>(sql.raw('select count(*)::int as n from users'));
			expect(users!.n).toBe(1);
			// The lock is free again: a third start neither waits nor migrates.
			await databases[1]!.migrate(migrationsFolder);
		} finally {
			await Promise.all(databases.map((d) => d.close()));
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	}, 60_000);
});

describe('demo data only where nobody else can reach it', () => {
	it('embedded mode seeds demo data by default, on a loopback address', () => {
		expect(readConfig({}).demo).toBe(true);
		expect(readConfig({ HOST: '127.0.0.1' }).demo).toBe(true);
		expect(readConfig({ HOST: '::1' }).demo).toBe(true);
		expect(readConfig({ HOST: 'localhost' }).demo).toBe(true);
		expect(readConfig({ HOST: '127.0.0.2' }).demo).toBe(true);
		expect(readConfig({}).demoRefused).toBeUndefined();
	});

	it('bound beyond loopback there is no demo data unless DEMO=1 says so', () => {
		for (const host of ['0.0.0.0', '::', '192.168.1.20', 'partnerplein.example.org', '10.0.0.5']) {
			const config = readConfig({ HOST: host });
			expect(config.demo, host).toBe(false);
			expect(config.demoRefused, host).toMatch(/DEMO=1/);
		}
		expect(readConfig({ HOST: '0.0.0.0', DEMO: '1' }).demo).toBe(true);
		expect(readConfig({ HOST: '0.0.0.0', DEMO: '1' }).demoRefused).toBeUndefined();
	});

	it('DEMO=0 turns it off anywhere; a Postgres database gets none unless asked', () => {
		expect(readConfig({ DEMO: '0' }).demo).toBe(false);
		expect(readConfig({ DEMO: '0' }).demoRefused).toBeUndefined();
		expect(readConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).demo).toBe(false);
		expect(readConfig({ DATABASE_URL: 'postgres://x@localhost/db', DEMO: '1', HOST: '0.0.0.0' }).demo).toBe(true);
	});

	it('knows loopback addresses', () => {
		for (const host of ['127.0.0.1', '127.255.255.254', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) expect(isLoopback(host), host).toBe(true);
		for (const host of ['0.0.0.0', '::', '128.0.0.1', '1.127.0.0', 'localhost.evil.example', '', '::2']) expect(isLoopback(host), host).toBe(false);
	});
});
