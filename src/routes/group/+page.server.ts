import type { PageServerLoad } from './$types';
import { pageGuard, orErrorPage } from '$lib/server/kit';
import { listCategories } from '$lib/server/discussion/categories';
import { listThreads } from '$lib/server/discussion/threads';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const cursor = event.url.searchParams.get('cursor') ?? undefined;
	const [categories, latest] = await orErrorPage(() => Promise.all([listCategories(actor), listThreads(actor, { cursor, limit: 15 })]));
	return { categories, threads: latest.items, nextCursor: latest.nextCursor, firstPage: !cursor };
};
