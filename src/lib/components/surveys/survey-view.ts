import { m } from '$lib/paraglide/messages';
import { questionsOf, type SurveyDefinition, type SurveyQuestion } from '$lib/shared/surveys';
import type { ConditionChoice } from './question-form';

/** A survey's questions as the pages number them (1, 2, … across its sections), with what a condition needs to be said in words. */

export interface NumberedQuestion {
	question: SurveyQuestion;
	number: number;
}

export function numbered(d: SurveyDefinition): Map<string, NumberedQuestion> {
	return new Map(questionsOf(d).map((question, i) => [question.key, { question, number: i + 1 }]));
}

/** The single-choice questions among the first `count`, as a condition may name them. */
export function conditionChoices(d: SurveyDefinition, count: number, locale: 'nl' | 'en'): ConditionChoice[] {
	return questionsOf(d)
		.slice(0, count)
		.map((q, i) => ({ q, number: i + 1 }))
		.filter(({ q }) => q.kind === 'single')
		.map(({ q, number }) => ({ key: q.key, number, text: q.text[locale], options: q.options.map((o) => ({ key: o.key, label: o.label[locale] })) }));
}

/** "Only if you answered ‘Yes’ to question 1", or null without a condition. */
export function conditionNote(q: SurveyQuestion, all: Map<string, NumberedQuestion>, locale: 'nl' | 'en'): string | null {
	if (!q.condition) return null;
	const on = all.get(q.condition.question);
	const option = on?.question.options.find((o) => o.key === q.condition!.option);
	if (!on || !option) return null;
	return m.surveys_condition_note({ number: on.number, option: option.label[locale] });
}
