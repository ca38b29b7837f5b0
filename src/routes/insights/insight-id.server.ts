import { error } from '@sveltejs/kit';
import { idParam } from '$lib/server/kit';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';

/** The insight an address names; one that cannot exist is a 404 before any query. */
export function insightId(raw: string): number {
	const id = idParam(raw);
	if (!id || id > 2_147_483_647) error(404, translate('error_insight_not_found', getLocale()));
	return id;
}
