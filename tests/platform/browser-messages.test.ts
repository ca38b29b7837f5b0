import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The browser gets only the messages its pages name. A message looked up by a
 * computed name in code that runs in the browser (`m[`role_${r}`]()`, or the
 * messages module used as a table) makes the bundler keep every message of
 * both languages in the chunk every page loads: 438 KB, which took the thread
 * page from 94 KB of script to 162 KB. Server code (`*.server.ts`,
 * `+server.ts`, src/lib/server) may look messages up as it likes.
 */

const BROWSER_ROOTS = ['src/routes', 'src/lib/components', 'src/lib/shared'];
const COMPUTED = [
	// m[`…${…}`], m[key], m['…' + …]
	/\bm\[(?!\s*['"][\w]+['"]\s*\])/,
	// import * as messages … then messages[…] or (messages as …)
	/\bmessages\s*\[|\(\s*messages\s+as\b/
];

function browserFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return browserFiles(file);
		if (!/\.(svelte|ts)$/.test(entry.name) || /\.server\.ts$|^\+server\.ts$/.test(entry.name)) return [];
		return [file];
	});
}

describe('messages in the browser', () => {
	it('no code that runs in the browser looks a message up by a computed name', () => {
		const found = BROWSER_ROOTS.flatMap(browserFiles).flatMap((file) =>
			fs
				.readFileSync(file, 'utf8')
				.split('\n')
				.flatMap((line, i) => (!/^\s*(\*|\/\/)/.test(line) && COMPUTED.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
		);
		expect(found).toEqual([]);
	});

	it('the check sees a computed lookup when there is one', () => {
		expect(COMPUTED.some((re) => re.test('const label = m[`role_${r}`]();'))).toBe(true);
		expect(COMPUTED.some((re) => re.test('const msg = (key: string) => (messages as unknown as Record<string, Msg>)[key];'))).toBe(true);
		expect(COMPUTED.some((re) => re.test('{m.meetings_rsvp_yes()}'))).toBe(false);
	});
});
