import { sql } from 'drizzle-orm';
import { rowsOf } from '../db';
import { db } from '../runtime';
import { requireCapability, type Actor } from '../auth/actor';
import type { ActionStatus, InsightStatus } from '../../shared/insights';

/**
 * The policy staff's dashboard, counted in the database: insights by theme
 * and status, the funnel from evidence to outcome, the days from submission
 * to decision, actions by status and by owner, and the overdue ones.
 */

export interface Dashboard {
	byTheme: { themeId: number | null; nameNl: string | null; nameEn: string | null; status: InsightStatus; count: number }[];
	funnel: { evidence: number; submitted: number; decided: number; accepted: number; withAction: number; actionsDone: number; outcomes: number };
	decisionDays: { median: number | null; count: number };
	actionsByStatus: { status: ActionStatus; count: number }[];
	actionsByOwner: { ownerId: string | null; name: string | null; open: number; done: number; overdue: number }[];
	overdue: { id: number; title: string; dueDate: string; owner: string | null }[];
}

export async function dashboard(actor: Actor): Promise<Dashboard> {
	requireCapability(actor, 'insights.review');
	const d = db();
	const [byTheme, funnel, days, byStatus, byOwner, overdue] = await Promise.all([
		rowsOf<Dashboard['byTheme'][number]>(
			d,
			sql`select t.id as "themeId", t.name_nl as "nameNl", t.name_en as "nameEn", i.status, count(*)::int as count
				from insights i left join insight_theme_links l on l.insight_id = i.id left join insight_themes t on t.id = l.theme_id
				where i.status <> 'draft' group by t.id, t.name_nl, t.name_en, t.position, i.status order by t.position nulls last, i.status`
		),
		rowsOf<Dashboard['funnel']>(
			d,
			sql`select
				(select count(*)::int from insight_evidence e join insights i on i.id = e.insight_id where i.status <> 'draft') as evidence,
				(select count(*)::int from insights where status not in ('draft', 'merged')) as submitted,
				(select count(*)::int from insights where status in ('accepted', 'declined')) as decided,
				(select count(*)::int from insights where status = 'accepted') as accepted,
				(select count(distinct insight_id)::int from policy_action_insights) as "withAction",
				(select count(*)::int from policy_actions where status = 'done') as "actionsDone",
				(select count(*)::int from outcomes where published_at is not null) as outcomes`
		),
		rowsOf<{ median: number | null; count: number }>(
			d,
			sql`select (percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at) / 86400))::float as median, count(*)::int as count
				from insights where decided_at is not null and submitted_at is not null`
		),
		rowsOf<Dashboard['actionsByStatus'][number]>(d, sql`select status, count(*)::int as count from policy_actions group by status order by status`),
		rowsOf<Dashboard['actionsByOwner'][number]>(
			d,
			sql`select a.owner_id as "ownerId", u.display_name as name,
				count(*) filter (where a.status in ('planned', 'in_progress'))::int as open,
				count(*) filter (where a.status = 'done')::int as done,
				count(*) filter (where a.status in ('planned', 'in_progress') and a.due_date < current_date)::int as overdue
				from policy_actions a left join users u on u.id = a.owner_id group by a.owner_id, u.display_name order by u.display_name nulls last`
		),
		rowsOf<Dashboard['overdue'][number]>(
			d,
			sql`select a.id, a.title, a.due_date::text as "dueDate", u.display_name as owner from policy_actions a left join users u on u.id = a.owner_id
				where a.status in ('planned', 'in_progress') and a.due_date < current_date order by a.due_date, a.id limit 50`
		)
	]);
	const median = days[0]?.median;
	return {
		byTheme,
		funnel: funnel[0]!,
		decisionDays: { median: median === null || median === undefined ? null : Math.round(Number(median) * 10) / 10, count: days[0]?.count ?? 0 },
		actionsByStatus: byStatus,
		actionsByOwner: byOwner,
		overdue
	};
}
