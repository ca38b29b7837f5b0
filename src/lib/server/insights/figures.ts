import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db';
import { db } from '../runtime';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { getSetting } from '../settings';
import { suppressCrossTable, suppressOneWay } from '../statistics/suppression';
import { GROUP_ROLES } from '../membership/profiles';
import { answerMatrix, compositionDimensions, countMatrix } from '../board/composition';
import { dimensionDefs } from '../board/dimensions';
import { audienceCondition } from '../surveys/access';
import { YearQuery } from './schemas';
import { ATTENDANCE, REGION_UNKNOWN, type AnnualFigures } from '../../shared/insights-figures';
import { ACTION_STATUSES, INSIGHT_STATUSES, type ActionStatus, type InsightStatus } from '../../shared/insights';
import { INVITEE_KINDS } from '../../shared/meetings';
import { REGIONS } from '../../shared/membership';
import { Segment, type Audience, type Bilingual } from '../../shared/surveys';
import type { Language } from '../../shared/roles';

/**
 * The figures for a ministry's annual report, for one calendar year (UTC),
 * counted in the database (grouped there; no table is read row by row).
 * Coordinators and policy staff (insights.figures) read them; every count of
 * people in groups passes the same small-cell suppression as the board's
 * composition and survey results (threshold: the boardSmallCell setting).
 * Counts of things (threads, insights, actions) are printed as they are.
 *
 * The period runs from 1 January up to the end of the year, or up to now in
 * the current year. What is "at the end of the year" is read at the period's
 * end; statuses of insights and actions are as they stand when counted (the
 * schema keeps no history of an action's status, so both are read alike and
 * the page says when).
 */

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const inList = (values: readonly string[]) =>
	sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	);

export async function annualFigures(actor: Actor, raw: YearQuery = {}, locale: Language = 'nl'): Promise<AnnualFigures> {
	requireCapability(actor, 'insights.figures');
	const now = new Date();
	const year = parseInput(YearQuery, raw).year ?? now.getUTCFullYear();
	const from = new Date(Date.UTC(year, 0, 1));
	const end = new Date(Date.UTC(year + 1, 0, 1));
	if (from > now) throw new DomainError('invalid_input', 'error_figures_future_year', { field: 'year', fields: { year: 'error_figures_future_year' } });
	const until = end < now ? end : now;
	const period = { from, until };
	const d = db();
	const k = await getSetting('boardSmallCell');
	const [members, activity, board, surveys, insights, actions, outcomes] = await Promise.all([
		memberFigures(d, period, k),
		activityFigures(d, period),
		boardFigures(d, period, k, locale),
		surveyFigures(d, period, k),
		insightFigures(d, period),
		actionFigures(d, period),
		outcomeFigures(d, period)
	]);
	return { year, from, until, complete: end <= now, countedAt: now, k, members, activity, board, surveys, insights, actions, outcomes };
}

type Period = { from: Date; until: Date };
const within = (column: SQL, p: Period) => sql`${column} >= ${iso(p.from)} and ${column} < ${iso(p.until)}`;

/**
 * Who is a member, and when they joined and left, as the schema records it:
 * - a member is someone holding a role that opens the group (member, board
 *   member, moderator; GROUP_ROLES), whose account is not waiting for approval;
 *   staff without such a role are not counted;
 * - they joined when their join request was approved, or, with no approved
 *   request (an invitation, an account an admin made), when the account was made;
 * - they left when they were removed (by a moderator or an admin: the latest
 *   such entry in the audit log; the account's last change if the log has none).
 *   A suspension is not leaving. Someone removed and later let back counts as
 *   not having left: only the current status says whether a removal still holds.
 * The posting region is the one in the profile now: the schema keeps no history of postings.
 */
const PEOPLE = sql`
	select u.id,
		coalesce((select jr.decided_at from join_requests jr where jr.user_id = u.id and jr.status = 'approved'), u.created_at) as joined_at,
		case when u.status = 'removed' then coalesce(
			(select max(l.at) from audit_log l where l.subject_id = u.id
				and (l.action = 'member.remove' or (l.action = 'account.update' and l.after->>'status' = 'removed'))),
			u.updated_at) end as left_at
	from users u
	where u.status <> 'pending'
		and exists (select 1 from user_roles r where r.user_id = u.id and r.role::text in (${inList(GROUP_ROLES)}))`;

