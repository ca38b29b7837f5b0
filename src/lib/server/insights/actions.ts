import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db';
import { db, transact } from '../runtime';
import { insights, outcomes, policyActionInsights, policyActions, userRoles, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { idCursor, toIdPage, type Page } from '../paging';
import { notify } from '../notifications/notify';
import { requireStaff, reviews } from './access';
import { ActionInput, ActionStatusInput } from './schemas';
import type { ActionStatus } from '../../shared/insights';

/**
 * Policy actions: what the ministry does about accepted insights. Policy
 * staff create and carry them (an owner among them, a due date, a status);
 * coordinators follow them. An action past its date and not finished is
 * flagged once to its owner and to policy staff; a new date flags again.
 */

export interface ActionSummary {
	id: number;
	title: string;
	status: ActionStatus;
	dueDate: string | null;
	overdue: boolean;
	owner: { id: string; name: string } | null;
}

export interface ActionDetail extends ActionSummary {
	description: string;
	dropReason: string | null;
	createdAt: Date;
	doneAt: Date | null;
	version: number;
	insights: { id: number; title: string; status: string }[];
	outcome: { id: number; published: boolean } | null;
	can: { edit: boolean; outcome: boolean };
}

const today = () => new Date().toISOString().slice(0, 10);
const isOverdue = (status: ActionStatus, due: string | null) => due !== null && due < today() && (status === 'planned' || status === 'in_progress');

/** Policy staff who may own an action (active, holding the role). */
export async function actionOwners(actor: Actor): Promise<{ id: string; name: string }[]> {
	requireStaff(actor);
	return db()
		.select({ id: users.id, name: users.displayName })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'policy_staff')))
		.where(eq(users.status, 'active'))
		.orderBy(asc(users.displayName));
}

async function requireOwner(tx: Tx, ownerId: string) {
	const [row] = await tx
		.select({ id: users.id })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'policy_staff')))
		.where(and(eq(users.id, ownerId), eq(users.status, 'active')));
	if (!row) throw new DomainError('invalid_input', 'error_action_owner', { field: 'ownerId', fields: { ownerId: 'error_action_owner' } });
}

async function requireAccepted(tx: Tx, ids: number[]) {
	const rows = await tx.select({ id: insights.id, status: insights.status }).from(insights).where(inArray(insights.id, ids)).for('share');
	if (rows.length !== new Set(ids).size || rows.some((r) => r.status !== 'accepted'))
		throw new DomainError('invalid_input', 'error_action_insights', { field: 'insights', fields: { insights: 'error_action_insights' } });
}

export async function createAction(actor: Actor, raw: ActionInput): Promise<{ id: number }> {
	const a = requireCapability(actor, 'insights.review');
	const input = parseInput(ActionInput, raw);
	return transact(async (tx, emit) => {
		await requireOwner(tx, input.ownerId);
		await requireAccepted(tx, input.insights);
		const [row] = await tx
			.insert(policyActions)
			.values({ title: input.title, description: input.description, ownerId: input.ownerId, dueDate: input.dueDate ?? null, createdBy: a.user.id })
			.returning({ id: policyActions.id });
		await tx.insert(policyActionInsights).values([...new Set(input.insights)].map((insightId) => ({ actionId: row!.id, insightId })));
		emit({ type: 'insights.changed', what: 'action', id: row!.id });
		return { id: row!.id };
	});
}

export async function updateAction(actor: Actor, id: number, raw: ActionInput): Promise<{ id: number }> {
	requireCapability(actor, 'insights.review');
	const input = parseInput(ActionInput, raw);
	return transact(async (tx, emit) => {
		const [row] = await tx.select().from(policyActions).where(eq(policyActions.id, id)).for('update');
		if (!row) throw new DomainError('not_found', 'error_action_not_found');
		await requireOwner(tx, input.ownerId);
		await requireAccepted(tx, input.insights);
		const due = input.dueDate ?? null;
		await tx
			.update(policyActions)
			.set({
				title: input.title,
				description: input.description,
				ownerId: input.ownerId,
				dueDate: due,
				overdueNotifiedAt: due === row.dueDate ? row.overdueNotifiedAt : null,
				updatedAt: new Date(),
				version: row.version + 1
			})
			.where(eq(policyActions.id, id));
		await tx.delete(policyActionInsights).where(eq(policyActionInsights.actionId, id));
		await tx.insert(policyActionInsights).values([...new Set(input.insights)].map((insightId) => ({ actionId: id, insightId })));
		emit({ type: 'insights.changed', what: 'action', id });
		return { id };
	});
}

