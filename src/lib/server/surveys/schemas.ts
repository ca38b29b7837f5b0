import { z } from 'zod';
import { wholeNumber } from '../input';
import { plain, text } from '../text';
import { AUDIENCES, QUESTION_KINDS } from '../../shared/surveys';
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

/** A checkbox as a form sends it ("on", or nothing), a choice ("true"/"false"), or JSON's boolean. */
const flag = z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((v) => v !== 'false')], { error: 'error_malformed_request' });
/** A list as JSON sends it, or one value as a form does when only one is ticked. */
const list = <T extends z.ZodTypeAny>(item: T, error: string) => z.union([z.array(item).max(20, error), item.transform((v) => [v])], { error }).default([]);
const when = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.iso.datetime({ offset: true, error: 'error_survey_date' }).optional());
const key = (error: string) => z.string({ error }).regex(/^[a-z][a-z0-9_]{0,39}$/, error);

export const SurveySettingsInput = z
	.object({
		titleNl: text({ error: 'error_survey_title_missing', max: 200 }),
		titleEn: text({ error: 'error_survey_title_missing', max: 200 }),
		introNl: text({ error: 'error_survey_text_long', max: 2000, multiline: true, allowEmpty: true }).default(''),
		introEn: text({ error: 'error_survey_text_long', max: 2000, multiline: true, allowEmpty: true }).default(''),
		anonymous: flag.default(true),
		audience: z.enum(AUDIENCES, { error: 'error_survey_audience' }).default('members'),
		regions: list(z.enum(REGIONS, { error: 'error_survey_region' }), 'error_survey_region'),
		countries: list(z.string({ error: 'error_survey_country' }).trim().toUpperCase().regex(/^[A-Z]{2}$/, 'error_survey_country'), 'error_survey_country'),
		languages: list(z.enum(LANGUAGES, { error: 'error_survey_language' }), 'error_survey_language'),
		opensAt: when,
		closesAt: when
	})
	.superRefine((v, ctx) => {
		if (v.opensAt && v.closesAt && Date.parse(v.closesAt) <= Date.parse(v.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'error_survey_closes_before_opens' });
		if (v.audience === 'segment' && v.regions.length + v.countries.length + v.languages.length === 0)
			ctx.addIssue({ code: 'custom', path: ['regions'], message: 'error_survey_segment_empty' });
	});
export type SurveySettingsInput = z.input<typeof SurveySettingsInput>;

/** "Dutch | English" per line, as a text area sends it. */
export function bilingualLines(text: string): { nl: string; en: string }[] {
	return text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean)
		.map((l) => {
			const [nl = '', en = ''] = l.split('|').map((p) => p.trim());
			return { nl, en: en || nl };
		});
}

/** A list of labels in both languages: as JSON sends it, or as the lines of a text area. Any problem names the list. */
const labels = (max: number, error: string) => {
	const label = text({ error, max: 200 });
	const array = z.array(z.object({ nl: label, en: label })).max(max);
	return z.union(
		[
			array,
			plain(error, { multiline: true })
				.max(max * 1100, error)
				.transform((v, ctx) => {
					const parsed = array.safeParse(bilingualLines(v));
					if (parsed.success) return parsed.data;
					ctx.addIssue({ code: 'custom', message: error });
					return z.NEVER;
				})
		],
		{ error }
	);
};

