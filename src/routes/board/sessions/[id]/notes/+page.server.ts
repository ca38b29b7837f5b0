import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, idParam, orErrorPage, pageGuard, parseWith } from '$lib/server/kit';
import { notesView, publishNotes, reopenNotes } from '$lib/server/meetings/publish';
import { postSummaryToGroup } from '$lib/server/meetings/group-summary';
import { setFollowUpDone } from '$lib/server/meetings/follow-ups';
import { FollowUpDoneInput, PostSummaryInput, PublishNotesInput } from '$lib/server/meetings/publish-schemas';
import { translate } from '$lib/i18n/translate';
import { todayIn } from '$lib/shared/meetings-notes';

/** A session's notes: the published revision for readers; the draft, publishing, corrections and the summary to the group for coordinators. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = idParam(event.params.id);
	if (!id) error(404, translate('error_meeting_not_found', getLocale()));
	return { notes: await orErrorPage(() => notesView(actor, id)), timeZone: actor.user.timeZone, today: todayIn(actor.user.timeZone) };
};

/** The session's id from the address; a made-up one is refused by the domain as not found. */
const idOf = (raw: string) => idParam(raw) ?? 0;

export const actions: Actions = {
	publish: async (event) => {
		const actor = pageGuard(event, 'board.notes.write');
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ which: 'publish' as const, published: (await publishNotes(actor, idOf(event.params.id), parseWith(PublishNotesInput, v))).revision }), {
			which: 'publish' as const,
			reason: v.reason ?? ''
		});
	},
	reopen: async (event) => {
		const actor = pageGuard(event, 'board.notes.write');
		return formAction(async () => ({ which: 'reopen' as const, reopened: (await reopenNotes(actor, idOf(event.params.id))).revision }), { which: 'reopen' as const });
	},
	summary: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ which: 'summary' as const, posted: (await postSummaryToGroup(actor, idOf(event.params.id), parseWith(PostSummaryInput, v))).threadId }), {
			which: 'summary' as const
		});
	},
	done: async (event) => {
		const actor = pageGuard(event, 'board.notes.write');
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			const entry = await setFollowUpDone(actor, idParam(v.entryId) ?? 0, parseWith(FollowUpDoneInput, v));
			return { which: 'done' as const, entryId: entry.id, done: entry.doneAt !== null };
		}, { which: 'done' as const });
	}
};