/** planned → in progress → done, or dropped with a reason; a finished action may be reopened until its outcome is published. */
export async function setActionStatus(actor: Actor, id: number, raw: ActionStatusInput): Promise<{ status: ActionStatus }> {
	requireCapability(actor, 'insights.review');
	const input = parseInput(ActionStatusInput, raw);
	return transact(async (tx, emit) => {
		const [row] = await tx.select().from(policyActions).where(eq(policyActions.id, id)).for('update');
		if (!row) throw new DomainError('not_found', 'error_action_not_found');
		const [published] = await tx.select({ id: outcomes.id }).from(outcomes).where(and(eq(outcomes.actionId, id), sql`${outcomes.publishedAt} is not null`));
		if (published) throw new DomainError('conflict', 'error_action_outcome_published');
		const now = new Date();
		await tx
			.update(policyActions)
			.set({
				status: input.status,
				dropReason: input.status === 'dropped' ? input.reason : null,
				doneAt: input.status === 'done' ? (row.doneAt ?? now) : null,
				updatedAt: now,
				version: row.version + 1
			})
			.where(eq(policyActions.id, id));
		emit({ type: 'insights.changed', what: 'action', id });
		return { status: input.status };
	});
}

const summaryColumns = {
	id: policyActions.id,
	title: policyActions.title,
	status: policyActions.status,
	dueDate: policyActions.dueDate,
	ownerId: users.id,
	ownerName: users.displayName
};
type SummaryRow = { id: number; title: string; status: ActionStatus; dueDate: string | null; ownerId: string | null; ownerName: string | null };
const toSummary = (r: SummaryRow): ActionSummary => ({
	id: r.id,
	title: r.title,
	status: r.status,
	dueDate: r.dueDate,
	overdue: isOverdue(r.status, r.dueDate),
	owner: r.ownerId ? { id: r.ownerId, name: r.ownerName! } : null
});

/** Every action, newest first (30 per page, by id). */
export async function listActions(actor: Actor, cursor?: string, limit = 30): Promise<Page<ActionSummary>> {
	requireStaff(actor);
	const before = idCursor(cursor);
	const rows = await db()
		.select(summaryColumns)
		.from(policyActions)
		.leftJoin(users, eq(users.id, policyActions.ownerId))
		.where(before !== undefined ? lt(policyActions.id, before) : undefined)
		.orderBy(desc(policyActions.id))
		.limit(limit + 1);
	return toIdPage(rows.map(toSummary), limit);
}

export async function actionDetail(actor: Actor, id: number): Promise<ActionDetail> {
	const a = requireStaff(actor);
	const [row] = await db()
		.select({ ...summaryColumns, description: policyActions.description, dropReason: policyActions.dropReason, createdAt: policyActions.createdAt, doneAt: policyActions.doneAt, version: policyActions.version })
		.from(policyActions)
		.leftJoin(users, eq(users.id, policyActions.ownerId))
		.where(eq(policyActions.id, id));
	if (!row) throw new DomainError('not_found', 'error_action_not_found');
	const [linked, outcome] = await Promise.all([
		db()
			.select({ id: insights.id, title: insights.title, status: insights.status })
			.from(policyActionInsights)
			.innerJoin(insights, eq(insights.id, policyActionInsights.insightId))
			.where(eq(policyActionInsights.actionId, id))
			.orderBy(asc(insights.id)),
		db().select({ id: outcomes.id, publishedAt: outcomes.publishedAt }).from(outcomes).where(eq(outcomes.actionId, id))
	]);
	const reviewer = reviews(a);
	return {
		...toSummary(row),
		description: row.description,
		dropReason: row.dropReason,
		createdAt: row.createdAt,
		doneAt: row.doneAt,
		version: row.version,
		insights: linked,
		outcome: outcome[0] ? { id: outcome[0].id, published: outcome[0].publishedAt !== null } : null,
		can: { edit: reviewer && !outcome[0]?.publishedAt, outcome: reviewer && row.status === 'done' }
	};
}

/**
 * Flags overdue actions once: to the owner and to every policy officer. Each
 * action is claimed by one UPDATE, so restarts and a second instance never
 * flag twice. Returns how many actions were flagged.
 */
export async function flagOverdueActions(): Promise<number> {
	return transact(async (tx, emit) => {
		const due = await tx
			.update(policyActions)
			.set({ overdueNotifiedAt: new Date() })
			.where(
				and(
					isNull(policyActions.overdueNotifiedAt),
					inArray(policyActions.status, ['planned', 'in_progress']),
					sql`${policyActions.dueDate} < current_date`,
					sql`${policyActions.id} in (select id from policy_actions where overdue_notified_at is null and due_date < current_date for update skip locked limit 50)`
				)
			)
			.returning({ id: policyActions.id, title: policyActions.title, ownerId: policyActions.ownerId, dueDate: policyActions.dueDate });
		if (due.length === 0) return 0;
		const staff = await rowsOf<{ id: string }>(
			tx,
			sql`select u.id from users u join user_roles r on r.user_id = u.id and r.role = 'policy_staff' where u.status = 'active'`
		);
		const people = new Set(staff.map((s) => s.id));
		await notify(
			tx,
			emit,
			due.flatMap((d) =>
				[...new Set([...people, ...(d.ownerId ? [d.ownerId] : [])])].map((userId) => ({
					userId,
					kind: 'action_overdue' as const,
					data: { actionId: d.id, title: d.title, dueDate: d.dueDate, owner: d.ownerId === userId }
				}))
			)
		);
		for (const d of due) emit({ type: 'insights.changed', what: 'action', id: d.id });
		return due.length;
	});
}
