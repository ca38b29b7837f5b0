import { defineConfig } from 'vitest/config';

/**
 * Integration tests: each file boots the real server (Fastify, Socket.IO,
 * database) on an ephemeral port and talks to it over HTTP and WebSocket.
 * The SvelteKit plugin stays out: these tests load the server modules as they
 * run in production. Browser tests live in tests/e2e (Playwright).
 */
export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		// One migrated, seeded PGlite folder that every test file copies (see the file).
		globalSetup: ['tests/helpers/global-setup.ts'],
		exclude: ['tests/e2e/**', 'node_modules/**'],
		// One server (and one runtime on globalThis) per process: every file gets its own.
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 120_000,
		env: { NODE_ENV: 'test' }
	}
});
