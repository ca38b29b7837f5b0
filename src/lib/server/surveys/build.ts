import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { transact } from '../runtime';
import { surveyRevisions, surveys } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { phaseOf, surveyAccess, requireManage, type SurveyRow } from './access';
import { MoveInput, QuestionInput, SectionInput, SurveySettingsInput } from './schemas';
import { questionsOf, QUESTIONS_PER_SURVEY, type SurveyDefinition, type SurveyQuestion } from '../../shared/surveys';

/**
 * Building a survey: its settings, sections and questions. Anything may
 * change while nobody has answered; after the first answer only wording may
 * (a question's texts, an option's label), and every such fix keeps the
 * revision it replaced, so results can always be read against the words the
 * respondents saw. The survey's row is locked for every change, so two
 * owners editing at once are applied one after the other, never half.
 */

type Raw<T> = T | Record<string, unknown>;

const EMPTY_SECTION = { key: 's1', title: { nl: '', en: '' }, questions: [] };

export async function createSurvey(actor: Actor, raw: Raw<SurveySettingsInput>): Promise<{ id: number }> {
	const a = requireCapability(actor, 'surveys.manage');
	const input = parseInput(SurveySettingsInput, raw);
	return transact(async (tx, emit) => {
		const [row] = await tx
			.insert(surveys)
			.values({
				title: { nl: input.titleNl, en: input.titleEn },
				intro: { nl: input.introNl, en: input.introEn },
				definition: { sections: [EMPTY_SECTION] },
				anonymous: input.anonymous,
				audience: input.audience,
				segment: { regions: input.regions, countries: input.countries, languages: input.languages },
				opensAt: input.opensAt ? new Date(input.opensAt) : null,
				closesAt: input.closesAt ? new Date(input.closesAt) : null,
				createdBy: a.user.id
			})
			.returning({ id: surveys.id });
		emit({ type: 'survey.changed', surveyId: row!.id, change: 'created' });
		return { id: row!.id };
	});
}

/**
 * Runs one change to a survey under its row lock. `change` returns the new
 * texts and definition; `substance` says whether it changes what is asked
 * (refused once anyone answered). After the first answer a change is a new
 * revision, the old one kept.
 */
async function changeSurvey(
	actor: Actor,
	id: number,
	substance: boolean | ((s: SurveyRow) => boolean),
	change: (s: SurveyRow, tx: Tx) => Partial<Pick<SurveyRow, 'title' | 'intro' | 'definition' | 'anonymous' | 'audience' | 'segment' | 'opensAt' | 'closesAt' | 'scheduledAt'>>
): Promise<SurveyRow> {
	const a = requireCapability(actor, 'surveys.manage');
	return transact(async (tx, emit) => {
		const access = await surveyAccess(a, id, tx, 'update');
		requireManage(access);
		const s = access.survey;
		const isSubstance = typeof substance === 'function' ? substance(s) : substance;
		if (isSubstance && s.responses > 0) throw new DomainError('conflict', 'error_survey_answered_substance');
		const next = { ...s, ...change(s, tx) };
		const wording = s.responses > 0 && (JSON.stringify(next.title) !== JSON.stringify(s.title) || JSON.stringify(next.intro) !== JSON.stringify(s.intro) || JSON.stringify(next.definition) !== JSON.stringify(s.definition));
		if (wording) await tx.insert(surveyRevisions).values({ surveyId: id, revision: s.revision, title: s.title, intro: s.intro, definition: s.definition, changedBy: a.user.id }).onConflictDoNothing();
		await tx
			.update(surveys)
			.set({
				title: next.title,
				intro: next.intro,
				definition: next.definition,
				anonymous: next.anonymous,
				audience: next.audience,
				segment: next.segment,
				opensAt: next.opensAt,
				closesAt: next.closesAt,
				scheduledAt: next.scheduledAt,
				revision: wording ? s.revision + 1 : s.revision,
				updatedAt: sql`now()`
			})
			.where(eq(surveys.id, id));
		emit({ type: 'survey.changed', surveyId: id, change: 'edited' });
		return { ...next, revision: wording ? s.revision + 1 : s.revision };
	});
}

