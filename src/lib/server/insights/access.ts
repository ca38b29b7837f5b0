import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db } from '../runtime';
import { insights } from '../db/schema';
import { requireUser, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { can } from '../../shared/roles';
import type { InsightStatus } from '../../shared/insights';

/**
 * Who may see and do what in the policy loop, in one place. Coordinators
 * draft (insights.contribute) and see every insight, their drafts included;
 * policy staff review (insights.review) and see every insight once it is
 * submitted. Anyone else is told an insight does not exist.
 */

type Reader = Db | Tx;
export type StaffActor = Extract<Actor, { kind: 'user' }>;
export type InsightRow = typeof insights.$inferSelect;

export const contributes = (a: StaffActor) => can(a.user, 'insights.contribute');
export const reviews = (a: StaffActor) => can(a.user, 'insights.review');

/** Coordinators or policy staff; anyone else is refused. */
export function requireStaff(actor: Actor): StaffActor {
	const a = requireUser(actor);
	if (!contributes(a) && !reviews(a)) throw new DomainError('forbidden', 'error_forbidden');
	return a;
}

/** The insight as this actor may see it (a draft only to coordinators), optionally locked for a change. */
export async function loadInsight(a: StaffActor, id: number, reader: Reader = db(), lock = false): Promise<InsightRow> {
	const query = reader.select().from(insights).where(eq(insights.id, id));
	const [row] = lock ? await query.for('update') : await query;
	if (!row || (row.status === 'draft' && !contributes(a))) throw new DomainError('not_found', 'error_insight_not_found');
	return row;
}

/** Coordinators change an insight's words and evidence until a review has begun. */
export const EDITABLE: readonly InsightStatus[] = ['draft', 'new'];

export function requireEditable(a: StaffActor, row: InsightRow): void {
	if (!contributes(a)) throw new DomainError('forbidden', 'error_forbidden');
	if (!EDITABLE.includes(row.status)) throw new DomainError('conflict', 'error_insight_not_editable');
}
