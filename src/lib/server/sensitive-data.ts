import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runtime } from './runtime';

/**
 * Sealing special-category data (GDPR art. 9: the board profile's relationship
 * answer): AES-256-GCM with a key that is not in the database, so a dump alone
 * reveals nothing. Each value is bound to what it belongs to (`context`, e.g.
 * the person's id, as GCM's additional data), so a sealed value copied onto
 * another row does not open.
 *
 * The key is `SENSITIVE_DATA_KEY` (32 bytes, base64 or hex) or else the file
 * `sensitive-data.key` in DATA_DIR, created on first use. Losing it loses the
 * sealed answers (people can give them again); the README says how to back it up.
 */
const KEY_FILE = 'sensitive-data.key';
const FORMAT = 'v1';

interface Key {
	bytes: Buffer;
	/** Names the key inside each sealed value, so a value sealed with another key says so instead of failing obscurely. */
	id: string;
}

let cached: { source: string; key: Key } | undefined;

export function parseKey(text: string): Buffer {
	const t = text.trim();
	const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
	if (bytes.length !== 32) throw new Error('SENSITIVE_DATA_KEY must be 32 bytes, written as 64 hex digits or as base64 (openssl rand -base64 32)');
	return bytes;
}

/** The key in `file`, made on first use. Written whole under a name of its own, then linked into place: two processes starting at once keep one key between them, and neither reads a file the other has created but not yet written. */
export function keyFromFile(file: string): Buffer {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	if (!fs.existsSync(file)) {
		const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
		fs.writeFileSync(draft, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
		try {
			fs.linkSync(draft, file);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		} finally {
			fs.unlinkSync(draft);
		}
	}
	return parseKey(fs.readFileSync(file, 'utf8'));
}

function loadKey(): Key {
	const { config } = runtime();
	const file = path.join(config.dataDir, KEY_FILE);
	const source = config.sensitiveDataKey ? 'env' : file;
	if (cached?.source === source) return cached.key;
	const bytes = config.sensitiveDataKey ? parseKey(config.sensitiveDataKey) : keyFromFile(file);
	const key = { bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 8) };
	cached = { source, key };
	return key;
}

/** Makes sure the key can be read (or made) at startup, not at the first consent. */
export function checkSensitiveDataKey(): void {
	loadKey();
}

export function seal(plain: string, context: string): string {
	const key = loadKey();
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
	cipher.setAAD(Buffer.from(context));
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return [FORMAT, key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export class UnsealError extends Error {}

export function unseal(sealed: string, context: string): string {
	const key = loadKey();
	const [format, keyId, iv, tag, body] = sealed.split('.');
	if (format !== FORMAT || !iv || !tag || body === undefined) throw new UnsealError('not a sealed value');
	if (keyId !== key.id) throw new UnsealError(`sealed with another key (${keyId}); this server's key is ${key.id}`);
	const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
	decipher.setAAD(Buffer.from(context));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	try {
		return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
	} catch {
		throw new UnsealError('the sealed value does not open for this context (moved, or altered)');
	}
}
