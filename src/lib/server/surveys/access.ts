import { eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db';
import { db } from '../runtime';
import { surveys } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from '../auth/actor';
import { can } from '../../shared/roles';
import { Segment, SurveyDefinition, type Audience, type Bilingual, type SurveyPhase } from '../../shared/surveys';

/**
 * Who may do what with a survey, asked in one place. Owners (coordinators
 * and policy staff: surveys.manage) build, open and read results; members in
 * the survey's audience answer it while it is open, and read its results
 * once they are published. Anyone else is told the survey does not exist.
 */

type Reader = Db | Tx;
type UserActor = Extract<Actor, { kind: 'user' }>;

export interface SurveyRow {
	id: number;
	title: Bilingual;
	intro: Bilingual;
	definition: SurveyDefinition;
	revision: number;
	anonymous: boolean;
	audience: Audience;
	segment: Segment;
	opensAt: Date | null;
	closesAt: Date | null;
	scheduledAt: Date | null;
	resultsPublishedAt: Date | null;
	responses: number;
	createdAt: Date;
}

export function phaseOf(s: Pick<SurveyRow, 'scheduledAt' | 'opensAt' | 'closesAt'>, now = Date.now()): SurveyPhase {
	if (!s.scheduledAt || !s.opensAt || !s.closesAt) return 'draft';
	if (now < s.opensAt.getTime()) return 'upcoming';
	return now < s.closesAt.getTime() ? 'open' : 'closed';
}

export async function loadSurvey(reader: Reader, id: number, lock: 'update' | 'share' | null = null, counted = true): Promise<SurveyRow | null> {
	// The count is read, not kept: a counter on the survey's row would make every answer wait for the one before it.
	// An answer has no use for it (counted: false): it would count every earlier answer on each new one.
	const q = reader
		.select({ row: surveys, responses: counted ? sql<number>`(select count(*)::int from survey_participations sp where sp.survey_id = ${surveys.id})` : sql<number>`-1` })
		.from(surveys)
		.where(eq(surveys.id, id));
	const [found] = lock === 'update' ? await q.for('update', { of: surveys }) : lock === 'share' ? await q.for('share', { of: surveys }) : await q;
	if (!found) return null;
	const row = found.row;
	return {
		id: row.id,
		title: row.title as Bilingual,
		intro: row.intro as Bilingual,
		definition: SurveyDefinition.parse(row.definition),
		revision: row.revision,
		anonymous: row.anonymous,
		audience: row.audience,
		segment: Segment.parse(row.segment),
		opensAt: row.opensAt,
		closesAt: row.closesAt,
		scheduledAt: row.scheduledAt,
		resultsPublishedAt: row.resultsPublishedAt,
		responses: Number(found.responses),
		createdAt: row.createdAt
	};
}

export const canManage = (actor: UserActor): boolean => can(actor.user, 'surveys.manage');

/**
 * The audience as a condition on `users` (aliased u in the callers' SQL): an
 * active account holding the role the audience names, and for a segment a
 * posting region, country and language among those listed (any listed value;
 * an empty list does not narrow).
 */
export function audienceCondition(s: Pick<SurveyRow, 'audience' | 'segment'>, userId: SQL): SQL {
	const role = s.audience === 'board' ? 'board_member' : 'member';
	const parts: SQL[] = [sql`u.status = 'active'`, sql`exists (select 1 from user_roles r where r.user_id = u.id and r.role = ${role})`];
	if (s.audience === 'segment') {
		const { regions, countries, languages } = s.segment;
		if (regions.length) parts.push(sql`exists (select 1 from profiles p where p.user_id = u.id and p.posting_region in (${sql.join(regions.map((r) => sql`${r}`), sql`, `)}))`);
		if (countries.length) parts.push(sql`exists (select 1 from profiles p where p.user_id = u.id and p.posting_country in (${sql.join(countries.map((c) => sql`${c}`), sql`, `)}))`);
		if (languages.length) parts.push(sql`u.language::text in (${sql.join(languages.map((l) => sql`${l}`), sql`, `)})`);
	}
	return sql`u.id = ${userId} and ${sql.join(parts, sql` and `)}`;
}

export async function inAudience(reader: Reader, s: SurveyRow, userId: string): Promise<boolean> {
	const rows = await rowsOf<{ one: number }>(reader, sql`select 1 as one from users u where ${audienceCondition(s, sql`${userId}::uuid`)}`);
	return rows.length > 0;
}

export async function audienceSize(reader: Reader, s: SurveyRow): Promise<number> {
	const rows = await rowsOf<{ n: number }>(reader, sql`select count(*)::int as n from users u where ${audienceCondition(s, sql`u.id`)}`);
	return Number(rows[0]?.n ?? 0);
}

export type SurveyAccess = { survey: SurveyRow; manage: boolean; audience: boolean };

/** The survey as this person may see it; a survey they may not see does not exist for them. */
export async function surveyAccess(actor: UserActor, id: number, reader: Reader = db(), lock: 'update' | 'share' | null = null, counted = true): Promise<SurveyAccess> {
	const survey = await loadSurvey(reader, id, lock, counted);
	if (!survey) throw new DomainError('not_found', 'error_survey_not_found');
	const manage = canManage(actor);
	const audience = survey.scheduledAt !== null && can(actor.user, 'surveys.answer') && (await inAudience(reader, survey, actor.user.id));
	if (!manage && !audience) throw new DomainError('not_found', 'error_survey_not_found');
	return { survey, manage, audience };
}

export function requireManage(access: SurveyAccess): void {
	if (!access.manage) throw new DomainError('forbidden', 'error_forbidden');
}
