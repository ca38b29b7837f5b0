import type { PageServerLoad } from './$types';
import { pageGuard } from '$lib/server/kit';
import { listCategories } from '$lib/server/discussion/categories';
import { searchPosts } from '$lib/server/discussion/search';
import type { SearchHit } from '$lib/shared/discussion';
import { countryOptions } from '$lib/server/discussion/countries';
import { SearchInput } from '$lib/server/discussion/schemas';
import { isDomainError } from '$lib/server/errors';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import type { Page } from '$lib/server/paging';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const p = event.url.searchParams;
	const filters = { q: p.get('q')?.trim() ?? '', category: p.get('category') ?? '', country: p.get('country') ?? '' };
	const categories = await listCategories(actor);
	let results: Page<SearchHit> | null = null;
	let error: string | null = null;
	if (filters.q) {
		const input = SearchInput.safeParse({ ...filters, cursor: p.get('cursor') ?? undefined, limit: 20 });
		if (!input.success) error = translate(input.error.issues[0]!.message, getLocale());
		else
			try {
				results = await searchPosts(actor, input.data);
			} catch (e) {
				if (!isDomainError(e)) throw e;
				error = translate(e.message, getLocale());
			}
	}
	return {
		filters,
		categories: categories.map((c) => ({ slug: c.slug, nameNl: c.nameNl, nameEn: c.nameEn })),
		countries: countryOptions(getLocale()),
		results: results?.items ?? null,
		nextCursor: results?.nextCursor ?? null,
		firstPage: !p.get('cursor'),
		error
	};
};
