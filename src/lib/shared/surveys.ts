import { z } from 'zod';
import { LANGUAGES } from './roles';
import { REGIONS } from './membership';

/**
 * Surveys (src/lib/server/surveys/): constants and the definition's shape,
 * shared by the server and the pages. A survey's questions live in one
 * definition (sections of questions, every text in Dutch and English), kept
 * whole per revision; answers name a question by its key, which never changes.
 */

export const QUESTION_KINDS = ['single', 'multiple', 'likert', 'scale', 'short_text', 'long_text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Who is asked: every active member, the board's members, or members in a segment. */
export const AUDIENCES = ['members', 'board', 'segment'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Derived from the stored dates: a draft until it is scheduled, then upcoming, open, closed. */
export const SURVEY_PHASES = ['draft', 'upcoming', 'open', 'closed'] as const;
export type SurveyPhase = (typeof SURVEY_PHASES)[number];

/** The option key of "other, namely" on a multiple-choice question. */
export const OTHER_OPTION = 'other';
export const LIKERT_POINTS = 5;
export const SCALE_MAX = 10;
export const QUESTIONS_PER_SURVEY = 60;

const bilingual = (min: number, max: number) =>
	z.object({
		nl: z.string().trim().min(min, 'error_survey_text_missing').max(max, 'error_survey_text_long'),
		en: z.string().trim().min(min, 'error_survey_text_missing').max(max, 'error_survey_text_long')
	});
export const Bilingual = bilingual(1, 500);
export type Bilingual = z.output<typeof Bilingual>;

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const SurveyOption = z.object({ key, label: Bilingual });
export type SurveyOption = z.output<typeof SurveyOption>;

/** Show the question only when an earlier single-choice question was answered with `option`. */
export const SurveyCondition = z.object({ question: key, option: key });
export type SurveyCondition = z.output<typeof SurveyCondition>;

export const SurveyQuestion = z.object({
	key,
	kind: z.enum(QUESTION_KINDS),
	text: Bilingual,
	help: bilingual(0, 500).default({ nl: '', en: '' }),
	required: z.boolean(),
	/** single and multiple: 2–12 options. */
	options: z.array(SurveyOption).max(12).default([]),
	/** multiple: offer "other, namely" with a short text. */
	allowOther: z.boolean().default(false),
	/** likert: the five points' labels, lowest first. */
	scaleLabels: z.array(Bilingual).max(LIKERT_POINTS).default([]),
	condition: SurveyCondition.nullable().default(null)
});
export type SurveyQuestion = z.output<typeof SurveyQuestion>;

export const SurveySection = z.object({ key, title: bilingual(0, 200), questions: z.array(SurveyQuestion) });
export type SurveySection = z.output<typeof SurveySection>;

export const SurveyDefinition = z.object({ sections: z.array(SurveySection).min(1).max(20) });
export type SurveyDefinition = z.output<typeof SurveyDefinition>;

/** A segment: members whose posting region, country or language is listed (any listed value; kinds combined with "and"). */
export const Segment = z.object({
	regions: z.array(z.enum(REGIONS)).default([]),
	countries: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
	languages: z.array(z.enum(LANGUAGES)).default([])
});
export type Segment = z.output<typeof Segment>;

export const questionsOf = (d: SurveyDefinition): SurveyQuestion[] => d.sections.flatMap((s) => s.questions);

/** Whether a question is asked, given the answers so far (single-choice answers by key). */
export function isShown(question: SurveyQuestion, singles: Readonly<Record<string, string | undefined>>): boolean {
	return !question.condition || singles[question.condition.question] === question.condition.option;
}
