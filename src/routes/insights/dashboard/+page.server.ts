import type { PageServerLoad } from './$types';
import { orErrorPage, pageGuard } from '$lib/server/kit';
import { dashboard } from '$lib/server/insights/dashboard';

/**
 * The policy staff's dashboard: insights by theme and status, the funnel from
 * evidence to outcome, the days to a decision, actions by status and owner,
 * and the overdue ones. The page follows the staff room and loads again when
 * anything in the loop changes.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'insights.review');
	return { dashboard: await orErrorPage(() => dashboard(actor)) };
};
