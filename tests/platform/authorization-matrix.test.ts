/**
 * Who may do what, proven per principal on every transport: each API route in
 * the OpenAPI document and each socket client event, called by every kind of
 * caller, with the answer each must get. The table is written out by hand on
 * purpose; a route that is not in it fails the suite.
 *
 * Requests are valid, so an answer other than 401/403 is the route's success
 * (or, where noted, the expected refusal of that valid-but-harmless request).
 * The pages' form actions, the third door, are in authorization-forms.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ack, PRINCIPALS, useServer, type Principal, type PrincipalName } from '../helpers/server';
import { CLIENT_EVENTS } from '../../src/lib/shared/events';
import { eq } from 'drizzle-orm';
import { boardDimensions, joinRequests, settings, users, watchedWords } from '../../src/lib/server/db/schema';
import { meetingAgendaItems, meetingNoteEntries, meetings } from '../../src/lib/server/db/schema';
import { meetingInvitees } from '../../src/lib/server/db/schema';
import { guidelinesVersion, joinRequestBody, newApplicant, newInvitationToken, registrationBody } from '../helpers/membership';

type Row = readonly [anonymous: number, pending: number, suspended: number, member: number, board_member: number, moderator: number, coordinator: number, policy_staff: number, admin: number];

// prettier-ignore
const ROUTES: Record<string, Row> = {
	//                                    anon  pend  susp  member board  mod  coord policy admin
	'GET /api/health':                  [ 200,  200,  200,  200,   200,  200,  200,  200,  200 ],
	'GET /api/openapi.json':            [ 200,  200,  200,  200,   200,  200,  200,  200,  200 ],
	'POST /api/auth/login':             [ 200,  200,  200,  200,   200,  200,  200,  200,  200 ],
	'POST /api/auth/logout':            [ 401,  204,  401,  204,   204,  204,  204,  204,  204 ],
	'POST /api/auth/logout-everywhere': [ 401,  200,  401,  200,   200,  200,  200,  200,  200 ],
	// Public: the same answer for every caller (an email of each principal's own, so the per-email limit never answers; nine stay under the per-client one).
	'POST /api/auth/password-reset':    [ 202,  202,  202,  202,   202,  202,  202,  202,  202 ],
	// A well-formed token of no link: 404 for whoever tries.
	'POST /api/auth/password-reset/confirm': [ 404, 404, 404, 404,  404,  404,  404,  404,  404 ],
	'GET /api/me':                      [ 401,  200,  401,  200,   200,  200,  200,  200,  200 ],
	'PATCH /api/me':                    [ 401,  200,  401,  200,   200,  200,  200,  200,  200 ],
	// A wrong current password: 400 for whoever may try.
	'POST /api/me/password':            [ 401,  400,  401,  400,   400,  400,  400,  400,  400 ],
	'GET /api/me/sessions':             [ 401,  200,  401,  200,   200,  200,  200,  200,  200 ],
	// A session handle that does not exist: 404 for whoever may ask.
	'DELETE /api/me/sessions/{handle}': [ 401,  404,  401,  404,   404,  404,  404,  404,  404 ],
	'GET /api/admin/users':             [ 401,  403,  401,  403,   403,  403,  403,  403,  200 ],
	'PATCH /api/admin/users/{id}':      [ 401,  403,  401,  403,   403,  403,  403,  403,  200 ],
	'GET /api/admin/settings':          [ 401,  403,  401,  403,   403,  403,  403,  403,  200 ],
	// Sets the value the matrix itself relies on, so the rows after it post as freely as before.
	'PATCH /api/admin/settings':        [ 401,  403,  401,  403,   403,  403,  403,  403,  200 ],
	// Discussion: only active members of the group (member, board_member, moderator); staff without `member` are not.,
	// Accept is asked by each member of their own question; edit and delete by each of their own post.,
	'GET /api/categories':               [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/admin/categories':         [ 401, 403, 401, 403, 403, 403, 403, 403, 200 ],
	'POST /api/admin/categories':        [ 401, 403, 401, 403, 403, 403, 403, 403, 201 ],
	'PATCH /api/admin/categories/{id}':  [ 401, 403, 401, 403, 403, 403, 403, 403, 200 ],
	'PUT /api/admin/categories/order':   [ 401, 403, 401, 403, 403, 403, 403, 403, 200 ],
	'GET /api/threads':                  [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'POST /api/threads':                 [ 401, 403, 401, 201, 201, 201, 403, 403, 403 ],
	'GET /api/threads/{id}':             [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/threads/{id}/posts':       [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'POST /api/threads/{id}/posts':      [ 401, 403, 401, 201, 201, 201, 403, 403, 403 ],
	'GET /api/threads/{id}/changes':     [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'POST /api/threads/{id}/accept':     [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'PUT /api/threads/{id}/watch':       [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'POST /api/threads/{id}/read':       [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/posts/{id}':               [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'PATCH /api/posts/{id}':             [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'DELETE /api/posts/{id}':            [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/posts/{id}/revisions':     [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'POST /api/posts/{id}/reactions':    [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	// Every active person has an inbox (coordinators and policy staff hear about the sounding board).
	'GET /api/notifications':            [ 401, 403, 401, 200, 200, 200, 200, 200, 200 ],
	'GET /api/notifications/count':      [ 401, 403, 401, 200, 200, 200, 200, 200, 200 ],
	'POST /api/notifications/read':      [ 401, 403, 401, 200, 200, 200, 200, 200, 200 ],
	'GET /api/search':                   [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/members/suggest':          [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	// Moderation: members of the group report (a fresh post or member each time: one report per reporter per item) and
	// follow their reports; moderators act; moderators and admins read the audit log.
	'POST /api/posts/{id}/report':                [ 401, 403, 401, 201, 201, 201, 403, 403, 403 ],
	'POST /api/members/{handle}/report':          [ 401, 403, 401, 201, 201, 201, 403, 403, 403 ],
	'GET /api/me/reports':                        [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/me/withheld-posts':                 [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/moderation/queue':                  [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'GET /api/moderation/queue/count':            [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'POST /api/moderation/posts/{id}':            [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'PATCH /api/moderation/posts/{id}':           [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'POST /api/moderation/threads/{id}':          [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'GET /api/moderation/members/{id}':           [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'POST /api/moderation/members/{id}/actions':  [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'POST /api/moderation/members/{id}/notes':    [ 401, 403, 401, 403, 403, 201, 403, 403, 403 ],
	'GET /api/moderation/words':                  [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'POST /api/moderation/words':                 [ 401, 403, 401, 403, 403, 201, 403, 403, 403 ],
	'DELETE /api/moderation/words/{id}':          [ 401, 403, 401, 403, 403, 204, 403, 403, 403 ],
	'POST /api/moderation/words/test':            [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'GET /api/moderation/words.csv':              [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'POST /api/moderation/words/import':          [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'GET /api/moderation/audit':                  [ 401, 403, 401, 403, 403, 200, 403, 403, 200 ],
	'GET /api/moderation/audit.csv':              [ 401, 403, 401, 403, 403, 200, 403, 403, 200 ],
	// Membership: the guidelines are public (applicants read them); invitations are for moderators and admins, join
	// requests are decided by moderators, the directory and profiles are for the group. The two ways in answer 201 to
	// whoever is not logged in (a suspended person's cookie is no session) and 409 to whoever is. Withdrawing a
	// request is for applicants; members are refused.
	'GET /api/guidelines':                   [ 200, 200, 200, 200, 200, 200, 200, 200, 200 ],
	'POST /api/guidelines':                  [ 401, 403, 401, 403, 403, 403, 403, 403, 201 ],
	'POST /api/guidelines/accept':           [ 401, 403, 401, 200, 200, 200, 200, 200, 200 ],
	'GET /api/invitations':                  [ 401, 403, 401, 403, 403, 200, 403, 403, 200 ],
	'POST /api/invitations':                 [ 401, 403, 401, 403, 403, 201, 403, 403, 201 ],
	'POST /api/invitations/{id}/revoke':     [ 401, 403, 401, 403, 403, 200, 403, 403, 200 ],
	'GET /api/invite/{token}':               [ 200, 200, 200, 200, 200, 200, 200, 200, 200 ],
	'POST /api/invite/{token}':              [ 202, 409, 202, 409, 409, 409, 409, 409, 409 ],
	'POST /api/join-requests':               [ 202, 409, 202, 409, 409, 409, 409, 409, 409 ],
	'GET /api/join-requests':                [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'GET /api/join-requests/{id}':           [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'POST /api/join-requests/{id}/decision': [ 401, 403, 401, 403, 403, 200, 403, 403, 403 ],
	'GET /api/me/join-request':              [ 401, 200, 401, 200, 200, 200, 200, 200, 200 ],
	'DELETE /api/me/join-request':           [ 401, 204, 401, 403, 403, 403, 403, 403, 403 ],
	'GET /api/me/profile':                   [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'PATCH /api/me/profile':                 [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/members':                      [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'GET /api/members/{handle}':             [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	// The sounding board, the person's own side: whoever may volunteer (members of the group: member, board_member,
	// moderator), each as a fresh person of those roles where the call changes their standing; coordinators, policy
	// staff and admins hold no `board.volunteer`. Withdrawing and withdrawing consent are idempotent (200).
	'GET /api/board/me':                     [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'POST /api/board/me/volunteer':          [ 401, 403, 401, 201, 201, 201, 403, 403, 403 ],
	'PUT /api/board/me/profile':             [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'DELETE /api/board/me/consent':          [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	'POST /api/board/me/withdraw':           [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	// The board's composition: coordinators (exact) and policy staff (suppressed) read it and the targets; coordinators
	// alone set targets, read their history and manage dimensions (a fresh dimension per call).
	'GET /api/board/composition':            [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'GET /api/board/targets':                [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'PUT /api/board/targets':                [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/targets/history':        [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/dimensions':             [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/dimensions':            [ 401, 403, 401, 403, 403, 403, 201, 403, 403 ],
	'DELETE /api/board/dimensions/{key}':    [ 401, 403, 401, 403, 403, 403, 204, 403, 403 ],
	// The coordinators' board (a fresh volunteer per step, a fresh invited one per term); answering an invitation is for
	// whoever may volunteer, each a fresh person of those roles whom the coordinator invited.
	'GET /api/board/memberships':            [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/people/{id}':            [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	// Coordinators only, and each read is audited: no one else sees a person's profile on any route.
	'GET /api/board/people/{id}/profile':    [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/memberships/{id}/steps': [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'PUT /api/board/memberships/{id}/term':  [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/me/invitation':         [ 401, 403, 401, 200, 200, 200, 403, 403, 403 ],
	// Drawing the board: coordinators only. An alternate is refused (409) for someone who has not declined.
	'POST /api/board/selections/check':      [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/selections':            [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/selections':             [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/selections/{id}':        [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/selections/{id}/invite': [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/selections/{id}/alternate': [ 401, 403, 401, 403, 403, 403, 409, 403, 403 ],
	'POST /api/board/selections/{id}/rerun': [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	// Calendars: a session's .ics for whoever may see it (the board and coordinators; the fixture invites the demo board
	// member); anyone else is told it does not exist. Every active person may keep a feed address of their own.
	'GET /api/board/sessions/{id}/calendar.ics':                     [ 401, 403, 401, 404, 200, 404, 200, 404, 404 ],
	'GET /api/me/calendar-feed':                                     [ 401, 403, 401, 200, 200, 200, 200, 200, 200 ],
	'POST /api/me/calendar-feed':                                    [ 401, 403, 401, 201, 201, 201, 201, 201, 201 ],
	'DELETE /api/me/calendar-feed':                                  [ 401, 403, 401, 204, 204, 204, 204, 204, 204 ],
	// After a session: published notes are read by the board, coordinators and policy staff (and the session's guests);
	// anyone else is told the session does not exist. Coordinators publish (a fresh session each time), post the summary
	// to the group (a fresh published session each time) and mark follow-ups done; the board reads open follow-ups.
	'GET /api/board/sessions/{id}/published-notes':            [ 401, 403, 401, 404, 200, 404, 200, 200, 404 ],
	'GET /api/board/sessions/{id}/published-notes/{revision}': [ 401, 403, 401, 404, 200, 404, 200, 200, 404 ],
	'POST /api/board/sessions/{id}/published-notes':           [ 401, 403, 401, 403, 403, 403, 201, 403, 403 ],
	'POST /api/board/sessions/{id}/published-notes/correction': [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/sessions/{id}/group-summary':             [ 401, 403, 401, 403, 403, 403, 201, 403, 403 ],
	'GET /api/board/follow-ups':                               [ 401, 403, 401, 403, 200, 403, 200, 403, 403 ],
	'PUT /api/board/follow-ups/{id}/done':                     [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/highlights':                               [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	// A session's live room, questions and quick polls: its invitees (the demo board member) and coordinators; anyone else
	// is told the session does not exist. Coordinators alone mark answered, open and close polls (a fresh question or
	// poll each time); each answers the fixture poll once, and votes on a question a helper asked.
	'GET /api/board/sessions/{id}/questions':                        [ 401, 403, 401, 404, 200, 404, 200, 404, 404 ],
	'POST /api/board/sessions/{id}/questions':                       [ 401, 403, 401, 404, 201, 404, 201, 404, 404 ],
	'PUT /api/board/sessions/{id}/questions/{questionId}/vote':      [ 401, 403, 401, 404, 200, 404, 200, 404, 404 ],
	'PUT /api/board/sessions/{id}/questions/{questionId}/answered':  [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	'GET /api/board/sessions/{id}/polls':                            [ 401, 403, 401, 404, 200, 404, 200, 404, 404 ],
	'POST /api/board/sessions/{id}/polls':                           [ 401, 403, 401, 404, 403, 404, 201, 404, 404 ],
	'POST /api/board/sessions/{id}/polls/{pollId}/answer':           [ 401, 403, 401, 404, 201, 404, 201, 404, 404 ],
	'POST /api/board/sessions/{id}/polls/{pollId}/close':            [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	// The live room itself (the same fixture): its state for invitees and coordinators; the invited board member proposes
	// entries, coordinators write, edit, delete, decide, mark, move the agenda and correct attendance (a fresh entry each time).
	'GET /api/board/sessions/{id}/room':                                  [ 401, 403, 401, 404, 200, 404, 200, 404, 404 ],
	'POST /api/board/sessions/{id}/room/entries':                         [ 401, 403, 401, 404, 201, 404, 201, 404, 404 ],
	'PATCH /api/board/sessions/{id}/room/entries/{entryId}':              [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	'DELETE /api/board/sessions/{id}/room/entries/{entryId}':             [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	'POST /api/board/sessions/{id}/room/entries/{entryId}/decision':      [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	'PUT /api/board/sessions/{id}/room/entries/{entryId}/highlight':      [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	'POST /api/board/sessions/{id}/room/agenda':                          [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	'PUT /api/board/sessions/{id}/room/attendance/{userId}':              [ 401, 403, 401, 404, 403, 404, 200, 404, 404 ],
	// Scheduling sessions: every active person lists the sessions they may see; coordinators schedule, change and cancel
	// (a fresh session each time), find times and people. One session (the fixture, the board invited) is read by the board
	// and coordinators, and no one else knows of it; its invitees answer (a coordinator not invited is refused).
	'GET /api/board/sessions':                                  [ 401, 403, 401, 200, 200, 200, 200, 200, 200 ],
	'POST /api/board/sessions':                                 [ 401, 403, 401, 403, 403, 403, 201, 403, 403 ],
	'GET /api/board/sessions/people':                           [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/sessions/time-finder':                      [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/board/sessions/{id}':                             [ 401, 403, 401, 404, 200, 404, 200, 404, 404 ],
	'PUT /api/board/sessions/{id}':                             [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/sessions/{id}/cancel':                     [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/board/sessions/{id}/rsvp':                       [ 401, 403, 401, 404, 200, 404, 403, 404, 404 ],
	// Surveys: owners (coordinators, policy staff) list, build (a fresh draft each time), schedule, close, publish and
	// export; the fixture (open to every member) is read by its audience and owners, and no one else knows of it; each
	// member of its audience answers once (owners cannot answer). Published results (a closed survey) for audience and owners.
	'GET /api/surveys':                                 [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/surveys':                                [ 401, 403, 401, 403, 403, 403, 201, 201, 403 ],
	'GET /api/surveys/mine':                            [ 401, 403, 401, 200, 200, 200, 200, 200, 200 ],
	'GET /api/surveys/{id}':                            [ 401, 403, 401, 200, 200, 200, 200, 200, 404 ],
	'PUT /api/surveys/{id}':                            [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/surveys/{id}/sections':                  [ 401, 403, 401, 403, 403, 403, 201, 201, 403 ],
	'POST /api/surveys/{id}/questions':                 [ 401, 403, 401, 403, 403, 403, 201, 201, 403 ],
	'PUT /api/surveys/{id}/questions/{question}':       [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'DELETE /api/surveys/{id}/questions/{question}':    [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/surveys/{id}/questions/{question}/move': [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/surveys/{id}/schedule':                  [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/surveys/{id}/close':                     [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/surveys/{id}/responses':                 [ 401, 403, 401, 201, 201, 201, 403, 403, 403 ],
	'GET /api/surveys/{id}/results':                    [ 401, 403, 401, 200, 200, 200, 200, 200, 404 ],
	'PUT /api/surveys/{id}/results/published':          [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'GET /api/surveys/{id}/evidence':                   [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'PUT /api/surveys/{id}/evidence':                   [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'GET /api/surveys/{id}/results.csv':                [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'GET /api/surveys/{id}/responses.csv':              [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	// The policy loop: moderators and coordinators who read the group capture excerpts (the demo coordinator does not:
	// refused by the domain); coordinators draft, policy staff review and act; outcomes are for the group and the staff.
	//                                                    anon pend susp member board mod coord policy admin
	'POST /api/insights/excerpts':                      [ 401, 403, 401, 403, 403, 201, 403, 403, 403 ],
	'GET /api/insights/evidence':                       [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'GET /api/insights':                                [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/insights':                               [ 401, 403, 401, 403, 403, 403, 201, 403, 403 ],
	'GET /api/insights/{id}':                           [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'PUT /api/insights/{id}':                           [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/insights/{id}/evidence':                 [ 401, 403, 401, 403, 403, 403, 201, 403, 403 ],
	'DELETE /api/insights/{id}/evidence/{evidenceId}':  [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/insights/{id}/submit':                   [ 401, 403, 401, 403, 403, 403, 200, 403, 403 ],
	'POST /api/insights/{id}/review':                   [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'POST /api/insights/{id}/merge':                    [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'PUT /api/insights/{id}/outcome':                   [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'GET /api/insights/dashboard':                      [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'GET /api/insight-themes':                          [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/insight-themes':                         [ 401, 403, 401, 403, 403, 403, 403, 201, 403 ],
	'PUT /api/insight-themes/{id}/archived':            [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'GET /api/policy-actions':                          [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'GET /api/policy-actions/owners':                   [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'POST /api/policy-actions':                         [ 401, 403, 401, 403, 403, 403, 403, 201, 403 ],
	'GET /api/policy-actions/{id}':                     [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'PUT /api/policy-actions/{id}':                     [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'PUT /api/policy-actions/{id}/status':              [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'PUT /api/policy-actions/{id}/outcome':             [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'POST /api/outcomes/{id}/publish':                  [ 401, 403, 401, 403, 403, 403, 403, 200, 403 ],
	'GET /api/outcomes':                                [ 401, 403, 401, 200, 200, 200, 200, 200, 403 ],
	'GET /api/outcomes/{id}':                           [ 401, 403, 401, 200, 200, 200, 200, 200, 403 ],
	'GET /api/insights/figures':                        [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ],
	'GET /api/insights/figures.csv':                    [ 401, 403, 401, 403, 403, 403, 200, 200, 403 ]
};

type SocketOutcome = 'connected' | 'refused' | 'ok' | 'forbidden' | 'not_found' | '-';
type SocketRow = readonly [SocketOutcome, SocketOutcome, SocketOutcome, SocketOutcome, SocketOutcome, SocketOutcome, SocketOutcome, SocketOutcome, SocketOutcome];

// '-': no connection to send it on (the handshake was refused).
// prettier-ignore
const SOCKET_HANDSHAKE: SocketRow =
	//  anon       pend         susp       member       board        mod          coord        policy       admin
	[ 'refused', 'connected', 'refused', 'connected', 'connected', 'connected', 'connected', 'connected', 'connected' ];

// Every kind of room there is. `thread:{id}` is a visible thread of the discussion fixture; `thread:0` one that does
// not exist (who may not read the group at all is refused before the thread is looked up).
// prettier-ignore
const SOCKET_EVENTS: Record<string, Record<string, SocketRow>> = {
	'room:join': {
		//                 anon  pend         susp  member       board        mod          coord        policy       admin
		'admin:users':   [ '-', 'forbidden', '-', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'ok'        ],
		'moderation':    [ '-', 'forbidden', '-', 'forbidden', 'forbidden', 'ok',        'forbidden', 'forbidden', 'forbidden' ],
		'group':         [ '-', 'forbidden', '-', 'ok',        'ok',        'ok',        'forbidden', 'forbidden', 'forbidden' ],
		'thread:{id}':   [ '-', 'forbidden', '-', 'ok',        'ok',        'ok',        'forbidden', 'forbidden', 'forbidden' ],
		'thread:0':      [ '-', 'forbidden', '-', 'not_found', 'not_found', 'not_found', 'forbidden', 'forbidden', 'forbidden' ],
		'user:{self}':   [ '-', 'not_found', '-', 'not_found', 'not_found', 'not_found', 'not_found', 'not_found', 'not_found' ],
		'board':         [ '-', 'forbidden', '-', 'forbidden', 'ok',        'forbidden', 'ok',        'forbidden', 'forbidden' ],
		'board:coordinators': [ '-', 'forbidden', '-', 'forbidden', 'forbidden', 'forbidden', 'ok',   'forbidden', 'forbidden' ],
		// A session's live room (the room fixture, the demo board member invited): who may not know of it is told it does not exist.
		'meeting:{meeting}': [ '-', 'forbidden', '-', 'not_found', 'ok',        'not_found', 'ok',        'not_found', 'not_found' ],
		'meeting:{meeting}:coordinators': [ '-', 'forbidden', '-', 'not_found', 'forbidden', 'not_found', 'ok', 'not_found', 'not_found' ],
		// A survey's live count: its owners only.
		'survey:{survey}': [ '-', 'forbidden', '-', 'forbidden', 'forbidden', 'forbidden', 'ok',        'ok',        'forbidden' ],
		// The policy loop's staff room: coordinators and policy staff.
		'insights':      [ '-', 'forbidden', '-', 'forbidden', 'forbidden', 'forbidden', 'ok',        'ok',        'forbidden' ]
	},
	'room:leave': {
		'admin:users':   [ '-', 'ok',        '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'moderation':    [ '-', 'ok',        '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'group':         [ '-', 'ok',        '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'thread:{id}':   [ '-', 'ok',        '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'board':         [ '-', 'ok',        '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'board:coordinators': [ '-', 'ok',   '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'meeting:{meeting}': [ '-', 'ok',    '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'meeting:{meeting}:coordinators': [ '-', 'ok', '-', 'ok',      'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'survey:{survey}': [ '-', 'ok',    '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ],
		'insights':      [ '-', 'ok',        '-', 'ok',        'ok',        'ok',        'ok',        'ok',        'ok'        ]
	}
};

const t = useServer();
const principals = {} as Record<PrincipalName, Principal>;
let throwawayUserId: string;

beforeAll(async () => {
	for (const name of PRINCIPALS) principals[name] = await t.principal(name);
	throwawayUserId = (await t.createUser({ roles: ['member'] })).id;
	// The matrix posts far more than any member would; the posting rate limit has its own tests (moderation-protection).
	await t.db.insert(settings).values({ key: 'postsPerWindow', value: 1000 });
});

interface Call {
	path: string;
	body?: unknown;
	cookie?: string;
	/** Runs after the call, e.g. to give the principal a working session again. */
	after?: () => Promise<void>;
}

