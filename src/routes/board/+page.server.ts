import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, pageGuard } from '$lib/server/kit';
import { DomainError } from '$lib/server/errors';
import { translate } from '$lib/i18n/translate';
import { can } from '$lib/shared/roles';
import { myBoard, withdrawVolunteering } from '$lib/server/board/profiles';

/**
 * The person's own board page. Who cannot volunteer has a board page of
 * their own elsewhere: coordinators the board, policy staff its composition.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	if (!can(actor.user, 'board.volunteer')) {
		if (can(actor.user, 'board.manage')) redirect(303, '/board/manage');
		if (can(actor.user, 'board.composition.read')) redirect(303, '/board/composition');
		error(403, translate('error_forbidden', getLocale()));
	}
	return { board: await myBoard(actor, getLocale()), userId: actor.user.id, timeZone: actor.user.timeZone };
};

export const actions: Actions = {
	/** Withdraw one's volunteering, or step down as a member. */
	withdraw: async (event) => {
		const actor = pageGuard(event, 'board.volunteer');
		const values = formValues(await event.request.formData());
		const reason = values.reason?.trim() ? values.reason : undefined;
		return formAction(
			async () => {
				if (values.confirm !== 'on') throw new DomainError('invalid_input', 'board_my_error_confirm', { field: 'confirm' });
				await withdrawVolunteering(actor, { reason }, getLocale());
				return { withdrawn: true };
			},
			{ values: { reason: values.reason ?? '' } }
		);
	}
};
