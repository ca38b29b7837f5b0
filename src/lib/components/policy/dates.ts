import { formatBoardDay } from '$lib/shared/board-profile';

/**
 * Dates in the policy loop as people write them: "31 March 2027". A due date
 * is a calendar day (no zone moves it); a moment (published, done) is the
 * day it was in the reader's own zone.
 */
export const formatDueDay = (day: string, locale: string): string => formatBoardDay(day, locale);

const longDates = new Map<string, Intl.DateTimeFormat>();

export function formatLongDate(at: Date | string, locale: string, timeZone: string): string {
	const date = typeof at === 'string' ? new Date(at) : at;
	const key = `${locale}|${timeZone}`;
	let format = longDates.get(key);
	if (!format) {
		try {
			format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone });
		} catch {
			format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
		}
		longDates.set(key, format);
	}
	return format.format(date);
}

/** The machine-readable form of a moment for <time datetime>. */
export const isoOf = (at: Date | string): string => (typeof at === 'string' ? new Date(at) : at).toISOString();
