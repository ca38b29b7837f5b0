import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { getSelection, inviteSelected, offerAlternate, rerunSelection } from '$lib/server/board/selection-runs';
import { translate } from '$lib/i18n/translate';

/** The draw's result: the selected, everyone's chance, seed and fingerprint, the alternates; inviting and the next alternate. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const id = idParam(event.params.id);
	if (!id) error(404, translate('error_board_selection_not_found', getLocale()));
	return { selection: await orErrorPage(() => getSelection(actor, id, getLocale())), timeZone: actor.user.timeZone };
};

/** The draw's id from the address; a made-up one is refused by the domain as not found. */
const idOf = (raw: string) => idParam(raw) ?? 0;

export const actions: Actions = {
	invite: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		return formAction(async () => ({ which: 'invite', invite: await inviteSelected(actor, idOf(event.params.id)) }), { which: 'invite' });
	},
	alternate: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const data = await event.request.formData();
		const declinedUserId = String(data.get('declinedUserId') ?? '');
		return formAction(async () => ({ which: 'alternate', alternate: await offerAlternate(actor, idOf(event.params.id), { declinedUserId }) }), { which: 'alternate', declinedUserId });
	},
	rerun: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		return formAction(async () => ({ which: 'rerun', rerun: await rerunSelection(actor, idOf(event.params.id)) }), { which: 'rerun' });
	}
};
