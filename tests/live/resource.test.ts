import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followRoom, LiveResource, Refused, type LiveResourceOptions, type LiveStatus, type RoomSocket } from '../../src/lib/realtime/live-resource';

/**
 * The sequencing rules of the live layer on their own, with a scripted server
 * and fake timers: what is shown, what is fetched, when, and how often.
 */

interface Change {
	id: number;
	seq: number;
	text: string;
}

/** A changes endpoint over a list of committed changes (latest per id, as the API answers). */
function fakeServer(pageSize = 200) {
	const committed = new Map<number, Change>();
	const calls: number[] = [];
	const signals: AbortSignal[] = [];
	let failing = 0;
	let gate: Promise<void> | null = null;
	return {
		calls,
		signals,
		commit(...changes: Change[]) {
			for (const c of changes) committed.set(c.id, c);
		},
		/** The next `n` requests fail as a dropped connection would. */
		fail(n: number) {
			failing = n;
		},
		/** The next request reads at once but answers only when released. */
		holdNext(): () => void {
			let release!: () => void;
			gate = new Promise<void>((r) => (release = r));
			return release;
		},
		fetchSince: async (since: number, signal: AbortSignal): Promise<Change[]> => {
			calls.push(since);
			signals.push(signal);
			const page = [...committed.values()].filter((c) => c.seq > since).sort((a, b) => a.seq - b.seq).slice(0, pageSize);
			const wait = gate;
			gate = null;
			if (wait) await wait;
			if (failing > 0) {
				failing--;
				throw new TypeError('fetch failed');
			}
			return page;
		}
	};
}

function setup(server: ReturnType<typeof fakeServer>, options: Partial<LiveResourceOptions<Change>> = {}) {
	const applied: [number, number, 'live' | 'fetched'][] = [];
	const statuses: LiveStatus[] = [];
	const resource = new LiveResource<Change>({
		fetchSince: server.fetchSince,
		pageSize: 200,
		apply: (c, from) => applied.push([c.id, c.seq, from]),
		onStatus: (s) => statuses.push(s),
		margin: 0,
		settleMs: 10_000,
		retry: { firstMs: 1_000, maxMs: 8_000 },
		random: () => 1,
		...options
	});
	return { resource, applied, statuses };
}

const flush = () => vi.advanceTimersByTimeAsync(0);
const c = (id: number, seq: number): Change => ({ id, seq, text: `${id}@${seq}` });

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('what is shown', () => {
	it('applies each (post, seq) once, never an older version over a newer one, and posts in any order', () => {
		const { resource, applied } = setup(fakeServer(), { initial: [c(1, 3)] });
		resource.receive(c(1, 3)); // what the page already shows
		resource.receive(c(2, 9));
		resource.receive(c(2, 9)); // a repeat (a replay after a restored connection)
		resource.receive(c(3, 7)); // committed after 9, though numbered before
		resource.receive(c(2, 12));
		resource.receive(c(2, 10)); // an older edit arriving late
		expect(applied).toEqual([
			[2, 9, 'live'],
			[3, 7, 'live'],
			[2, 12, 'live']
		]);
		expect(resource.seqOf(2)).toBe(12);
	});

	it('does not apply a fetched change it already has from the socket, and does apply a newer one', async () => {
		const server = fakeServer();
		const { resource, applied } = setup(server);
		resource.connected(false);
		resource.receive(c(5, 20));
		server.commit(c(5, 20), c(6, 21));
		resource.joined();
		await flush();
		expect(applied).toEqual([
			[5, 20, 'live'],
			[6, 21, 'fetched']
		]);
	});
});

