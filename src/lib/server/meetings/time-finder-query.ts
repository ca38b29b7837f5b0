import { db } from '../runtime';
import { requireCapability, type Actor } from '../auth/actor';
import { parseInput } from '../input';
import { TimeFinderQuery } from './schedule-schemas';
import { activeBoardMembers, resolveGuests } from './invitees';
import { candidateStarts, rankSlots, type FinderPerson } from './time-finder';
import { isTimeZone } from '../../shared/zoned-time';
import type { TimeFinderAnswer } from '../../shared/meetings-schedule';

/** How many of the best slots a coordinator is shown. */
export const SLOTS_SHOWN = 10;

/**
 * The time finder for a coordinator: the people who would be invited (the
 * active board unless left out, and the named guests), weighed over the
 * candidate starts (time-finder.ts), the best first. A person whose stored
 * zone Intl does not know is weighed as UTC rather than left out.
 */
export async function findTimes(actor: Actor, raw: TimeFinderQuery, now: Date = new Date()): Promise<TimeFinderAnswer> {
	const a = requireCapability(actor, 'board.manage');
	const input = parseInput(TimeFinderQuery, raw);
	const reader = db();
	const people = new Map<string, FinderPerson>();
	if (input.board) for (const p of await activeBoardMembers(reader)) people.set(p.id, { id: p.id, name: p.displayName, timeZone: p.timeZone });
	for (const p of (await resolveGuests(reader, input.guests)).people) people.set(p.id, { id: p.id, name: p.displayName, timeZone: p.timeZone });
	const invitees = [...people.values()].map((p) => (isTimeZone(p.timeZone) ? p : { ...p, timeZone: 'UTC' }));
	const zone = input.zone ?? a.user.timeZone;
	const starts =
		input.mode === 'custom'
			? candidateStarts(now, { weeks: input.weeks, weekdays: input.days, fromHour: input.from, toHour: input.to, timeZone: isTimeZone(zone) ? zone : 'UTC' })
			: candidateStarts(now);
	const slots = rankSlots(starts, input.minutes, invitees).slice(0, SLOTS_SHOWN);
	return {
		invitees: invitees.length,
		candidates: starts.length,
		slots: slots.map((s) => ({ start: s.start, end: s.end, inside: s.inside, total: invitees.length, outside: s.outside.map((p) => ({ id: p.id, name: p.name, timeZone: p.timeZone })) }))
	};
}
