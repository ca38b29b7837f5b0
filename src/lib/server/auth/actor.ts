import { sql } from 'drizzle-orm';
import { users } from '../db/schema';
import { can, type Capability, type Role } from '../../shared/roles';
import type { SessionUser } from '../../shared/accounts';
import { DomainError } from '../errors';

/** The columns every "who is this" query selects, roles included in one round trip. */
export const userColumns = {
	id: users.id,
	email: users.email,
	displayName: users.displayName,
	handle: users.handle,
	language: users.language,
	timeZone: users.timeZone,
	status: users.status,
	roles: sql<Role[]>`coalesce((select array_agg(ur.role::text order by ur.role) from user_roles ur where ur.user_id = ${users.id}), '{}')`.as(
		'roles'
	)
};

/** Who is asking, as every domain function sees it, whatever the transport. */
export type Actor =
	| { kind: 'anonymous'; ip?: string; userAgent?: string }
	| { kind: 'user'; user: SessionUser; sessionId: string; ip?: string; userAgent?: string };

export const anonymous = (meta: { ip?: string; userAgent?: string } = {}): Actor => ({
	kind: 'anonymous',
	...meta
});

/** The signed-in person, whatever their status; pending people may manage their own account. */
export function requireUser(actor: Actor): Extract<Actor, { kind: 'user' }> {
	if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'error_unauthenticated');
	return actor;
}

/** An active person holding `capability`; anything else is refused. */
export function requireCapability(actor: Actor, capability: Capability): Extract<Actor, { kind: 'user' }> {
	const a = requireUser(actor);
	if (!can(a.user, capability)) throw new DomainError('forbidden', 'error_forbidden');
	return a;
}

export function requireActive(actor: Actor): Extract<Actor, { kind: 'user' }> {
	const a = requireUser(actor);
	if (a.user.status !== 'active') throw new DomainError('forbidden', 'error_forbidden');
	return a;
}
