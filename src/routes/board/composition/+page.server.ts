import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { orErrorPage, pageGuard } from '$lib/server/kit';
import { composition } from '$lib/server/board/composition';

/**
 * The board's composition (GET only: the population and the cross-table are
 * chosen with GET forms, so the page is a link). Coordinators see exact
 * figures and the volunteer pool; policy staff the active board, suppressed.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.composition.read');
	const param = (name: string) => event.url.searchParams.get(name) || undefined;
	const query = { population: param('population'), rows: param('rows'), columns: param('columns') };
	const view = await orErrorPage(() => composition(actor, query as Parameters<typeof composition>[1], getLocale()));
	return { view };
};
