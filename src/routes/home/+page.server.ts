import type { PageServerLoad } from './$types';
import { pageGuard } from '$lib/server/kit';

export const load: PageServerLoad = (event) => {
	pageGuard(event, 'active');
};
