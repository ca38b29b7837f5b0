/**
 * The production build, for test files that serve the pages (form actions).
 *
 * Built here, when missing or older than the sources, rather than by ordering
 * .ci/run so `npm run build` comes first: the tests then pass however they are
 * started (`npm test`, one file with `npx vitest run tests/…`, CI, after an
 * edit to a page), and can never pass against a build of older sources. The
 * cost (about 20 s) is paid only when the build is stale. Test files run in
 * parallel, so the build runs under a lock (a directory: mkdir is atomic) and
 * whoever waited finds it fresh.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { buildState } from '../../scripts/build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lockDir = path.join(os.tmpdir(), `pc-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`);
/** A lock older than this belongs to a build that died; a build takes well under it. */
const STALE_LOCK_MS = 5 * 60_000;

async function acquire(): Promise<void> {
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			return;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			try {
				if (Date.now() - fs.statSync(lockDir).mtimeMs > STALE_LOCK_MS) fs.rmSync(lockDir, { recursive: true, force: true });
			} catch {
				// Released between the two calls: try again.
			}
			await new Promise((r) => setTimeout(r, 500));
		}
	}
}

function npmRunBuild(): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (${code}):\n${output.slice(-4000)}`))));
	});
}

/** Resolves once build/ is at least as new as the sources, building it if needed. */
export async function ensureBuild(): Promise<void> {
	if (buildState() === 'fresh') return;
	await acquire();
	try {
		if (buildState() !== 'fresh') await npmRunBuild();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}
