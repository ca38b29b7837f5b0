/**
 * The time finder and the zone arithmetic under it, with no server: wall
 * times turned into instants and back in zones at odd offsets (Kathmandu
 * +05:45, St John's −03:30, Chatham +12:45) and across the days the clocks
 * change (Amsterdam at the end of March and October, New York in March and
 * November); who is inside their daytime (08:00–21:00) for the whole slot;
 * which candidate times are weighed; and the ranking.
 */
import { describe, expect, it } from 'vitest';
import { candidateStarts, insideDaytime, rankSlots, type FinderPerson } from '../../src/lib/server/meetings/time-finder';
import { localToUtc, offsetMinutes, utcToLocal } from '../../src/lib/shared/zoned-time';
import { meetingWhen } from '../../src/lib/shared/meetings-schedule';

const at = (iso: string) => new Date(iso);
const slot = (iso: string, minutes: number) => [at(iso), new Date(at(iso).getTime() + minutes * 60_000)] as const;
const inside = (iso: string, minutes: number, zone: string) => insideDaytime(...slot(iso, minutes), zone);

describe('wall-clock time in a zone, and back', () => {
	it('knows the odd offsets, and that Chatham and St John’s move with their summers', () => {
		expect(offsetMinutes(at('2026-06-01T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
		expect(offsetMinutes(at('2026-01-15T12:00:00Z'), 'America/St_Johns')).toBe(-210);
		expect(offsetMinutes(at('2026-07-15T12:00:00Z'), 'America/St_Johns')).toBe(-150);
		expect(offsetMinutes(at('2026-06-15T12:00:00Z'), 'Pacific/Chatham')).toBe(765);
		expect(offsetMinutes(at('2026-01-15T12:00:00Z'), 'Pacific/Chatham')).toBe(825);
	});

	it('turns a wall time into the instant it names, and back', () => {
		expect(localToUtc('2026-07-01T15:00', 'Europe/Amsterdam')?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
		expect(localToUtc('2026-01-01T15:00', 'Europe/Amsterdam')?.toISOString()).toBe('2026-01-01T14:00:00.000Z');
		expect(localToUtc('2026-01-01T08:00', 'Asia/Kathmandu')?.toISOString()).toBe('2026-01-01T02:15:00.000Z');
		// Chatham in its summer (+13:45): eight in the morning there is the evening before in UTC.
		expect(localToUtc('2026-01-01T08:00', 'Pacific/Chatham')?.toISOString()).toBe('2025-12-31T18:15:00.000Z');
		expect(localToUtc('2026-01-20T09:30', 'America/St_Johns')?.toISOString()).toBe('2026-01-20T13:00:00.000Z');
		for (const zone of ['Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Europe/Amsterdam', 'America/New_York', 'UTC'])
			expect(utcToLocal(localToUtc('2026-03-29T14:45', zone)!, zone)).toBe('2026-03-29T14:45');
	});

	it('refuses the hour the clocks skip, and takes the first of the hour they repeat', () => {
		// Amsterdam, 29 March 2026: 02:00 becomes 03:00.
		expect(localToUtc('2026-03-29T02:30', 'Europe/Amsterdam')).toBeNull();
		expect(localToUtc('2026-03-29T03:00', 'Europe/Amsterdam')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
		// 25 October 2026: 03:00 becomes 02:00 again; 02:30 happens twice, summer time first.
		expect(localToUtc('2026-10-25T02:30', 'Europe/Amsterdam')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
		// New York, 8 March 2026: 02:00 becomes 03:00.
		expect(localToUtc('2026-03-08T02:15', 'America/New_York')).toBeNull();
		// St John's, 1 November 2026: 01:30 happens twice (−02:30, then −03:30).
		expect(localToUtc('2026-11-01T01:30', 'America/St_Johns')?.toISOString()).toBe('2026-11-01T04:00:00.000Z');
		expect(localToUtc('2026-02-30T10:00', 'Europe/Amsterdam')).toBeNull();
	});

	it('names a session’s time on the reader’s clock, with the offset of that day', () => {
		const [start, end] = slot('2026-03-29T09:00:00Z', 90);
		expect(meetingWhen(start, end, 'en', 'Europe/Amsterdam')).toBe('Sunday, 29 March 2026, 11:00–12:30, Amsterdam (UTC+2)');
		expect(meetingWhen(start, end, 'nl', 'America/St_Johns')).toBe('zondag 29 maart 2026, 06:30–08:00, St Johns (UTC−2:30)');
		// In Chatham it is already the evening of that day, and the session runs past midnight.
		expect(meetingWhen(...slot('2026-06-15T11:00:00Z', 90), 'en', 'Pacific/Chatham')).toBe('Monday, 15 June 2026, 23:45 – Tuesday, 16 June 2026, 01:15, Chatham (UTC+12:45)');
	});
});

describe('inside the daytime, for the whole slot', () => {
	it('Kathmandu (+05:45): from 08:00 there, not a quarter of an hour before', () => {
		expect(inside('2026-06-10T02:15:00Z', 90, 'Asia/Kathmandu')).toBe(true);
		expect(inside('2026-06-10T02:00:00Z', 90, 'Asia/Kathmandu')).toBe(false);
		// Ending at 21:00 exactly is inside; a minute later is not.
		expect(inside('2026-06-10T14:15:00Z', 60, 'Asia/Kathmandu')).toBe(true);
		expect(inside('2026-06-10T14:15:00Z', 61, 'Asia/Kathmandu')).toBe(false);
	});

	it('St John’s (−03:30 in winter, −02:30 in summer): the same UTC hour is inside in summer only', () => {
		expect(inside('2026-01-12T11:00:00Z', 60, 'America/St_Johns')).toBe(false); // 07:30
		expect(inside('2026-07-12T11:00:00Z', 60, 'America/St_Johns')).toBe(true); // 08:30
		expect(inside('2026-01-12T11:30:00Z', 60, 'America/St_Johns')).toBe(true); // 08:00
	});

	it('Chatham (+12:45): the slot falls on the next calendar day there, and must end by 21:00', () => {
		expect(inside('2026-06-15T19:15:00Z', 90, 'Pacific/Chatham')).toBe(true); // 08:00–09:30 on the 16th
		expect(inside('2026-06-15T07:15:00Z', 60, 'Pacific/Chatham')).toBe(true); // 20:00–21:00
		expect(inside('2026-06-15T07:15:00Z', 90, 'Pacific/Chatham')).toBe(false); // until 21:30
	});

	it('Amsterdam across the end of March: 06:00 UTC is 07:00 on Saturday and 08:00 on Sunday', () => {
		expect(inside('2026-03-28T06:00:00Z', 60, 'Europe/Amsterdam')).toBe(false);
		expect(inside('2026-03-29T06:00:00Z', 60, 'Europe/Amsterdam')).toBe(true);
	});

	it('Amsterdam across the end of October: 19:00 UTC is 21:00 on Saturday and 20:00 on Sunday', () => {
		expect(inside('2026-10-24T19:00:00Z', 60, 'Europe/Amsterdam')).toBe(false);
		expect(inside('2026-10-25T19:00:00Z', 60, 'Europe/Amsterdam')).toBe(true);
	});

	it('New York across its own change (8 March), three weeks before Europe’s', () => {
		expect(inside('2026-03-07T12:00:00Z', 60, 'America/New_York')).toBe(false); // 07:00 EST
		expect(inside('2026-03-08T12:00:00Z', 60, 'America/New_York')).toBe(true); // 08:00 EDT
		// A slot past midnight is never inside.
		expect(inside('2026-03-09T03:30:00Z', 60, 'America/New_York')).toBe(false);
	});
});

describe('candidate times', () => {
	it('by default: the next 14 days, at each whole hour from 06:00 to 22:00 UTC', () => {
		const now = at('2026-03-10T10:20:00Z');
		const starts = candidateStarts(now);
		expect(starts[0]!.toISOString()).toBe('2026-03-10T11:00:00.000Z');
		expect(starts.at(-1)!.toISOString()).toBe('2026-03-24T10:00:00.000Z');
		expect(starts.every((s) => s.getUTCMinutes() === 0 && s.getUTCHours() >= 6 && s.getUTCHours() <= 22)).toBe(true);
		// 12 today, 17 on each of 13 full days, 5 on the last.
		expect(starts).toHaveLength(12 + 13 * 17 + 5);
	});

	it('in the coordinator’s window: their weekdays and hours in their zone, skipping the hour the clocks skip', () => {
		// Sundays, starts from 01:00 to 03:00 Amsterdam time, two weeks from Friday 20 March 2026.
		const starts = candidateStarts(at('2026-03-20T12:00:00Z'), { weeks: 2, weekdays: [7], fromHour: 1, toHour: 3, timeZone: 'Europe/Amsterdam' });
		expect(starts.map((s) => utcToLocal(s, 'Europe/Amsterdam'))).toEqual(['2026-03-22T01:00', '2026-03-22T02:00', '2026-03-22T03:00', '2026-03-29T01:00', '2026-03-29T03:00']);
		// Tuesdays 09:00–10:00 in Kathmandu: a quarter past the UTC hour.
		const ktm = candidateStarts(at('2026-06-01T00:00:00Z'), { weeks: 1, weekdays: [2], fromHour: 9, toHour: 10, timeZone: 'Asia/Kathmandu' });
		expect(ktm.map((s) => s.toISOString())).toEqual(['2026-06-02T03:15:00.000Z', '2026-06-02T04:15:00.000Z']);
	});
});

describe('ranking', () => {
	const people: FinderPerson[] = [
		{ id: 'a', name: 'Anouk in Amsterdam', timeZone: 'Europe/Amsterdam' },
		{ id: 'n', name: 'Nadia in New York', timeZone: 'America/New_York' },
		{ id: 'k', name: 'Kiran in Kathmandu', timeZone: 'Asia/Kathmandu' },
		{ id: 'c', name: 'Chris on Chatham', timeZone: 'Pacific/Chatham' },
		{ id: 's', name: 'Sam in St John’s', timeZone: 'America/St_Johns' },
		{ id: 'a2', name: 'Bram in Amsterdam', timeZone: 'Europe/Amsterdam' }
	];

	it('puts the slot with the most people inside their daytime first, names who is outside, earliest first on a tie', () => {
		const starts = candidateStarts(at('2026-03-10T00:00:00Z'));
		const ranked = rankSlots(starts, 60, people);
		expect(ranked).toHaveLength(starts.length);
		const best = ranked[0]!;
		for (const r of ranked) expect(r.inside + r.outside.length).toBe(people.length);
		expect(ranked.every((r, i) => i === 0 || ranked[i - 1]!.inside > r.inside || (ranked[i - 1]!.inside === r.inside && ranked[i - 1]!.start <= r.start))).toBe(true);
		// Everyone inside at once is not possible with Chatham and New York; the best slot leaves someone out and says who.
		expect(best.inside).toBeLessThan(people.length);
		expect(best.outside.map((p) => p.id).every((id) => people.some((p) => p.id === id))).toBe(true);
		for (const p of best.outside) expect(insideDaytime(best.start, best.end, p.timeZone)).toBe(false);
		for (const p of people.filter((x) => !best.outside.includes(x))) expect(insideDaytime(best.start, best.end, p.timeZone)).toBe(true);
		// Both people in Amsterdam are weighed (one zone, two people).
		const amsterdamOut = ranked.find((r) => r.outside.some((p) => p.id === 'a'))!;
		expect(amsterdamOut.outside.map((p) => p.id)).toContain('a2');
	});

	it('counts Amsterdam and New York as five hours apart between their changes, six after', () => {
		const pair = people.filter((p) => p.id === 'a' || p.id === 'n');
		// 12:00 UTC: 13:00 in Amsterdam; in New York 07:00 before 8 March, 08:00 after.
		const [before] = rankSlots([at('2026-03-05T12:00:00Z')], 60, pair);
		const [between] = rankSlots([at('2026-03-12T12:00:00Z')], 60, pair);
		expect(before!.outside.map((p) => p.id)).toEqual(['n']);
		expect(between!.inside).toBe(2);
		// 19:00 UTC, 60 minutes: 20:00–21:00 in Amsterdam before 29 March, 21:00–22:00 after.
		expect(rankSlots([at('2026-03-27T19:00:00Z')], 60, pair)[0]!.inside).toBe(2);
		expect(rankSlots([at('2026-03-30T19:00:00Z')], 60, pair)[0]!.outside.map((p) => p.id)).toEqual(['a']);
	});
});
