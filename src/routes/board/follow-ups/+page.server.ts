import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, idParam, orErrorPage, pageGuard, parseWith } from '$lib/server/kit';
import { listFollowUps, setFollowUpDone } from '$lib/server/meetings/follow-ups';
import { FollowUpDoneInput } from '$lib/server/meetings/publish-schemas';
import { can } from '$lib/shared/roles';

/** Open follow-ups across sessions: the board and coordinators read them; coordinators mark them done. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.participate');
	const cursor = event.url.searchParams.get('cursor') ?? undefined;
	const page = await orErrorPage(() => listFollowUps(actor, { cursor }));
	return { followUps: page.items, nextCursor: page.nextCursor, firstPage: !cursor, manage: can(actor.user, 'board.notes.write'), timeZone: actor.user.timeZone };
};

export const actions: Actions = {
	done: async (event) => {
		const actor = pageGuard(event, 'board.notes.write');
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			const entry = await setFollowUpDone(actor, idParam(v.entryId) ?? 0, parseWith(FollowUpDoneInput, v));
			return { entryId: entry.id, done: entry.doneAt !== null, body: v.body ?? '' };
		});
	}
};
