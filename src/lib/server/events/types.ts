/**
 * Domain events: facts the domain layer publishes after a commit. The realtime
 * layer turns them into socket messages; nothing else may invent them.
 */
export type DomainEvent =
	| { type: 'session.ended'; userId: string; sessionIds: string[] }
	| { type: 'user.changed'; userId: string; status: string; roles: string[] };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
