/**
 * Keeping one live resource (a thread's posts; later a session's notes) in
 * step with the server: broadcasts are shown at once, and a catch-up over
 * HTTP fills whatever the socket did not bring. No framework here, so the
 * rules can be tested on their own and under a real server.
 *
 * Change numbers (seq) come from one sequence for the whole site, so a
 * resource sees gaps by nature, and they are taken when a transaction writes,
 * not when it commits: a reaction (which locks only its post) can commit after
 * a reply with a higher number has already been broadcast. Seeing seq 12 thus
 * never means 11 is done. So the number the next catch-up starts from (the
 * watermark) moves only on evidence: a catch-up ran to its last page while the
 * socket was in the room, and the connection then stayed up (or was restored
 * with what it missed) for `settleMs`, by which time any transaction holding
 * a lower number has committed and been broadcast to us. Until then the old
 * watermark stands. Catch-ups also start `margin` below it; applying is
 * idempotent (by id and seq), so a little overlap costs nothing.
 */

export interface Versioned {
	id: number;
	seq: number;
}

/**
 * - `connecting`: not in the room yet (first load; what the page shows came with it)
 * - `reconnecting`: the connection is down; changes may be piling up unseen
 * - `catching-up`: back in the room, fetching what was missed (or retrying a failed fetch)
 * - `live`: nothing known to be missing
 * - `stopped`: the server refused the room or the changes (rights gone, resource withdrawn)
 */
export type LiveStatus = 'connecting' | 'reconnecting' | 'catching-up' | 'live' | 'stopped';

/** A refusal that asking again will not change (403, 404…): no more retries. */
export class Refused extends Error {}

export interface LiveResourceOptions<C extends Versioned> {
	/** Changes after `since` in seq order, at most `pageSize` of them; throws when it cannot. `signal` aborts on stop(). */
	fetchSince(since: number, signal: AbortSignal): Promise<C[]>;
	pageSize: number;
	/** Called once per new (id, seq): from the socket (`live`) or fetched as oneself (`fetched`). */
	apply(change: C, from: 'live' | 'fetched'): void;
	/** What the page already shows. */
	initial?: Iterable<Versioned>;
	/** Watermark to start from; default: the highest seq of `initial`. */
	since?: number;
	margin?: number;
	settleMs?: number;
	retry?: { firstMs: number; maxMs: number };
	/** A status other than `live` is reported once it has lasted this long, so a quick reconnect does not flash. */
	statusDelayMs?: number;
	onStatus?(status: LiveStatus): void;
	now?: () => number;
	random?: () => number;
}

export class LiveResource<C extends Versioned> {
	readonly #o: Required<Pick<LiveResourceOptions<C>, 'margin' | 'settleMs' | 'retry' | 'statusDelayMs' | 'now' | 'random'>> & LiveResourceOptions<C>;
	/** Highest seq applied per id: a change at or below it is a repeat or out of date. */
	readonly #known = new Map<number, number>();
	#confirmed: number;
	#seen: number;
	/** Watermarks waiting for the connection to stay up `settleMs` after they were reached. */
	#candidates: { seq: number; at: number }[] = [];

	#connected = false;
	#everConnected = false;
	#inRoom = false;
	/** Counts connections that came back without what they missed: a catch-up begun before one proves nothing. */
	#epoch = 0;
	/** A catch-up has completed since the socket last joined the room. */
	#synced = false;
	#stopped = false;
	#refused = false;
	// A page that is left should not keep a request (and its connection) open for nothing.
	readonly #abort = new AbortController();

	#running = false;
	#again = false;
	#failures = 0;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;