async function memberFigures(d: Db, p: Period, k: number): Promise<AnnualFigures['members']> {
	const [regions, moves] = await Promise.all([
		rowsOf<{ region: string; count: number }>(
			d,
			sql`with people as (${PEOPLE})
				select coalesce(pr.posting_region, ${REGION_UNKNOWN}) as region, count(*)::int as count
				from people left join profiles pr on pr.user_id = people.id
				where people.joined_at < ${iso(p.until)} and (people.left_at is null or people.left_at >= ${iso(p.until)})
				group by 1`
		),
		rowsOf<{ joined: number; left: number }>(
			d,
			sql`with people as (${PEOPLE})
				select count(*) filter (where ${within(sql`joined_at`, p)})::int as joined,
					count(*) filter (where ${within(sql`left_at`, p)})::int as left
				from people`
		)
	]);
	const count = new Map(regions.map((r) => [r.region, Number(r.count)]));
	// A region no longer in the list (none today) would be dropped from the table; counting it as unknown keeps the total true.
	const unknown = regions.filter((r) => r.region !== REGION_UNKNOWN && !(REGIONS as readonly string[]).includes(r.region)).reduce((a, r) => a + Number(r.count), 0);
	const byRegion = suppressOneWay(
		[...REGIONS.map((key) => ({ key: key as string, count: count.get(key) ?? 0 })), { key: REGION_UNKNOWN, count: (count.get(REGION_UNKNOWN) ?? 0) + unknown }],
		{ k }
	);
	return { byRegion, joined: Number(moves[0]?.joined ?? 0), left: Number(moves[0]?.left ?? 0) };
}

/**
 * Threads and replies the group could read: visible now, or taken back by
 * their author since (held, hidden and removed content is left out). A reply
 * is any post after the thread's opening post. Active members: the distinct
 * members (GROUP_ROLES) who wrote either.
 */
async function activityFigures(d: Db, p: Period): Promise<AnnualFigures['activity']> {
	const shown = (alias: string) => sql.raw(`${alias}.status in ('visible', 'deleted')`);
	const [row] = await rowsOf<AnnualFigures['activity']>(
		d,
		sql`select
			(select count(*)::int from threads t where ${within(sql`t.created_at`, p)} and ${shown('t')}) as threads,
			(select count(*)::int from posts p join threads t on t.id = p.thread_id
				where ${within(sql`p.created_at`, p)} and ${shown('p')} and ${shown('t')}
				and exists (select 1 from posts q where q.thread_id = p.thread_id and q.id < p.id)) as replies,
			(select count(distinct p.author_id)::int from posts p join threads t on t.id = p.thread_id
				where ${within(sql`p.created_at`, p)} and ${shown('p')} and ${shown('t')}
				and exists (select 1 from user_roles r where r.user_id = p.author_id and r.role::text in (${inList(GROUP_ROLES)}))) as "activeMembers"`
	);
	return { threads: Number(row?.threads ?? 0), replies: Number(row?.replies ?? 0), activeMembers: Number(row?.activeMembers ?? 0) };
}

/**
 * The board at the period's end: memberships whose last step before then made
 * them active (their history, board_membership_events), counted on the
 * answers in their profiles now (profiles keep no history). Sessions held:
 * not cancelled, ended in the period. Attendance: invitations to those
 * sessions whose attendance was recorded, attended or not.
 */
async function boardFigures(d: Db, p: Period, k: number, locale: Language): Promise<AnnualFigures['board']> {
	const held = sql`m.status = 'scheduled' and m.start_at < ${iso(p.until)} and ${within(sql`m.end_at`, p)}`;
	const [active, sessions, attendance, defs] = await Promise.all([
		rowsOf<{ id: string }>(
			d,
			sql`select distinct b.user_id as id from board_memberships b
				where (select e.to_status from board_membership_events e
					where e.membership_id = b.id and e.at < ${iso(p.until)} order by e.at desc, e.id desc limit 1) = 'active'`
		),
		rowsOf<{ n: number }>(d, sql`select count(*)::int as n from meetings m where ${held}`),
		rowsOf<{ kind: string; attended: number; absent: number }>(
			d,
			sql`select i.kind, count(*) filter (where i.attended)::int as attended, count(*) filter (where not i.attended)::int as absent
				from meeting_invitees i join meetings m on m.id = i.meeting_id
				where ${held} and i.attended is not null group by i.kind`
		),
		dimensionDefs(d)
	]);
	const matrix = await answerMatrix(
		d,
		active.map((r) => r.id),
		defs
	);
	// No targets: the ranges in force now were not necessarily those of the year reported on.
	const composition = compositionDimensions(defs, countMatrix(matrix), { k, exact: false, targets: [], locale });
	const byKind = new Map(attendance.map((r) => [r.kind, r]));
	const counts = INVITEE_KINDS.map((kind) => ATTENDANCE.map((c) => Number(byKind.get(kind)?.[c] ?? 0)));
	return {
		composition,
		sessions: Number(sessions[0]?.n ?? 0),
		attendance: suppressCrossTable({ rows: INVITEE_KINDS, columns: ATTENDANCE, counts }, { k })
	};
}

/**
 * Surveys that closed in the period. Who was asked: the survey's audience
 * (its rule, surveys/access.ts) among accounts made before it closed, and
 * anyone who responded and has since left it; so nobody who arrived later
 * counts as not responding, and a response rate never passes 100%.
 */