export async function updateSettings(actor: Actor, id: number, raw: Raw<SurveySettingsInput>): Promise<SurveyRow> {
	const input = parseInput(SurveySettingsInput, raw);
	const segment = { regions: input.regions, countries: input.countries, languages: input.languages };
	return changeSurvey(
		actor,
		id,
		(s) => s.anonymous !== input.anonymous || s.audience !== input.audience || JSON.stringify(s.segment) !== JSON.stringify(segment),
		() => ({
			title: { nl: input.titleNl, en: input.titleEn },
			intro: { nl: input.introNl, en: input.introEn },
			anonymous: input.anonymous,
			audience: input.audience,
			segment,
			opensAt: input.opensAt ? new Date(input.opensAt) : null,
			closesAt: input.closesAt ? new Date(input.closesAt) : null
		})
	);
}

export async function addSection(actor: Actor, id: number, raw: Raw<SectionInput>): Promise<SurveyRow> {
	const input = parseInput(SectionInput, raw);
	return changeSurvey(actor, id, true, (s) => {
		if (s.definition.sections.length >= 20) throw new DomainError('conflict', 'error_survey_sections_many');
		const n = Math.max(0, ...s.definition.sections.map((x) => Number(x.key.slice(1)) || 0)) + 1;
		return { definition: { sections: [...s.definition.sections, { key: `s${n}`, title: { nl: input.titleNl, en: input.titleEn || input.titleNl }, questions: [] }] } };
	});
}

/** The question as stored, from the form; option keys follow their position, so a wording fix keeps them. */
function toQuestion(key: string, input: ReturnType<typeof QuestionInput.parse>, before: SurveyDefinition): SurveyQuestion {
	const question: SurveyQuestion = {
		key,
		kind: input.kind,
		text: { nl: input.textNl, en: input.textEn },
		help: { nl: input.helpNl, en: input.helpEn },
		required: input.required,
		options: input.kind === 'single' || input.kind === 'multiple' ? input.options.map((label, i) => ({ key: `o${i + 1}`, label })) : [],
		allowOther: input.kind === 'multiple' && input.allowOther,
		scaleLabels: input.kind === 'likert' ? input.scaleLabels : [],
		condition: input.conditionQuestion ? { question: input.conditionQuestion, option: input.conditionOption } : null
	};
	if (question.condition) {
		const all = questionsOf(before);
		const mine = all.findIndex((q) => q.key === key);
		const target = all.findIndex((q) => q.key === question.condition!.question);
		const on = all[target];
		// Only an earlier single-choice question can decide, so a respondent meets the decider first.
		if (!on || on.kind !== 'single' || (mine !== -1 && target >= mine) || !on.options.some((o) => o.key === question.condition!.option))
			throw new DomainError('invalid_input', 'error_survey_condition', { field: 'conditionQuestion', fields: { conditionQuestion: 'error_survey_condition' } });
	}
	return question;
}

/** What is asked, without its words: equal before and after a wording fix. */
const shape = (q: SurveyQuestion) => JSON.stringify([q.kind, q.required, q.options.map((o) => o.key), q.allowOther, q.scaleLabels.length, q.condition]);

export async function addQuestion(actor: Actor, id: number, raw: Raw<QuestionInput>): Promise<{ survey: SurveyRow; key: string }> {
	const input = parseInput(QuestionInput, raw);
	let key = '';
	const survey = await changeSurvey(actor, id, true, (s) => {
		const all = questionsOf(s.definition);
		if (all.length >= QUESTIONS_PER_SURVEY) throw new DomainError('conflict', 'error_survey_questions_many', { params: { max: QUESTIONS_PER_SURVEY } });
		if (!s.definition.sections.some((x) => x.key === input.section)) throw new DomainError('invalid_input', 'error_survey_section_missing', { field: 'section' });
		key = `q${Math.max(0, ...all.map((q) => Number(q.key.slice(1)) || 0)) + 1}`;
		const question = toQuestion(key, input, s.definition);
		return { definition: { sections: s.definition.sections.map((x) => (x.key === input.section ? { ...x, questions: [...x.questions, question] } : x)) } };
	});
	return { survey, key };
}

