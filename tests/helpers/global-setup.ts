/**
 * Runs once before the test files. Creating a PGlite database (initdb inside
 * WebAssembly) costs seconds of CPU; with one server per test file that
 * dominated the suite. So one PGlite folder is created, migrated and seeded
 * here, and each test file starts from its own copy of it (see
 * helpers/server.ts), on tmpfs where there is one. With TEST_DATABASE_URL set
 * each file creates a database on that server instead, and nothing happens here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { readConfig } from '../../src/lib/server/config';
import { startRuntime, stopRuntime } from '../../src/lib/server/runtime';
import { seedDemo } from '../../src/lib/server/demo/seed';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A migrated, seeded PGlite folder to copy; empty when the tests run on Postgres. */
		pgliteTemplate: string;
	}
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const scratchBase = (): string => (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());

export default async function setup(project: TestProject): Promise<() => void> {
	if (process.env.TEST_DATABASE_URL) {
		project.provide('pgliteTemplate', '');
		return () => {};
	}
	const dir = fs.mkdtempSync(path.join(scratchBase(), 'pc-pglite-template-'));
	const config = readConfig({ NODE_ENV: 'test', DEMO: '1', MIGRATIONS_DIR: path.join(root, 'drizzle') });
	const runtime = await startRuntime(config, dir);
	try {
		await runtime.database.migrate(config.migrationsFolder);
		await seedDemo();
	} finally {
		await stopRuntime();
	}
	project.provide('pgliteTemplate', dir);
	return () => fs.rmSync(dir, { recursive: true, force: true });
}
