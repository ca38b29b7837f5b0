import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

/** Reading what the e2e server sent (mail-sink.ts writes each message to E2E_MAIL_DIR). */
export interface Mail {
	to: string;
	subject: string;
	text: string;
}

function decodeQuotedPrintable(s: string): string {
	const bytes: number[] = [];
	const soft = s.replace(/=\r?\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : '';
		if (/^[0-9A-F]{2}$/i.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
	}
	return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(value: string): string {
	return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
		enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' '))
	);
}

/** A single-part text message as nodemailer writes it. */
function parse(raw: string): Mail {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
	return { to: header('To').replace(/^.*<([^>]+)>.*$/, '$1'), subject: decodeHeader(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

export function mailsTo(address: string): Mail[] {
	const dir = process.env.E2E_MAIL_DIR;
	if (!dir) throw new Error('E2E_MAIL_DIR is not set: the mail sink starts in playwright.config.ts');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.sort()
		.map((f) => parse(fs.readFileSync(path.join(dir, f), 'utf8')))
		.filter((m) => m.to.toLowerCase() === address.toLowerCase());
}

/** Waits for the first message to an address that `matches` (the outbox is delivered every few seconds) and returns it. */
export async function mailTo(address: string, matches: (mail: Mail) => boolean): Promise<Mail> {
	await expect.poll(() => mailsTo(address).some(matches), { timeout: 30_000, message: `an email to ${address}` }).toBe(true);
	return mailsTo(address).find(matches)!;
}
