import type { QuestionKind, SurveyQuestion } from '$lib/shared/surveys';

/**
 * The question form (add, and edit in the builder) as the builder's actions
 * read it. Options and Likert labels are lines of "Nederlands | English" (the
 * schema splits them); the condition is one choice, "question:option", among
 * the earlier single-choice questions' answers.
 */

export interface QuestionValues {
	kind: QuestionKind | '';
	textNl: string;
	textEn: string;
	helpNl: string;
	helpEn: string;
	required: boolean;
	options: string;
	allowOther: boolean;
	scaleLabels: string;
	/** "q1:o2", or '' for no condition. */
	condition: string;
}

/** The labels most five-point scales use; a new question starts with them, to change or keep. */
export const DEFAULT_LIKERT = ['Helemaal oneens | Strongly disagree', 'Oneens | Disagree', 'Neutraal | Neutral', 'Eens | Agree', 'Helemaal eens | Strongly agree'].join('\n');

export const EMPTY_QUESTION: QuestionValues = {
	kind: '',
	textNl: '',
	textEn: '',
	helpNl: '',
	helpEn: '',
	required: false,
	options: '',
	allowOther: false,
	scaleLabels: DEFAULT_LIKERT,
	condition: ''
};

const line = (b: { nl: string; en: string }) => (b.en && b.en !== b.nl ? `${b.nl} | ${b.en}` : b.nl);

/** A stored question as its edit form shows it. */
export function questionValues(q: SurveyQuestion): QuestionValues {
	return {
		kind: q.kind,
		textNl: q.text.nl,
		textEn: q.text.en,
		helpNl: q.help.nl,
		helpEn: q.help.en,
		required: q.required,
		options: q.options.map((o) => line(o.label)).join('\n'),
		allowOther: q.allowOther,
		scaleLabels: q.scaleLabels.length ? q.scaleLabels.map(line).join('\n') : DEFAULT_LIKERT,
		condition: q.condition ? `${q.condition.question}:${q.condition.option}` : ''
	};
}

const text = (data: FormData, name: string): string => {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
};

export function readQuestionForm(data: FormData): { input: Record<string, unknown>; values: QuestionValues; section: string; question: string } {
	const kind = text(data, 'kind');
	const values: QuestionValues = {
		kind: kind as QuestionKind,
		textNl: text(data, 'textNl'),
		textEn: text(data, 'textEn'),
		helpNl: text(data, 'helpNl'),
		helpEn: text(data, 'helpEn'),
		required: data.get('required') === 'on',
		options: text(data, 'options'),
		allowOther: data.get('allowOther') === 'on',
		scaleLabels: text(data, 'scaleLabels'),
		condition: text(data, 'condition')
	};
	const [conditionQuestion = '', conditionOption = ''] = values.condition ? values.condition.split(':') : [];
	return {
		values,
		section: text(data, 'section'),
		question: text(data, 'question'),
		input: {
			section: text(data, 'section'),
			kind: kind || undefined,
			textNl: values.textNl,
			textEn: values.textEn,
			helpNl: values.helpNl,
			helpEn: values.helpEn,
			required: values.required,
			// Lines that belong to another kind of question are not sent, so they cannot refuse it.
			options: kind === 'single' || kind === 'multiple' ? values.options : undefined,
			allowOther: values.allowOther,
			scaleLabels: kind === 'likert' ? values.scaleLabels : undefined,
			conditionQuestion,
			conditionOption
		}
	};
}

/** An earlier single-choice question a condition may name, with its answers. */
export interface ConditionChoice {
	key: string;
	number: number;
	text: string;
	options: { key: string; label: string }[];
}
