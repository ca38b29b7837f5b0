import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { can } from '$lib/shared/roles';
import { reportMember } from '$lib/server/moderation/reports';
import { ReportInput } from '$lib/server/moderation/schemas';
import { isDomainError } from '$lib/server/errors';
import { getMemberProfile } from '$lib/server/membership/profiles';
import { HandleParam } from '$lib/server/membership/schemas';
import { countryName, languageName } from '$lib/server/membership/countries';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const locale = getLocale();
	try {
		const { handle } = parseWith(HandleParam, event.params);
		const p = await getMemberProfile(actor, handle);
		return {
			profile: {
				handle: p.handle,
				displayName: p.displayName,
				bio: p.bio,
				languages: p.languages.map((l) => languageName(l, locale)),
				posting: p.posting && { country: countryName(p.posting.country, locale), city: p.posting.city, region: p.posting.region },
				memberSince: p.memberSince.toISOString(),
				moderator: p.moderator,
				own: p.userId === actor.user.id
			},
			/** Moderators go from a profile to the member's moderation page. */
			moderationHref: can(actor.user, 'moderation.act') && p.userId !== actor.user.id ? `/moderation/members/${p.userId}` : null
		};
	} catch (e) {
		if (isDomainError(e) && (e.code === 'not_found' || e.code === 'invalid_input')) error(404, translate('error_member_not_found', locale));
		throw e;
	}
};

export const actions: Actions = {
	report: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const { handle } = parseWith(HandleParam, event.params);
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ reported: Boolean(await reportMember(actor, handle, parseWith(ReportInput, v))) }));
	}
};
