import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../runtime';
import { insightEvents, insightThemeLinks, insightThemes, insights, outcomes, policyActionInsights, policyActions, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { parseInput } from '../input';
import { cursorRefused, decodeCursor, timeKey, toPage, type Page } from '../paging';
import { contributes, loadInsight, requireStaff, reviews } from './access';
import { evidenceOf, reachOf, type EvidenceView } from './evidence';
import { qualified } from '../discussion/visibility';
import { InsightListQuery } from './schemas';
import type { ActionStatus, InsightEventKind, InsightStatus } from '../../shared/insights';

/** Insights for the staff, by cursor on the last change; drafts only to coordinators. */

export interface InsightSummary {
	id: number;
	title: string;
	status: InsightStatus;
	updatedAt: Date;
	themes: { id: number; nameNl: string; nameEn: string }[];
	evidence: number;
	withdrawn: number;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

async function themesOf(ids: number[]) {
	const map = new Map<number, InsightSummary['themes']>();
	if (!ids.length) return map;
	const rows = await db()
		.select({ insightId: insightThemeLinks.insightId, id: insightThemes.id, nameNl: insightThemes.nameNl, nameEn: insightThemes.nameEn })
		.from(insightThemeLinks)
		.innerJoin(insightThemes, eq(insightThemes.id, insightThemeLinks.themeId))
		.where(inArray(insightThemeLinks.insightId, ids))
		.orderBy(asc(insightThemes.position));
	for (const { insightId, ...t } of rows) map.set(insightId, [...(map.get(insightId) ?? []), t]);
	return map;
}

export async function listInsights(actor: Actor, raw: InsightListQuery = {}, limit = 30): Promise<Page<InsightSummary>> {
	const a = requireStaff(actor);
	const input = parseInput(InsightListQuery, raw);
	const after = decodeCursor(input.cursor);
	if (after && (typeof after.k !== 'string' || !TIME.test(after.k) || !/^\d{1,9}$/.test(after.id))) throw cursorRefused();
	const i = insights;
	const rows = await db()
		.select({
			id: i.id,
			title: i.title,
			status: i.status,
			updatedAt: i.updatedAt,
			key: timeKey(i.updatedAt),
			evidence: sql<number>`(select count(*)::int from insight_evidence e where e.insight_id = ${qualified(i.id)})`,
			withdrawn: sql<number>`(select count(*)::int from insight_evidence e
				left join post_excerpts pe on pe.id = e.excerpt_id left join posts p on p.id = pe.post_id
				left join meeting_note_entries n on n.id = e.note_entry_id
				where e.insight_id = ${qualified(i.id)} and (
					(e.kind = 'post_excerpt' and (p.id is null or p.status <> 'visible'))
					or (e.kind = 'session_note' and (n.id is null or n.state = 'rejected'))
					or (e.kind = 'survey_result' and e.survey_evidence_id is null)))`
		})
		.from(i)
		.where(
			and(
				contributes(a) ? undefined : ne(i.status, 'draft'),
				input.status ? eq(i.status, input.status) : undefined,
				input.theme ? sql`exists (select 1 from insight_theme_links l where l.insight_id = ${qualified(i.id)} and l.theme_id = ${input.theme})` : undefined,
				after ? sql`(${i.updatedAt}, ${i.id}) < (${after.k}::timestamptz, ${Number(after.id)})` : undefined
			)
		)
		.orderBy(desc(i.updatedAt), desc(i.id))
		.limit(limit + 1);
	const page = toPage(rows, limit, (r) => ({ k: r.key, id: String(r.id) }));
	const themes = await themesOf(page.items.map((r) => r.id));
	return {
		nextCursor: page.nextCursor,
		items: page.items.map(({ key: _key, ...r }) => ({ ...r, themes: themes.get(r.id) ?? [] }))
	};
}

export interface InsightDetail {
	id: number;
	title: string;
	summary: string;
	status: InsightStatus;
	declineReason: string | null;
	mergedInto: { id: number; title: string } | null;
	createdBy: string | null;
	createdAt: Date;
	submittedAt: Date | null;
	decidedAt: Date | null;
	version: number;
	themes: InsightSummary['themes'];
	evidence: EvidenceView[];
	history: { kind: InsightEventKind; by: string | null; at: Date; reason: string | null; other: { id: number; title: string } | null }[];
	actions: { id: number; title: string; status: ActionStatus }[];
	outcome: { id: number; published: boolean } | null;
	/** What this reader may do now. */
	can: { edit: boolean; submit: boolean; review: boolean; merge: boolean; act: boolean; outcome: boolean };
}

export async function insightDetail(actor: Actor, id: number): Promise<InsightDetail> {
	const a = requireStaff(actor);
	const row = await loadInsight(a, id);
	const creator = alias(users, 'creator');
	const other = alias(insights, 'other');
	const [themes, evidence, history, actions, outcome, mergedInto, createdBy] = await Promise.all([
		themesOf([id]),
		evidenceOf(db(), [id], reachOf(a)),
		db()
			.select({ kind: insightEvents.kind, by: users.displayName, at: insightEvents.at, reason: insightEvents.reason, otherId: other.id, otherTitle: other.title })
			.from(insightEvents)
			.leftJoin(users, eq(users.id, insightEvents.actorId))
			.leftJoin(other, eq(other.id, insightEvents.otherInsightId))
			.where(eq(insightEvents.insightId, id))
			.orderBy(asc(insightEvents.id)),
		db()
			.select({ id: policyActions.id, title: policyActions.title, status: policyActions.status })
			.from(policyActionInsights)
			.innerJoin(policyActions, eq(policyActions.id, policyActionInsights.actionId))
			.where(eq(policyActionInsights.insightId, id))
			.orderBy(asc(policyActions.id)),
		db().select({ id: outcomes.id, publishedAt: outcomes.publishedAt }).from(outcomes).where(eq(outcomes.insightId, id)),
		row.mergedInto ? db().select({ id: insights.id, title: insights.title }).from(insights).where(eq(insights.id, row.mergedInto)) : Promise.resolve([]),
		row.createdBy ? db().select({ name: creator.displayName }).from(creator).where(eq(creator.id, row.createdBy)) : Promise.resolve([])
	]);
	const open = row.status === 'draft' || row.status === 'new' || row.status === 'under_review';
	return {
		id: row.id,
		title: row.title,
		summary: row.summary,
		status: row.status,
		declineReason: row.declineReason,
		mergedInto: mergedInto[0] ?? null,
		createdBy: createdBy[0]?.name ?? null,
		createdAt: row.createdAt,
		submittedAt: row.submittedAt,
		decidedAt: row.decidedAt,
		version: row.version,
		themes: themes.get(id) ?? [],
		evidence: evidence.get(id) ?? [],
		history: history.map((h) => ({ kind: h.kind, by: h.by, at: h.at, reason: h.reason, other: h.otherId ? { id: h.otherId, title: h.otherTitle! } : null })),
		actions,
		outcome: outcome[0] ? { id: outcome[0].id, published: outcome[0].publishedAt !== null } : null,
		can: {
			edit: contributes(a) && (row.status === 'draft' || row.status === 'new'),
			submit: contributes(a) && row.status === 'draft',
			review: reviews(a) && (row.status === 'new' || row.status === 'under_review'),
			merge: open,
			act: reviews(a) && row.status === 'accepted',
			outcome: reviews(a) && row.status === 'declined'
		}
	};
}
