import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { startMailSink } from './tests/e2e/mail-sink';

/**
 * Browser tests against the production build (`npm run build` first), served by
 * the real Fastify process on a fresh embedded database with demo accounts.
 *
 * Debian's Chromium, never a downloaded browser (shared/VERSIONS.md, gotcha 12).
 *
 * Two projects: `pages` runs on both workers and never changes anyone's roles
 * or status; `admin` does, so it runs after `pages` has finished (and is
 * skipped when something in `pages` failed). Specs that change an account
 * (language, name) put it back and use accounts that the others only read
 * language-independently.
 */
// E2E_PORT lets two checkouts (or two people) run the suite side by side.
const PORT = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://localhost:${PORT}`;
// Playwright loads this file in the runner and again in every worker: make the
// data folder once and hand it down through the environment.
if (!process.env.E2E_DATA_DIR) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-e2e-'));
	process.env.E2E_DATA_DIR = dir;
	// The runner stops the server before it exits; then the folder can go.
	process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}
const dataDir = process.env.E2E_DATA_DIR;
// The server's email goes out by SMTP to a mailbox of the run's own (tests/e2e/mail-sink.ts), so specs read what a
// person would receive, sent the whole real way; started once, in the runner.
const SMTP_PORT = PORT + 20_000;
if (!process.env.E2E_MAIL_DIR) {
	process.env.E2E_MAIL_DIR = `${dataDir}-mail`;
	startMailSink(SMTP_PORT, process.env.E2E_MAIL_DIR);
	process.on('exit', () => fs.rmSync(`${dataDir}-mail`, { recursive: true, force: true }));
}

export default defineConfig({
	testDir: 'tests/e2e',
	// Per port, so a second run in the same checkout does not wipe this one's results.
	outputDir: `test-results/e2e-${PORT}`,
	fullyParallel: false,
	workers: 2,
	forbidOnly: !!process.env.CI,
	retries: 0,
	// Generous for a busy 2-core machine; a passing run stays far below.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: 'list',
	use: {
		baseURL,
		// Dutch is the base language; a fixed browser language keeps anonymous pages predictable.
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		// A failure leaves error-context.md (the page's accessibility tree) and a
		// screenshot; add `--trace retain-on-failure` for a full trace.
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'pages', testIgnore: /admin\.spec\.ts$/ },
		{ name: 'admin', testMatch: /admin\.spec\.ts$/, dependencies: ['pages'] }
	],
	webServer: {
		command: 'node --import tsx src/server/main.ts',
		url: `${baseURL}/api/health`,
		timeout: 120_000,
		reuseExistingServer: false,
		// With LOG_LEVEL=warn only warnings and errors reach the test output.
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DEMO: '1',
			LOG_LEVEL: 'warn',
			DATA_DIR: dataDir,
			SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
			// Always the embedded database, whatever the shell has set.
			DATABASE_URL: ''
		}
	}
});
