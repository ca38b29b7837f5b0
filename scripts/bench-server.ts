// The platform under test for `npm run bench`, in its own process: scripts/bench.ts
// forks this file, so the load-generating clients (fetch, 1,000 socket.io-clients)
// never share an event loop with the server they measure. Talks to its parent over
// Node's IPC channel:
//
//   → { id, cmd: 'tap' }                           start capturing the SQL the server sends
//   → { id, cmd: 'untap' }                         stop; answers { statements }
//   → { id, cmd: 'raw-broadcast', threadId, … }    the fan-out baseline: a plain insert through
//                                                  postgres.js, then a plain Socket.IO broadcast
//   → { id, cmd: 'raw-meeting-entry', meetingId, … } the session room's baseline (scripts/bench-meetings.ts):
//                                                  a plain insert of a note entry, then a plain broadcast
//   → { id, cmd: 'rss' }                           the process's resident memory, in bytes
//   → { id, cmd: 'close' }                         stop the server and exit
//   ← { ready: url } once listening; { id, result } or { id, error } for each command
import postgres from 'postgres';
import { readConfig } from '../src/lib/server/config';
import { startServer } from '../src/server/server';

interface Captured {
	query: string;
	params: readonly unknown[];
}

const url = process.env.BENCH_DB_URL;
if (!url || !process.send) {
	console.error('bench-server is started by scripts/bench.ts (fork, with BENCH_DB_URL).');
	process.exit(2);
}
const send = (m: unknown) => process.send!(m);

let tap: Captured[] | null = null;
const config = { ...readConfig({ ...process.env, NODE_ENV: 'production', DATABASE_URL: url, DEMO: '0', PORT: '0', LOG_LEVEL: 'silent' }), logLevel: 'silent' };
const server = await startServer({
	config,
	// The pages too (build/handler.js), so a thread page is measured next to the API behind it.
	withPages: true,
	// The e-mail sender polls the outbox, and the jobs runner its table, on timers: their statements are not part of any request.
	onQuery: (query, params) => {
		if (tap && !/\b(outbox|jobs)\b/.test(query)) tap.push({ query, params });
	}
});
const raw = postgres(url, { max: 2, onnotice: () => {} });

type Command =
	| { id: number; cmd: 'tap' }
	| { id: number; cmd: 'untap' }
	| { id: number; cmd: 'raw-broadcast'; threadId: number; authorId: string; body: string; payload: Record<string, unknown> }
	| { id: number; cmd: 'raw-meeting-entry'; meetingId: number; itemId: number; authorId: string; body: string; payload: Record<string, unknown> }
	| { id: number; cmd: 'rss' }
	| { id: number; cmd: 'close' };

process.on('message', async (m: Command) => {
	try {
		switch (m.cmd) {
			case 'tap':
				tap = [];
				return send({ id: m.id, result: null });
			case 'untap': {
				const statements = tap ?? [];
				tap = null;
				return send({ id: m.id, result: statements });
			}
			case 'raw-broadcast': {
				const [row] = await raw<{ id: number; seq: number }[]>`
					insert into posts (thread_id, author_id, body, body_html) values (${m.threadId}, ${m.authorId}, ${m.body}, ${'<p>' + m.body + '</p>'}) returning id, seq`;
				server.realtime.io.to(`thread:${m.threadId}`).emit('post:changed', { ...m.payload, id: Number(row!.id), seq: Number(row!.seq), raw: true } as never);
				return send({ id: m.id, result: null });
			}
			case 'raw-meeting-entry': {
				const [row] = await raw<{ id: number }[]>`
					insert into meeting_note_entries (meeting_id, item_id, kind, body, author_id) values (${m.meetingId}, ${m.itemId}, 'point', ${m.body}, ${m.authorId}) returning id`;
				server.realtime.io.to(`meeting:${m.meetingId}`).emit('meeting:entry', { ...m.payload, id: Number(row!.id), body: m.body, raw: true } as never);
				return send({ id: m.id, result: null });
			}
			case 'rss':
				return send({ id: m.id, result: process.memoryUsage().rss });
			case 'close':
				await raw.end();
				await server.close();
				send({ id: m.id, result: null });
				process.exit(0);
		}
	} catch (err) {
		send({ id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
	}
});
process.on('disconnect', () => process.exit(0));
send({ ready: server.url });
