import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, pageGuard } from '$lib/server/kit';
import { DomainError } from '$lib/server/errors';
import { myBoard, saveProfile, withdrawConsent } from '$lib/server/board/profiles';
import { profileFromForm } from '$lib/server/board/profile-schemas';

/** The person's own diversity profile: view and change it (the relationship answer with consent), or withdraw consent. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.volunteer');
	return { board: await myBoard(actor, getLocale()) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = pageGuard(event, 'board.volunteer');
		const profile = profileFromForm(formValues(await event.request.formData()));
		return formAction(
			async () => {
				await saveProfile(actor, profile, { locale: getLocale(), via: 'web_form' });
				return { saved: true };
			},
			{ values: { answers: profile.answers, relationship: profile.relationship ?? null } }
		);
	},
	/** Withdraw consent: the relationship answer is erased at once. */
	withdrawConsent: async (event) => {
		const actor = pageGuard(event, 'board.volunteer');
		const values = formValues(await event.request.formData());
		return formAction(async () => {
			if (values.confirm !== 'on') throw new DomainError('invalid_input', 'board_my_error_confirm', { field: 'confirm' });
			await withdrawConsent(actor, { locale: getLocale(), via: 'web_form' });
			return { withdrawn: true };
		});
	}
};