/** Discussion fixtures, made once by a member of their own: a category, a thread, a question, a post. */
let fixture: Promise<{ cookie: string; categoryId: number; threadId: number; questionId: number; postId: number }> | undefined;
const discussion = () =>
	(fixture ??= (async () => {
		const helper = await t.createUser({ roles: ['member'], displayName: 'Matrix Helper' });
		const cookie = await t.login(helper.email, helper.password);
		const admin = await t.login('admin@example.org');
		const category = await t.api('/api/admin/categories', { method: 'POST', cookie: admin, body: { nameNl: 'Matrix', nameEn: 'Matrix', slug: 'matrix' } });
		const thread = await t.api('/api/threads', { method: 'POST', cookie, body: { category: 'matrix', title: 'Matrix thread', body: 'Hello.' } });
		const question = await t.api('/api/threads', { method: 'POST', cookie, body: { category: 'matrix', kind: 'question', title: 'Matrix question', body: 'Why?' } });
		return { cookie, categoryId: category.body.id, threadId: thread.body.threadId, questionId: question.body.threadId, postId: thread.body.postId };
	})());
const participates = (who: Principal) => ['member', 'board_member', 'moderator'].includes(who.name) && Boolean(who.cookie);
/** A post of `who`'s own (for edit and delete); others get the fixture's post. */
async function ownPost(who: Principal): Promise<number> {
	const { threadId, postId } = await discussion();
	if (!participates(who)) return postId;
	const res = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: who.cookie, body: { body: 'Mine to change.' } });
	return res.body.id;
}
/** A question of `who`'s own with an answer by the helper. */
async function ownQuestion(who: Principal): Promise<{ threadId: number; answerId: number }> {
	const { cookie } = await discussion();
	const q = await t.api('/api/threads', { method: 'POST', cookie: who.cookie, body: { category: 'matrix', kind: 'question', title: 'My own question', body: 'How?' } });
	const a = await t.api(`/api/threads/${q.body.threadId}/posts`, { method: 'POST', cookie, body: { body: 'Like this.' } });
	return { threadId: q.body.threadId, answerId: a.body.id };
}

