/**
 * One formatter per language and time zone, made once: making one costs about fifty times what
 * formatting a date with it does, and a thread page shows dozens of dates.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Dates are stored in UTC and shown in the viewer's own time zone and language. */
export function formatDateTime(value: Date | string, locale: string, timeZone: string): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	try {
		const key = `${locale}|${timeZone}`;
		let format = dateTimeFormats.get(key);
		if (!format) {
			format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
			dateTimeFormats.set(key, format);
		}
		return format.format(date);
	} catch {
		return date.toISOString();
	}
}

export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/** An end date in refusals ("muted until …", "suspended until …"): UTC to the minute, the same for everyone who reads it. */
export const formatUntil = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const intlLocale = (locale: string): string => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/**
 * A wait in the words people use: "15 minutes", "1 uur en 30 minuten",
 * never "895 seconds". Rounded up, so "try again in …" is never too early.
 */
export function formatDuration(seconds: number, locale: string): string {
	const unit = (value: number, name: 'second' | 'minute' | 'hour' | 'day') =>
		new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
	const s = Math.max(1, Math.ceil(seconds));
	if (s < 60) return unit(s, 'second');
	const minutes = Math.ceil(s / 60);
	if (minutes < 60) return unit(minutes, 'minute');
	if (minutes < 48 * 60) {
		const hours = Math.floor(minutes / 60);
		const rest = minutes % 60;
		if (rest === 0) return unit(hours, 'hour');
		return new Intl.ListFormat(intlLocale(locale), { type: 'conjunction' }).format([unit(hours, 'hour'), unit(rest, 'minute')]);
	}
	return unit(Math.ceil(minutes / (24 * 60)), 'day');
}

/** A time zone by its place and offset now: "Jakarta (UTC+7)", "New York (UTC−5)", "UTC". */
export function formatTimeZone(zone: string, at: Date = new Date()): string {
	if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
	const place = zone.split('/').at(-1)!.replaceAll('_', ' ');
	let offset: string;
	try {
		const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
		offset = name.replace(/^GMT/, 'UTC').replace('-', '−');
		if (offset === 'UTC') offset = 'UTC+0';
	} catch {
		return zone;
	}
	return `${place} (${offset})`;
}

/** Every zone for a select, ordered by offset then place, labelled as formatTimeZone says. */
export function timeZoneOptions(at: Date = new Date()): { value: string; label: string }[] {
	const offsetMinutes = (zone: string) => {
		const label = formatTimeZone(zone, at);
		const m = /UTC([+−])(\d+)(?::(\d+))?/.exec(label);
		return m ? (m[1] === '−' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
	};
	return TIME_ZONES.map((value) => ({ value, label: formatTimeZone(value, at), offset: offsetMinutes(value) }))
		.sort((a, b) => a.offset - b.offset || a.label.localeCompare(b.label))
		.map(({ value, label }) => ({ value, label }));
}

const BROWSERS: [RegExp, string][] = [
	[/\bEdg(?:e|A|iOS)?\//, 'Edge'],
	[/\bOPR\/|\bOpera\b/, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\bFirefox\/|\bFxiOS\//, 'Firefox'],
	[/\bCriOS\/|Chrom(?:e|ium)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];
const SYSTEMS: [RegExp, string][] = [
	[/\bAndroid\b/, 'Android'],
	[/\biPad\b/, 'iPadOS'],
	[/\biPhone\b|\biPod\b/, 'iOS'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

/**
 * A session's device as people name it, from its user-agent string:
 * browser and system ("Firefox", "Android"), or undefined where not known.
 * A few patterns in one place; the raw string is never shown.
 */
export function parseUserAgent(ua: string | null | undefined): { browser?: string; system?: string } {
	if (!ua) return {};
	return { browser: BROWSERS.find(([re]) => re.test(ua))?.[1], system: SYSTEMS.find(([re]) => re.test(ua))?.[1] };
}
