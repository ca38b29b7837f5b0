/**
 * Wall-clock time in an IANA zone and back, with Intl alone (no time zone
 * package): offsets are asked of the zone at the instant itself, so daylight
 * saving time and zones at odd offsets (Kathmandu +05:45, St John's −03:30,
 * Chatham +12:45) come out right. Browser-safe: the pages and the server both
 * use it.
 */

export interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	/** 1 = Monday … 7 = Sunday (ISO), the day of the week there. */
	weekday: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
	let f = partsFormats.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			weekday: 'short'
		});
		partsFormats.set(zone, f);
	}
	return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Whether Intl knows the zone (an IANA name such as "Asia/Kathmandu", or "UTC"). */
export function isTimeZone(zone: string): boolean {
	if (!zone || zone.length > 64) return false;
	try {
		partsFormat(zone);
		return true;
	} catch {
		return false;
	}
}

/** The wall clock in `zone` at `at`. */
export function wallTime(at: Date | number, zone: string): WallTime {
	const out: Record<string, string> = {};
	for (const p of partsFormat(zone).formatToParts(typeof at === 'number' ? new Date(at) : at)) out[p.type] = p.value;
	return {
		year: Number(out.year),
		month: Number(out.month),
		day: Number(out.day),
		hour: Number(out.hour) % 24,
		minute: Number(out.minute),
		weekday: WEEKDAYS[out.weekday!] ?? 0
	};
}

/** How far `zone`'s clock is ahead of UTC at `at`, in minutes (Kathmandu: 345; St John's in winter: −210). */
export function offsetMinutes(at: Date | number, zone: string): number {
	const ms = typeof at === 'number' ? at : at.getTime();
	const w = wallTime(ms, zone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2026-03-29T02:30" as numbers, or null when it is not a real date and time. */
export function parseLocal(local: string): Omit<WallTime, 'weekday'> | null {
	const m = LOCAL.exec(local);
	if (!m) return null;
	const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
	const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
	return { year, month, day, hour, minute };
}

/**
 * The instant a wall-clock time in `zone` names. When the clocks go back the
 * hour happens twice and the first is meant (as calendar apps read it); when
 * they go forward the hour does not exist, and the answer is null so the
 * person can be asked for another time rather than be moved silently.
 */
export function localToUtc(local: string, zone: string): Date | null {
	const w = parseLocal(local);
	if (!w) return null;
	const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	// A transition near the time means the offset a day before or after may be the right one.
	const offsets = new Set([offsetMinutes(guess - 86_400_000, zone), offsetMinutes(guess, zone), offsetMinutes(guess + 86_400_000, zone)]);
	const fits = [...offsets]
		.map((o) => guess - o * 60_000)
		.filter((t) => {
			const back = wallTime(t, zone);
			return back.year === w.year && back.month === w.month && back.day === w.day && back.hour === w.hour && back.minute === w.minute;
		})
		.sort((a, b) => a - b);
	return fits.length ? new Date(fits[0]!) : null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The instant as a form's local date and time in `zone` ("2026-03-29T03:30"), for `<input type="datetime-local">`. */
export function utcToLocal(at: Date | number, zone: string): string {
	const w = wallTime(at, zone);
	return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/** The calendar day in `zone` as YYYY-MM-DD. */
export const localDay = (at: Date | number, zone: string): string => utcToLocal(at, zone).slice(0, 10);

/** YYYY-MM-DD plus `days` (calendar arithmetic, no zone involved). */
export function addDaysTo(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The ISO weekday (1 = Monday) of a YYYY-MM-DD day. */
export const weekdayOf = (day: string): number => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
