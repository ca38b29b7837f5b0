import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard, parseWith, orErrorPage } from '$lib/server/kit';
import { addMemberNote, memberOverview, moderateMember } from '$lib/server/moderation/members';
import { MemberActionInput, MemberIdParam, NoteInput } from '$lib/server/moderation/schemas';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { withSentences } from '$lib/server/audit/sentences';

function memberId(raw: string): string {
	const parsed = MemberIdParam.safeParse({ id: raw });
	if (!parsed.success) error(404, translate('error_user_not_found', getLocale()));
	return parsed.data.id;
}

/** One member for moderators: standing, actions with a reason, private notes, the record. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'moderation.act');
	const found = await orErrorPage(() => memberOverview(actor, memberId(event.params.id)));
	return { overview: { ...found, history: withSentences(found.history, getLocale(), actor.user.timeZone) } };
};

export const actions: Actions = {
	act: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const id = memberId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ acted: (await moderateMember(actor, id, parseWith(MemberActionInput, v))) && v.action }), { which: 'act' as const });
	},
	note: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const id = memberId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ noted: Boolean(await addMemberNote(actor, id, parseWith(NoteInput, v))) }), { which: 'note' as const, body: v.body ?? '' });
	}
};
