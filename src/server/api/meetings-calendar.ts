import { defineRoute, type RouteSpec } from '../http/route';
import { meetingCalendarFile } from '../../lib/server/meetings/calendar';
import { calendarFeedStatus, makeCalendarFeed, stopCalendarFeed } from '../../lib/server/meetings/calendar-feed';
import { MeetingIdParam } from '../../lib/server/meetings/schedule-schemas';
import { CalendarFeedMade, CalendarFeedStatus } from '../../lib/shared/meetings-calendar';

const tags = ['board sessions'];

/**
 * Board sessions in calendar apps: one session as an .ics file, and the
 * person's own feed address (made, replaced, stopped). The feed itself is
 * served at /calendar/<token>.ics (src/routes/calendar), where the token is
 * the credential and no cookie is needed.
 */
export const meetingCalendarRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/:id/calendar.ics',
		summary: 'One session as iCalendar (text/calendar, METHOD:PUBLISH): a stable UID, SEQUENCE that rises with each change, STATUS:CANCELLED once cancelled; the meeting link only for invitees and coordinators',
		tags,
		access: 'active',
		params: MeetingIdParam,
		handler: async ({ actor, params, locale, reply }) => {
			const file = await meetingCalendarFile(actor, params.id, locale);
			return reply
				.type('text/calendar; charset=utf-8')
				.header('content-disposition', `attachment; filename="${file.fileName}"`)
				.send(file.text);
		}
	}),
	defineRoute({
		method: 'GET',
		url: '/api/me/calendar-feed',
		summary: 'Whether my calendar feed address works, and since when (the address itself is shown only when it is made)',
		tags,
		access: 'active',
		response: CalendarFeedStatus,
		handler: async ({ actor }) => calendarFeedStatus(actor)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/me/calendar-feed',
		summary: 'Make my calendar feed address, or a new one in place of the old (which stops working at once); the address is in this answer only (the server keeps its SHA-256)',
		tags,
		access: 'active',
		response: CalendarFeedMade,
		status: 201,
		handler: async ({ actor }) => {
			const { url, webcalUrl, createdAt } = await makeCalendarFeed(actor);
			return { url, webcalUrl, createdAt };
		}
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/me/calendar-feed',
		summary: 'Stop my calendar feed: its address answers 404 from now on',
		tags,
		access: 'active',
		status: 204,
		handler: async ({ actor }) => stopCalendarFeed(actor)
	})
];
