/**
 * Reminders by email, a day and an hour before a session, to every invitee
 * who did not say no: in their language, with the time on their own clock
 * and the zone named, right across a change of the clocks; sent once, even
 * when the job runs again (a restart) or two runners claim at the same
 * moment (on Postgres with TEST_DATABASE_URL these are real concurrent
 * transactions; on PGlite they run one after the other).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { outbox, users } from '../../src/lib/server/db/schema';
import { sendMeetingReminders } from '../../src/lib/server/meetings/reminders';
import { meetingWhen } from '../../src/lib/shared/meetings-schedule';
import { utcToLocal } from '../../src/lib/shared/zoned-time';
import type { Language } from '../../src/lib/shared/roles';

const t = useServer();
let coordinator: string;

interface Person {
	id: string;
	email: string;
	cookie: string;
	zone: string;
	language: Language;
}

async function person(name: string, language: Language, zone: string): Promise<Person> {
	const u = await t.createUser({ displayName: name, language });
	await t.db.update(users).set({ timeZone: zone }).where(eq(users.id, u.id));
	return { id: u.id, email: u.email, cookie: await t.login(u.email, u.password), zone, language };
}

/** A session for these people only (not the board), times as wall-clock times in Amsterdam unless said otherwise. */
async function session(title: string, start: string, end: string, guests: Person[], timeZone = 'Europe/Amsterdam'): Promise<number> {
	const res = await t.api('/api/board/sessions', {
		method: 'POST',
		cookie: coordinator,
		body: { title, start, end, timeZone, meetingLink: 'https://meet.example.org/herinnering', agenda: [{ title: 'Terugblik en vooruitblik', minutes: 60 }], inviteBoard: false, guests: guests.map((g) => g.email) }
	});
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body.id;
}

async function remindersOf(meetingId: number, which?: 'day' | 'hour') {
	const rows = await t.db.select().from(outbox).where(eq(outbox.kind, 'meeting_reminder'));
	return rows.filter((r) => (r.meta as { meetingId: number; reminder: string }).meetingId === meetingId && (!which || (r.meta as { reminder: string }).reminder === which));
}

const answer = (p: Person, meetingId: number, a: 'yes' | 'no' | 'maybe') => t.api(`/api/board/sessions/${meetingId}/rsvp`, { method: 'POST', cookie: p.cookie, body: { answer: a } });

let anouk: Person, nadia: Person, kiran: Person, sam: Person, noor: Person;

beforeAll(async () => {
	coordinator = await t.login('coordinator@example.org');
	anouk = await person('Anouk Amsterdam', 'nl', 'Europe/Amsterdam');
	nadia = await person('Nadia New York', 'en', 'America/New_York');
	kiran = await person('Kiran Kathmandu', 'en', 'Asia/Kathmandu');
	sam = await person('Sam St John’s', 'en', 'America/St_Johns');
	noor = await person('Noor Nee', 'nl', 'Europe/Amsterdam');
});

