import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { meetingCalendarFile } from '$lib/server/meetings/calendar';

/**
 * One session as a file for the person's calendar app (the session page
 * links here): whoever may see the session gets it, the meeting link only
 * if access.ts lets them see it. Signed-out visitors are sent to log in and
 * back.
 */
export const GET: RequestHandler = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = idParam(event.params.id);
	if (!id) error(404, translate('error_meeting_not_found', getLocale()));
	const file = await orErrorPage(() => meetingCalendarFile(actor, id, getLocale()));
	return new Response(file.text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${file.fileName}"`,
			// It may hold the meeting link: for this person only, never kept by a cache on the way.
			'cache-control': 'private, no-store'
		}
	});
};
