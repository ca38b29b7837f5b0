import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { isDomainError } from '../errors';

/** For page loads: a domain refusal becomes SvelteKit's error page, in the reader's language. */
export async function orErrorPage<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (isDomainError(e)) error(e.status, translate(e.message, getLocale()));
		throw e;
	}
}

/** A positive integer from a URL parameter, or undefined. */
export function idParam(raw: string | null | undefined): number | undefined {
	if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
	const n = Number(raw);
	return n > 0 ? n : undefined;
}
