/**
 * Text goes out compressed: pages (handed to SvelteKit past Fastify's own
 * hooks), API answers and the built assets (precompressed at build time), and
 * hashed assets are cached for good. A phone on a slow link abroad waits for
 * bytes; these tests read the raw bytes the server sends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import zlib from 'node:zlib';
import { DEMO_EMAIL, useServer } from '../helpers/server';

const t = useServer({ pages: true });

interface RawAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The bytes on the wire, still encoded. */
	raw: Buffer;
	/** The body decoded according to its content-encoding. */
	text: string;
}

/** One GET with exactly these headers (fetch would add and undo its own accept-encoding). */
function rawGet(path: string, headers: Record<string, string>): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const req = http.get(t.url + path, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				const encoding = res.headers['content-encoding'];
				const decoded = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
				resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: decoded.toString('utf8') });
			});
		});
		req.on('error', reject);
	});
}

let cookie: string;
let threadId: number;
const title = 'Schools in Bogotá, compressed';

beforeAll(async () => {
	cookie = await t.login(DEMO_EMAIL.member);
	const created = await t.api('/api/threads', {
		method: 'POST',
		cookie,
		body: { category: 'welcome', title, body: 'Which schools did your children go to? '.repeat(20) }
	});
	expect(created.status).toBe(201);
	threadId = created.body.threadId;
});

describe('compression', () => {
	it('sends a page brotli-compressed to a browser that accepts it, and plain to one that does not', async () => {
		const page = await rawGet(`/group/t/${threadId}`, { cookie, 'accept-encoding': 'gzip, deflate, br' });
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.headers['content-encoding']).toBe('br');
		expect(page.headers.vary).toMatch(/accept-encoding/i);
		expect(page.text).toContain(title);
		expect(page.raw.length).toBeLessThan(Buffer.byteLength(page.text) / 3);

		const gzipOnly = await rawGet(`/group/t/${threadId}`, { cookie, 'accept-encoding': 'gzip' });
		expect(gzipOnly.headers['content-encoding']).toBe('gzip');
		expect(gzipOnly.text).toContain(title);

		const plain = await rawGet(`/group/t/${threadId}`, { cookie });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.raw.toString('utf8')).toContain(title);
	});

	it('compresses the JSON API and the pages\' own JSON (__data.json)', async () => {
		const api = await rawGet(`/api/threads/${threadId}/posts`, { cookie, 'accept-encoding': 'gzip, deflate, br' });
		expect(api.status).toBe(200);
		expect(api.headers['content-type']).toMatch(/application\/json/);
		expect(api.headers['content-encoding']).toBe('br');
		expect(JSON.stringify(JSON.parse(api.text))).toContain('Which schools did your children go to?');

		const spec = await rawGet('/api/openapi.json', { 'accept-encoding': 'gzip' });
		expect(spec.headers['content-encoding']).toBe('gzip');
		expect(JSON.parse(spec.text)).toHaveProperty('paths');

		const data = await rawGet(`/group/t/${threadId}/__data.json`, { cookie, 'accept-encoding': 'gzip, br' });
		expect(data.status).toBe(200);
		expect(data.headers['content-encoding']).toBe('br');
		expect(data.text).toContain(title);
	});

	it('serves the hashed scripts and styles precompressed and cached for a year', async () => {
		const page = await rawGet(`/group/t/${threadId}`, { cookie });
		// The page names its entry scripts; SvelteKit's Link header preloads the rest (the page's own chunks).
		const named = (text: string) => [...text.matchAll(/\/_app\/immutable\/[^"'\s)>]+\.(?:js|css)/g)].map((m) => m[0]);
		const assets = [...named(page.raw.toString('utf8')), ...named(String(page.headers.link ?? ''))];
		expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(2);
		for (const asset of new Set(assets)) {
			const answer = await rawGet(asset, { 'accept-encoding': 'gzip, deflate, br' });
			expect(answer.status, asset).toBe(200);
			expect(answer.headers['content-encoding'], asset).toBe('br');
			expect(answer.headers['cache-control'], asset).toBe('public,max-age=31536000,immutable');
			// Smaller on the wire: every script of any size (a re-export of a few dozen bytes grows by brotli's framing).
			if (answer.text.length > 200) expect(answer.text.length, asset).toBeGreaterThan(answer.raw.length);
		}
	});

	it('leaves the live connection working', async () => {
		const socket = await t.connect(cookie);
		expect(socket.connected).toBe(true);
		socket.disconnect();
		// The long-polling transport too (a filtered network may refuse websockets).
		const handshake = await rawGet('/socket.io/?EIO=4&transport=polling', { 'accept-encoding': 'gzip, br', origin: t.url });
		expect(handshake.status).toBe(200);
		expect(handshake.text).toMatch(/^0\{"sid":/);
	});
});
