import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { addWord, importWordsCsv, listWords, removeWord, testText } from '$lib/server/moderation/words';
import { WordIdParam, WordImportInput, WordInput, WordTestInput } from '$lib/server/moderation/schemas';

/** The watched words, Dutch and English: add, remove, test a text, import and export CSV. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'moderation.act');
	return { words: await listWords(actor) };
};

export const actions: Actions = {
	add: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const v = formValues(await event.request.formData());
		// A refused word comes back as typed, with every problem named at once.
		return formAction(async () => ({ added: (await addWord(actor, parseWith(WordInput, v))).pattern }), { which: 'add' as const, values: v });
	},
	remove: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				await removeWord(actor, parseWith(WordIdParam, { id: v.id }).id);
				return { removed: true };
			},
			{ which: 'remove' as const }
		);
	},
	test: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ tested: await testText(actor, parseWith(WordTestInput, v)), text: v.text ?? '' }), { which: 'test' as const, text: v.text ?? '' });
	},
	import: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const data = await event.request.formData();
		const file = data.get('file');
		const pasted = data.get('csv');
		const csv = file instanceof File && file.size > 0 ? await file.text() : typeof pasted === 'string' ? pasted : '';
		return formAction(async () => ({ imported: await importWordsCsv(actor, parseWith(WordImportInput, { csv })) }), { which: 'import' as const, csv: typeof pasted === 'string' ? pasted : '' });
	}
};
