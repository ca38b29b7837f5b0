/**
 * The policy action's form (new and edit) as the pages' actions read it: the
 * fields as ActionInput takes them (the ticked insights as a list), and every
 * field as sent, to show again after a refusal.
 */

export interface ActionValues {
	title: string;
	description: string;
	ownerId: string;
	/** YYYY-MM-DD, as a date input sends it, or empty. */
	dueDate: string;
	insights: string[];
}

const text = (data: FormData, name: string): string => {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
};

export function readActionForm(data: FormData): { input: ActionValues; values: ActionValues } {
	const values: ActionValues = {
		title: text(data, 'title'),
		description: text(data, 'description'),
		ownerId: text(data, 'ownerId'),
		dueDate: text(data, 'dueDate').trim(),
		insights: data.getAll('insights').filter((v): v is string => typeof v === 'string' && v !== '')
	};
	return { input: values, values };
}

/** A problem with one ticked insight (insights.1) is the list's. */
export const listErrors = (errors: Record<string, string> | null): Record<string, string> | null =>
	errors ? Object.fromEntries(Object.entries(errors).map(([f, t]) => [f.replace(/\.\d+$/, ''), t])) : null;
