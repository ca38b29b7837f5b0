import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { getMyProfile, updateMyProfile } from '$lib/server/membership/profiles';
import { UpdateMemberProfileInput } from '$lib/server/membership/schemas';
import { countryOptions, languageOptions } from '$lib/server/membership/countries';

/** Editing one's own member profile: bio, languages, posting, who sees it, the daily digest. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const locale = getLocale();
	const profile = await getMyProfile(actor);
	return {
		profile: { ...profile, updatedAt: profile.updatedAt?.toISOString() ?? null },
		countries: countryOptions(locale),
		languages: languageOptions(locale)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const data = await event.request.formData();
		const values = formValues(data);
		const languages = data.getAll('languages').map(String);
		// A form sends every field; unchecked boxes are simply absent.
		const input = {
			bio: values.bio ?? '',
			languages,
			postingCountry: values.postingCountry || null,
			postingCity: values.postingCity?.trim() ? values.postingCity : null,
			showPosting: data.get('showPosting') === 'on',
			emailDigest: data.get('emailDigest') === 'on'
		};
		return formAction(
			async () => {
				await updateMyProfile(actor, parseWith(UpdateMemberProfileInput, input));
				return { saved: true };
			},
			{ values: input }
		);
	}
};
