import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The sealing key's file is made by whichever process starts first. CI starts
 * many servers at once on a fresh clone: before, one could read the file
 * another had created but not yet written, and refuse to start.
 */
function keyInChild(file: string): Promise<string> {
	const script = `import('${path.resolve('src/lib/server/sensitive-data.ts')}').then((m) => process.stdout.write(m.keyFromFile(${JSON.stringify(file)}).toString('hex')))`;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
	});
}

describe('the sealing key file', () => {
	it('eight processes starting at once on an empty data folder all start, with one key between them', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-key-'));
		const file = path.join(dir, 'data', 'sensitive-data.key');
		const keys = await Promise.all(Array.from({ length: 8 }, () => keyInChild(file)));
		expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(new Set(keys).size).toBe(1);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		// No drafts left behind.
		expect(fs.readdirSync(path.dirname(file))).toEqual(['sensitive-data.key']);
		fs.rmSync(dir, { recursive: true, force: true });
	}, 60_000);
});
