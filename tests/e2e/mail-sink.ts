import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The e2e server's mailbox: a minimal SMTP server (RFC 5321's plain dialogue,
 * no extensions) that writes every message it is handed to a file in `dir`.
 * The e2e server gets SMTP_URL pointing here, so an email goes the whole real
 * way (outbox row, the sender job, nodemailer, SMTP) and a spec reads it as a
 * person would read their inbox (mailbox.ts). Started by playwright.config.ts
 * in the runner process only.
 */
export function startMailSink(port: number, dir: string): net.Server {
	fs.mkdirSync(dir, { recursive: true });
	let count = 0;
	const server = net.createServer((socket) => {
		let buffer = '';
		let data: string[] | null = null;
		const say = (line: string) => socket.write(`${line}\r\n`);
		say('220 e2e-mail-sink ready');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let end: number;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (data) {
					if (line === '.') {
						fs.writeFileSync(path.join(dir, `${Date.now()}-${String(++count).padStart(5, '0')}.eml`), data.join('\r\n'));
						data = null;
						say('250 stored');
					} else data.push(line.startsWith('..') ? line.slice(1) : line);
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'DATA') {
					data = [];
					say('354 end with <CRLF>.<CRLF>');
				} else if (verb === 'QUIT') {
					say('221 bye');
					socket.end();
				} else say('250 ok');
			}
		});
		socket.on('error', () => socket.destroy());
	});
	server.listen(port, '127.0.0.1');
	server.unref();
	return server;
}
