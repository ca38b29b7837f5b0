import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { DimensionKeyParam } from '$lib/server/board/composition-schemas';
import { DomainError, isDomainError } from '$lib/server/errors';
import { listDimensions } from '$lib/server/board/dimensions';
import { addCustomDimension, archiveCustomDimension, listCustomDimensions } from '$lib/server/board/custom-dimensions';

/** Rows for answers the form shows: four, or as many as asked for (?rows=12) or sent. */
const MIN_ROWS = 4;
const MAX_ROWS = 12;
const rowsFor = (asked: string | null | undefined) => Math.min(MAX_ROWS, Math.max(MIN_ROWS, Number.parseInt(asked ?? '', 10) || MIN_ROWS));

/** Coordinators' own profile dimensions: the list (built-in and added), add one, archive one. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const [inUse, custom] = await Promise.all([listDimensions(getLocale()), listCustomDimensions(actor)]);
	return { inUse, custom, rows: rowsFor(event.url.searchParams.get('rows')), timeZone: actor.user.timeZone };
};

export const actions: Actions = {
	add: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const v = formValues(await event.request.formData());
		const rows = rowsFor(v.rows);
		// Rows left empty are not answers; the rest keep their place in the form, for the messages beside them.
		const filled = Array.from({ length: rows }, (_, i) => i).filter((i) => ['key', 'labelNl', 'labelEn'].some((f) => (v[`options.${i}.${f}`] ?? '').trim() !== ''));
		const input = {
			key: v.key ?? '',
			labelNl: v.labelNl ?? '',
			labelEn: v.labelEn ?? '',
			options: filled.map((i) => ({ key: v[`options.${i}.key`] ?? '', labelNl: v[`options.${i}.labelNl`] ?? '', labelEn: v[`options.${i}.labelEn`] ?? '' }))
		};
		const toForm = (field: string) => field.replace(/^options\.(\d+)\./, (_, n: string) => `options.${filled[Number(n)] ?? n}.`);
		return formAction(
			async () => {
				try {
					const added = await addCustomDimension(actor, input);
					return { added: getLocale() === 'nl' ? added.labelNl : added.labelEn };
				} catch (e) {
					if (!isDomainError(e) || !e.fields) throw e;
					const fields = Object.fromEntries(Object.entries(e.fields).map(([f, msg]) => [toForm(f), msg]));
					throw new DomainError(e.code, e.message, { field: e.field && toForm(e.field), fields });
				}
			},
			{ which: 'add' as const, values: v, rows }
		);
	},
	archive: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				await archiveCustomDimension(actor, parseWith(DimensionKeyParam, { key: v.key ?? '' }).key);
				return { archived: true };
			},
			{ which: 'archive' as const }
		);
	}
};
