import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { io as ioClient } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import { sleep, useServer, type TestSocket } from '../helpers/server';
import { createThread, newCategory, newMember, type TestMember } from '../helpers/discussion';
import { posts } from '../../src/lib/server/db/schema';
import { putSetting } from '../../src/lib/server/settings';
import type { PostChange } from '../../src/lib/shared/discussion';
import type { LiveStatus } from '../../src/lib/realtime/live-resource';
import { followThread, threadResource } from '../../src/lib/realtime/thread-feed';
import { buildApp } from '../../src/server/app';
import { createRealtime } from '../../src/server/realtime/io';

/**
 * The live layer end to end: the real LiveResource and followThread, a real
 * socket.io-client per viewer, and the real server, which is stopped in the
 * middle of a burst of replies, while a reader's catch-up is on its way, and
 * started again on the same database and port. Every viewer must end with
 * exactly the thread's replies, each once, in order.
 */

const t = useServer();
let restarted: FastifyInstance | undefined;
beforeAll(async () => {
	// The posting limit is not what is tested here.
	await putSetting('postsPerWindow', 1000);
});
afterAll(async () => {
	await restarted?.close();
});

interface View {
	name: string;
	socket: TestSocket;
	/** Post ids in the order the page would show them. */
	shown: number[];
	/** Every (id, seq) handed to the page: a repeat would be a post shown twice or flickering back. */
	applied: string[];
	statuses: LiveStatus[];
	failedFetches: number;
	status(): LiveStatus;
	stop(): void;
}

/** A page that follows the thread as `member`; `hold` lets the test stop its next catch-up at the door. */
function openView(name: string, member: TestMember, threadId: number, initial: PostChange[]) {
	let gate: { reached: () => void; outcome: Promise<'fail' | 'pass'> } | null = null;
	const fetchFn: typeof fetch = async (input, init) => {
		const held = gate;
		gate = null;
		if (held) {
			held.reached();
			if ((await held.outcome) === 'fail') {
				view.failedFetches++;
				throw new TypeError('fetch failed');
			}
		}
		try {
			return await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: member.cookie } });
		} catch (err) {
			view.failedFetches++;
			throw err;
		}
	};
	const socket: TestSocket = ioClient(t.url, {
		transports: ['websocket'],
		extraHeaders: { cookie: member.cookie },
		forceNew: true,
		reconnectionDelay: 50,
		reconnectionDelayMax: 200
	});
	const shown = initial.filter((c) => !c.withheld).map((c) => c.id);
	const applied: string[] = [];
	const statuses: LiveStatus[] = [];
	const resource = threadResource(threadId, {
		base: t.url,
		fetchFn,
		initial,
		// Short, so a test run sees the watermark move as well as hold.
		settleMs: 1_000,
		retry: { firstMs: 100, maxMs: 1_000 },
		onStatus: (s) => statuses.push(s),
		apply: (c) => {
			applied.push(`${c.id}:${c.seq}`);
			const at = shown.indexOf(c.id);
			if (c.withheld) {
				if (at >= 0) shown.splice(at, 1);
			} else if (at < 0) {
				const next = shown.findIndex((id) => id > c.id);
				shown.splice(next < 0 ? shown.length : next, 0, c.id);
			}
		}
	});
	const stop = followThread(socket, threadId, resource, { me: member.id, moderator: false });
	const view: View = {
		name,
		socket,
		shown,
		applied,
		statuses,
		failedFetches: 0,
		status: () => resource.status,
		stop: () => {
			stop();
			socket.close();
		}
	};
	return {
		view,
		/** Holds this page's next catch-up request; resolves once it is asked, with the way to let it go or fail. */
		hold(): Promise<(outcome: 'fail' | 'pass') => void> {
			return new Promise((resolveReached) => {
				let decide!: (o: 'fail' | 'pass') => void;
				const outcome = new Promise<'fail' | 'pass'>((r) => (decide = r));
				gate = { reached: () => resolveReached(decide), outcome };
			});
		}
	};
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await ok())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(25);
	}
}

