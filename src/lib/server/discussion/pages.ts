import { error } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { isDomainError } from '../errors';

/** For page loads: a domain refusal becomes SvelteKit's error page, in the reader's language. */
export async function orErrorPage<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (isDomainError(e)) error(e.status, translate(e.message, getLocale()));
		// A domain function's own schema check on what a page passed from its URL: the reader's input, not our fault.
		if (e instanceof ZodError) error(400, translate(e.issues[0]?.message ?? 'error_malformed_request', getLocale()));
		throw e;
	}
}

/** A positive integer from a URL parameter, or undefined. */
export function idParam(raw: string | null | undefined): number | undefined {
	if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
	const n = Number(raw);
	return n > 0 ? n : undefined;
}
