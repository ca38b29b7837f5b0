import { z } from 'zod';
import { wholeNumber } from '../input';
import { AUDIENCES, Bilingual, QUESTION_KINDS } from '../../shared/surveys';
import { REGIONS } from '../../shared/membership';
import { LANGUAGES } from '../../shared/roles';

/**
 * What a coordinator or policy officer sends to build a survey, and what a
 * respondent sends to answer it: one schema per input, for the API (JSON)
 * and the pages (forms) alike. Lists arrive as arrays (JSON) or as lines of
 * a text area (forms: "Dutch | English" per line).
 */

export const SurveyIdParam = z.object({ id: wholeNumber('error_survey_not_found') });
export type SurveyIdParam = z.output<typeof SurveyIdParam>;

const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
const list = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const when = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.iso.datetime({ offset: true, error: 'error_survey_date' }).optional());

export const SurveySettingsInput = z
	.object({
		titleNl: z.string().trim().min(1, 'error_survey_title_missing').max(200, 'error_survey_text_long'),
		titleEn: z.string().trim().min(1, 'error_survey_title_missing').max(200, 'error_survey_text_long'),
		introNl: z.string().trim().max(2000, 'error_survey_text_long').default(''),
		introEn: z.string().trim().max(2000, 'error_survey_text_long').default(''),
		anonymous: flag.default(true),
		audience: z.enum(AUDIENCES, { error: 'error_survey_audience' }).default('members'),
		regions: list(z.enum(REGIONS, { error: 'error_survey_region' })),
		countries: list(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'error_survey_country')),
		languages: list(z.enum(LANGUAGES, { error: 'error_survey_language' })),
		opensAt: when,
		closesAt: when
	})
	.superRefine((v, ctx) => {
		if (v.opensAt && v.closesAt && Date.parse(v.closesAt) <= Date.parse(v.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'error_survey_closes_before_opens' });
		if (v.audience === 'segment' && v.regions.length + v.countries.length + v.languages.length === 0)
			ctx.addIssue({ code: 'custom', path: ['regions'], message: 'error_survey_segment_empty' });
	});
export type SurveySettingsInput = z.input<typeof SurveySettingsInput>;

/** "Dutch | English" per line, or the list as JSON sends it. */
const bilingualLines = (max: number, error: string) =>
	z.preprocess(
		(v) =>
			typeof v === 'string'
				? v
						.split(/\r?\n/)
						.map((l) => l.trim())
						.filter(Boolean)
						.map((l) => {
							const [nl = '', en = ''] = l.split('|').map((p) => p.trim());
							return { nl, en: en || nl };
						})
				: (v ?? []),
		z.array(Bilingual, { error }).max(max, error)
	);

export const QuestionInput = z
	.object({
		section: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'error_survey_section_missing'),
		kind: z.enum(QUESTION_KINDS, { error: 'error_survey_kind' }),
		textNl: z.string().trim().min(1, 'error_survey_question_missing').max(500, 'error_survey_text_long'),
		textEn: z.string().trim().min(1, 'error_survey_question_missing').max(500, 'error_survey_text_long'),
		helpNl: z.string().trim().max(500, 'error_survey_text_long').default(''),
		helpEn: z.string().trim().max(500, 'error_survey_text_long').default(''),
		required: flag.default(false),
		options: bilingualLines(12, 'error_survey_options_many'),
		allowOther: flag.default(false),
		scaleLabels: bilingualLines(5, 'error_survey_scale_labels'),
		conditionQuestion: z.string().trim().max(40).default(''),
		conditionOption: z.string().trim().max(40).default('')
	})
	.superRefine((v, ctx) => {
		if ((v.kind === 'single' || v.kind === 'multiple') && v.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'error_survey_options_few' });
		if (v.kind === 'likert' && v.scaleLabels.length !== 5) ctx.addIssue({ code: 'custom', path: ['scaleLabels'], message: 'error_survey_scale_labels' });
		if (Boolean(v.conditionQuestion) !== Boolean(v.conditionOption)) ctx.addIssue({ code: 'custom', path: ['conditionOption'], message: 'error_survey_condition' });
	});
export type QuestionInput = z.input<typeof QuestionInput>;

export const SectionInput = z.object({
	titleNl: z.string().trim().max(200, 'error_survey_text_long').default(''),
	titleEn: z.string().trim().max(200, 'error_survey_text_long').default('')
});
export type SectionInput = z.input<typeof SectionInput>;

export const QuestionParams = z.object({ id: SurveyIdParam.shape.id, question: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'error_survey_question_not_found') });

export const MoveInput = z.object({ direction: z.enum(['up', 'down'], { error: 'error_malformed_request' }) });

/**
 * A response: question key → the chosen option (single), options (multiple),
 * a number as text or number (likert 1–5, scale 0–10), or text; "other,
 * namely" texts by question key. `attach` copies the respondent's diversity
 * answers onto the response (the relationship answer only with `attachSensitive`).
 */
export const ResponseInput = z.object({
	answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).default({}),
	other: z.record(z.string(), z.string()).default({}),
	attach: flag.default(false),
	attachSensitive: flag.default(false),
	/** For a respondent without a board profile: the diversity answers given here, attached as they are (never the relationship answer). */
	dimensions: z.record(z.string(), z.string()).default({})
});
export type ResponseInput = z.input<typeof ResponseInput>;

const dimensionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'error_survey_dimension');

/** by: break every question down by a dimension; only: narrow to the responses with this attached answer ("work:paid_job"). */
export const BreakdownQuery = z.object({
	by: z.preprocess((v) => (v === '' ? undefined : v), dimensionKey.optional()),
	only: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z][a-z0-9_]{0,39}:[a-z][a-z0-9_]{0,39}$/, 'error_survey_dimension').optional())
});
export type BreakdownQuery = z.output<typeof BreakdownQuery>;

export const EvidenceInput = z.object({
	question: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'error_survey_question_not_found'),
	dimension: z.preprocess((v) => v ?? '', z.union([z.literal(''), dimensionKey])),
	note: z.string().trim().max(500, 'error_survey_text_long').default(''),
	marked: z.preprocess((v) => v === undefined || v === true || v === 'true' || v === 'on' || v === '1', z.boolean())
});
