import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { notesRevision, notesView, publishNotes, reopenNotes } from '../../lib/server/meetings/publish';
import { postSummaryToGroup } from '../../lib/server/meetings/group-summary';
import { listFollowUps, setFollowUpDone } from '../../lib/server/meetings/follow-ups';
import { listHighlights } from '../../lib/server/meetings/highlights';
import {
	FollowUpDoneInput,
	FollowUpParam,
	FollowUpsQuery,
	HighlightsQuery,
	NotesMeetingParam,
	NotesRevisionParams,
	PostSummaryInput,
	PublishNotesInput
} from '../../lib/server/meetings/publish-schemas';
import { FollowUp, Highlight, NotesRevision, NotesView } from '../../lib/shared/meetings-notes';
import { isoDate, pageOf } from '../../lib/shared/wire';

const tags = ['board'];

/** After a session: its published notes and their history, publishing and corrections, the summary to the group, follow-ups and highlights. */
export const meetingNotesRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/:id/published-notes',
		summary:
			"A session's notes: the latest published revision, the history (when, by whom, why), the closing summary; for coordinators also the notes as they stand now, proposals waiting, highlights and the group-summary option. The board, the session's guests, policy staff and coordinators; no entry carries who wrote it",
		tags,
		access: 'active',
		params: NotesMeetingParam,
		response: NotesView,
		handler: async ({ actor, params }) => notesView(actor, params.id)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/sessions/:id/published-notes/:revision',
		summary: 'One published revision of a session\'s notes, as it was frozen',
		tags,
		access: 'active',
		params: NotesRevisionParams,
		response: NotesRevision.extend({ latest: z.boolean() }),
		handler: async ({ actor, params }) => {
			const { meeting: _meeting, ...revision } = await notesRevision(actor, params.id, params.revision);
			return revision;
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/published-notes',
		summary:
			'Publish the notes (basedOn 0) or a correction (basedOn: the latest revision, with a reason): freezes the accepted entries and closed polls as the next revision and tells the readers. A revision made meanwhile by someone else is a 409',
		tags,
		access: 'board.notes.write',
		params: NotesMeetingParam,
		body: PublishNotesInput,
		status: 201,
		response: z.object({ revision: z.number().int() }),
		handler: async ({ actor, params, body }) => publishNotes(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/published-notes/correction',
		summary:
			'Start a correction of published notes: the entries open again in the room for coordinators, readers keep the latest revision until the correction is published. Asking again changes nothing',
		tags,
		access: 'board.notes.write',
		params: NotesMeetingParam,
		response: z.object({ revision: z.number().int(), notesStatus: z.literal('draft') }),
		handler: async ({ actor, params }) => reopenNotes(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/sessions/:id/group-summary',
		summary:
			'Post a summary of the published notes to the group (items, number of participants, decisions, follow-ups; no names) in the sounding-board category; once per session',
		tags,
		access: 'board.manage',
		params: NotesMeetingParam,
		body: PostSummaryInput,
		status: 201,
		response: z.object({ threadId: z.number().int(), categorySlug: z.string() }),
		handler: async ({ actor, params, body }) => postSummaryToGroup(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/follow-ups',
		summary: 'Open follow-ups across sessions, soonest due first (owner, due date, session, overdue), by cursor; board members see published ones',
		tags,
		access: 'board.participate',
		query: FollowUpsQuery,
		response: pageOf(FollowUp),
		handler: async ({ actor, query }) => listFollowUps(actor, query)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/follow-ups/:id/done',
		summary: 'Mark a follow-up done, or not done after all',
		tags,
		access: 'board.notes.write',
		params: FollowUpParam,
		body: FollowUpDoneInput,
		response: z.object({ id: z.number().int(), doneAt: isoDate.nullable() }),
		handler: async ({ actor, params, body }) => setFollowUpDone(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/board/highlights',
		summary: 'Note entries marked as highlights (candidates for insights), newest mark first, by cursor: who marked it, never who wrote it',
		tags,
		access: 'insights.contribute',
		query: HighlightsQuery,
		response: pageOf(Highlight),
		handler: async ({ actor, query }) => listHighlights(actor, query.cursor, query.limit)
	})
];
