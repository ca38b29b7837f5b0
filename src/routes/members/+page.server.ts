import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { pageGuard } from '$lib/server/kit';
import { isDomainError } from '$lib/server/errors';
import { directoryCountries, listDirectory } from '$lib/server/membership/directory';
import { DirectoryQuery } from '$lib/server/membership/schemas';
import { countryName, languageName, languageOptions } from '$lib/server/membership/countries';
import { REGIONS } from '$lib/shared/membership';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';

/** The member directory: members who show their posting, by country, region and language. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const locale = getLocale();
	const params = event.url.searchParams;
	// A filter that does not parse is ignored rather than refused: it came from a hand-edited address.
	const shape = DirectoryQuery.shape;
	const filters = {
		country: shape.country.catch(undefined).parse(params.get('country') || undefined),
		region: shape.region.catch(undefined).parse(params.get('region') || undefined),
		language: shape.language.catch(undefined).parse(params.get('language') || undefined)
	};
	let page;
	try {
		page = await listDirectory(actor, { ...filters, cursor: params.get('cursor') ?? undefined, limit: 24 });
	} catch (e) {
		if (isDomainError(e) && e.code === 'invalid_input') error(400, translate(e.message, locale));
		throw e;
	}
	const countries = (await directoryCountries(actor))
		.map((code) => ({ value: code, label: countryName(code, locale) }))
		.sort((a, b) => a.label.localeCompare(b.label, locale));
	return {
		filters,
		countries,
		regions: [...REGIONS],
		languages: languageOptions(locale),
		members: page.items.map((e) => ({
			handle: e.handle,
			displayName: e.displayName,
			bio: e.bio,
			languages: e.languages.map((l) => languageName(l, locale)),
			country: countryName(e.posting.country, locale),
			city: e.posting.city
		})),
		nextCursor: page.nextCursor,
		firstPage: !params.get('cursor')
	};
};
