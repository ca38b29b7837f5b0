import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, orErrorPage, pageGuard, parseWith } from '$lib/server/kit';
import { createTheme, listThemes, setThemeArchived } from '$lib/server/insights/themes';
import { wholeNumber } from '$lib/server/input';
import { can } from '$lib/shared/roles';

/** The themes insights are filed under, in both languages: policy staff keep the list, coordinators read it. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const themes = await orErrorPage(() => listThemes(actor));
	return { themes, manage: can(actor.user, 'insights.review'), done: event.url.searchParams.get('done') };
};

const ThemeId = z.object({ id: wholeNumber('error_theme_not_found') });

export const actions: Actions = {
	add: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				await createTheme(actor, { nameNl: v.nameNl ?? '', nameEn: v.nameEn ?? '' });
				redirect(303, '/insights/themes?done=added');
			},
			{ which: 'add', values: { nameNl: v.nameNl ?? '', nameEn: v.nameEn ?? '' } }
		);
	},
	archive: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(ThemeId, v);
				const theme = await setThemeArchived(actor, id, v.archived === '1');
				redirect(303, `/insights/themes?done=${theme.archived ? 'archived' : 'restored'}#theme-${theme.id}`);
			},
			{ which: 'archive' }
		);
	}
};
