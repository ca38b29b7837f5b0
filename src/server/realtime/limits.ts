import { translate } from '../../lib/i18n/translate';
import { answer } from './ack';
import type { AppSocket } from './types';

/**
 * Limits on what one socket can make the server do. Each client event may
 * run a query and each room change a broadcast to every reader, so a script
 * looping join/leave would otherwise cost everyone.
 */

/** A classic token bucket: `capacity` at once, refilled at `perSecond`. */
export class TokenBucket {
	#tokens: number;
	#at: number;

	constructor(
		readonly capacity: number,
		readonly perSecond: number,
		private readonly now: () => number = Date.now
	) {
		this.#tokens = capacity;
		this.#at = now();
	}

	/** Takes one token if there is one. */
	take(): boolean {
		const now = this.now();
		this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#at) / 1000) * this.perSecond);
		this.#at = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}

/**
 * Client events per socket: a burst covers a page that follows a few rooms
 * at once and a reader clicking from thread to thread (a leave and a join
 * each); beyond that an event is refused. Refusals are counted in a bucket of
 * their own, so a client that backs off is never cut, and one that keeps
 * sending after being told is.
 */
export const EVENT_LIMIT = { capacity: 20, perSecond: 2 };
export const REFUSAL_LIMIT = { capacity: 20, perSecond: 1 };

/** At most one presence broadcast per room in this window. */
export const PRESENCE_INTERVAL_MS = 500;

/**
 * Runs `send(key)` at once when `key` has been quiet, and otherwise once at
 * the end of the window for however many calls came in it: the last state is
 * always sent, because `send` reads the state when it runs.
 */
export function coalescer(send: (key: string) => void, intervalMs: number) {
	const cooling = new Map<string, { dirty: boolean; timer: ReturnType<typeof setTimeout> }>();
	const fire = (key: string) => {
		const entry = { dirty: false, timer: setTimeout(() => {
			cooling.delete(key);
			if (entry.dirty) fire(key);
		}, intervalMs) };
		cooling.set(key, entry);
		send(key);
	};
	return {
		request(key: string): void {
			const entry = cooling.get(key);
			if (entry) entry.dirty = true;
			else fire(key);
		},
		stop(): void {
			for (const { timer } of cooling.values()) clearTimeout(timer);
			cooling.clear();
		}
	};
}

/**
 * Every client event on this socket passes the limit first: over it, the
 * event is refused (`rate_limited`, in the person's language), and a client
 * that keeps sending after REFUSAL_LIMIT refusals is cut.
 */
export function limitClientEvents(socket: AppSocket): void {
	const events = new TokenBucket(EVENT_LIMIT.capacity, EVENT_LIMIT.perSecond);
	const refusals = new TokenBucket(REFUSAL_LIMIT.capacity, REFUSAL_LIMIT.perSecond);
	socket.use((packet, next) => {
		if (events.take()) return next();
		answer(packet.at(-1), { ok: false, error: 'rate_limited', message: translate('error_socket_rate_limited', socket.data.actor.user.language) });
		if (!refusals.take()) socket.disconnect(true);
	});
}
