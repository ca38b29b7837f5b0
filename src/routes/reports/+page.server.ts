import type { PageServerLoad } from './$types';
import { pageGuard, orErrorPage } from '$lib/server/kit';
import { myReports } from '$lib/server/moderation/reports';

/** What became of my reports. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const page = await orErrorPage(() => myReports(actor, { cursor: event.url.searchParams.get('cursor') ?? undefined }));
	return { reports: page.items, nextCursor: page.nextCursor };
};