export const QuestionInput = z
	.object({
		section: key('error_survey_section_missing'),
		kind: z.enum(QUESTION_KINDS, { error: 'error_survey_kind' }),
		textNl: text({ error: 'error_survey_question_missing', max: 500, multiline: true }),
		textEn: text({ error: 'error_survey_question_missing', max: 500, multiline: true }),
		helpNl: text({ error: 'error_survey_text_long', max: 500, multiline: true, allowEmpty: true }).default(''),
		helpEn: text({ error: 'error_survey_text_long', max: 500, multiline: true, allowEmpty: true }).default(''),
		required: flag.default(false),
		options: labels(12, 'error_survey_options_many').default([]),
		allowOther: flag.default(false),
		scaleLabels: labels(5, 'error_survey_scale_labels').default([]),
		conditionQuestion: z.union([z.literal(''), key('error_survey_condition')], { error: 'error_survey_condition' }).default(''),
		conditionOption: z.union([z.literal(''), key('error_survey_condition')], { error: 'error_survey_condition' }).default('')
	})
	.superRefine((v, ctx) => {
		if ((v.kind === 'single' || v.kind === 'multiple') && v.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'error_survey_options_few' });
		if (v.kind === 'likert' && v.scaleLabels.length !== 5) ctx.addIssue({ code: 'custom', path: ['scaleLabels'], message: 'error_survey_scale_labels' });
		if (Boolean(v.conditionQuestion) !== Boolean(v.conditionOption)) ctx.addIssue({ code: 'custom', path: ['conditionOption'], message: 'error_survey_condition' });
	});
export type QuestionInput = z.input<typeof QuestionInput>;

export const SectionInput = z.object({
	titleNl: text({ error: 'error_survey_text_missing', max: 200 }),
	titleEn: text({ error: 'error_survey_text_missing', max: 200 })
});
export type SectionInput = z.input<typeof SectionInput>;

export const QuestionParams = z.object({ id: SurveyIdParam.shape.id, question: key('error_survey_question_not_found') });

export const MoveInput = z.object({ direction: z.enum(['up', 'down'], { error: 'error_malformed_request' }) });

/**
 * A response: question key → the chosen option (single), options (multiple),
 * a number as text or number (likert 1–5, scale 0–10), or text; "other,
 * namely" texts by question key. `attach` copies the respondent's diversity
 * answers onto the response (the relationship answer only with `attachSensitive`).
 */
/** A record that says something: an empty one is refused (leave the field out instead). */
const some = <T extends z.ZodTypeAny>(schema: T, error: string) => schema.refine((v) => Object.keys(v as object).length > 0, { error });

export const ResponseInput = z.object({
	answers: some(
		z.record(
			key('error_survey_question_not_found'),
			z.union([plain('error_survey_answer_invalid', { multiline: true }).max(5000, 'error_survey_text_long'), z.number(), z.array(plain('error_survey_answer_invalid').max(40, 'error_survey_answer_invalid')).max(13, 'error_survey_answer_invalid')], { error: 'error_survey_answer_invalid' }),
			{ error: 'error_survey_empty' }
		),
		'error_survey_empty'
	),
	other: some(z.record(key('error_survey_question_not_found'), plain('error_survey_answer_invalid').max(200, 'error_survey_text_long'), { error: 'error_malformed_request' }), 'error_malformed_request').optional(),
	attach: flag.default(false),
	attachSensitive: flag.default(false),
	/** For a respondent without a board profile: the diversity answers given here, attached as they are (never the relationship answer). */
	dimensions: some(z.record(key('error_survey_dimension'), z.union([z.literal(''), key('error_survey_dimension')], { error: 'error_survey_dimension' }), { error: 'error_malformed_request' }), 'error_malformed_request').optional()
});
export type ResponseInput = z.input<typeof ResponseInput>;

const dimensionKey = key('error_survey_dimension');

/** by: break every question down by a dimension; only: narrow to the responses with this attached answer ("work:paid_job"). */
export const BreakdownQuery = z.object({
	by: z.preprocess((v) => (v === '' ? undefined : v), dimensionKey.optional()),
	only: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z][a-z0-9_]{0,39}:[a-z][a-z0-9_]{0,39}$/, 'error_survey_dimension').optional())
});
export type BreakdownQuery = z.output<typeof BreakdownQuery>;

export const EvidenceInput = z.object({
	question: key('error_survey_question_not_found'),
	dimension: z.union([z.literal(''), dimensionKey], { error: 'error_survey_dimension' }).default(''),
	note: text({ error: 'error_survey_text_long', max: 500, multiline: true, allowEmpty: true }).default(''),
	marked: flag.default(true)
});