describe('live thread through a server restart', () => {
	it('every reader and writer ends with exactly every reply, once each, in order', async () => {
		const category = await newCategory(t, 'Restart');
		const writers = [await newMember(t, { name: 'Schrijver A' }), await newMember(t, { name: 'Schrijver B' }), await newMember(t, { name: 'Schrijver C' })];
		const readerMember = await newMember(t, { name: 'Lezer' });
		const { threadId } = await createThread(t, writers[0]!.cookie, { category: category.slug, title: 'Druk gesprek tijdens een herstart' });
		const initialOf = async (m: TestMember) => (await t.api(`/api/threads/${threadId}/changes?since=0`, { cookie: m.cookie })).body as PostChange[];

		const reader = openView('reader', readerMember, threadId, await initialOf(readerMember));
		const views = [reader.view];
		for (const [i, w] of writers.entries()) views.push(openView(`writer ${i}`, w, threadId, await initialOf(w)).view);
		await until('every view live', () => views.every((v) => v.status() === 'live'));

		// Three writers, three replies in flight each, retrying what the stopped server could not take.
		const perWriter = 30;
		let acknowledged = 0;
		const burst = Promise.all(
			writers.map(async (w, wi) => {
				let next = 0;
				const lane = async () => {
					while (next < perWriter) {
						const n = ++next;
						for (;;) {
							const res = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: w.cookie, body: { body: `Antwoord ${n} van schrijver ${wi}.` } }).catch(() => null);
							if (res?.status === 201) break;
							// Anything but "refused while stopping" or "not listening" is a real failure.
							if (res && res.status !== 503) throw new Error(`reply: ${res.status} ${JSON.stringify(res.body)}`);
							await sleep(50);
						}
						acknowledged++;
					}
				};
				await Promise.all([lane(), lane(), lane()]);
			})
		);

		await until('a third of the burst', () => acknowledged >= perWriter);
		// The reader's connection drops; back in the room, it starts a catch-up, which is held at the door.
		const held = reader.hold();
		reader.view.socket.io.engine.close();
		const decide = await held;

		// The server goes away with that catch-up on its way, mid-burst.
		const old = t.server;
		const port = Number(new URL(t.url).port);
		await old.app.close();
		// Down for a while (time is the point): the writers' retries meet a closed port before it opens again.
		await sleep(300);
		const app = await buildApp({ runtime: old.runtime });
		const realtime = createRealtime(app.server, old.runtime);
		app.addHook('preClose', async () => realtime.close());
		await app.listen({ port, host: '127.0.0.1' });
		restarted = app;

		// The reader is back in the room on the new server while the old catch-up is still out; then that one fails.
		await until('the reader back in the room', async () =>
			(await realtime.io.in(`thread:${threadId}`).fetchSockets()).some((s) => s.data.actor.user.id === readerMember.id)
		);
		decide('fail');

		await burst;
		const stored = await t.db
			.select({ id: posts.id })
			.from(posts)
			.where(and(eq(posts.threadId, threadId), eq(posts.status, 'visible')))
			.orderBy(asc(posts.id));
		const expected = stored.map((r) => r.id);
		expect(expected.length).toBeGreaterThanOrEqual(1 + writers.length * perWriter);
		await until('every view complete', () => views.every((v) => v.status() === 'live' && v.shown.length === expected.length), 15_000).catch(() => {});

		for (const v of views) {
			expect(v.shown, v.name).toEqual(expected);
			expect(new Set(v.applied).size, `${v.name}: a change applied twice`).toBe(v.applied.length);
			expect(v.status(), v.name).toBe('live');
		}
		// The reader's catch-up did fail and was retried, and the page said it was behind meanwhile.
		expect(reader.view.failedFetches).toBeGreaterThanOrEqual(1);
		expect(reader.view.statuses).toEqual(expect.arrayContaining(['reconnecting', 'catching-up']));
		expect(reader.view.statuses.at(-1)).toBe('live');
		for (const v of views) v.stop();
	}, 60_000);
});
