import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard } from '$lib/server/kit';
import { listSettings, updateSettings } from '$lib/server/admin/settings';

/** Admins tune the platform: moderation thresholds, posting limits, sessions and logins. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'admin.settings');
	return { settings: await listSettings(actor) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = pageGuard(event, 'admin.settings');
		const values = formValues(await event.request.formData());
		return formAction(async () => ({ saved: (await updateSettings(actor, values)).length > 0 }), { values });
	}
};
