import { DAYTIME } from '../../shared/meetings';
import { addDaysTo, localDay, localToUtc, wallTime, weekdayOf } from '../../shared/zoned-time';

/**
 * The time finder: for candidate start times, how many invitees would be
 * inside their own local daytime (DAYTIME, 08:00–21:00) for the whole
 * session, and who would not. Pure: the invitees and "now" come in, nothing
 * is read, so the tests can put people anywhere on earth on any date.
 * Everything is asked of the IANA zones at the instant itself, so a slot on
 * the Sunday the clocks change is judged by the clock people will have then.
 */

export interface FinderPerson {
	id: string;
	name: string;
	timeZone: string;
}

export interface Slot {
	start: Date;
	end: Date;
	/** Invitees inside their daytime for the whole slot. */
	inside: number;
	/** Everyone else, in the order they came. */
	outside: FinderPerson[];
}

/** The coordinator's own window: these weekdays, starts from `fromHour` to `toHour` on the hour, in `timeZone`, over `weeks` weeks. */
export interface FinderWindow {
	weeks: number;
	/** ISO weekdays, 1 = Monday … 7 = Sunday. */
	weekdays: number[];
	fromHour: number;
	toHour: number;
	timeZone: string;
}

/** Without a window of the coordinator's own: the next 14 days, at each whole hour from 06:00 to 22:00 UTC. */
export const DEFAULT_FINDER = { days: 14, fromHourUtc: 6, toHourUtc: 22 } as const;

const HOUR = 3_600_000;

/** Start times to weigh, all after `now`, earliest first. */
export function candidateStarts(now: Date, window?: FinderWindow): Date[] {
	const out: Date[] = [];
	if (!window) {
		const first = Math.floor(now.getTime() / HOUR) * HOUR + HOUR;
		const last = now.getTime() + DEFAULT_FINDER.days * 24 * HOUR;
		for (let t = first; t <= last; t += HOUR) {
			const hour = new Date(t).getUTCHours();
			if (hour >= DEFAULT_FINDER.fromHourUtc && hour <= DEFAULT_FINDER.toHourUtc) out.push(new Date(t));
		}
		return out;
	}
	const weekdays = new Set(window.weekdays);
	// From tomorrow where the coordinator is, for whole weeks.
	const today = localDay(now, window.timeZone);
	for (let d = 1; d <= window.weeks * 7; d++) {
		const day = addDaysTo(today, d);
		if (!weekdays.has(weekdayOf(day))) continue;
		for (let h = window.fromHour; h <= window.toHour; h++) {
			// An hour the clocks skip that day does not exist there: no slot.
			const start = localToUtc(`${day}T${String(h).padStart(2, '0')}:00`, window.timeZone);
			if (start && start.getTime() > now.getTime()) out.push(start);
		}
	}
	return out;
}

const minutesOfDay = (w: { hour: number; minute: number }) => w.hour * 60 + w.minute;

/**
 * Whether [start, end] lies within the daytime of `zone` as its clock reads
 * then: starting no earlier than `from`, ending no later than `to`, on one day.
 */
export function insideDaytime(start: Date, end: Date, zone: string, daytime: { from: number; to: number } = DAYTIME): boolean {
	const a = wallTime(start, zone);
	const b = wallTime(end, zone);
	const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
	return sameDay && minutesOfDay(a) >= daytime.from * 60 && minutesOfDay(b) <= daytime.to * 60 && minutesOfDay(b) >= minutesOfDay(a);
}

/**
 * Every candidate weighed for these invitees, best first: the most people
 * inside their daytime, then the earliest. People sharing a zone are weighed
 * once per zone (a board lives in a few dozen zones, not a few hundred).
 */
export function rankSlots(starts: Date[], minutes: number, people: FinderPerson[], daytime: { from: number; to: number } = DAYTIME): Slot[] {
	const zones = new Map<string, FinderPerson[]>();
	for (const p of people) zones.set(p.timeZone, [...(zones.get(p.timeZone) ?? []), p]);
	const slots = starts.map((start) => {
		const end = new Date(start.getTime() + minutes * 60_000);
		const outsideZones = new Set<string>();
		for (const zone of zones.keys()) if (!insideDaytime(start, end, zone, daytime)) outsideZones.add(zone);
		const outside = people.filter((p) => outsideZones.has(p.timeZone));
		return { start, end, inside: people.length - outside.length, outside };
	});
	return slots.sort((a, b) => b.inside - a.inside || a.start.getTime() - b.start.getTime());
}
