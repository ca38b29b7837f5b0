import { and, eq, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { surveyAnswers, surveyParticipations, surveyRespondents, surveyResponses } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { ownDiversityAnswers } from '../board/profiles';
import { dimensionDefs } from '../board/dimensions';
import type { Tx } from '../db';
import { phaseOf, surveyAccess } from './access';
import { ResponseInput } from './schemas';
import { isShown, OTHER_OPTION, questionsOf, SCALE_MAX, LIKERT_POINTS, type SurveyDefinition } from '../../shared/surveys';
import { SENSITIVE_DIMENSION } from '../../shared/board';

/**
 * Answering a survey. One answer per member, even when two arrive at once:
 * the participation row's primary key decides, in the same transaction as
 * the response, so either both are written or neither. For an anonymous
 * survey the response is written with nothing that leads back: a random id,
 * the day (UTC), and the diversity answers the respondent chose to attach, as
 * a copy (or, without a board profile, the answers given in the survey). The event that tells the owners the count rose names no one.
 */

type Raw<T> = T | Record<string, unknown>;
type AnswerRow = { question: string; option: string | null; value: number | null; text: string | null };

export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 5000;

/**
 * The answers as rows, checked against the definition: every problem at once,
 * by field (answers.<key>). A question not shown (its condition unmet) is not
 * kept, whatever was sent for it; a key that is no question is refused.
 */
export function answerRows(definition: SurveyDefinition, input: ReturnType<typeof ResponseInput.parse>): AnswerRow[] {
	const questions = questionsOf(definition);
	const problems: Record<string, string> = {};
	const rows: AnswerRow[] = [];
	const singles: Record<string, string | undefined> = {};
	for (const key of Object.keys(input.answers)) if (!questions.some((q) => q.key === key)) problems[`answers.${key}`] = 'error_survey_question_not_found';
	for (const q of questions) {
		if (!isShown(q, singles)) continue;
		const field = `answers.${q.key}`;
		const raw = input.answers[q.key];
		const values = (Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [String(raw)]).map((v) => v.trim()).filter(Boolean);
		if (values.length === 0) {
			if (q.required) problems[field] = 'error_survey_required';
			continue;
		}
		const bad = () => (problems[field] = 'error_survey_answer_invalid');
		switch (q.kind) {
			case 'single': {
				if (values.length !== 1 || !q.options.some((o) => o.key === values[0])) bad();
				else {
					singles[q.key] = values[0];
					rows.push({ question: q.key, option: values[0]!, value: null, text: null });
				}
				break;
			}
			case 'multiple': {
				const allowed = new Set([...q.options.map((o) => o.key), ...(q.allowOther ? [OTHER_OPTION] : [])]);
				const chosen = [...new Set(values)];
				if (chosen.some((v) => !allowed.has(v))) {
					bad();
					break;
				}
				const other = (input.other?.[q.key] ?? '').trim();
				if (chosen.includes(OTHER_OPTION) && !other) problems[`other.${q.key}`] = 'error_survey_other_missing';
				else if (other.length > SHORT_TEXT_MAX) problems[`other.${q.key}`] = 'error_survey_text_long';
				for (const v of chosen) rows.push({ question: q.key, option: v, value: null, text: v === OTHER_OPTION ? other : null });
				break;
			}
			case 'likert':
			case 'scale': {
				const [min, max] = q.kind === 'likert' ? [1, LIKERT_POINTS] : [0, SCALE_MAX];
				const n = Number(values[0]);
				if (values.length !== 1 || !/^\d{1,2}$/.test(values[0]!) || n < min || n > max) bad();
				else rows.push({ question: q.key, option: null, value: n, text: null });
				break;
			}
			case 'short_text':
			case 'long_text': {
				const text = values.join('\n');
				if (text.length > (q.kind === 'short_text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX)) problems[field] = 'error_survey_text_long';
				else rows.push({ question: q.key, option: null, value: null, text });
				break;
			}
		}
	}
	const fields = Object.keys(problems);
	if (fields.length) throw new DomainError('invalid_input', problems[fields[0]!]!, { field: fields[0], fields: problems });
	return rows;
}

/** Answers so far (participation records): the owners' live count. */
export async function responseCount(surveyId: number): Promise<number> {
	const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(surveyParticipations).where(eq(surveyParticipations.surveyId, surveyId));
	return Number(row?.n ?? 0);
}

/**
 * Diversity answers given in the survey itself (by whoever has no board
 * profile to copy them from): only asked dimensions, only their options, never
 * the relationship answer (that needs the board profile's consent).
 */
async function askedHere(reader: Tx, given: Record<string, string>): Promise<Record<string, string>> {
	if (Object.keys(given).length === 0) return {};
	const defs = await dimensionDefs(reader);
	const problems: Record<string, string> = {};
	const out: Record<string, string> = {};
	for (const [key, option] of Object.entries(given)) {
		if (!option) continue;
		const def = defs.find((d) => d.key === key && !d.sensitive && !d.derived);
		if (!def || !def.options.some((o) => o.key === option)) problems[`dimensions.${key}`] = 'error_survey_dimension';
		else out[key] = option;
	}
	const fields = Object.keys(problems);
	if (fields.length) throw new DomainError('invalid_input', 'error_survey_dimension', { field: fields[0], fields: problems });
	return out;
}

/** Whether this member has answered (the participation record; nothing of the response). */
export async function hasAnswered(surveyId: number, userId: string): Promise<boolean> {
	const [row] = await db()
		.select({ one: sql<number>`1` })
		.from(surveyParticipations)
		.where(and(eq(surveyParticipations.surveyId, surveyId), eq(surveyParticipations.userId, userId)));
	return Boolean(row);
}

/** Sends one response. Refused when the survey is not open, the member not in its audience, or they answered already. */
export async function submitResponse(actor: Actor, surveyId: number, raw: Raw<ResponseInput>): Promise<{ answered: true }> {
	const a = requireCapability(actor, 'surveys.answer');
	const input = parseInput(ResponseInput, raw);
	return transact(async (tx, emit) => {
		// A shared lock: answers do not wait for each other, but an owner's change to what is asked waits for them (and they for it).
		const access = await surveyAccess(a, surveyId, tx, 'share', false);
		const s = access.survey;
		if (!access.audience) throw new DomainError('forbidden', 'error_survey_not_audience');
		if (phaseOf(s) !== 'open') throw new DomainError('conflict', phaseOf(s) === 'closed' ? 'error_survey_closed' : 'error_survey_not_open');
		const rows = answerRows(s.definition, input);
		const joined = await tx.insert(surveyParticipations).values({ surveyId, userId: a.user.id }).onConflictDoNothing().returning({ userId: surveyParticipations.userId });
		if (joined.length === 0) throw new DomainError('conflict', 'error_survey_answered_already');
		let dimensions: Record<string, string> = {};
		if (input.attach) {
			const own = await ownDiversityAnswers(tx, a.user.id);
			dimensions = {
				...(await askedHere(tx, input.dimensions ?? {})),
				...own.answers,
				...(input.attachSensitive && own.relationship ? { [SENSITIVE_DIMENSION]: own.relationship } : {})
			};
		}
		const [response] = await tx
			.insert(surveyResponses)
			.values({ surveyId, day: sql`(now() at time zone 'UTC')::date`, dimensions })
			.returning({ id: surveyResponses.id });
		if (rows.length) await tx.insert(surveyAnswers).values(rows.map((r) => ({ ...r, responseId: response!.id, surveyId })));
		if (!s.anonymous) await tx.insert(surveyRespondents).values({ responseId: response!.id, userId: a.user.id });
		// No count here: read inside the transaction it would miss the answers committing beside it (the fan-out counts after).
		emit({ type: 'survey.answered', surveyId });
		return { answered: true as const };
	});
}
