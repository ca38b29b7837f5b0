import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, pageGuard } from '$lib/server/kit';
import { myBoard, volunteer } from '$lib/server/board/profiles';
import { profileFromForm } from '$lib/server/board/profile-schemas';
import { isOpenBoardStatus } from '$lib/shared/board';

/** Volunteering: a motivation, the times that suit them, and the diversity profile (the relationship answer with consent). */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.volunteer');
	const board = await myBoard(actor, getLocale());
	return { board, open: board.membership !== null && isOpenBoardStatus(board.membership.status) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = pageGuard(event, 'board.volunteer');
		const values = formValues(await event.request.formData());
		const profile = profileFromForm(values);
		const input = { motivation: values.motivation ?? '', availability: values.availability ?? '', ...profile };
		const result = await formAction(
			async () => {
				await volunteer(actor, input, { locale: getLocale(), via: 'web_form' });
				return { volunteered: true };
			},
			// What was typed and chosen comes back after a refusal; the consent box is ticked again or not at all.
			{ values: { motivation: input.motivation, availability: input.availability, answers: profile.answers, relationship: profile.relationship ?? null } }
		);
		if ('volunteered' in result) redirect(303, '/board?volunteered=1');
		return result;
	}
};