	#status: LiveStatus = 'connecting';
	#reported: LiveStatus | null = null;
	#statusTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(options: LiveResourceOptions<C>) {
		this.#o = {
			margin: 20,
			settleMs: 10_000,
			retry: { firstMs: 500, maxMs: 30_000 },
			statusDelayMs: 0,
			now: Date.now,
			random: Math.random,
			...options
		};
		let max = 0;
		for (const v of options.initial ?? []) {
			this.#known.set(v.id, Math.max(v.seq, this.#known.get(v.id) ?? 0));
			max = Math.max(max, v.seq);
		}
		this.#confirmed = options.since ?? max;
		this.#seen = this.#confirmed;
		this.#publish();
	}

	get status(): LiveStatus {
		return this.#status;
	}
	/** The seq every change at or below which has been applied. */
	get watermark(): number {
		return this.#confirmed;
	}
	/** The seq last applied for `id`, if any. */
	seqOf(id: number): number | undefined {
		return this.#known.get(id);
	}

	/** A broadcast: shown at once if it is newer than what is shown. */
	receive(change: C): void {
		if (this.#stopped) return;
		this.#take(change, 'live');
		if (this.#synced) this.#remember();
		this.#promote();
	}

	/** Ask for a catch-up (one's own change, "your view is stale"): one run now, or one more after the current. */
	requestCatchUp(): void {
		if (this.#stopped || this.#refused) return;
		if (this.#running) this.#again = true;
		// In a backoff wait, the coming retry fetches this too; out of the room, joining will.
		else if (!this.#retryTimer && this.#inRoom) void this.#run();
		else this.#again = true;
	}

	/** The socket is connected; `recovered` when Socket.IO restored the session and replayed what it missed. */
	connected(recovered: boolean): void {
		this.#connected = true;
		this.#everConnected = true;
		if (!recovered) {
			this.#epoch++;
			this.#candidates = [];
		}
		this.#update();
	}

	disconnected(): void {
		this.#connected = false;
		this.#inRoom = false;
		this.#synced = false;
		this.#update();
	}

	/** The server accepted the room: from now on every change reaches us; fetch what came before. */
	joined(): void {
		if (this.#stopped) return;
		this.#inRoom = true;
		this.#synced = false;
		this.#refused = false;
		if (this.#retryTimer) {
			// The server answers again: no reason to sit out the rest of a backoff.
			clearTimeout(this.#retryTimer);
			this.#retryTimer = null;
		}
		if (this.#running) this.#again = true;
		else void this.#run();
		this.#update();
	}

	/** The server refused the room or the changes for good. */
	refused(): void {
		this.#refused = true;
		this.#inRoom = false;
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		this.#update();
	}

	stop(): void {
		this.#stopped = true;
		this.#abort.abort();
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		if (this.#statusTimer) clearTimeout(this.#statusTimer);
		this.#retryTimer = this.#statusTimer = null;
	}

	#take(change: C, from: 'live' | 'fetched'): void {
		this.#seen = Math.max(this.#seen, change.seq);
		const known = this.#known.get(change.id);
		if (known !== undefined && known >= change.seq) return;
		this.#known.set(change.id, change.seq);
		this.#o.apply(change, from);
	}

	/** Everything up to `#seen` is in hand or on its way over a connection that is up. */
	#remember(): void {
		const now = this.#o.now();
		const last = this.#candidates.at(-1);
		if (last && last.seq >= this.#seen) return;
		// One per tenth of the settle time is plenty; the next broadcast or catch-up records the rest.
		if (last && now - last.at < this.#o.settleMs / 10) return;
		this.#candidates.push({ seq: this.#seen, at: now });
	}

	#promote(): void {
		if (!this.#connected) return;
		const now = this.#o.now();
		while (this.#candidates.length && this.#candidates[0]!.at + this.#o.settleMs <= now) {
			this.#confirmed = Math.max(this.#confirmed, this.#candidates.shift()!.seq);
		}
	}

	async #run(): Promise<void> {
		this.#running = true;
		this.#again = false;
		const epoch = this.#epoch;
		this.#update();
		let failed = false;
		try {
			this.#promote();
			let since = Math.max(0, this.#confirmed - this.#o.margin);
			for (;;) {
				const page = await this.#o.fetchSince(since, this.#abort.signal);
				if (this.#stopped) return;
				for (const change of page) this.#take(change, 'fetched');
				if (page.length < this.#o.pageSize) break;
				since = page.at(-1)!.seq;
			}
			this.#failures = 0;
			if (epoch === this.#epoch && this.#inRoom) {
				this.#synced = true;
				this.#remember();
			} else this.#again = true;
		} catch (err) {
			if (this.#stopped) return;
			if (err instanceof Refused) {
				this.#running = false;
				this.refused();
				return;
			}
			failed = true;
			this.#failures++;
		} finally {
			this.#running = false;
		}
		if (this.#stopped || this.#refused) return;
		if (failed) {
			const { firstMs, maxMs } = this.#o.retry;
			const full = Math.min(maxMs, firstMs * 2 ** (this.#failures - 1));
			// Jittered, so readers whose server came back do not all ask in the same instant.
			const delay = full / 2 + (this.#o.random() * full) / 2;
			this.#retryTimer = setTimeout(() => {
				this.#retryTimer = null;
				if (this.#inRoom) void this.#run();
				else this.#again = true;
			}, delay);
		} else if (this.#again && this.#inRoom) void this.#run();
		this.#update();
	}

	#update(): void {
		const status: LiveStatus = this.#refused
			? 'stopped'
			: !this.#connected
				? this.#everConnected
					? 'reconnecting'
					: 'connecting'
				: !this.#synced || this.#failures > 0
					? 'catching-up'
					: 'live';
		if (status === this.#status) return;
		this.#status = status;
		this.#publish();
	}

	#publish(): void {
		if (this.#statusTimer) clearTimeout(this.#statusTimer);
		this.#statusTimer = null;
		const delay = this.#status === 'live' || this.#status === 'stopped' ? 0 : this.#o.statusDelayMs;
		const report = () => {
			this.#statusTimer = null;
			if (this.#stopped || this.#reported === this.#status) return;
			this.#reported = this.#status;
			this.#o.onStatus?.(this.#status);
		};
		if (delay > 0) this.#statusTimer = setTimeout(report, delay);
		else report();
	}
}

/** The socket side a live resource needs (a socket.io-client socket has it). */
export interface RoomSocket {
	connected: boolean;
	recovered: boolean;
	on(event: 'connect' | 'disconnect', listener: () => void): unknown;
	off(event: 'connect' | 'disconnect', listener: () => void): unknown;
	timeout(ms: number): { emit(event: 'room:join', room: string, ack: (err: Error | null, result: { ok: boolean; error?: string }) => void): unknown };
	emit(event: 'room:leave', room: string, ack: () => void): unknown;
}

/** Refusals of a room that asking again later may overcome. */
const PASSING = new Set(['rate_limited', 'internal']);

/**
 * Follows `room` on `socket` for `resource`: joins on every (re)connect,
 * tells the resource when it is in the room and when the connection drops,
 * and asks again (with backoff) when the join was only turned down for now.
 * Returns the function that leaves.
 */
export function followRoom<C extends Versioned>(socket: RoomSocket, room: string, resource: LiveResource<C>, retryMs = 1_000): () => void {
	let attempt = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let left = false;
	const join = () => {
		if (timer) clearTimeout(timer);
		timer = null;
		socket.timeout(10_000).emit('room:join', room, (err, result) => {
			if (left || !socket.connected) return;
			if (!err && result.ok) {
				attempt = 0;
				resource.joined();
			} else if (err || PASSING.has(result.error ?? '')) {
				attempt++;
				timer = setTimeout(join, Math.min(30_000, retryMs * 2 ** (attempt - 1)));
			} else resource.refused();
		});
	};
	const onConnect = () => {
		resource.connected(socket.recovered);
		join();
	};
	const onDisconnect = () => {
		if (timer) clearTimeout(timer);
		timer = null;
		resource.disconnected();
	};
	socket.on('connect', onConnect);
	socket.on('disconnect', onDisconnect);
	if (socket.connected) onConnect();
	return () => {
		left = true;
		if (timer) clearTimeout(timer);
		socket.off('connect', onConnect);
		socket.off('disconnect', onDisconnect);
		if (socket.connected) socket.emit('room:leave', room, () => {});
		resource.stop();
	};
}

/**
 * `fetchSince` for a changes endpoint answering `?since=<seq>&limit=<n>` with
 * a JSON array. `fetchFn` is injectable (tests pass one with their cookie).
 */
export function changesFrom<C extends Versioned>(url: string, pageSize: number, fetchFn: typeof fetch = fetch): (since: number, signal?: AbortSignal) => Promise<C[]> {
	return async (since, signal) => {
		const res = await fetchFn(`${url}?since=${since}&limit=${pageSize}`, { headers: { accept: 'application/json' }, signal });
		if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new Refused(`${res.status}`);
		if (!res.ok) throw new Error(`changes: ${res.status}`);
		return (await res.json()) as C[];
	};
}
