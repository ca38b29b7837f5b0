import type { BoardDimension } from '$lib/shared/board';

/** Where the error summary's link for each profile field goes: the first choice of its group, the consent box. */
export function profileErrorIds(dimensions: BoardDimension[]): Record<string, string> {
	const asked = dimensions.filter((d) => !d.derived && !d.sensitive);
	const ids: Record<string, string> = { consent: 'consent', consentVersion: 'consent' };
	for (const d of dimensions) if (d.options[0]) ids[d.sensitive ? 'relationship' : `answers.${d.key}`] = d.sensitive ? `relationship-${d.options[0].key}` : `answer-${d.key}-${d.options[0].key}`;
	if (asked[0]?.options[0]) ids.answers = `answer-${asked[0].key}-${asked[0].options[0].key}`;
	return ids;
}

/** The profile's fields in the order the form shows them, for the error summary. */
export const profileFieldOrder = (dimensions: BoardDimension[]): string[] => [
	'answers',
	...dimensions.filter((d) => !d.derived && !d.sensitive).map((d) => `answers.${d.key}`),
	'relationship',
	'consent',
	'consentVersion'
];
