/**
 * A long survey's unsent answers, kept in this browser only (localStorage;
 * never sent to the server, whatever the survey): saved as they are typed,
 * put back when the page is opened again, and removed once the answer is in.
 */

const keyOf = (surveyId: number) => `survey-draft:${surveyId}`;

type Draft = [name: string, value: string][];

function storage(): Storage | null {
	try {
		return window.localStorage;
	} catch {
		// Storage can be switched off (private windows, settings): then there is no draft, and nothing breaks.
		return null;
	}
}

export function saveDraft(surveyId: number, form: HTMLFormElement): void {
	const entries: Draft = [];
	for (const [name, value] of new FormData(form)) if (typeof value === 'string' && (name.startsWith('answers.') || name.startsWith('other.')) && value !== '') entries.push([name, value]);
	const store = storage();
	if (!store) return;
	if (entries.length) store.setItem(keyOf(surveyId), JSON.stringify(entries));
	else store.removeItem(keyOf(surveyId));
}

/** Puts a saved draft back into the form; answers whether there was one. */
export function restoreDraft(surveyId: number, form: HTMLFormElement): boolean {
	const raw = storage()?.getItem(keyOf(surveyId));
	if (!raw) return false;
	let entries: Draft;
	try {
		entries = JSON.parse(raw) as Draft;
	} catch {
		return false;
	}
	if (!Array.isArray(entries) || entries.length === 0) return false;
	for (const el of form.elements) {
		if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) || !el.name) continue;
		const mine = entries.filter(([n]) => n === el.name).map(([, v]) => v);
		if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) el.checked = mine.includes(el.value);
		else if (mine.length) el.value = mine[0]!;
	}
	return true;
}

export function clearDraft(surveyId: number): void {
	storage()?.removeItem(keyOf(surveyId));
}
