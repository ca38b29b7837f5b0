// Builds the SvelteKit pages when there is no build or the sources are newer.
// Used by `npm start` and by tests that serve the pages (tests/helpers/build.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const marker = path.join(root, 'build', 'handler.js');

/** @param {string} dir @returns {number} the newest modification time under `dir` */
function newest(dir) {
	let latest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'paraglide' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
	}
	return latest;
}

/** 'missing', 'stale' or 'fresh': the build against the sources it is made from. */
export function buildState() {
	const inputs = ['src', 'messages', 'static'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
	const configFiles = ['svelte.config.js', 'vite.config.ts', 'package.json'].map((f) => path.join(root, f));
	const sourcesAt = Math.max(...inputs.map(newest), ...configFiles.filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
	const builtAt = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
	return !builtAt ? 'missing' : builtAt < sourcesAt ? 'stale' : 'fresh';
}

/**
 * Runs `npm run build` unless the build is fresh; returns the exit status (0 when nothing was needed).
 * @param {{ log?: (message: string) => void, stdio?: 'inherit' | 'pipe' }} [options]
 */
export function buildIfStale({ log = console.log, stdio = 'inherit' } = {}) {
	const state = buildState();
	if (state === 'fresh') return 0;
	log(state === 'stale' ? 'Sources changed since the last build; building…' : 'No build yet; building (about half a minute)…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio, encoding: 'utf8' });
	if (result.status !== 0 && stdio !== 'inherit') log(`${result.stdout ?? ''}${result.stderr ?? ''}`);
	return result.status ?? 1;
}
