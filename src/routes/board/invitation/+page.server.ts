import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, orErrorPage, pageGuard, parseWith } from '$lib/server/kit';
import { myBoardStanding, myInvitation, respondToInvitation } from '$lib/server/board/memberships';
import { InvitationAnswerInput } from '$lib/server/board/membership-schemas';

/** The invited person: what the board is, the term an acceptance starts, accept or decline (a reason if they like). */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.volunteer');
	const [invitation, standing] = await orErrorPage(() => Promise.all([myInvitation(actor), myBoardStanding(actor)]));
	return { invitation, standing };
};

export const actions: Actions = {
	answer: async (event) => {
		const actor = pageGuard(event, 'board.volunteer');
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ answered: await respondToInvitation(actor, parseWith(InvitationAnswerInput, v)) }), { reason: v.reason ?? '' });
	}
};
