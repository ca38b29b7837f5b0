import { eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../db';
import { db, transact } from '../runtime';
import { surveys } from '../db/schema';
import { requireActive, requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { getSetting } from '../settings';
import { suppressCrossTable, suppressOneWay } from '../statistics/suppression';
import { dimensionDefs } from '../board/dimensions';
import { audienceSize, phaseOf, requireManage, surveyAccess, type SurveyRow } from './access';
import { OTHER_OPTION, LIKERT_POINTS, SCALE_MAX, questionsOf, type SurveyQuestion } from '../../shared/surveys';
import type { CrossFigures, OneWayFigures } from '../../shared/statistics';
import type { Language } from '../../shared/roles';

/**
 * A survey's results, counted in the database (grouped there, never every
 * response loaded here) and printed only after small-cell suppression (the
 * one module the board's composition uses too): a group under the threshold
 * reads "fewer than k", with complements so no total gives it away. Means are
 * shown only over at least k answers. Free text is listed without anything
 * that identifies (no date, no dimension), in an order that says nothing
 * about when it came in (by the response's random id).
 *
 * Owners read results at any time; the audience once they are published.
 */

export const NOT_ATTACHED = 'not_attached';

export interface QuestionResult {
	key: string;
	kind: SurveyQuestion['kind'];
	/** Choice, Likert and scale: counts per option or point, suppressed. Multiple: one table per option (chose it or not), here as "chose it" per option. */
	table: OneWayFigures | null;
	/** Likert and scale, over at least k answers: mean and standard deviation. */
	mean: number | null;
	spread: number | null;
	answered: number | null;
	/** Text answers (and "other, namely"), owners only. */
	texts: string[];
	/** The breakdown by the chosen dimension: rows are the question's options or points, columns the dimension's. */
	breakdown: CrossFigures | null;
}

export interface SurveyResults {
	surveyId: number;
	k: number;
	responses: number;
	audience: number | null;
	/** Participants over audience, while the audience is known (owners). */
	rate: number | null;
	phase: ReturnType<typeof phaseOf>;
	by: string | null;
	/** The narrowing applied ("work:paid_job"), or null. */
	only: string | null;
	/** Dimensions a breakdown may use, with their options' labels in the reader's language. */
	dimensions: { key: string; label: string; options: { key: string; label: string }[] }[];
	questions: QuestionResult[];
}

/** The rows a question's table has: options (with "other"), or the points of its scale. */
function rowKeys(q: SurveyQuestion): string[] {
	if (q.kind === 'single') return q.options.map((o) => o.key);
	if (q.kind === 'multiple') return [...q.options.map((o) => o.key), ...(q.allowOther ? [OTHER_OPTION] : [])];
	if (q.kind === 'likert') return Array.from({ length: LIKERT_POINTS }, (_, i) => String(i + 1));
	if (q.kind === 'scale') return Array.from({ length: SCALE_MAX + 1 }, (_, i) => String(i));
	return [];
}

const answerKey = sql`coalesce(a.option, a.value::text)`;

/** Only the responses with this attached answer, or all. */
type Only = { dimension: string; option: string } | null;
const onlyWhere = (surveyId: number, only: Only): SQL =>
	only ? sql`and a.response_id in (select id from survey_responses where survey_id = ${surveyId} and dimensions->>${only.dimension} = ${only.option})` : sql``;

/** Counts per question and answer (and per dimension value when `by` is given), grouped in SQL. */
async function counts(surveyId: number, by: string | null, only: Only): Promise<{ question: string; answer: string; dim: string | null; n: number }[]> {
	const dim: SQL = by ? sql`coalesce(r.dimensions->>${by}, ${NOT_ATTACHED})` : sql`null`;
	return rowsOf(
		db(),
		sql`select a.question, ${answerKey} as answer, ${dim} as dim, count(*)::int as n
			from survey_answers a ${by ? sql`join survey_responses r on r.id = a.response_id` : sql``}
			where a.survey_id = ${surveyId} and (a.option is not null or a.value is not null) ${onlyWhere(surveyId, only)}
			group by 1, 2, 3`
	);
}

/** How many answered each question (a multiple-choice answer is many rows: counted once). */
async function answeredPerQuestion(surveyId: number, only: Only): Promise<Map<string, { n: number; mean: number | null; sd: number | null }>> {
	const rows = await rowsOf<{ question: string; n: number; mean: number | null; sd: number | null }>(
		db(),
		sql`select a.question, count(distinct a.response_id)::int as n, avg(a.value)::float8 as mean, stddev_samp(a.value)::float8 as sd
			from survey_answers a where a.survey_id = ${surveyId} ${onlyWhere(surveyId, only)} group by a.question`
	);
	return new Map(rows.map((r) => [r.question, { n: Number(r.n), mean: r.mean === null ? null : Number(r.mean), sd: r.sd === null ? null : Number(r.sd) }]));
}

async function groupSize(surveyId: number, only: Only): Promise<number> {
	if (!only) return Infinity;
	const [row] = await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from survey_responses where survey_id = ${surveyId} and dimensions->>${only.dimension} = ${only.option}`);
	return Number(row?.n ?? 0);
}

async function texts(surveyId: number, only: Only): Promise<Map<string, string[]>> {
	const rows = await rowsOf<{ question: string; text: string }>(
		db(),
		sql`select a.question, a.text from survey_answers a where a.survey_id = ${surveyId} and a.text is not null and a.text <> '' ${onlyWhere(surveyId, only)} order by a.question, a.response_id limit 5000`
	);
	const out = new Map<string, string[]>();
	for (const r of rows) out.set(r.question, [...(out.get(r.question) ?? []), r.text]);
	return out;
}

/** Dimensions a breakdown may use: those respondents can attach (their board profile's, and region). */
async function breakdownDimensions(locale: Language) {
	const defs = await dimensionDefs();
	return defs.map((d) => ({ key: d.key, label: d.label[locale], options: [...d.options.map((o) => ({ key: o.key, label: o.label[locale] })), { key: NOT_ATTACHED, label: '' }] }));
}

async function visibleSurvey(actor: Actor, id: number): Promise<{ survey: SurveyRow; manage: boolean }> {
	const a = requireActive(actor);
	const access = await surveyAccess(a, id);
	if (!access.manage && !access.survey.resultsPublishedAt) throw new DomainError('forbidden', 'error_survey_results_unpublished');
	return access;
}

/**
 * `by` breaks every question down by a dimension; `only` narrows the results
 * to the responses with one attached answer ("work:own_business"), refused
 * when fewer than k responses have it: a narrowed table of a tiny group
 * would print that group's answers one by one.
 */
export async function surveyResults(actor: Actor, id: number, opts: { by?: string; only?: string; locale: Language }): Promise<SurveyResults> {
	const { survey, manage } = await visibleSurvey(actor, id);
	const dims = await breakdownDimensions(opts.locale);
	const by = opts.by ?? null;
	const dim = by ? dims.find((d) => d.key === by) : undefined;
	if (by && !dim) throw new DomainError('invalid_input', 'error_survey_dimension', { field: 'by' });
	const [onlyDim = '', onlyOption = ''] = (opts.only ?? '').split(':');
	const only: Only = opts.only ? { dimension: onlyDim, option: onlyOption } : null;
	if (only && !dims.some((d) => d.key === only.dimension && d.options.some((o) => o.key === only.option && o.key !== NOT_ATTACHED)))
		throw new DomainError('invalid_input', 'error_survey_dimension', { field: 'only' });
	const k = await getSetting('boardSmallCell');
	if ((await groupSize(id, only)) < k) throw new DomainError('invalid_input', 'error_survey_filter_small', { field: 'only', params: { k } });
	const [grouped, answered, free, audience] = await Promise.all([
		counts(id, by, only),
		answeredPerQuestion(id, only),
		manage ? texts(id, only) : Promise.resolve(new Map<string, string[]>()),
		manage && !only ? audienceSize(db(), survey) : Promise.resolve(null)
	]);
	const responses = only ? await groupSize(id, only) : survey.responses;
	const questions = questionsOf(survey.definition).map((q): QuestionResult => {
		const keys = rowKeys(q);
		const mine = grouped.filter((g) => g.question === q.key);
		const stat = answered.get(q.key);
		const sum = (answer: string) => mine.filter((g) => g.answer === answer).reduce((t, g) => t + Number(g.n), 0);
		let table: OneWayFigures | null = null;
		if (q.kind === 'multiple') {
			// Options overlap, so each is its own table (chose it / did not), and the page shows "chose it".
			const n = stat?.n ?? 0;
			const perOption = keys.map((key) => ({ key, t: suppressOneWay([{ key: 'yes', count: sum(key) }, { key: 'no', count: Math.max(0, n - sum(key)) }], { k }) }));
			table = { k, zeros: 'shown', options: perOption.map((p) => ({ key: p.key, cell: p.t.options[0]!.cell })), total: suppressOneWay([{ key: 'n', count: n }], { k }).total };
		} else if (keys.length) table = suppressOneWay(keys.map((key) => ({ key, count: sum(key) })), { k });
		let breakdown: CrossFigures | null = null;
		if (dim && keys.length && q.kind !== 'multiple') {
			const columns = dim.options.map((o) => o.key);
			breakdown = suppressCrossTable({ rows: keys, columns, counts: keys.map((r) => columns.map((c) => mine.filter((g) => g.answer === r && g.dim === c).reduce((t, g) => t + Number(g.n), 0))) }, { k });
		}
		const numeric = q.kind === 'likert' || q.kind === 'scale';
		const enough = (stat?.n ?? 0) >= k;
		return {
			key: q.key,
			kind: q.kind,
			table,
			mean: numeric && enough ? (stat?.mean ?? null) : null,
			spread: numeric && enough ? (stat?.sd ?? null) : null,
			answered: enough || !stat ? (stat?.n ?? 0) : null,
			texts: free.get(q.key) ?? [],
			breakdown
		};
	});
	return {
		surveyId: id,
		k,
		responses,
		audience,
		rate: audience ? responses / audience : null,
		phase: phaseOf(survey),
		by: dim ? dim.key : null,
		only: only ? `${only.dimension}:${only.option}` : null,
		dimensions: dims,
		questions
	};
}

/** Owners publish the results to the audience (or take them back). */
export async function publishResults(actor: Actor, id: number, published: boolean): Promise<{ published: boolean }> {
	const a = requireCapability(actor, 'surveys.manage');
	return transact(async (tx, emit) => {
		const access = await surveyAccess(a, id, tx, 'update');
		requireManage(access);
		if (published && phaseOf(access.survey) !== 'closed') throw new DomainError('conflict', 'error_survey_results_open');
		await tx
			.update(surveys)
			.set({ resultsPublishedAt: published ? sql`now()` : null })
			.where(eq(surveys.id, id));
		emit({ type: 'survey.changed', surveyId: id, change: 'results' });
		return { published };
	});
}
