import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { meetingView } from '$lib/server/meetings/lists';
import { answerInvitation } from '$lib/server/meetings/rsvp';
import type { RsvpInput } from '$lib/server/meetings/schedule-schemas';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';

function meetingId(raw: string): number {
	const id = idParam(raw);
	if (!id || id > 2_147_483_647) error(404, translate('error_meeting_not_found', getLocale()));
	return id;
}

/** One session: when (on the reader's clock), the agenda, the link for invitees, who is invited, the reader's own answer. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const meeting = await orErrorPage(() => meetingView(actor, meetingId(event.params.id)));
	const flash = event.url.searchParams.get('done');
	return { meeting, timeZone: actor.user.timeZone, done: flash === 'scheduled' || flash === 'changed' || flash === 'cancelled' ? flash : null };
};

export const actions: Actions = {
	/** The invitee's answer: yes, no or maybe, and a note on access needs for the coordinators. */
	rsvp: async (event) => {
		const actor = pageGuard(event, 'active');
		const id = meetingId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ answered: (await answerInvitation(actor, id, { answer: v.answer as RsvpInput['answer'], note: v.note ?? '' })).rsvp }), { note: v.note ?? '', answer: v.answer ?? '' });
	}
};
