import { getLocale } from '$lib/paraglide/runtime';
import { dimensionDefs } from '$lib/server/board/dimensions';

/** The names of the breakdowns survey evidence was marked with, in the reader's language; asked for only when there is one. */
export async function dimensionLabels(keys: (string | null)[]): Promise<Record<string, string>> {
	if (!keys.some(Boolean)) return {};
	const locale = getLocale();
	return Object.fromEntries((await dimensionDefs()).map((d) => [d.key, locale === 'en' ? d.label.en : d.label.nl]));
}
