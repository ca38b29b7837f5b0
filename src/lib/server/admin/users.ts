import { and, desc, eq, ilike, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { userRoles, users } from '../db/schema';
import { DomainError } from '../errors';
import { requireCapability, userColumns, type Actor } from '../auth/actor';
import type { AdminUserRow } from '../../shared/accounts';
import { deleteSessions } from '../auth/sessions';
import { timeCursor, timeKey, toPage, type Page } from '../paging';
import { ListUsersInput, type UpdateUserInput } from '../accounts/schemas';
import type { Role } from '../../shared/roles';
import { audit } from '../audit/log';

/**
 * Whether the person's request to join was declined (one request per person, on its unique user_id). The outer
 * column is spelled out: drizzle leaves a lone table's columns unqualified, and join_requests has an "id" of its own.
 */
const declined = sql<boolean>`exists (select 1 from join_requests jr where jr.user_id = "users"."id" and jr.status = 'declined')`.as('declined');

/** Newest first, by (created_at, id) on users_created_idx. */
export async function listUsers(actor: Actor, raw: ListUsersInput): Promise<Page<AdminUserRow>> {
	requireCapability(actor, 'admin.users');
	const input = ListUsersInput.parse(raw);
	const cursor = timeCursor(input.cursor);
	const where: SQL[] = [];
	if (cursor) where.push(or(lt(users.createdAt, cursor.at), and(eq(users.createdAt, cursor.at), lt(users.id, cursor.id)))!);
	if (input.status) where.push(eq(users.status, input.status));
	if (input.q) {
		const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		where.push(or(ilike(users.email, like), ilike(users.displayName, like))!);
	}
	const rows = await db()
		.select({ ...userColumns, createdAt: users.createdAt, declined, cursorKey: timeKey(users.createdAt) })
		.from(users)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(users.createdAt), desc(users.id))
		.limit(input.limit + 1);
	const page = toPage(rows, input.limit, (r) => ({ k: r.cursorKey, id: r.id }));
	return { ...page, items: page.items.map(({ cursorKey: _key, ...row }) => row) };
}

/**
 * Changes a person's roles and status. Suspending or removing someone ends
 * every session at once; the realtime layer cuts their sockets on the event.
 */
export async function updateUser(actor: Actor, userId: string, input: UpdateUserInput): Promise<AdminUserRow> {
	const a = requireCapability(actor, 'admin.users');
	if (userId === a.user.id) {
		// Both refusals at once when both apply, each beside its own field.
		const fields: Record<string, string> = {};
		if (input.status && input.status !== 'active') fields.status = 'error_cannot_change_own_status';
		if (input.roles && !input.roles.includes('admin')) fields.roles = 'error_cannot_drop_own_admin';
		const [field] = Object.keys(fields);
		if (field) throw new DomainError('conflict', 'error_cannot_demote_self', { field, fields });
	}
	return transact(async (tx, emit) => {
		const [target] = await tx.select({ ...userColumns }).from(users).where(eq(users.id, userId)).for('no key update');
		if (!target) throw new DomainError('not_found', 'error_user_not_found');
		// An admin's status is open-ended: a moderator's end date no longer applies.
		if (input.status) await tx.update(users).set({ status: input.status, suspendedUntil: null, updatedAt: new Date() }).where(eq(users.id, userId));
		if (input.roles) {
			const roles = [...new Set(input.roles)] as Role[];
			await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), roles.length ? notInArray(userRoles.role, roles) : undefined));
			if (roles.length) await tx.insert(userRoles).values(roles.map((role) => ({ userId, role }))).onConflictDoNothing();
		}
		const [row] = await tx
			.select({ ...userColumns, createdAt: users.createdAt, declined })
			.from(users)
			.where(eq(users.id, userId));
		if (row!.status !== target.status || row!.roles.join() !== target.roles.join())
			await audit(tx, {
				actorId: a.user.id,
				action: 'account.update',
				targetKind: 'member',
				targetId: userId,
				subjectId: userId,
				before: { status: target.status, roles: target.roles },
				after: { status: row!.status, roles: row!.roles }
			});
		if (input.status === 'suspended' || input.status === 'removed') {
			const ids = await deleteSessions(tx, userId);
			emit({ type: 'session.ended', userId, sessionIds: ids });
		}
		emit({ type: 'user.changed', userId, status: row!.status, roles: row!.roles });
		return row!;
	});
}