describe('the watermark', () => {
	it('never moves past a seq it has not seen: a broadcast of 50 leaves the next catch-up starting below the gap', async () => {
		const server = fakeServer();
		const { resource } = setup(server, { since: 10 });
		resource.connected(false);
		resource.joined();
		await flush();
		expect(server.calls).toEqual([10]);
		// 50 arrives; 40 (a reaction that locked only its post) is still uncommitted.
		resource.receive(c(1, 50));
		resource.requestCatchUp();
		await flush();
		expect(server.calls).toEqual([10, 10]);
		expect(resource.watermark).toBe(10);
	});

	it('moves once a complete catch-up has been followed by an unbroken connection for the settle time', async () => {
		const server = fakeServer();
		server.commit(c(1, 30), c(2, 31));
		const { resource } = setup(server, { since: 10 });
		resource.connected(false);
		resource.joined();
		await flush();
		await vi.advanceTimersByTimeAsync(10_000);
		resource.requestCatchUp();
		await flush();
		expect(server.calls).toEqual([10, 31]);
		expect(resource.watermark).toBe(31);
	});

	it('forgets what it was about to confirm when the connection comes back without what it missed', async () => {
		const server = fakeServer();
		server.commit(c(1, 30));
		const { resource } = setup(server, { since: 10 });
		resource.connected(false);
		resource.joined();
		await flush();
		await vi.advanceTimersByTimeAsync(5_000);
		resource.disconnected();
		await vi.advanceTimersByTimeAsync(6_000);
		resource.connected(false);
		resource.joined();
		await flush();
		// Not 30: what committed while the socket was away might be numbered below it.
		expect(server.calls).toEqual([10, 10]);
		// A restored connection (Socket.IO replayed what it missed) does not break the evidence.
		await vi.advanceTimersByTimeAsync(5_000);
		resource.disconnected();
		resource.connected(true);
		resource.joined();
		await flush();
		await vi.advanceTimersByTimeAsync(5_001);
		resource.requestCatchUp();
		await flush();
		expect(server.calls.at(-1)).toBe(30);
	});

	it('starts each catch-up a margin below the watermark, and pages on from the last seq of a full page', async () => {
		const server = fakeServer(2);
		server.commit(c(1, 101), c(2, 102), c(3, 103), c(4, 104), c(5, 105));
		const { resource, applied } = setup(server, { since: 100, margin: 5, pageSize: 2 });
		resource.connected(false);
		resource.joined();
		await flush();
		expect(server.calls).toEqual([95, 102, 104]);
		expect(applied.map(([id]) => id)).toEqual([1, 2, 3, 4, 5]);
	});
});

