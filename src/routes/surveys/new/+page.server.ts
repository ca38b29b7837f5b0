import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, pageGuard } from '$lib/server/kit';
import { createSurvey } from '$lib/server/surveys/build';
import { EMPTY_SETTINGS, readSettingsForm } from '$lib/components/surveys/settings-form';
import { formatTimeZone } from '$lib/format';

/** A new survey starts as a draft with its settings; its questions are added in the builder it leads to. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'surveys.manage');
	return { values: EMPTY_SETTINGS, zone: formatTimeZone(actor.user.timeZone) };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const form = readSettingsForm(await event.request.formData(), actor.user.timeZone);
		return formAction(async () => {
			const { id } = await createSurvey(actor, form.input);
			redirect(303, `/surveys/${id}/edit?done=created`);
		}, { values: form.values });
	}
};
