import { defineRoute, type RouteSpec } from '../http/route';
import { cancelMeeting, changeMeeting, createMeeting } from '../../lib/server/meetings/schedule';
import { answerInvitation } from '../../lib/server/meetings/rsvp';
import { listMeetings, meetingView } from '../../lib/server/meetings/lists';
import { searchPeople } from '../../lib/server/meetings/invitees';
import { findTimes } from '../../lib/server/meetings/time-finder-query';
import { CancelInput, MeetingBody, MeetingIdParam, MeetingInput, MeetingListQuery, PeopleQuery, RsvpInput, TimeFinderQuery } from '../../lib/server/meetings/schedule-schemas';
import { MeetingListItem, MeetingSaved, MeetingView, PersonOption, RsvpAnswer, TimeFinderAnswer } from '../../lib/shared/meetings-schedule';
import { pageOf } from '../../lib/shared/wire';
import { z } from 'zod';

const tags = ['board sessions'];

/** Scheduling board sessions: the list, one session, the RSVP; for coordinators scheduling, changing, cancelling, finding a time and people. */
export const meetingScheduleRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions',
		summary: 'Sessions the caller may see, upcoming (soonest first) or past (latest first), by cursor; never a meeting link',
		tags,
		access: 'active',
		query: MeetingListQuery,
		response: pageOf(MeetingListItem),
		handler: async ({ actor, query }) => listMeetings(actor, query)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions',
		summary: 'Schedule a session: title, description, agenda with time boxes, start and end as wall-clock times in a time zone, meeting link (https), the board and named guests invited (notified and emailed in their language and zone)',
		tags,
		access: 'board.manage',
		body: MeetingBody,
		response: MeetingSaved,
		status: 201,
		handler: async ({ actor, body }) => createMeeting(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/people',
		summary: 'Active people a coordinator may invite as guests, by name or email (at most ten)',
		tags,
		access: 'board.manage',
		query: PeopleQuery,
		response: z.array(PersonOption),
		handler: async ({ actor, query }) => searchPeople(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/time-finder',
		summary: "Candidate start times ranked by how many invitees would be inside their local daytime (08:00–21:00) for the whole session, and who would not; the next 14 days at each whole hour 06–22 UTC, or the coordinator's weekdays and hours over some weeks",
		tags,
		access: 'board.manage',
		query: TimeFinderQuery,
		response: TimeFinderAnswer,
		handler: async ({ actor, query }) => findTimes(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/:id',
		summary: 'One session: agenda, times, who is invited; the meeting link for invitees and coordinators only; answers and access notes for coordinators only',
		tags,
		access: 'active',
		params: MeetingIdParam,
		response: MeetingView,
		handler: async ({ actor, params }) => meetingView(actor, params.id)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/sessions/:id',
		summary: 'Change a session (the whole form again); invitees are told what changed and the calendar sequence goes up; new invitees are invited',
		tags,
		access: 'board.manage',
		params: MeetingIdParam,
		// A session that may not exist is checked for shape first: bad input is a 400 whatever the id names.
		body: MeetingInput,
		response: MeetingSaved,
		handler: async ({ actor, params, body }) => changeMeeting(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/cancel',
		summary: 'Cancel a session with a reason; every invitee is told',
		tags,
		access: 'board.manage',
		params: MeetingIdParam,
		body: CancelInput,
		response: MeetingSaved,
		handler: async ({ actor, params, body }) => cancelMeeting(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/rsvp',
		summary: "An invitee's answer (yes, no, maybe) with an optional note on access needs that only coordinators read",
		tags,
		access: 'active',
		params: MeetingIdParam,
		// Checked for shape at the door, as every API body is: a malformed answer is a 400 whatever the id names.
		// (The page's form leaves it to the domain, which asks the session's rule first.)
		body: RsvpInput,
		response: RsvpAnswer,
		handler: async ({ actor, params, body }) => answerInvitation(actor, params.id, body)
	})
];
