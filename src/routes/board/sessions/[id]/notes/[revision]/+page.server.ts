import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { notesRevision, notesView } from '$lib/server/meetings/publish';
import { translate } from '$lib/i18n/translate';
import { todayIn } from '$lib/shared/meetings-notes';

/** One revision of a session's published notes as it was frozen, with the history around it. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = idParam(event.params.id);
	const revision = idParam(event.params.revision);
	if (!id) error(404, translate('error_meeting_not_found', getLocale()));
	if (!revision) error(404, translate('error_meeting_revision_not_found', getLocale()));
	const shown = await orErrorPage(() => notesRevision(actor, id, revision));
	const { revisions, done } = await orErrorPage(() => notesView(actor, id));
	return { shown, revisions, done, timeZone: actor.user.timeZone, today: todayIn(actor.user.timeZone) };
};
