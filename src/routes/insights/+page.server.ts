import type { PageServerLoad } from './$types';
import { orErrorPage, pageGuard } from '$lib/server/kit';
import { listInsights } from '$lib/server/insights/lists';
import { listThemes } from '$lib/server/insights/themes';
import { can } from '$lib/shared/roles';

/**
 * Insights for coordinators and policy staff, newest change first, by
 * cursor; filtered by status and theme with a plain GET form. Drafts are the
 * coordinators' own (the domain leaves them out for anyone else).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const q = event.url.searchParams;
	const filter = { status: q.get('status') || undefined, theme: q.get('theme') || undefined, cursor: q.get('cursor') || undefined };
	const [page, themes] = await Promise.all([
		orErrorPage(() => listInsights(actor, filter as Parameters<typeof listInsights>[1])),
		orErrorPage(() => listThemes(actor))
	]);
	return {
		insights: page.items,
		nextCursor: page.nextCursor,
		paged: filter.cursor !== undefined,
		filter: { status: filter.status ?? '', theme: filter.theme ?? '' },
		themes,
		contribute: can(actor.user, 'insights.contribute'),
		review: can(actor.user, 'insights.review'),
		figures: can(actor.user, 'insights.figures')
	};
};
