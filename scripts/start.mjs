// `npm start`: build when there is no build or the sources are newer, then run the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const marker = path.join(root, 'build', 'handler.js');

function newest(dir) {
	let latest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'paraglide' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
	}
	return latest;
}

const inputs = ['src', 'messages', 'static'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
const configFiles = ['svelte.config.js', 'vite.config.ts', 'package.json'].map((f) => path.join(root, f));
const sourcesAt = Math.max(...inputs.map(newest), ...configFiles.filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
const builtAt = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;

if (builtAt < sourcesAt) {
	console.log(builtAt ? 'Sources changed since the last build; building…' : 'No build yet; building (about half a minute)…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// Run the server in this process, so signals (SIGTERM from a supervisor) reach its shutdown handler.
process.env.NODE_ENV ??= 'production';
const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'src/server/main.ts'));