/** A fresh post by the fixture's helper (reports and moderation act on it once). */
async function helperPost(): Promise<number> {
	const { cookie, threadId } = await discussion();
	const res = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie, body: { body: `Another reply ${randomUUID().slice(0, 8)}` } });
	if (res.status !== 201) throw new Error(`helper post: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.id;
}
/** A fresh member with a handle, to be reported. */
async function freshHandle(): Promise<string> {
	const member = await t.createUser({ roles: ['member'], displayName: 'Reported Person' });
	const handle = `reported-${randomUUID().slice(0, 8)}`;
	await t.db.update(users).set({ handle }).where(eq(users.id, member.id));
	return handle;
}

/** For who may volunteer: a fresh person with the principal's roles (volunteered already when `volunteered`); others keep their own cookie. */
async function boardVolunteerCookie(who: Principal, volunteered: boolean): Promise<string | undefined> {
	const roles = ({ member: ['member'], board_member: ['member', 'board_member'], moderator: ['member', 'moderator'] } as const)[who.name as 'member'];
	if (!roles || !who.cookie) return who.cookie;
	const person = await t.createUser({ roles: [...roles], displayName: 'Matrix Volunteer' });
	const cookie = await t.login(person.email, person.password);
	if (volunteered) {
		const res = await t.api('/api/board/me/volunteer', { method: 'POST', cookie, body: { motivation: 'To withdraw', availability: 'Evenings', answers: { work: 'paid_job' } } });
		if (res.status !== 201) throw new Error(`volunteer: ${res.status} ${JSON.stringify(res.body)}`);
	}
	return cookie;
}

/** A fresh volunteer's membership (a member of the group who volunteered), optionally invited by the coordinator. */
async function boardMembershipFor(cookie: string, invite: boolean): Promise<number> {
	const me = await t.api('/api/board/me', { cookie });
	const id = me.body.membership.id as number;
	if (invite) {
		const res = await t.api(`/api/board/memberships/${id}/steps`, { method: 'POST', cookie: principals.coordinator.cookie, body: { to: 'invited' } });
		if (res.status !== 200) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
	}
	return id;
}
/** A draw of one seat from a pool with at least one fresh volunteer, made once by the coordinator. */
let selectionFixture: Promise<number> | undefined;
const boardSelection = () =>
	(selectionFixture ??= (async () => {
		await boardVolunteerCookie(principals.member, true);
		const res = await t.api('/api/board/selections', { method: 'POST', cookie: principals.coordinator.cookie, body: { seats: 1, quotas: [], seed: 'matrix' } });
		if (!res.body?.ok) throw new Error(`selection fixture: ${res.status} ${JSON.stringify(res.body)}`);
		return res.body.id as number;
	})());
const freshBoardMembership = async (invite: boolean) => boardMembershipFor((await boardVolunteerCookie(principals.member, true))!, invite);

/** Board sessions' notes: a session held yesterday with an accepted follow-up, published by the coordinator when `published`. */
async function notesSession(published: boolean): Promise<{ id: number; followUpId: number }> {
	const start = new Date(Date.now() - 24 * 3600_000);
	const [m] = await t.db.insert(meetings).values({ title: 'Matrix session', startAt: start, endAt: new Date(start.getTime() + 3600_000), createdBy: principals.coordinator.userId }).returning({ id: meetings.id });
	const [item] = await t.db.insert(meetingAgendaItems).values({ meetingId: m!.id, position: 1, title: 'Matrix item', minutes: 10 }).returning({ id: meetingAgendaItems.id });
	const [f] = await t.db
		.insert(meetingNoteEntries)
		.values({ meetingId: m!.id, itemId: item!.id, kind: 'follow_up', body: 'Matrix follow-up', owner: 'Matrix', dueDate: '2030-01-01' })
		.returning({ id: meetingNoteEntries.id });
	if (published) {
		const res = await t.api(`/api/board/sessions/${m!.id}/published-notes`, { method: 'POST', cookie: principals.coordinator.cookie, body: { basedOn: 0 } });
		if (res.status !== 201) throw new Error(`publish notes: ${res.status} ${JSON.stringify(res.body)}`);
	}
	return { id: m!.id, followUpId: f!.id };
}
let publishedNotesFixture: Promise<{ id: number; followUpId: number }> | undefined;
const publishedNotes = () => (publishedNotesFixture ??= notesSession(true));

/** A session's live room: going on now, on its first item, the demo board member invited with a helper who asks questions. */
let liveRoomFixture: Promise<{ id: number; helperCookie: string; questionId: number; pollId: number }> | undefined;
const liveRoom = () =>
	(liveRoomFixture ??= (async () => {
		const now = Date.now();
		const [m] = await t.db.insert(meetings).values({ title: 'Matrix room', startAt: new Date(now - 600_000), endAt: new Date(now + 3600_000), createdBy: principals.coordinator.userId }).returning({ id: meetings.id });
		const [item] = await t.db.insert(meetingAgendaItems).values({ meetingId: m!.id, position: 1, title: 'Matrix item', minutes: 10 }).returning({ id: meetingAgendaItems.id });
		await t.db.update(meetings).set({ currentItemId: item!.id, currentItemSince: new Date() }).where(eq(meetings.id, m!.id));
		const helper = await t.createUser({ roles: ['member', 'board_member'], displayName: 'Matrix Asker' });
		await t.db.insert(meetingInvitees).values([
			{ meetingId: m!.id, userId: principals.board_member.userId!, kind: 'board' },
			{ meetingId: m!.id, userId: helper.id, kind: 'board' }
		]);
		const helperCookie = await t.login(helper.email, helper.password);
		const question = await t.api(`/api/board/sessions/${m!.id}/questions`, { method: 'POST', cookie: helperCookie, body: { body: 'A matrix question' } });
		const poll = await t.api(`/api/board/sessions/${m!.id}/polls`, { method: 'POST', cookie: principals.coordinator.cookie, body: { question: 'A matrix poll', options: ['Yes', 'No'] } });
		if (question.status !== 201 || poll.status !== 201) throw new Error(`room fixture: ${question.status} ${poll.status}`);
		return { id: m!.id, helperCookie, questionId: question.body.id as number, pollId: poll.body.id as number };
	})());
/** A fresh question by the room's helper, and a fresh poll by the coordinator. */
async function roomQuestion(): Promise<number> {
	const { id, helperCookie } = await liveRoom();
	return (await t.api(`/api/board/sessions/${id}/questions`, { method: 'POST', cookie: helperCookie, body: { body: 'Another matrix question' } })).body.id;
}
/** The room fixture's agenda item, and a fresh note entry under it (accepted, or proposed by its helper), at version 1. */
async function roomItem(): Promise<number> {
	const [item] = await t.db.select({ id: meetingAgendaItems.id }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, (await liveRoom()).id));
	return item!.id;
}
async function roomEntry(state: 'accepted' | 'proposed'): Promise<number> {
	const [entry] = await t.db
		.insert(meetingNoteEntries)
		.values({ meetingId: (await liveRoom()).id, itemId: await roomItem(), kind: 'point', body: `A matrix entry (${state})`, state })
		.returning({ id: meetingNoteEntries.id });
	return entry!.id;
}
async function roomPoll(): Promise<number> {
	const { id } = await liveRoom();
	return (await t.api(`/api/board/sessions/${id}/polls`, { method: 'POST', cookie: principals.coordinator.cookie, body: { question: 'Another matrix poll', options: ['Yes', 'No'] } })).body.id;
}

/** Calendars: a session next week with a link, the demo board member invited. */
let calendarFixture: Promise<number> | undefined;
const calendarSession = () =>
	(calendarFixture ??= (async () => {
		const start = new Date(Date.now() + 7 * 24 * 3600_000);
		const [m] = await t.db
			.insert(meetings)
			.values({ title: 'Matrix calendar', startAt: start, endAt: new Date(start.getTime() + 3600_000), meetingLink: 'https://meet.example.org/matrix', createdBy: principals.coordinator.userId })
			.returning({ id: meetings.id });
		await t.db.insert(meetingInvitees).values({ meetingId: m!.id, userId: principals.board_member.userId!, kind: 'board' });
		return m!.id;
	})());

/** Scheduling: a valid session in 2030 inviting the board (the demo board member among them), scheduled by the coordinator. */
const scheduleBody = (title: string) => ({
	title,
	start: '2030-05-14T15:00',
	end: '2030-05-14T16:30',
	timeZone: 'Europe/Amsterdam',
	meetingLink: 'https://meet.example.org/matrix-schedule',
	agenda: [{ title: 'Matrix item', minutes: 30 }]
});
async function newScheduledSession(): Promise<number> {
	const res = await t.api('/api/board/sessions', { method: 'POST', cookie: principals.coordinator.cookie, body: scheduleBody('Matrix schedule') });
	if (res.status !== 201) throw new Error(`schedule fixture: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.id as number;
}
let scheduledFixture: Promise<number> | undefined;
const scheduledSession = () => (scheduledFixture ??= newScheduledSession());

