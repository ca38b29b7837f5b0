import { sql } from 'drizzle-orm';
import { rowsOf } from '../db';
import { transact } from '../runtime';
import { enqueueEmail } from '../email/outbox';
import { reminderMail } from './schedule-mail';
import type { Language } from '../../shared/roles';

/**
 * Reminders by email a day and an hour before a session, to every invitee
 * who did not answer no, in their language with the time on their clock.
 * Sent once, whatever restarts or how many instances run this at once: each
 * invitation is claimed by one UPDATE (reminded_*_at from NULL to now) in the
 * transaction that queues the email, so either both commit or neither does,
 * and a second runner finds the row claimed (on Postgres its UPDATE waits for
 * the first to commit, then sees the column set and skips the row).
 *
 * The day reminder goes out from 24 hours before until an hour before; after
 * that only the hour reminder (a runner that was down all day does not send
 * both at once). Sessions scheduled within those spans were marked when the
 * invitation went out (schedule.ts): the invitation said it.
 */

const HOUR_MS = 3_600_000;

interface Claimed {
	meeting_id: number;
	title: string;
	start_at: Date | string;
	end_at: Date | string;
	meeting_link: string;
	user_id: string;
	email: string;
	display_name: string;
	language: Language;
	time_zone: string;
}

async function claimAndSend(which: 'day' | 'hour', now: Date): Promise<number> {
	const column = which === 'day' ? sql.raw('reminded_day_at') : sql.raw('reminded_hour_at');
	// The window, as instants: the day reminder for starts in (now + 1 h, now + 24 h], the hour one for (now, now + 1 h].
	const from = new Date(now.getTime() + (which === 'day' ? HOUR_MS : 0));
	const until = new Date(now.getTime() + (which === 'day' ? 24 * HOUR_MS : HOUR_MS));
	return transact(async (tx) => {
		const claimed = await rowsOf<Claimed>(
			tx,
			sql`update meeting_invitees mi set ${column} = ${now.toISOString()}::timestamptz
				from meetings m, users u
				where m.id = mi.meeting_id and u.id = mi.user_id
					and m.status = 'scheduled' and m.start_at > ${from.toISOString()}::timestamptz and m.start_at <= ${until.toISOString()}::timestamptz
					and mi.${column} is null and mi.rsvp is distinct from 'no' and u.status = 'active'
				returning m.id as meeting_id, m.title, m.start_at, m.end_at, m.meeting_link, u.id as user_id, u.email, u.display_name, u.language, u.time_zone`
		);
		for (const r of claimed) {
			const meeting = { id: r.meeting_id, title: r.title, startAt: new Date(r.start_at), endAt: new Date(r.end_at), meetingLink: r.meeting_link };
			const person = { id: r.user_id, email: r.email, displayName: r.display_name, language: r.language, timeZone: r.time_zone };
			const mail = reminderMail(meeting, person, which);
			await enqueueEmail(tx, { to: person.email, ...mail, kind: 'meeting_reminder', meta: { meetingId: meeting.id, reminder: which } });
		}
		return claimed.length;
	});
}

/** Queues the reminders due at `now`; returns how many were queued by this run. */
export async function sendMeetingReminders(now: Date = new Date()): Promise<{ day: number; hour: number }> {
	const day = await claimAndSend('day', now);
	const hour = await claimAndSend('hour', now);
	return { day, hour };
}
