import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, orErrorPage, pageGuard } from '$lib/server/kit';
import { listDimensions } from '$lib/server/board/dimensions';
import { currentTargets, setTargets, targetHistory } from '$lib/server/board/targets';

/** Coordinators' target ranges: a form per dimension (min and max per answer) and the history of changes. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const cursor = event.url.searchParams.get('cursor') || undefined;
	const [dimensions, targets, history] = await Promise.all([
		listDimensions(getLocale()),
		currentTargets(),
		orErrorPage(() => targetHistory(actor, { cursor, limit: 30 }))
	]);
	return { dimensions, targets, history, timeZone: actor.user.timeZone };
};

/** '' is "no bound"; a number as typed; anything else goes on as typed, for the schema to name. */
const share = (raw: string | undefined): number | string | null => {
	const s = (raw ?? '').trim();
	if (s === '') return null;
	return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
};

export const actions: Actions = {
	/** One dimension's ranges; the form sends every answer of it, in order, so errors come back as targets.<i>.<bound>. */
	save: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const v = formValues(await event.request.formData());
		const dimension = v.dimension ?? '';
		const options = (v.options ?? '').split(',').filter(Boolean);
		const targets = options.map((option) => ({ dimension, option, minShare: share(v[`min.${option}`]), maxShare: share(v[`max.${option}`]) }));
		return formAction(
			async () => {
				await setTargets(actor, { targets: targets as never });
				return { saved: dimension };
			},
			{ dimension, values: v }
		);
	}
};
