import type { TestSocket } from './server';

/** Joins a room; resolves with the server's answer. */
export const join = (s: TestSocket, room: string) =>
	new Promise<{ ok: boolean; error?: string }>((resolve) => s.emit('room:join', room, (ack) => resolve(ack as { ok: boolean; error?: string })));

/** Resolves with the first `n` events of a kind, or rejects after `ms`. */
export function collect<T>(s: TestSocket, event: string, n: number, ms = 3_000, filter: (p: T) => boolean = () => true): Promise<T[]> {
	return new Promise((resolve, reject) => {
		const got: T[] = [];
		const on = (p: T) => {
			if (!filter(p)) return;
			got.push(p);
			if (got.length === n) {
				clearTimeout(timer);
				(s as unknown as { off: (e: string, f: unknown) => void }).off(event, on);
				resolve(got);
			}
		};
		const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${n} ${event} events arrived`)), ms);
		(s as unknown as { on: (e: string, f: unknown) => void }).on(event, on);
	});
}

