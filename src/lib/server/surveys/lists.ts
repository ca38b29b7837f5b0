import { and, desc, isNotNull, lt, sql } from 'drizzle-orm';
import { db } from '../runtime';
import { surveys } from '../db/schema';
import { requireActive, requireCapability, type Actor } from '../auth/actor';
import { can } from '../../shared/roles';
import { audienceCondition, canManage, loadSurvey, phaseOf, surveyAccess, type SurveyRow } from './access';
import { hasAnswered } from './respond';
import { ownDiversityAnswers } from '../board/profiles';
import { dimensionDefs, inLanguage } from '../board/dimensions';
import type { BoardDimension } from '../../shared/board';
import type { Language } from '../../shared/roles';
import { rowsOf } from '../db';
import type { Audience, Bilingual, SurveyDefinition, SurveyPhase } from '../../shared/surveys';

/**
 * Lists of surveys: the owners' list (every survey, newest first, by cursor)
 * and a member's (the scheduled surveys whose audience they are in: open
 * ones to answer, closed ones whose results are published).
 */

export interface SurveySummary {
	id: number;
	title: Bilingual;
	phase: SurveyPhase;
	anonymous: boolean;
	audience: Audience;
	opensAt: Date | null;
	closesAt: Date | null;
	responses: number;
	resultsPublished: boolean;
	/** For members: whether they answered. */
	answered: boolean;
}

const PAGE = 30;

const summaryOf = (s: SurveyRow, answered = false): SurveySummary => ({
	id: s.id,
	title: s.title,
	phase: phaseOf(s),
	anonymous: s.anonymous,
	audience: s.audience,
	opensAt: s.opensAt,
	closesAt: s.closesAt,
	responses: s.responses,
	resultsPublished: s.resultsPublishedAt !== null,
	answered
});

/** Every survey for its owners, newest first; `before` is the last id of the previous page. */
export async function managedSurveys(actor: Actor, before?: number): Promise<{ surveys: SurveySummary[]; next: number | null }> {
	requireCapability(actor, 'surveys.manage');
	const ids = await db()
		.select({ id: surveys.id })
		.from(surveys)
		.where(before ? lt(surveys.id, before) : undefined)
		.orderBy(desc(surveys.id))
		.limit(PAGE + 1);
	const rows = (await Promise.all(ids.slice(0, PAGE).map((r) => loadSurvey(db(), r.id)))).filter((s): s is SurveyRow => s !== null);
	return { surveys: rows.map((s) => summaryOf(s)), next: ids.length > PAGE ? ids[PAGE - 1]!.id : null };
}

/** The scheduled surveys this member is asked: open and upcoming ones, and closed ones with published results (the latest 30). */
export async function mySurveys(actor: Actor): Promise<SurveySummary[]> {
	const a = requireActive(actor);
	if (!can(a.user, 'surveys.answer')) return [];
	const scheduled = await db()
		.select({ id: surveys.id, audience: surveys.audience, segment: surveys.segment })
		.from(surveys)
		.where(and(isNotNull(surveys.scheduledAt), sql`(${surveys.closesAt} > now() or ${surveys.resultsPublishedAt} is not null)`))
		.orderBy(desc(surveys.id))
		.limit(PAGE);
	const out: SurveySummary[] = [];
	for (const row of scheduled) {
		const s = await loadSurvey(db(), row.id);
		if (!s) continue;
		const [inIt] = await rowsOf<{ one: number }>(db(), sql`select 1 as one from users u where ${audienceCondition(s, sql`${a.user.id}::uuid`)}`);
		if (!inIt) continue;
		out.push(summaryOf(s, await hasAnswered(s.id, a.user.id)));
	}
	return out;
}

export interface SurveyForm {
	id: number;
	title: Bilingual;
	intro: Bilingual;
	definition: SurveyDefinition;
	revision: number;
	phase: SurveyPhase;
	anonymous: boolean;
	audience: Audience;
	opensAt: Date | null;
	closesAt: Date | null;
	answered: boolean;
	/** May answer: in the audience, open, not answered yet. */
	canAnswer: boolean;
	manage: boolean;
	resultsPublished: boolean;
	responses: number | null;
	/**
	 * What attaching would copy, in the reader's language: their board profile's answers (and region), or,
	 * without a profile, the dimensions they may answer here instead (never the relationship answer).
	 */
	attach: { own: { key: string; label: string; value: string }[]; relationship: boolean; ask: BoardDimension[] };
}

/** A survey as a respondent (or an owner, previewing) reads it, in `locale` for what attaching would copy. */
export async function surveyForm(actor: Actor, id: number, locale: Language = 'nl'): Promise<SurveyForm> {
	const a = requireActive(actor);
	const { survey: s, manage, audience } = await surveyAccess(a, id);
	const answered = audience ? await hasAnswered(id, a.user.id) : false;
	const defs = inLanguage(await dimensionDefs(), locale);
	const mine = audience ? await ownDiversityAnswers(db(), a.user.id) : { answers: {}, relationship: null };
	const own = Object.entries(mine.answers).flatMap(([key, value]) => {
		const d = defs.find((x) => x.key === key);
		const o = d?.options.find((x) => x.key === value);
		return d && o ? [{ key, label: d.label, value: o.label }] : [];
	});
	return {
		attach: { own, relationship: mine.relationship !== null, ask: own.some((o) => o.key !== 'region') ? [] : defs.filter((d) => !d.sensitive && !d.derived) },
		id: s.id,
		title: s.title,
		intro: s.intro,
		definition: s.definition,
		revision: s.revision,
		phase: phaseOf(s),
		anonymous: s.anonymous,
		audience: s.audience,
		opensAt: s.opensAt,
		closesAt: s.closesAt,
		answered,
		canAnswer: audience && !answered && phaseOf(s) === 'open',
		manage: canManage(a),
		resultsPublished: s.resultsPublishedAt !== null,
		responses: manage ? s.responses : null
	};
}

/** An owner's full view for the builder: the settings as stored. */
export async function surveyForOwner(actor: Actor, id: number): Promise<SurveyRow> {
	const a = requireCapability(actor, 'surveys.manage');
	return (await surveyAccess(a, id)).survey;
}
