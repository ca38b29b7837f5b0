import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { idParam, pageGuard } from '$lib/server/kit';

/** A new action is started on the actions page, its form open and the insight (?insight=) ticked: this address leads there. */
export const load: PageServerLoad = async (event) => {
	pageGuard(event, 'insights.review');
	const insight = idParam(event.url.searchParams.get('insight'));
	redirect(303, `/insights/actions?new=1${insight !== undefined ? `&insight=${insight}` : ''}#new-action`);
};
