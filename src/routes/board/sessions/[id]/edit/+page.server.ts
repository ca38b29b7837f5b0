import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { meetingView } from '$lib/server/meetings/lists';
import { cancelMeeting, changeMeeting } from '$lib/server/meetings/schedule';
import { invitationPreview } from '$lib/server/meetings/invitees';
import { readMeetingForm } from '$lib/components/meetings/meeting-form';
import { utcToLocal } from '$lib/shared/zoned-time';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { onMeetingForm } from '../../meeting-form.server';

function meetingId(raw: string): number {
	const id = idParam(raw);
	if (!id || id > 2_147_483_647) error(404, translate('error_meeting_not_found', getLocale()));
	return id;
}

/** Changing a session (the same form, filled in, times on the coordinator's clock) and cancelling it with a reason. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const meeting = await orErrorPage(() => meetingView(actor, meetingId(event.params.id)));
	const preview = await invitationPreview(actor, []);
	const zone = actor.user.timeZone;
	const values: Record<string, string> = {
		title: meeting.title,
		description: meeting.description,
		start: utcToLocal(meeting.startAt, zone),
		end: utcToLocal(meeting.endAt, zone),
		timeZone: zone,
		meetingLink: meeting.meetingLink ?? '',
		// Board members who joined since are invited too, when the board was.
		inviteBoard: meeting.invitees.people.some((p) => p.kind === 'board') ? 'on' : '',
		...Object.fromEntries(meeting.agenda.flatMap((it, i) => [[`agenda.${i}.title`, it.title], [`agenda.${i}.body`, it.body], [`agenda.${i}.minutes`, String(it.minutes)]]))
	};
	return {
		meeting,
		values,
		rows: Math.max(meeting.agenda.length + 1, 3),
		boardMembers: preview.boardMembers,
		guests: meeting.invitees.people.filter((p) => p.kind === 'guest').map((p) => p.displayName),
		over: meeting.status !== 'scheduled' || new Date(meeting.endAt).getTime() <= Date.now(),
		timeZone: zone
	};
};

export const actions: Actions = {
	/** The whole form again: what changed is told to the invitees, new invitees are invited. */
	save: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const id = meetingId(event.params.id);
		const form = readMeetingForm(await event.request.formData());
		const keep = { which: 'save' as const, values: form.values, guestIds: form.guestIds, rows: form.rows };
		if (form.moreRows) return { ...keep, moreRows: true };
		return formAction(async () => {
			const saved = await onMeetingForm(form, () => changeMeeting(actor, id, form.input));
			redirect(303, `/board/sessions/${saved.id}${saved.changed.length ? '?done=changed' : ''}`);
		}, keep);
	},
	/** Cancels the session; the reason goes to every invitee. */
	cancel: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const id = meetingId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			await cancelMeeting(actor, id, { reason: v.reason ?? '' });
			redirect(303, `/board/sessions/${id}?done=cancelled`);
		}, { which: 'cancel' as const, reason: v.reason ?? '' });
	}
};
