import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { defineRoute, type RouteSpec } from '../http/route';
import { translate } from '../../lib/i18n/translate';
import { roomState } from '../../lib/server/meetings/room-state';
import { moveAgenda } from '../../lib/server/meetings/agenda';
import { setAttendance } from '../../lib/server/meetings/attendance';
import { addEntry, decideEntry, deleteEntry, editEntry, highlightEntry, StaleEntry } from '../../lib/server/meetings/notes';
import {
	AgendaMoveInput,
	AttendanceInput,
	MeetingEntryParams,
	MeetingInviteeParams,
	MeetingRoomParam,
	NoteEntryDecision,
	NoteEntryDelete,
	NoteEntryEdit,
	NoteEntryHighlight,
	NoteEntryInput,
	RoomStateQuery
} from '../../lib/server/meetings/note-schemas';
import { MeetingAgendaChange, MeetingAttendanceChange, MeetingRoomState, NoteEntry } from '../../lib/shared/meetings-room';
import type { Language } from '../../lib/shared/roles';

const tags = ['board sessions'];

/**
 * A stale edit answers 409 with the other writer's entry beside the message
 * (`current`: its text and version), so a client can show it and send again
 * from it; every other refusal goes the usual way.
 */
async function withCurrent<T>(reply: FastifyReply, locale: Language, work: () => Promise<T>): Promise<T | FastifyReply> {
	try {
		return await work();
	} catch (err) {
		if (!(err instanceof StaleEntry)) throw err;
		return reply.code(409).send({ error: err.code, message: translate(err.message, locale, err.inputs), field: err.field, current: err.current });
	}
}

/**
 * A session's live room over HTTP: its state and catch-up, and every change
 * people make in it. Whoever may act is decided by the domain (access.ts):
 * the invitees and coordinators of a standing session, coordinators alone for
 * the agenda, accepting, editing and attendance. The changes reach open rooms
 * through the socket layer.
 */
export const meetingRoomRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/:id/room',
		summary:
			"The live room as I see it: the agenda with its current item and since when, the notes' entries (accepted ones, and proposals to coordinators and their proposer), who is present, attendance for coordinators. With ?since=<seq>: only entries changed after that room change number, with every entry id there is now (to drop deleted ones)",
		tags,
		access: 'active',
		params: MeetingRoomParam,
		query: RoomStateQuery,
		response: MeetingRoomState,
		handler: async ({ actor, params, query }) => roomState(actor, params.id, query)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/room/entries',
		summary: 'A note entry under an agenda item (point, quote without a name, decision, follow-up with owner and due date): accepted from a coordinator, proposed from an invited board member',
		tags,
		access: 'active',
		params: MeetingRoomParam,
		body: NoteEntryInput,
		response: NoteEntry,
		status: 201,
		handler: async ({ actor, params, body }) => addEntry(actor, params.id, body)
	}),
	defineRoute({
		method: 'PATCH',
		url: '/api/board/sessions/:id/room/entries/:entryId',
		summary: "A coordinator's edit, as of the version it started from; 409 with the other writer's entry (`current`) when it changed meanwhile",
		tags,
		access: 'active',
		params: MeetingEntryParams,
		body: NoteEntryEdit,
		response: NoteEntry,
		handler: async ({ actor, params, body, reply, locale }) => withCurrent(reply, locale, () => editEntry(actor, params.id, params.entryId, body))
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/board/sessions/:id/room/entries/:entryId',
		summary: "A coordinator deletes an entry, as of the version they saw (?version=); 409 with the entry's text when it changed meanwhile",
		tags,
		access: 'active',
		params: MeetingEntryParams,
		query: NoteEntryDelete,
		response: z.object({ id: z.number().int(), seq: z.number().int() }),
		handler: async ({ actor, params, query, reply, locale }) => withCurrent(reply, locale, () => deleteEntry(actor, params.id, params.entryId, query))
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/room/entries/:entryId/decision',
		summary: "A coordinator accepts a proposed entry into the notes or rejects it; 409 when it was decided already",
		tags,
		access: 'active',
		params: MeetingEntryParams,
		body: NoteEntryDecision,
		response: NoteEntry,
		handler: async ({ actor, params, body }) => decideEntry(actor, params.id, params.entryId, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/sessions/:id/room/entries/:entryId/highlight',
		summary: 'A coordinator marks an accepted entry as a highlight (a candidate for an insight), or takes the mark off; who and when are kept',
		tags,
		access: 'active',
		params: MeetingEntryParams,
		body: NoteEntryHighlight,
		response: NoteEntry,
		handler: async ({ actor, params, body }) => highlightEntry(actor, params.id, params.entryId, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/room/agenda',
		summary: "A coordinator moves the agenda: next, previous, a chosen item (set), or off every item (clear); `from` (the item seen as current) makes a double move a 409",
		tags,
		access: 'active',
		params: MeetingRoomParam,
		body: AgendaMoveInput,
		response: MeetingAgendaChange,
		handler: async ({ actor, params, body }) => moveAgenda(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/sessions/:id/room/attendance/:userId',
		summary: "A coordinator sets an invitee present or absent (joined by phone…); it stands over presence in the room",
		tags,
		access: 'active',
		params: MeetingInviteeParams,
		body: AttendanceInput,
		response: MeetingAttendanceChange,
		handler: async ({ actor, params, body }) => setAttendance(actor, params.id, params.userId, body)
	})
];