/** Surveys, built by the coordinator through the API: a draft with one question, open or closed. */
async function matrixSurvey(state: 'draft' | 'open' | 'closed'): Promise<number> {
	const cookie = principals.coordinator.cookie;
	const now = Date.now();
	const created = await t.api('/api/surveys', {
		method: 'POST',
		cookie,
		body: { titleNl: 'Matrix', titleEn: 'Matrix', opensAt: new Date(now - 3600_000).toISOString(), closesAt: new Date(now + 48 * 3600_000).toISOString() }
	});
	if (created.status !== 201) throw new Error(`survey fixture: ${created.status} ${JSON.stringify(created.body)}`);
	const id = created.body.id as number;
	const q = await t.api(`/api/surveys/${id}/questions`, { method: 'POST', cookie, body: { section: 's1', kind: 'single', textNl: 'Ja?', textEn: 'Yes?', options: 'Ja | Yes\nNee | No' } });
	if (q.status !== 201) throw new Error(`survey question: ${q.status} ${JSON.stringify(q.body)}`);
	if (state === 'draft') return id;
	await t.api(`/api/surveys/${id}/schedule`, { method: 'POST', cookie });
	if (state === 'closed') {
		await t.api(`/api/surveys/${id}/close`, { method: 'POST', cookie });
		await t.api(`/api/surveys/${id}/results/published`, { method: 'PUT', cookie, body: { published: true } });
	}
	return id;
}
let openSurveyFixture: Promise<number> | undefined;
const openMatrixSurvey = () => (openSurveyFixture ??= matrixSurvey('open'));
let closedSurveyFixture: Promise<number> | undefined;
const closedMatrixSurvey = () => (closedSurveyFixture ??= matrixSurvey('closed'));
const surveyQuestion = { section: 's1', kind: 'single', textNl: 'Nog een?', textEn: 'Another?', options: 'Ja | Yes\nNee | No' };
const surveySettings = { titleNl: 'Matrix', titleEn: 'Matrix', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 72 * 3600_000).toISOString() };

