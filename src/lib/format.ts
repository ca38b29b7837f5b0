/** Dates are stored in UTC and shown in the viewer's own time zone and language. */
export function formatDateTime(value: Date | string, locale: string, timeZone: string): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	try {
		return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone
		}).format(date);
	} catch {
		return date.toISOString();
	}
}

export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/** An end date in refusals ("muted until …", "suspended until …"): UTC to the minute, the same for everyone who reads it. */
export const formatUntil = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
