import { eq, sql } from 'drizzle-orm';
import { transact } from '../runtime';
import { insightEvents, insightEvidence, insightThemeLinks, insights } from '../db/schema';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { contributes, loadInsight, requireEditable, requireStaff } from './access';
import { linkEvidence } from './evidence';
import { InsightInput, MergeInput } from './schemas';
import { setThemes } from './themes';
import type { InsightStatus } from '../../shared/insights';

/**
 * Coordinators draft insights from evidence, edit them until a review has
 * begun, and submit them. Duplicates are merged (by coordinators or policy
 * staff): the evidence and themes move to the insight kept, and the merged
 * one says where it went.
 */

export async function createInsight(actor: Actor, raw: InsightInput): Promise<{ id: number }> {
	const a = requireStaff(actor);
	if (!contributes(a)) throw new DomainError('forbidden', 'error_forbidden');
	const input = parseInput(InsightInput, raw);
	return transact(async (tx, emit) => {
		const [row] = await tx.insert(insights).values({ title: input.title, summary: input.summary, createdBy: a.user.id }).returning({ id: insights.id });
		const id = row!.id;
		await tx.insert(insightEvents).values({ insightId: id, kind: 'created', actorId: a.user.id });
		await setThemes(tx, id, input.themes);
		await linkEvidence(tx, a, id, [
			...input.notes.map((n) => ({ kind: 'session_note' as const, id: n, field: 'notes' })),
			...input.surveyResults.map((n) => ({ kind: 'survey_result' as const, id: n, field: 'surveyResults' })),
			...input.excerpts.map((n) => ({ kind: 'post_excerpt' as const, id: n, field: 'excerpts' }))
		]);
		emit({ type: 'insights.changed', what: 'insight', id });
		return { id };
	});
}

/** Title, summary and themes; told (409) when someone else saved in between. */
export async function updateInsight(actor: Actor, id: number, raw: InsightInput): Promise<{ version: number }> {
	const a = requireStaff(actor);
	const input = parseInput(InsightInput, raw);
	return transact(async (tx, emit) => {
		const row = await loadInsight(a, id, tx, true);
		requireEditable(a, row);
		if (input.version !== undefined && input.version !== row.version) throw new DomainError('conflict', 'error_insight_changed');
		await tx
			.update(insights)
			.set({ title: input.title, summary: input.summary, version: row.version + 1, updatedAt: new Date() })
			.where(eq(insights.id, id));
		await setThemes(tx, id, input.themes);
		await tx.insert(insightEvents).values({ insightId: id, kind: 'edited', actorId: a.user.id });
		emit({ type: 'insights.changed', what: 'insight', id });
		return { version: row.version + 1 };
	});
}

/** Draft → new: policy staff see it in their queue. An insight needs evidence to be submitted. */
export async function submitInsight(actor: Actor, id: number): Promise<{ status: InsightStatus }> {
	const a = requireStaff(actor);
	return transact(async (tx, emit) => {
		const row = await loadInsight(a, id, tx, true);
		if (!contributes(a)) throw new DomainError('forbidden', 'error_forbidden');
		if (row.status !== 'draft') throw new DomainError('conflict', 'error_insight_not_draft');
		const [evidence] = await tx.select({ n: sql<number>`count(*)::int` }).from(insightEvidence).where(eq(insightEvidence.insightId, id));
		if (!evidence?.n) throw new DomainError('conflict', 'error_insight_no_evidence');
		const now = new Date();
		await tx.update(insights).set({ status: 'new', submittedAt: now, updatedAt: now, version: row.version + 1 }).where(eq(insights.id, id));
		await tx.insert(insightEvents).values({ insightId: id, kind: 'submitted', actorId: a.user.id });
		emit({ type: 'insights.changed', what: 'insight', id });
		return { status: 'new' };
	});
}

const MERGEABLE: readonly InsightStatus[] = ['draft', 'new', 'under_review'];

/** Folds insight `id` into another: its evidence and themes move, it is marked merged, both histories say so. */
export async function mergeInsight(actor: Actor, id: number, raw: MergeInput): Promise<{ into: number }> {
	const a = requireStaff(actor);
	const { into } = parseInput(MergeInput, raw);
	if (into === id) throw new DomainError('invalid_input', 'error_merge_target', { field: 'into', fields: { into: 'error_merge_target' } });
	return transact(async (tx, emit) => {
		// Both locked in id order, so two merges of the same pair either way round cannot deadlock.
		const [first, second] = id < into ? [id, into] : [into, id];
		const rows = new Map([[first, await loadInsight(a, first, tx, true)], [second, await loadInsight(a, second, tx, true)]]);
		const source = rows.get(id)!;
		const target = rows.get(into)!;
		if (!MERGEABLE.includes(source.status)) throw new DomainError('conflict', 'error_merge_source');
		if (target.status === 'merged' || target.status === 'declined') throw new DomainError('conflict', 'error_merge_target', { field: 'into' });
		// Evidence both share stays once, on the target.
		await tx.execute(sql`
			update insight_evidence e set insight_id = ${into}
			where e.insight_id = ${id} and not exists (
				select 1 from insight_evidence t where t.insight_id = ${into}
				and (t.note_entry_id = e.note_entry_id or t.survey_evidence_id = e.survey_evidence_id or t.excerpt_id = e.excerpt_id))`);
		await tx.delete(insightEvidence).where(eq(insightEvidence.insightId, id));
		await tx.execute(sql`
			insert into insight_theme_links (insight_id, theme_id)
			select ${into}, theme_id from insight_theme_links where insight_id = ${id}
			on conflict do nothing`);
		await tx.delete(insightThemeLinks).where(eq(insightThemeLinks.insightId, id));
		const now = new Date();
		await tx.update(insights).set({ status: 'merged', mergedInto: into, updatedAt: now, version: source.version + 1 }).where(eq(insights.id, id));
		await tx.update(insights).set({ updatedAt: now, version: target.version + 1 }).where(eq(insights.id, into));
		await tx.insert(insightEvents).values([
			{ insightId: id, kind: 'merged_into', actorId: a.user.id, otherInsightId: into },
			{ insightId: into, kind: 'merged', actorId: a.user.id, otherInsightId: id }
		]);
		emit({ type: 'insights.changed', what: 'insight', id: into });
		return { into };
	});
}