/**
 * The policy loop's fixtures, through the API as its people would make them: an excerpt the moderator captured of
 * the discussion fixture's post, and insights taken as far as each route needs (fresh ones where a call uses one up).
 */
let excerptFixture: Promise<number> | undefined;
const matrixExcerpt = () =>
	(excerptFixture ??= (async () => {
		const res = await t.api('/api/insights/excerpts', { method: 'POST', cookie: principals.moderator.cookie, body: { postId: (await discussion()).postId, excerpt: 'Hello.' } });
		if (res.status !== 201) throw new Error(`excerpt fixture: ${res.status} ${JSON.stringify(res.body)}`);
		return res.body.id as number;
	})());
async function matrixInsight(state: 'draft' | 'new' | 'accepted' | 'declined'): Promise<number> {
	const made = await t.api('/api/insights', { method: 'POST', cookie: principals.coordinator.cookie, body: { title: 'Matrix insight', summary: 'For the matrix.', excerpts: [await matrixExcerpt()] } });
	if (made.status !== 201) throw new Error(`insight fixture: ${made.status} ${JSON.stringify(made.body)}`);
	const id = made.body.id as number;
	if (state === 'draft') return id;
	await t.api(`/api/insights/${id}/submit`, { method: 'POST', cookie: principals.coordinator.cookie });
	if (state === 'new') return id;
	const reviewed = await t.api(`/api/insights/${id}/review`, { method: 'POST', cookie: principals.policy_staff.cookie, body: { status: state, reason: 'Matrix.' } });
	if (reviewed.status !== 200) throw new Error(`review fixture: ${reviewed.status} ${JSON.stringify(reviewed.body)}`);
	return id;
}
let acceptedFixture: Promise<number> | undefined;
const acceptedInsight = () => (acceptedFixture ??= matrixInsight('accepted'));
let newFixture: Promise<number> | undefined;
const newInsight = () => (newFixture ??= matrixInsight('new'));
const actionBody = async () => ({ title: 'Matrix action', description: 'For the matrix.', ownerId: principals.policy_staff.userId, insights: [await acceptedInsight()] });
async function matrixAction(done: boolean): Promise<number> {
	const made = await t.api('/api/policy-actions', { method: 'POST', cookie: principals.policy_staff.cookie, body: await actionBody() });
	if (made.status !== 201) throw new Error(`action fixture: ${made.status} ${JSON.stringify(made.body)}`);
	if (done) await t.api(`/api/policy-actions/${made.body.id}/status`, { method: 'PUT', cookie: principals.policy_staff.cookie, body: { status: 'done' } });
	return made.body.id as number;
}
let actionFixture: Promise<number> | undefined;
const openAction = () => (actionFixture ??= matrixAction(false));
const outcomeBody = { titleNl: 'Matrix', titleEn: 'Matrix', heardNl: 'Gehoord.', heardEn: 'Heard.', didNl: 'Gedaan.', didEn: 'Done.' };
async function matrixOutcome(published: boolean): Promise<number> {
	const action = await matrixAction(true);
	const saved = await t.api(`/api/policy-actions/${action}/outcome`, { method: 'PUT', cookie: principals.policy_staff.cookie, body: outcomeBody });
	if (saved.status !== 200) throw new Error(`outcome fixture: ${saved.status} ${JSON.stringify(saved.body)}`);
	if (published) await t.api(`/api/outcomes/${saved.body.id}/publish`, { method: 'POST', cookie: principals.policy_staff.cookie });
	return saved.body.id as number;
}
let publishedFixture: Promise<number> | undefined;
const publishedOutcome = () => (publishedFixture ??= matrixOutcome(true));

