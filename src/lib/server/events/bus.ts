import { EventEmitter } from 'node:events';
import type { DomainEvent, DomainEventType, EventOf } from './types';

export type Listener<T extends DomainEventType> = (event: EventOf<T>) => void;

/** One per process (see runtime.ts): the bundle and the server must hear the same events. */
export class EventBus {
	readonly #emitter = new EventEmitter();

	constructor() {
		this.#emitter.setMaxListeners(100);
	}

	publish(events: readonly DomainEvent[]): void {
		for (const event of events) {
			this.#emitter.emit(event.type, event);
			this.#emitter.emit('*', event);
		}
	}

	on<T extends DomainEventType>(type: T, listener: Listener<T>): () => void {
		this.#emitter.on(type, listener as (e: DomainEvent) => void);
		return () => this.#emitter.off(type, listener as (e: DomainEvent) => void);
	}

	onAny(listener: (event: DomainEvent) => void): () => void {
		this.#emitter.on('*', listener);
		return () => this.#emitter.off('*', listener);
	}
}
