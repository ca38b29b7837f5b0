/**
 * The outcome editor's form as its action reads it: what the outcome answers
 * (a done action or a declined insight, from hidden fields), its words as
 * OutcomeInput takes them, and every field as sent, to show again after a
 * refusal.
 */

export const OUTCOME_FIELDS = ['titleNl', 'titleEn', 'heardNl', 'heardEn', 'didNl', 'didEn'] as const;
export type OutcomeValues = Record<(typeof OUTCOME_FIELDS)[number], string>;

export const EMPTY_OUTCOME: OutcomeValues = { titleNl: '', titleEn: '', heardNl: '', heardEn: '', didNl: '', didEn: '' };

const text = (data: FormData, name: string): string => {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
};

export function readOutcomeForm(data: FormData): { source: { actionId?: string; insightId?: string }; input: OutcomeValues; values: OutcomeValues } {
	const values = Object.fromEntries(OUTCOME_FIELDS.map((f) => [f, text(data, f)])) as OutcomeValues;
	const actionId = text(data, 'actionId');
	const insightId = text(data, 'insightId');
	return { source: { ...(actionId ? { actionId } : {}), ...(insightId ? { insightId } : {}) }, input: values, values };
}