/** A valid request for each route, as `who` would make it. */
async function requestFor(route: string, who: Principal): Promise<Call> {
	const cookie = who.cookie;
	switch (route) {
		case 'POST /api/auth/login':
			return { path: '/api/auth/login', cookie, body: { email: 'member@example.org', password: 'klankbord-demo-2026' } };
		case 'POST /api/auth/logout':
			// A session of its own, so the principal keeps theirs.
			return { path: '/api/auth/logout', cookie: await who.freshCookie() };
		case 'POST /api/auth/logout-everywhere':
			return {
				path: '/api/auth/logout-everywhere',
				cookie: await who.freshCookie(),
				after: async () => {
					// Every session of the principal ended; sign them in again for the rows after this one.
					if (who.name !== 'anonymous' && who.name !== 'suspended') who.cookie = await who.freshCookie();
				}
			};
		case 'POST /api/auth/password-reset':
			return { path: '/api/auth/password-reset', cookie, body: { email: `matrix-reset-${who.name}@example.org` } };
		case 'POST /api/auth/password-reset/confirm':
			return { path: '/api/auth/password-reset/confirm', cookie, body: { token: 'a'.repeat(32), password: 'a new long passphrase' } };
		case 'PATCH /api/me':
			return { path: '/api/me', cookie, body: { timeZone: 'Europe/Amsterdam' } };
		case 'POST /api/me/password':
			return { path: '/api/me/password', cookie, body: { currentPassword: 'not-the-password', newPassword: 'a new long passphrase' } };
		case 'DELETE /api/me/sessions/{handle}':
			return { path: `/api/me/sessions/${randomUUID()}`, cookie };
		case 'GET /api/admin/users':
			return { path: '/api/admin/users?limit=5', cookie };
		case 'PATCH /api/admin/users/{id}':
			return { path: `/api/admin/users/${throwawayUserId}`, cookie, body: { roles: ['member'] } };
		// Discussion
		case 'POST /api/admin/categories':
			return { path: '/api/admin/categories', cookie, body: { nameNl: 'Proef', nameEn: 'Trial', slug: `trial-${randomUUID().slice(0, 8)}` } };
		case 'PATCH /api/admin/categories/{id}':
			return { path: `/api/admin/categories/${(await discussion()).categoryId}`, cookie, body: { descriptionEn: 'Changed by the matrix' } };
		case 'PUT /api/admin/categories/order':
			return { path: '/api/admin/categories/order', cookie, body: { ids: [(await discussion()).categoryId] } };
		case 'POST /api/threads':
			return { path: '/api/threads', cookie, body: { category: 'welcome', title: `Hello from ${who.name}`, body: 'A first post.' } };
		case 'GET /api/threads/{id}':
			return { path: `/api/threads/${(await discussion()).threadId}`, cookie };
		case 'GET /api/threads/{id}/posts':
			return { path: `/api/threads/${(await discussion()).threadId}/posts?limit=5`, cookie };
		case 'POST /api/threads/{id}/posts':
			return { path: `/api/threads/${(await discussion()).threadId}/posts`, cookie, body: { body: `A reply by ${who.name}` } };
		case 'GET /api/threads/{id}/changes':
			return { path: `/api/threads/${(await discussion()).threadId}/changes?since=0`, cookie };
		case 'POST /api/threads/{id}/accept': {
			// Each member accepts an answer to a question of their own.
			const own = participates(who) ? await ownQuestion(who) : undefined;
			return { path: `/api/threads/${own?.threadId ?? (await discussion()).questionId}/accept`, cookie, body: { postId: own?.answerId ?? null } };
		}
		case 'PUT /api/threads/{id}/watch':
			return { path: `/api/threads/${(await discussion()).threadId}/watch`, cookie, body: { watching: true } };
		case 'POST /api/threads/{id}/read':
			return { path: `/api/threads/${(await discussion()).threadId}/read`, cookie, body: { upTo: (await discussion()).postId } };
		case 'GET /api/posts/{id}':
			return { path: `/api/posts/${(await discussion()).postId}`, cookie };
		case 'PATCH /api/posts/{id}':
			return { path: `/api/posts/${await ownPost(who)}`, cookie, body: { body: 'Edited by its author.' } };
		case 'DELETE /api/posts/{id}':
			return { path: `/api/posts/${await ownPost(who)}`, cookie };
		case 'GET /api/posts/{id}/revisions':
			return { path: `/api/posts/${(await discussion()).postId}/revisions`, cookie };
		case 'POST /api/posts/{id}/reactions':
			return { path: `/api/posts/${(await discussion()).postId}/reactions`, cookie, body: { kind: 'heart' } };
		case 'POST /api/notifications/read':
			return { path: '/api/notifications/read', cookie, body: { all: true } };
		case 'GET /api/search':
			return { path: '/api/search?q=werkvergunning', cookie };
		case 'GET /api/members/suggest':
			return { path: '/api/members/suggest?q=s', cookie };
		case 'PATCH /api/admin/settings':
			return { path: '/api/admin/settings', cookie, body: { postsPerWindow: 1000 } };
		// Moderation
		case 'POST /api/posts/{id}/report':
			return { path: `/api/posts/${await helperPost()}/report`, cookie, body: { reason: 'spam' } };
		case 'POST /api/members/{handle}/report':
			return { path: `/api/members/${await freshHandle()}/report`, cookie, body: { reason: 'other', note: 'Checked by the matrix' } };
		case 'POST /api/moderation/posts/{id}':
			return { path: `/api/moderation/posts/${await helperPost()}`, cookie, body: { action: 'hide' } };
		case 'PATCH /api/moderation/posts/{id}':
			return { path: `/api/moderation/posts/${await helperPost()}`, cookie, body: { body: 'Corrected by a moderator.', note: 'A typo' } };
		case 'POST /api/moderation/threads/{id}': {
			const { cookie: helper } = await discussion();
			const thread = await t.api('/api/threads', { method: 'POST', cookie: helper, body: { category: 'matrix', title: 'To be locked', body: 'Lock me.' } });
			return { path: `/api/moderation/threads/${thread.body.threadId}`, cookie, body: { action: 'lock', reason: 'Matrix' } };
		}
		case 'GET /api/moderation/members/{id}':
			return { path: `/api/moderation/members/${throwawayUserId}`, cookie };
		case 'POST /api/moderation/members/{id}/actions':
			return { path: `/api/moderation/members/${throwawayUserId}/actions`, cookie, body: { action: 'warn', reason: 'Checked by the matrix' } };
		case 'POST /api/moderation/members/{id}/notes':
			return { path: `/api/moderation/members/${throwawayUserId}/notes`, cookie, body: { body: 'A note from the matrix' } };
		case 'POST /api/moderation/words':
			return { path: '/api/moderation/words', cookie, body: { language: 'en', pattern: 'matrixword', action: 'report' } };
		case 'DELETE /api/moderation/words/{id}': {
			const [w] = await t.db.insert(watchedWords).values({ language: 'nl', pattern: `matrix${randomUUID().slice(0, 8)}`, action: 'report' }).returning({ id: watchedWords.id });
			return { path: `/api/moderation/words/${w!.id}`, cookie };
		}
		case 'POST /api/moderation/words/test':
			return { path: '/api/moderation/words/test', cookie, body: { text: 'Hello there' } };
		case 'POST /api/moderation/words/import':
			return { path: '/api/moderation/words/import', cookie, body: { csv: 'language,word,action\nen,matriximport,hold\n' } };
		// Membership
		case 'POST /api/guidelines':
			return { path: '/api/guidelines', cookie, body: { bodyNl: 'Nieuwe huisregels van de matrix. '.repeat(3), bodyEn: 'New guidelines from the matrix. '.repeat(3) } };
		case 'POST /api/guidelines/accept':
			return { path: '/api/guidelines/accept', cookie, body: { version: await guidelinesVersion(t) } };
		case 'POST /api/invitations':
			return { path: '/api/invitations', cookie, body: {} };
		case 'POST /api/invitations/{id}/revoke':
			return { path: `/api/invitations/${(await newInvitationToken(t)).id}/revoke`, cookie };
		case 'GET /api/invite/{token}':
			return { path: `/api/invite/${(await newInvitationToken(t)).token}`, cookie };
		case 'POST /api/invite/{token}':
			return { path: `/api/invite/${(await newInvitationToken(t)).token}`, cookie, body: await registrationBody(t) };
		case 'POST /api/join-requests':
			return { path: '/api/join-requests', cookie, body: await joinRequestBody(t) };
		case 'GET /api/join-requests/{id}': {
			const [demo] = await t.db.select({ id: joinRequests.id }).from(joinRequests).innerJoin(users, eq(users.id, joinRequests.userId)).where(eq(users.email, 'pending@example.org'));
			return { path: `/api/join-requests/${demo!.id}`, cookie };
		}
		case 'POST /api/join-requests/{id}/decision':
			// A fresh applicant each time, so the one who may decide finds the request still open.
			return { path: `/api/join-requests/${(await newApplicant(t)).requestId}/decision`, cookie, body: { decision: 'approve' } };
		case 'DELETE /api/me/join-request':
			// The demo applicant stays; an applicant of their own withdraws instead.
			return { path: '/api/me/join-request', cookie: who.name === 'pending' ? (await newApplicant(t)).cookie : cookie };
		case 'PATCH /api/me/profile':
			return { path: '/api/me/profile', cookie, body: { emailDigest: false } };
		case 'GET /api/members/{handle}':
			return { path: '/api/members/sanne-de-vries', cookie };
		// The sounding board: a fresh volunteer of the principal's roles, so the demo's own memberships stay as they are.
		case 'POST /api/board/me/volunteer':
			return { path: '/api/board/me/volunteer', cookie: await boardVolunteerCookie(who, false), body: { motivation: 'Checked by the matrix', availability: 'Evenings', answers: { work: 'paid_job' } } };
		case 'PUT /api/board/me/profile':
			return { path: '/api/board/me/profile', cookie, body: { answers: { work: 'neither', children: 'prefer_not_to_say' } } };
		case 'POST /api/board/me/withdraw':
			return { path: '/api/board/me/withdraw', cookie: await boardVolunteerCookie(who, true), body: { reason: 'Checked by the matrix' } };
		case 'GET /api/board/composition':
			return { path: '/api/board/composition?population=active&rows=work&columns=children', cookie };
		case 'PUT /api/board/targets':
			return { path: '/api/board/targets', cookie, body: { targets: [{ dimension: 'children', option: 'yes', minShare: 20, maxShare: 70 }] } };
		case 'POST /api/board/dimensions': {
			const key = `matrix_${randomUUID().slice(0, 8)}`;
			return { path: '/api/board/dimensions', cookie, body: { key, labelNl: 'Proef', labelEn: 'Trial', options: [{ key: 'a', labelNl: 'A', labelEn: 'A' }, { key: 'b', labelNl: 'B', labelEn: 'B' }] } };
		}
		case 'DELETE /api/board/dimensions/{key}': {
			const key = `matrix_${randomUUID().slice(0, 8)}`;
			await t.db.insert(boardDimensions).values({ key, labelNl: 'Weg', labelEn: 'Gone', options: [{ key: 'a', labelNl: 'A', labelEn: 'A' }, { key: 'b', labelNl: 'B', labelEn: 'B' }] });
			return { path: `/api/board/dimensions/${key}`, cookie };
		}
		case 'GET /api/board/people/{id}':
			return { path: `/api/board/people/${throwawayUserId}`, cookie };
		case 'GET /api/board/people/{id}/profile':
			return { path: `/api/board/people/${throwawayUserId}/profile`, cookie };
		case 'POST /api/board/memberships/{id}/steps':
			return { path: `/api/board/memberships/${await freshBoardMembership(false)}/steps`, cookie, body: { to: 'candidate' } };
		case 'PUT /api/board/memberships/{id}/term':
			return { path: `/api/board/memberships/${await freshBoardMembership(true)}/term`, cookie, body: { termStart: '2027-01-01', termEnd: '2028-12-31' } };
		case 'POST /api/board/selections/check':
		case 'POST /api/board/selections':
			return { path: route.slice(route.indexOf(' ') + 1), cookie, body: { seats: 1, keep: [], quotas: [] } };
		case 'GET /api/board/selections/{id}':
		case 'POST /api/board/selections/{id}/invite':
		case 'POST /api/board/selections/{id}/rerun':
			return { path: route.slice(route.indexOf(' ') + 1).replace('{id}', String(await boardSelection())), cookie };
		case 'POST /api/board/selections/{id}/alternate':
			return { path: `/api/board/selections/${await boardSelection()}/alternate`, cookie, body: { declinedUserId: randomUUID() } };
		case 'GET /api/board/sessions/{id}/calendar.ics':
			return { path: `/api/board/sessions/${await calendarSession()}/calendar.ics`, cookie };
		case 'POST /api/board/me/invitation': {
			const invited = await boardVolunteerCookie(who, true);
			if (invited && invited !== who.cookie) await boardMembershipFor(invited, true);
			return { path: '/api/board/me/invitation', cookie: invited, body: { accept: true } };
		}
		// Board sessions' notes
		case 'GET /api/board/sessions/{id}/published-notes':
			return { path: `/api/board/sessions/${(await publishedNotes()).id}/published-notes`, cookie };
		case 'GET /api/board/sessions/{id}/published-notes/{revision}':
			return { path: `/api/board/sessions/${(await publishedNotes()).id}/published-notes/1`, cookie };
		case 'POST /api/board/sessions/{id}/published-notes':
			return { path: `/api/board/sessions/${(await notesSession(false)).id}/published-notes`, cookie, body: { basedOn: 0 } };
		case 'POST /api/board/sessions/{id}/published-notes/correction':
			return { path: `/api/board/sessions/${(await publishedNotes()).id}/published-notes/correction`, cookie };
		case 'POST /api/board/sessions/{id}/group-summary':
			return { path: `/api/board/sessions/${(await notesSession(true)).id}/group-summary`, cookie, body: { language: 'en' } };
		case 'PUT /api/board/follow-ups/{id}/done':
			return { path: `/api/board/follow-ups/${(await publishedNotes()).followUpId}/done`, cookie, body: { done: true } };
		// A session's live room: questions and quick polls
		case 'GET /api/board/sessions/{id}/questions':
		case 'GET /api/board/sessions/{id}/polls':
			return { path: route.slice(route.indexOf(' ') + 1).replace('{id}', String((await liveRoom()).id)), cookie };
		case 'POST /api/board/sessions/{id}/questions':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/questions`, cookie, body: { body: `A question from ${who.name}` } };
		case 'PUT /api/board/sessions/{id}/questions/{questionId}/vote':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/questions/${(await liveRoom()).questionId}/vote`, cookie, body: { voted: true } };
		case 'PUT /api/board/sessions/{id}/questions/{questionId}/answered':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/questions/${await roomQuestion()}/answered`, cookie, body: { answered: true } };
		case 'POST /api/board/sessions/{id}/polls':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/polls`, cookie, body: { question: `A poll by ${who.name}`, options: ['Yes', 'No'] } };
		case 'POST /api/board/sessions/{id}/polls/{pollId}/answer':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/polls/${(await liveRoom()).pollId}/answer`, cookie, body: { option: 1 } };
		case 'POST /api/board/sessions/{id}/polls/{pollId}/close':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/polls/${await roomPoll()}/close`, cookie };
		// The live room: agenda, notes and attendance
		case 'GET /api/board/sessions/{id}/room':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room?since=0`, cookie };
		case 'POST /api/board/sessions/{id}/room/entries':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room/entries`, cookie, body: { itemId: await roomItem(), kind: 'point', body: `A point from ${who.name}` } };
		case 'PATCH /api/board/sessions/{id}/room/entries/{entryId}':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room/entries/${await roomEntry('accepted')}`, cookie, body: { version: 1, kind: 'point', body: 'Edited by the matrix' } };
		case 'DELETE /api/board/sessions/{id}/room/entries/{entryId}':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room/entries/${await roomEntry('accepted')}?version=1`, cookie };
		case 'POST /api/board/sessions/{id}/room/entries/{entryId}/decision':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room/entries/${await roomEntry('proposed')}/decision`, cookie, body: { decision: 'accept' } };
		case 'PUT /api/board/sessions/{id}/room/entries/{entryId}/highlight':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room/entries/${await roomEntry('accepted')}/highlight`, cookie, body: { highlighted: true } };
		case 'POST /api/board/sessions/{id}/room/agenda':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room/agenda`, cookie, body: { move: 'set', itemId: await roomItem() } };
		case 'PUT /api/board/sessions/{id}/room/attendance/{userId}':
			return { path: `/api/board/sessions/${(await liveRoom()).id}/room/attendance/${principals.board_member.userId}`, cookie, body: { attended: true } };
		// Scheduling sessions
		case 'POST /api/board/sessions':
			return { path: '/api/board/sessions', cookie, body: scheduleBody(`Scheduled by ${who.name}`) };
		case 'GET /api/board/sessions/people':
			return { path: '/api/board/sessions/people?q=a', cookie };
		case 'GET /api/board/sessions/{id}':
			return { path: `/api/board/sessions/${await scheduledSession()}`, cookie };
		case 'PUT /api/board/sessions/{id}':
			return { path: `/api/board/sessions/${await scheduledSession()}`, cookie, body: scheduleBody(`Changed by ${who.name}`) };
		case 'POST /api/board/sessions/{id}/cancel':
			return { path: `/api/board/sessions/${await newScheduledSession()}/cancel`, cookie, body: { reason: 'Cancelled by the matrix' } };
		case 'POST /api/board/sessions/{id}/rsvp':
			return { path: `/api/board/sessions/${await scheduledSession()}/rsvp`, cookie, body: { answer: 'yes', note: 'Captions, please' } };
		// Surveys
		case 'POST /api/surveys':
			return { path: '/api/surveys', cookie, body: surveySettings };
		case 'GET /api/surveys/{id}':
			return { path: `/api/surveys/${await openMatrixSurvey()}`, cookie };
		case 'PUT /api/surveys/{id}':
			return { path: `/api/surveys/${await matrixSurvey('draft')}`, cookie, body: surveySettings };
		case 'POST /api/surveys/{id}/sections':
			return { path: `/api/surveys/${await matrixSurvey('draft')}/sections`, cookie, body: { titleNl: 'Deel twee', titleEn: 'Part two' } };
		case 'POST /api/surveys/{id}/questions':
			return { path: `/api/surveys/${await matrixSurvey('draft')}/questions`, cookie, body: surveyQuestion };
		case 'PUT /api/surveys/{id}/questions/{question}':
			return { path: `/api/surveys/${await matrixSurvey('draft')}/questions/q1`, cookie, body: surveyQuestion };
		case 'DELETE /api/surveys/{id}/questions/{question}':
			return { path: `/api/surveys/${await matrixSurvey('draft')}/questions/q1`, cookie };
		case 'POST /api/surveys/{id}/questions/{question}/move':
			return { path: `/api/surveys/${await matrixSurvey('draft')}/questions/q1/move`, cookie, body: { direction: 'up' } };
		case 'POST /api/surveys/{id}/schedule':
			return { path: `/api/surveys/${await matrixSurvey('draft')}/schedule`, cookie };
		case 'POST /api/surveys/{id}/close':
			return { path: `/api/surveys/${await matrixSurvey('open')}/close`, cookie };
		case 'POST /api/surveys/{id}/responses':
			return { path: `/api/surveys/${await openMatrixSurvey()}/responses`, cookie, body: { answers: { q1: 'o1' } } };
		case 'GET /api/surveys/{id}/results':
			return { path: `/api/surveys/${await closedMatrixSurvey()}/results`, cookie };
		case 'PUT /api/surveys/{id}/results/published':
			return { path: `/api/surveys/${await closedMatrixSurvey()}/results/published`, cookie, body: { published: true } };
		case 'PUT /api/surveys/{id}/evidence':
			return { path: `/api/surveys/${await closedMatrixSurvey()}/evidence`, cookie, body: { question: 'q1', note: `Marked by ${who.name}` } };
		case 'GET /api/surveys/{id}/evidence':
		case 'GET /api/surveys/{id}/results.csv':
		case 'GET /api/surveys/{id}/responses.csv':
			return { path: route.slice(route.indexOf(' ') + 1).replace('{id}', String(await closedMatrixSurvey())), cookie };
		case 'POST /api/insights/excerpts':
			return { path: '/api/insights/excerpts', cookie, body: { postId: (await discussion()).postId, excerpt: 'Hello.' } };
		case 'POST /api/insights':
			return { path: '/api/insights', cookie, body: { title: `By ${who.name}`, summary: 'A draft.', excerpts: [await matrixExcerpt()] } };
		case 'GET /api/insights/{id}':
			return { path: `/api/insights/${await newInsight()}`, cookie };
		case 'PUT /api/insights/{id}':
			return { path: `/api/insights/${await newInsight()}`, cookie, body: { title: `Edited by ${who.name}`, summary: 'Edited.' } };
		case 'POST /api/insights/{id}/evidence':
			return { path: `/api/insights/${await newInsight()}/evidence`, cookie, body: { kind: 'post_excerpt', sourceId: await matrixExcerpt() } };
		case 'DELETE /api/insights/{id}/evidence/{evidenceId}': {
			// Each caller may take a piece off a draft of its own making; the coordinator's is the only one that exists.
			const id = await matrixInsight('draft');
			const detail = await t.api(`/api/insights/${id}`, { cookie: principals.coordinator.cookie });
			return { path: `/api/insights/${id}/evidence/${detail.body.evidence[0].id}`, cookie };
		}
		case 'POST /api/insights/{id}/submit':
			return { path: `/api/insights/${await matrixInsight('draft')}/submit`, cookie };
		case 'POST /api/insights/{id}/review':
			return { path: `/api/insights/${await matrixInsight('new')}/review`, cookie, body: { status: 'under_review' } };
		case 'POST /api/insights/{id}/merge':
			return { path: `/api/insights/${await matrixInsight('new')}/merge`, cookie, body: { into: await newInsight() } };
		case 'PUT /api/insights/{id}/outcome':
			return { path: `/api/insights/${await matrixInsight('declined')}/outcome`, cookie, body: outcomeBody };
		case 'POST /api/insight-themes':
			return { path: '/api/insight-themes', cookie, body: { nameNl: `Thema ${who.name}`, nameEn: `Theme ${who.name}` } };
		case 'PUT /api/insight-themes/{id}/archived':
			return { path: '/api/insight-themes/1/archived', cookie, body: { archived: false } };
		case 'POST /api/policy-actions':
			return { path: '/api/policy-actions', cookie, body: await actionBody() };
		case 'GET /api/policy-actions/{id}':
			return { path: `/api/policy-actions/${await openAction()}`, cookie };
		case 'PUT /api/policy-actions/{id}':
			return { path: `/api/policy-actions/${await openAction()}`, cookie, body: await actionBody() };
		case 'PUT /api/policy-actions/{id}/status':
			return { path: `/api/policy-actions/${await openAction()}/status`, cookie, body: { status: 'in_progress' } };
		case 'PUT /api/policy-actions/{id}/outcome':
			return { path: `/api/policy-actions/${await matrixAction(true)}/outcome`, cookie, body: outcomeBody };
		case 'POST /api/outcomes/{id}/publish':
			return { path: `/api/outcomes/${who.name === 'policy_staff' ? await matrixOutcome(false) : 1}/publish`, cookie };
		case 'GET /api/outcomes/{id}':
			return { path: `/api/outcomes/${await publishedOutcome()}`, cookie };
		default: {
			const path = route.slice(route.indexOf(' ') + 1);
			if (path.includes('{')) throw new Error(`no request for ${route}: add one to requestFor`);
			return { path, cookie };
		}
	}
}

describe('authorization matrix: API routes', () => {
	it('the table covers exactly the routes in openapi.json', async () => {
		const doc = (await t.api('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
		const documented = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
		expect([...documented].sort()).toEqual(Object.keys(ROUTES).sort());
	});

	it.each(Object.entries(ROUTES))('%s', async (route, row) => {
		const method = route.slice(0, route.indexOf(' '));
		const outcomes: string[] = [];
		const expected: string[] = [];
		for (const [i, name] of PRINCIPALS.entries()) {
			const call = await requestFor(route, principals[name]);
			const res = await t.api(call.path, { method, cookie: call.cookie, ...(call.body !== undefined ? { body: call.body } : {}) });
			await call.after?.();
			outcomes.push(`${name}: ${res.status}`);
			expected.push(`${name}: ${row[i]}`);
			if (res.status === 401) expect(res.body.error, `${route} as ${name}`).toBe('unauthenticated');
			if (res.status === 403) expect(res.body.error, `${route} as ${name}`).toBe('forbidden');
		}
		expect(outcomes).toEqual(expected);
	});

	it('refused callers changed nothing: the throwaway account still has only the role the admin gave it', async () => {
		const admin = principals.admin.cookie;
		const list = await t.api(`/api/admin/users?limit=100`, { cookie: admin });
		const target = list.body.items.find((u: { id: string }) => u.id === throwawayUserId);
		expect(target).toMatchObject({ roles: ['member'], status: 'active' });
	});
});

describe('authorization matrix: sockets', () => {
	it('the table covers exactly the client events the server handles', () => {
		expect(Object.keys(SOCKET_EVENTS).sort()).toEqual([...CLIENT_EVENTS].sort());
	});

	it('handshake and every client event, per principal', async () => {
		const outcomes: string[] = [];
		const expected: string[] = [];
		for (const [i, name] of PRINCIPALS.entries()) {
			const result = await t.socket(principals[name].cookie);
			outcomes.push(`${name} handshake: ${result.connected ? 'connected' : 'refused'}`);
			expected.push(`${name} handshake: ${SOCKET_HANDSHAKE[i]}`);
			if (result.connected) result.socket.close();
			// One connection per event: together they are more than one socket's burst of client events allows.
			for (const [event, rooms] of Object.entries(SOCKET_EVENTS)) {
				const result = await t.socket(principals[name].cookie);
				for (const [room, row] of Object.entries(rooms)) {
					let outcome: SocketOutcome = '-';
					if (result.connected) {
						const concrete = room
							.replace('{id}', String((await discussion()).threadId))
							.replace('{self}', principals[name].userId ?? '')
							.replace('{meeting}', room.includes('{meeting}') ? String((await liveRoom()).id) : '')
							.replace('{survey}', room.includes('{survey}') ? String(await openMatrixSurvey()) : '');
						const answer = await ack(result.socket, event as (typeof CLIENT_EVENTS)[number], concrete);
						outcome = answer.ok ? 'ok' : (answer.error as SocketOutcome);
					}
					outcomes.push(`${name} ${event} ${room}: ${outcome}`);
					expected.push(`${name} ${event} ${room}: ${row[i]}`);
				}
				if (result.connected) result.socket.close();
			}
		}
		expect(outcomes).toEqual(expected);
	});
});
