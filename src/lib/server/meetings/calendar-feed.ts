import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { db, runtime } from '../runtime';
import { calendarFeeds, meetingInvitees, meetings, users } from '../db/schema';
import { requireActive, userColumns, type Actor } from '../auth/actor';
import { claimAttempt } from '../auth/rate-limit';
import { DomainError } from '../errors';
import { translate } from '../../i18n/translate';
import { can } from '../../shared/roles';
import { FEED_MAX_EVENTS, FEED_PAST_DAYS, FEED_TOKEN, feedPath, webcalOf, type CalendarFeedMade, type CalendarFeedStatus } from '../../shared/meetings-calendar';
import { accessOf } from './access';
import { agendaOf, calendarText, type CalendarEntry } from './calendar';

/**
 * A person's calendar feed: one secret address a calendar app polls, no
 * cookie, no login. The address is the credential, so it is treated like a
 * session token: 160 random bits, only its SHA-256 stored (a leaked table
 * opens no feed), shown once when made, and replaced (the old one dead at
 * once) when the person asks for a new one.
 *
 * What the feed holds: the sessions the person is invited to (a coordinator:
 * every session), from FEED_PAST_DAYS ago on, cancelled ones included so the
 * app removes them. A session they declined stays, marked free: a "no" can
 * still change, and a move or a cancellation should still reach them; a
 * session they are not invited to never appears, even for a board member
 * who may read its page. Each event is written by calendar.ts under
 * access.ts's rule, as the download is.
 */

const DAY = 86_400_000;

/** Unknown addresses per client and overall, in a sliding hour: a calendar app with an old address asks a few times an hour; guessing asks far more. */
export const FEED_MISS_LIMITS = { perAddress: 30, overall: 1000, windowMs: 3_600_000 } as const;

const hashOf = (token: string): string => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

function newToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Whether the person has a working feed address, and since when. */
export async function calendarFeedStatus(actor: Actor): Promise<CalendarFeedStatus> {
	const a = requireActive(actor);
	const [row] = await db().select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, a.user.id));
	return { active: Boolean(row), createdAt: row?.createdAt ?? null };
}

/** Whether calendars concern this person at all: the board, or an invitation as a guest. */
export async function hasBoardSessions(actor: Actor): Promise<boolean> {
	const a = requireActive(actor);
	if (can(a.user, 'board.participate')) return true;
	const [row] = await db().select({ one: sql<number>`1` }).from(meetingInvitees).where(eq(meetingInvitees.userId, a.user.id)).limit(1);
	return Boolean(row);
}

/**
 * Makes the person's feed address, or a new one in place of the old (which
 * stops working in the same statement). The address is in this answer only.
 */
export async function makeCalendarFeed(actor: Actor, now: Date = new Date()): Promise<CalendarFeedMade & { token: string }> {
	const a = requireActive(actor);
	const token = newToken();
	await db()
		.insert(calendarFeeds)
		.values({ userId: a.user.id, tokenHash: hashOf(token), createdAt: now })
		.onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashOf(token), createdAt: now } });
	const url = runtime().config.origin + feedPath(token);
	return { token, url, webcalUrl: webcalOf(url), createdAt: now };
}

/** Stops the feed: its address answers 404 from now on. Idempotent. */
export async function stopCalendarFeed(actor: Actor): Promise<{ stopped: boolean }> {
	const a = requireActive(actor);
	const gone = await db().delete(calendarFeeds).where(eq(calendarFeeds.userId, a.user.id)).returning({ userId: calendarFeeds.userId });
	return { stopped: gone.length > 0 };
}

/** An address that opens no feed: counted per client, so guessing is slowed down (429) while a real address is always served. */
async function countMiss(ip: string | undefined): Promise<void> {
	await claimAttempt([...(ip ? [{ key: `calendar:ip:${ip}`, limit: FEED_MISS_LIMITS.perAddress }] : []), { key: 'calendar:all', limit: FEED_MISS_LIMITS.overall }], {
		windowMs: FEED_MISS_LIMITS.windowMs,
		refusal: 'error_calendar_feed_rate_limited'
	});
}

/**
 * The feed behind a token, as iCalendar text in the owner's language; an
 * unknown, replaced or stopped token (or one of a person no longer active)
 * is `not_found`, the same answer whichever it is.
 */
export async function calendarFeed(token: string, client: { ip?: string } = {}, now: Date = new Date()): Promise<string> {
	const [owner] = FEED_TOKEN.test(token)
		? await db().select(userColumns).from(calendarFeeds).innerJoin(users, eq(users.id, calendarFeeds.userId)).where(eq(calendarFeeds.tokenHash, hashOf(token)))
		: [];
	if (!owner) await countMiss(client.ip);
	if (!owner || owner.status !== 'active') throw new DomainError('not_found', 'error_calendar_feed_not_found');
	const actor = { kind: 'user' as const, user: owner, sessionId: '' };

	const since = new Date(now.getTime() - FEED_PAST_DAYS * DAY);
	const rows = can(owner, 'board.manage')
		? await db()
				.select({ meeting: meetings, invitee: meetingInvitees })
				.from(meetings)
				.leftJoin(meetingInvitees, and(eq(meetingInvitees.meetingId, meetings.id), eq(meetingInvitees.userId, owner.id)))
				.where(gte(meetings.startAt, since))
				.orderBy(asc(meetings.startAt), asc(meetings.id))
				.limit(FEED_MAX_EVENTS)
		: await db()
				.select({ meeting: meetings, invitee: meetingInvitees })
				.from(meetingInvitees)
				.innerJoin(meetings, eq(meetings.id, meetingInvitees.meetingId))
				.where(and(eq(meetingInvitees.userId, owner.id), gte(meetings.startAt, since)))
				.orderBy(asc(meetings.startAt), asc(meetings.id))
				.limit(FEED_MAX_EVENTS);

	const entries: CalendarEntry[] = [];
	const agenda = await agendaOf(db(), rows.map((r) => r.meeting.id));
	for (const { meeting, invitee } of rows) {
		const access = accessOf(actor, meeting, invitee);
		// The query already holds only the owner's sessions; the rule is asked all the same, as every door asks it.
		if (!access.see || !(access.manage || invitee)) continue;
		entries.push({ meeting, items: agenda.get(meeting.id) ?? [], seeLink: access.seeLink, declined: invitee?.rsvp === 'no' });
	}
	return calendarText(entries, { locale: owner.language, name: translate('meetings_calendar_feed_name', owner.language) });
}