describe('a day and an hour before', () => {
	it('reminds everyone who did not say no, once each, with the time on their own clock across the change to summer time', async () => {
		// Sunday 28 March 2027, 11:00 in Amsterdam: the first morning of summer time there (09:00 UTC).
		const id = await session('Kinderen en scholen op de standplaats', '2027-03-28T11:00', '2027-03-28T12:30', [anouk, nadia, kiran, sam, noor]);
		expect((await answer(noor, id, 'no')).status).toBe(200);
		expect((await answer(nadia, id, 'maybe')).status).toBe(200);

		// Saturday 10:00 UTC, 23 hours before: Amsterdam's clock still reads winter time as the reminder goes out.
		const dayBefore = new Date('2027-03-27T10:00:00Z');
		expect(utcToLocal(dayBefore, 'Europe/Amsterdam')).toBe('2027-03-27T11:00');
		expect(await sendMeetingReminders(dayBefore)).toEqual({ day: 4, hour: 0 });
		const day = await remindersOf(id, 'day');
		expect(day.map((m) => m.toEmail).sort()).toEqual([anouk, nadia, kiran, sam].map((p) => p.email).sort());
		const mailTo = (p: Person) => day.find((m) => m.toEmail === p.email)!;
		expect(mailTo(anouk).subject).toBe('Herinnering: Kinderen en scholen op de standplaats');
		// The session's own day: 11:00 summer time (UTC+2), not 10:00 as the clock on the day of sending would have it.
		expect(mailTo(anouk).bodyText).toContain('Wanneer: zondag 28 maart 2027, 11:00–12:30, Amsterdam (UTC+2)');
		expect(mailTo(nadia).bodyText).toContain('When: Sunday, 28 March 2027, 05:00–06:30, New York (UTC−4)');
		expect(mailTo(kiran).bodyText).toContain('When: Sunday, 28 March 2027, 14:45–16:15, Kathmandu (UTC+5:45)');
		expect(mailTo(sam).bodyText).toContain('When: Sunday, 28 March 2027, 06:30–08:00, St Johns (UTC−2:30)');
		for (const p of [nadia, kiran, sam]) expect(mailTo(p).bodyText).toContain(meetingWhen(new Date('2027-03-28T09:00:00Z'), new Date('2027-03-28T10:30:00Z'), 'en', p.zone));
		expect(mailTo(kiran).bodyText).toContain('https://meet.example.org/herinnering');

		// Run again (a restart, the next tick): nothing more.
		expect(await sendMeetingReminders(dayBefore)).toEqual({ day: 0, hour: 0 });
		expect(await sendMeetingReminders(new Date('2027-03-27T20:00:00Z'))).toEqual({ day: 0, hour: 0 });

		// Half an hour before: the hour reminder, once.
		const soon = new Date('2027-03-28T08:30:00Z');
		expect(await sendMeetingReminders(soon)).toEqual({ day: 0, hour: 4 });
		expect(await sendMeetingReminders(soon)).toEqual({ day: 0, hour: 0 });
		const hour = await remindersOf(id, 'hour');
		expect(hour).toHaveLength(4);
		expect(hour.find((m) => m.toEmail === anouk.email)!.subject).toBe('Zo meteen: Kinderen en scholen op de standplaats');
		expect(hour.find((m) => m.toEmail === nadia.email)!.bodyText).toContain('starts within the hour');
		expect(await remindersOf(id)).toHaveLength(8);
		expect((await remindersOf(id)).some((m) => m.toEmail === noor.email)).toBe(false);
	});

	it('names the time right across the change back to winter time too', async () => {
		// Sunday 31 October 2027, 10:00 in Amsterdam (09:00 UTC); the reminder goes out on Saturday, still summer time.
		const id = await session('Terugkeer naar Nederland', '2027-10-31T10:00', '2027-10-31T11:00', [anouk, nadia]);
		await sendMeetingReminders(new Date('2027-10-30T12:00:00Z'));
		const day = await remindersOf(id, 'day');
		expect(day.find((m) => m.toEmail === anouk.email)!.bodyText).toContain('zondag 31 oktober 2027, 10:00–11:00, Amsterdam (UTC+1)');
		// New York is still on summer time until 7 November.
		expect(day.find((m) => m.toEmail === nadia.email)!.bodyText).toContain('Sunday, 31 October 2027, 05:00–06:00, New York (UTC−4)');
	});

	it('two runners at the same moment send each reminder once', async () => {
		const id = await session('Het ontwikkelbudget voor partners', '2027-05-11T15:00', '2027-05-11T16:30', [anouk, nadia, kiran, sam]);
		const at = new Date('2027-05-10T14:00:00Z');
		const runs = await Promise.all([sendMeetingReminders(at), sendMeetingReminders(at), sendMeetingReminders(at), sendMeetingReminders(at)]);
		expect(runs.reduce((n, r) => n + r.day, 0)).toBe(4);
		const mails = await remindersOf(id, 'day');
		expect(mails.map((m) => m.toEmail).sort()).toEqual([anouk, nadia, kiran, sam].map((p) => p.email).sort());
		const hourAt = new Date('2027-05-11T12:15:00Z');
		const hourRuns = await Promise.all([sendMeetingReminders(hourAt), sendMeetingReminders(hourAt)]);
		expect(hourRuns.reduce((n, r) => n + r.hour, 0)).toBe(4);
		expect(await remindersOf(id, 'hour')).toHaveLength(4);
	});

	it('a cancelled session reminds no one; a session scheduled within the day gets only the hour reminder', async () => {
		const cancelled = await session('Afgelaste sessie', '2027-06-01T15:00', '2027-06-01T16:00', [anouk, nadia]);
		expect((await t.api(`/api/board/sessions/${cancelled}/cancel`, { method: 'POST', cookie: coordinator, body: { reason: 'Verschoven naar de zomer.' } })).status).toBe(200);
		await sendMeetingReminders(new Date('2027-05-31T14:00:00Z'));
		await sendMeetingReminders(new Date('2027-06-01T12:30:00Z'));
		expect(await remindersOf(cancelled)).toEqual([]);

		// Three hours from now: the invitation says it, so no day reminder; the hour reminder still comes.
		const start = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 60_000) * 60_000);
		const soon = await session('Vandaag nog', utcToLocal(start, 'UTC'), utcToLocal(new Date(start.getTime() + 3_600_000), 'UTC'), [anouk], 'UTC');
		await sendMeetingReminders(new Date());
		expect(await remindersOf(soon, 'day')).toEqual([]);
		await sendMeetingReminders(new Date(start.getTime() - 30 * 60_000));
		expect((await remindersOf(soon, 'hour')).map((m) => m.toEmail)).toEqual([anouk.email]);
	});
});
