import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { managedSurveys, mySurveys } from '$lib/server/surveys/lists';
import { can } from '$lib/shared/roles';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { formatTimeZone } from '$lib/format';

/**
 * Surveys: for members the ones they are asked (open, upcoming, and closed
 * ones whose results are out); for owners also every survey, newest first,
 * paged by the last id shown (?before=).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const manage = can(actor.user, 'surveys.manage');
	const answer = can(actor.user, 'surveys.answer');
	if (!manage && !answer) error(403, translate('error_forbidden', getLocale()));
	const before = idParam(event.url.searchParams.get('before'));
	const [mine, managed] = await Promise.all([answer ? mySurveys(actor) : Promise.resolve([]), manage ? orErrorPage(() => managedSurveys(actor, before)) : Promise.resolve(null)]);
	return { mine, managed, manage, answer, paged: before !== undefined, timeZone: actor.user.timeZone, zone: formatTimeZone(actor.user.timeZone) };
};