describe('catch-ups', () => {
	it('retries a failed catch-up with growing delays until it succeeds, and says so meanwhile', async () => {
		const server = fakeServer();
		server.commit(c(1, 11));
		const { resource, applied, statuses } = setup(server, { since: 10 });
		server.fail(3);
		resource.connected(false);
		resource.joined();
		await flush();
		expect(server.calls).toHaveLength(1);
		expect(resource.status).toBe('catching-up');
		await vi.advanceTimersByTimeAsync(999);
		expect(server.calls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(server.calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(2_000);
		expect(server.calls).toHaveLength(3);
		await vi.advanceTimersByTimeAsync(3_999);
		expect(server.calls).toHaveLength(3);
		await vi.advanceTimersByTimeAsync(1);
		expect(server.calls).toHaveLength(4);
		expect(applied).toEqual([[1, 11, 'fetched']]);
		expect(resource.status).toBe('live');
		expect(statuses).toEqual(['connecting', 'catching-up', 'live']);
	});

	it('caps the backoff', async () => {
		const server = fakeServer();
		const { resource } = setup(server);
		server.fail(100);
		resource.connected(false);
		resource.joined();
		await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000 + 8_000);
		expect(server.calls).toHaveLength(6);
	});

	it('runs once more after the current catch-up when asked during it, however often it is asked', async () => {
		const server = fakeServer();
		const { resource, applied } = setup(server);
		resource.connected(false);
		resource.joined();
		await flush();
		const release = server.holdNext();
		resource.requestCatchUp();
		await flush();
		// Three replies of one's own are broadcast while that fetch is on its way; they commit after it read.
		server.commit(c(1, 1), c(2, 2), c(3, 3));
		resource.requestCatchUp();
		resource.requestCatchUp();
		resource.requestCatchUp();
		expect(server.calls).toHaveLength(2);
		release();
		await flush();
		expect(server.calls).toHaveLength(3);
		expect(applied.map(([id]) => id)).toEqual([1, 2, 3]);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(server.calls).toHaveLength(3);
	});

	it('a catch-up asked for while one is failing is covered by the retry', async () => {
		const server = fakeServer();
		const { resource } = setup(server);
		resource.connected(false);
		resource.joined();
		await flush();
		server.fail(1);
		resource.requestCatchUp();
		await flush();
		resource.requestCatchUp();
		await flush();
		expect(server.calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(server.calls).toHaveLength(3);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(server.calls).toHaveLength(3);
	});

	it('a catch-up cut by a reconnect without recovery is run again after it', async () => {
		const server = fakeServer();
		const { resource } = setup(server, { since: 10 });
		resource.connected(false);
		const release = server.holdNext();
		resource.joined();
		await flush();
		resource.disconnected();
		resource.connected(false);
		resource.joined();
		release();
		await flush();
		expect(server.calls).toEqual([10, 10]);
		expect(resource.status).toBe('live');
	});

	it('abandons the request in flight when the page is left, and applies nothing after', async () => {
		const server = fakeServer();
		server.commit(c(1, 1));
		const { resource, applied } = setup(server);
		resource.connected(false);
		const release = server.holdNext();
		resource.joined();
		await flush();
		expect(server.signals[0]!.aborted).toBe(false);
		resource.stop();
		expect(server.signals[0]!.aborted).toBe(true);
		release();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(applied).toEqual([]);
		expect(server.calls).toHaveLength(1);
	});

	it('stops asking when the server refuses for good', async () => {
		const server = fakeServer();
		const { resource, statuses } = setup(server, {
			fetchSince: async () => {
				throw new Refused('404');
			}
		});
		resource.connected(false);
		resource.joined();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(resource.status).toBe('stopped');
		expect(statuses.at(-1)).toBe('stopped');
	});
});

describe('status', () => {
	it('reports reconnecting and catching up only once they last, and live at once', async () => {
		const server = fakeServer();
		const { resource, statuses } = setup(server, { statusDelayMs: 1_000 });
		resource.connected(false);
		resource.joined();
		await flush();
		expect(statuses).toEqual(['live']);
		resource.disconnected();
		await vi.advanceTimersByTimeAsync(500);
		resource.connected(true);
		resource.joined();
		await flush();
		// A blip: nothing said.
		expect(statuses).toEqual(['live']);
		resource.disconnected();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(statuses).toEqual(['live', 'reconnecting']);
		resource.connected(false);
		const release = server.holdNext();
		resource.joined();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(statuses).toEqual(['live', 'reconnecting', 'catching-up']);
		release();
		await flush();
		expect(statuses).toEqual(['live', 'reconnecting', 'catching-up', 'live']);
	});
});

describe('following the room', () => {
	function fakeSocket(answers: { ok: boolean; error?: string }[]) {
		const listeners = new Map<string, Set<() => void>>();
		const joins: string[] = [];
		const socket = {
			connected: false,
			recovered: false,
			on: (e: string, f: () => void) => listeners.set(e, (listeners.get(e) ?? new Set()).add(f)),
			off: (e: string, f: () => void) => listeners.get(e)?.delete(f),
			timeout: () => ({
				emit: (_e: string, room: string, ack: (err: Error | null, r: { ok: boolean; error?: string }) => void) => {
					joins.push(room);
					const answer = answers.shift() ?? { ok: true };
					setTimeout(() => ack(null, answer), 1);
				}
			}),
			emit: () => {},
			fire(e: string) {
				for (const f of listeners.get(e) ?? []) f();
			}
		};
		return { socket, joins };
	}

	it('joins on connect, asks again later when turned down for now, and gives up when refused', async () => {
		const server = fakeServer();
		const { resource } = setup(server);
		const { socket, joins } = fakeSocket([{ ok: false, error: 'rate_limited' }, { ok: true }]);
		const leave = followRoom(socket as unknown as RoomSocket, 'thread:1', resource, 1_000);
		socket.connected = true;
		socket.fire('connect');
		await vi.advanceTimersByTimeAsync(2);
		expect(joins).toEqual(['thread:1']);
		expect(server.calls).toEqual([]);
		await vi.advanceTimersByTimeAsync(1_001);
		expect(joins).toEqual(['thread:1', 'thread:1']);
		expect(server.calls).toEqual([0]);
		expect(resource.status).toBe('live');
		leave();

		const other = setup(fakeServer());
		const refused = fakeSocket([{ ok: false, error: 'forbidden' }]);
		refused.socket.connected = true;
		followRoom(refused.socket as unknown as RoomSocket, 'thread:2', other.resource);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(refused.joins).toEqual(['thread:2']);
		expect(other.resource.status).toBe('stopped');
	});
});