function findQuestion(s: SurveyRow, key: string): SurveyQuestion {
	const q = questionsOf(s.definition).find((x) => x.key === key);
	if (!q) throw new DomainError('not_found', 'error_survey_question_not_found');
	return q;
}

const replaceQuestion = (d: SurveyDefinition, key: string, by: (q: SurveyQuestion) => SurveyQuestion | null): SurveyDefinition => ({
	sections: d.sections.map((x) => ({ ...x, questions: x.questions.flatMap((q) => (q.key === key ? [by(q)].filter((v): v is SurveyQuestion => v !== null) : [q])) }))
});

/** A question's new words, or (before anyone answered) a new question in its place. */
export async function updateQuestion(actor: Actor, id: number, key: string, raw: Raw<QuestionInput>): Promise<SurveyRow> {
	const input = parseInput(QuestionInput, raw);
	return changeSurvey(
		actor,
		id,
		(s) => shape(findQuestion(s, key)) !== shape(toQuestion(key, input, s.definition)),
		(s) => ({ definition: replaceQuestion(s.definition, key, () => toQuestion(key, input, s.definition)) })
	);
}

export async function removeQuestion(actor: Actor, id: number, key: string): Promise<SurveyRow> {
	return changeSurvey(actor, id, true, (s) => {
		findQuestion(s, key);
		if (questionsOf(s.definition).some((q) => q.condition?.question === key)) throw new DomainError('conflict', 'error_survey_question_decides');
		return { definition: replaceQuestion(s.definition, key, () => null) };
	});
}

/** Up or down by one place within its section; a condition must still come after the question it depends on. */
export async function moveQuestion(actor: Actor, id: number, key: string, raw: Raw<{ direction: 'up' | 'down' }>): Promise<SurveyRow> {
	const { direction } = parseInput(MoveInput, raw);
	return changeSurvey(actor, id, true, (s) => {
		findQuestion(s, key);
		const sections = s.definition.sections.map((x) => {
			const i = x.questions.findIndex((q) => q.key === key);
			const j = direction === 'up' ? i - 1 : i + 1;
			if (i === -1 || j < 0 || j >= x.questions.length) return x;
			const qs = [...x.questions];
			[qs[i], qs[j]] = [qs[j]!, qs[i]!];
			return { ...x, questions: qs };
		});
		const order = sections.flatMap((x) => x.questions.map((q) => q.key));
		for (const q of sections.flatMap((x) => x.questions)) if (q.condition && order.indexOf(q.condition.question) > order.indexOf(q.key)) throw new DomainError('conflict', 'error_survey_condition_order');
		return { definition: { sections } };
	});
}

/** From draft to scheduled: it opens at its opening time (now, if that has passed) for its audience. */
export async function scheduleSurvey(actor: Actor, id: number): Promise<SurveyRow> {
	return changeSurvey(actor, id, false, (s) => {
		if (s.scheduledAt) return {};
		if (!s.opensAt || !s.closesAt) throw new DomainError('invalid_input', 'error_survey_dates_missing', { field: 'opensAt', fields: { opensAt: 'error_survey_dates_missing' } });
		if (s.closesAt.getTime() <= Date.now()) throw new DomainError('invalid_input', 'error_survey_closes_past', { field: 'closesAt', fields: { closesAt: 'error_survey_closes_past' } });
		if (questionsOf(s.definition).length === 0) throw new DomainError('conflict', 'error_survey_no_questions');
		return { scheduledAt: new Date() };
	});
}

/** Closes an open survey now (its closing time becomes now); no answers are taken after. */
export async function closeSurvey(actor: Actor, id: number): Promise<SurveyRow> {
	return changeSurvey(actor, id, false, (s) => {
		if (phaseOf(s) !== 'open' && phaseOf(s) !== 'upcoming') throw new DomainError('conflict', 'error_survey_not_open');
		const now = new Date();
		return { closesAt: now, opensAt: s.opensAt && s.opensAt > now ? now : s.opensAt };
	});
}