async function surveyFigures(d: Db, p: Period, k: number): Promise<AnnualFigures['surveys']> {
	const closed = await rowsOf<{ id: number; title: Bilingual; closesAt: Date; audience: Audience; segment: unknown; responded: number }>(
		d,
		sql`select s.id, s.title, s.closes_at as "closesAt", s.audience, s.segment,
				(select count(*)::int from survey_participations sp where sp.survey_id = s.id) as responded
			from surveys s where s.scheduled_at is not null and ${within(sql`s.closes_at`, p)}
			order by s.closes_at, s.id`
	);
	const list = await Promise.all(
		closed.map(async (s) => {
			const closesAt = new Date(s.closesAt);
			const rule = { audience: s.audience, segment: Segment.parse(s.segment) };
			const [asked] = await rowsOf<{ n: number }>(
				d,
				sql`select count(*)::int as n from users u
					where (${audienceCondition(rule, sql`u.id`)} and u.created_at < ${iso(closesAt)})
						or exists (select 1 from survey_participations sp where sp.survey_id = ${s.id} and sp.user_id = u.id)`
			);
			const responded = Number(s.responded);
			const total = Math.max(Number(asked?.n ?? 0), responded);
			return {
				id: s.id,
				title: s.title,
				closesAt,
				asked: suppressOneWay(
					[
						{ key: 'responded', count: responded },
						{ key: 'not_responded', count: total - responded }
					],
					{ k }
				)
			};
		})
	);
	return { closed: list.length, list };
}

const REVIEWED = INSIGHT_STATUSES.filter((s): s is Exclude<InsightStatus, 'draft'> => s !== 'draft');

/** Insights submitted for review in the period (drafts never reach policy staff, so they are not counted). */
async function insightFigures(d: Db, p: Period): Promise<AnnualFigures['insights']> {
	const submitted = within(sql`i.submitted_at`, p);
	const [statuses, themes] = await Promise.all([
		rowsOf<{ status: InsightStatus; count: number }>(d, sql`select i.status, count(*)::int as count from insights i where ${submitted} group by i.status`),
		rowsOf<{ themeId: number | null; nameNl: string | null; nameEn: string | null; count: number }>(
			d,
			sql`select t.id as "themeId", t.name_nl as "nameNl", t.name_en as "nameEn", count(*)::int as count
				from insights i left join insight_theme_links l on l.insight_id = i.id left join insight_themes t on t.id = l.theme_id
				where ${submitted} and i.status <> 'merged'
				group by t.id, t.name_nl, t.name_en, t.position order by t.position nulls last, t.id`
		)
	]);
	const byStatus = REVIEWED.map((status) => ({ status, count: Number(statuses.find((r) => r.status === status)?.count ?? 0) }));
	return {
		submitted: byStatus.reduce((a, r) => a + r.count, 0),
		byStatus,
		byTheme: themes.map((t) => ({ themeId: t.themeId, name: t.themeId === null ? null : { nl: t.nameNl!, en: t.nameEn! }, count: Number(t.count) }))
	};
}

async function actionFigures(d: Db, p: Period): Promise<AnnualFigures['actions']> {
	const [statuses, done] = await Promise.all([
		rowsOf<{ status: ActionStatus; count: number }>(d, sql`select a.status, count(*)::int as count from policy_actions a where ${within(sql`a.created_at`, p)} group by a.status`),
		rowsOf<{ n: number }>(d, sql`select count(*)::int as n from policy_actions a where a.status = 'done' and ${within(sql`a.done_at`, p)}`)
	]);
	const byStatus = ACTION_STATUSES.map((status) => ({ status, count: Number(statuses.find((r) => r.status === status)?.count ?? 0) }));
	return { created: byStatus.reduce((a, r) => a + r.count, 0), byStatus, done: Number(done[0]?.n ?? 0) };
}

async function outcomeFigures(d: Db, p: Period): Promise<AnnualFigures['outcomes']> {
	const rows = await rowsOf<{ id: number; titleNl: string; titleEn: string; publishedAt: Date }>(
		d,
		sql`select o.id, o.title_nl as "titleNl", o.title_en as "titleEn", o.published_at as "publishedAt"
			from outcomes o where ${within(sql`o.published_at`, p)} order by o.published_at, o.id`
	);
	return { published: rows.length, list: rows.map((r) => ({ id: r.id, title: { nl: r.titleNl, en: r.titleEn }, publishedAt: new Date(r.publishedAt) })) };
}

/** The first year anything could be counted in (the oldest account), for the year chooser. */
export async function firstFiguresYear(actor: Actor): Promise<number> {
	requireCapability(actor, 'insights.figures');
	const [row] = await rowsOf<{ first: Date | null }>(db(), sql`select min(created_at) as first from users`);
	const now = new Date().getUTCFullYear();
	return row?.first ? Math.min(new Date(row.first).getUTCFullYear(), now) : now;
}
