import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { orErrorPage, pageGuard } from '$lib/server/kit';
import { isDomainError } from '$lib/server/errors';
import { translate } from '$lib/i18n/translate';
import { annualFigures, firstFiguresYear } from '$lib/server/insights/figures';

/**
 * The annual figures (GET only: the year is chosen with a GET form, so a
 * year's figures are a link). A year that cannot be used is said beside the
 * chooser, and no figures are shown.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'insights.figures');
	const locale = getLocale();
	const asked = event.url.searchParams.get('year') || undefined;
	const first = await orErrorPage(() => firstFiguresYear(actor));
	let errors: Record<string, string> | null = null;
	const figures = await orErrorPage(async () => {
		try {
			return await annualFigures(actor, { year: asked }, locale);
		} catch (e) {
			if (!isDomainError(e) || e.field !== 'year') throw e;
			errors = { year: translate(e.message, locale) };
			return null;
		}
	});
	const now = new Date().getUTCFullYear();
	const year = figures?.year ?? now;
	// Newest first, from the first year with an account (or the one asked for, if earlier) to this one.
	const years = Array.from({ length: now - Math.min(first, year) + 1 }, (_, i) => now - i);
	return { figures, errors, years, year, asked: asked ?? null };
};
