import { z } from 'zod';
import { AuditCsvInput, ListAuditInput } from '../../lib/server/audit/schemas';
import { defineRoute, type RouteSpec } from '../http/route';
import { PostIdParam, ThreadIdParam } from '../../lib/server/discussion/schemas';
import { HandleParam } from '../../lib/server/membership/schemas';
import { listQueue, queueCount } from '../../lib/server/moderation/cases';
import { moderatePost, moderateThread, moderatorEditPost } from '../../lib/server/moderation/content';
import { addMemberNote, memberOverview, moderateMember } from '../../lib/server/moderation/members';
import { myReports, reportMember, reportPost } from '../../lib/server/moderation/reports';
import { myWithheldPosts } from '../../lib/server/discussion/posts';
import { addWord, exportWordsCsv, importWordsCsv, listWords, removeWord, testText } from '../../lib/server/moderation/words';
import { auditCsv, listAudit } from '../../lib/server/audit/log';
import {
	ListQueueInput,
	ListReportsInput,
	MemberActionInput,
	MemberIdParam,
	ModeratorEditInput,
	NoteInput,
	PostActionInput,
	ReportInput,
	ThreadActionInput,
	WordIdParam,
	WordImportInput,
	WordInput,
	WordTestInput
} from '../../lib/server/moderation/schemas';
import { WithheldOwnPost } from '../../lib/shared/discussion';
import { AuditRow } from '../../lib/shared/audit';
import { MemberNote, MemberOverview, MemberStanding, MyReport, QueueItem, ReportReceipt, ThreadModeration, WatchedWord } from '../../lib/shared/moderation';
import { pageOf } from '../../lib/shared/wire';

const tags = ['moderation'];
const G = 'group.participate' as const;
const M = 'moderation.act' as const;

const csv = (reply: { type(t: string): unknown; header(k: string, v: string): unknown }, name: string, body: string) => {
	reply.type('text/csv; charset=utf-8');
	reply.header('content-disposition', `attachment; filename="${name}"`);
	return body;
};

/** Reporting (members) and moderation (moderators): thin translations of src/lib/server/moderation. */
export function moderationRoutes(): RouteSpec[] {
	return [
		defineRoute({
			method: 'POST',
			url: '/api/posts/:id/report',
			summary: 'Report a post (once per member per post)',
			tags,
			access: G,
			params: PostIdParam,
			body: ReportInput,
			response: ReportReceipt,
			status: 201,
			handler: async ({ actor, params, body }) => reportPost(actor, params.id, body)
		}),
		defineRoute({
			method: 'POST',
			url: '/api/members/:handle/report',
			summary: 'Report a member (once per member per member)',
			tags,
			access: G,
			params: HandleParam,
			body: ReportInput,
			response: ReportReceipt,
			status: 201,
			handler: async ({ actor, params, body }) => reportMember(actor, params.handle, body)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/me/reports',
			summary: 'My reports and what became of them',
			tags,
			access: G,
			query: ListReportsInput,
			response: pageOf(MyReport),
			handler: async ({ actor, query }) => myReports(actor, query)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/me/withheld-posts',
			summary: 'My own posts others cannot see now (waiting, hidden, removed), with the reason',
			tags,
			access: G,
			response: z.array(WithheldOwnPost),
			handler: async ({ actor }) => myWithheldPosts(actor)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/queue',
			summary: 'The queue: join requests, reported and held items, most urgent first',
			tags,
			access: M,
			query: ListQueueInput,
			response: pageOf(QueueItem),
			handler: async ({ actor, query }) => listQueue(actor, query)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/queue/count',
			summary: 'How many items wait',
			tags,
			access: M,
			response: z.object({ count: z.number() }),
			handler: async ({ actor }) => ({ count: await queueCount(actor) })
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/posts/:id',
			summary: 'Approve, hide, remove, restore a post, or dismiss its reports',
			tags,
			access: M,
			params: PostIdParam,
			body: PostActionInput,
			handler: async ({ actor, params, body }) => ({ post: await moderatePost(actor, params.id, body) })
		}),
		defineRoute({
			method: 'PATCH',
			url: '/api/moderation/posts/:id',
			summary: "Edit a member's post, with a note (the earlier text is kept)",
			tags,
			access: M,
			params: PostIdParam,
			body: ModeratorEditInput,
			handler: async ({ actor, params, body }) => ({ post: await moderatorEditPost(actor, params.id, body) })
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/threads/:id',
			summary: 'Lock, unlock, pin, unpin, move a thread, or set slow mode',
			tags,
			access: M,
			params: ThreadIdParam,
			body: ThreadActionInput,
			response: ThreadModeration,
			handler: async ({ actor, params, body }) => moderateThread(actor, params.id, body)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/members/:id',
			summary: "A member's standing, moderators' notes and record",
			tags,
			access: M,
			params: MemberIdParam,
			response: MemberOverview,
			handler: async ({ actor, params }) => memberOverview(actor, params.id)
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/members/:id/actions',
			summary: 'Warn, mute, suspend, remove a member (or undo), with a reason',
			tags,
			access: M,
			params: MemberIdParam,
			body: MemberActionInput,
			response: MemberStanding,
			handler: async ({ actor, params, body }) => moderateMember(actor, params.id, body)
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/members/:id/notes',
			summary: 'A note on a member, for moderators only',
			tags,
			access: M,
			params: MemberIdParam,
			body: NoteInput,
			response: MemberNote,
			status: 201,
			handler: async ({ actor, params, body }) => addMemberNote(actor, params.id, body)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/words',
			summary: 'The watched words, both languages',
			tags,
			access: M,
			response: z.array(WatchedWord),
			handler: async ({ actor }) => listWords(actor)
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/words',
			summary: 'Add a watched word (or change its action)',
			tags,
			access: M,
			body: WordInput,
			response: WatchedWord,
			status: 201,
			handler: async ({ actor, body }) => addWord(actor, body)
		}),
		defineRoute({
			method: 'DELETE',
			url: '/api/moderation/words/:id',
			summary: 'Remove a watched word',
			tags,
			access: M,
			params: WordIdParam,
			status: 204,
			handler: async ({ actor, params }) => removeWord(actor, params.id)
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/words/test',
			summary: 'What the lists would do with a text',
			tags,
			access: M,
			body: WordTestInput,
			handler: async ({ actor, body }) => testText(actor, body)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/words.csv',
			summary: 'The watched words as CSV (language,word,action)',
			tags,
			access: M,
			handler: async ({ actor, reply }) => csv(reply, 'watched-words.csv', await exportWordsCsv(actor))
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/words/import',
			summary: 'Import watched words from CSV (language,word,action)',
			tags,
			access: M,
			body: WordImportInput,
			handler: async ({ actor, body }) => importWordsCsv(actor, body)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/audit',
			summary: 'The audit log, newest first, filtered',
			tags,
			access: 'audit.read',
			query: ListAuditInput,
			response: pageOf(AuditRow),
			handler: async ({ actor, query }) => listAudit(actor, query)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/audit.csv',
			summary: 'The filtered audit log as CSV',
			tags,
			access: 'audit.read',
			query: AuditCsvInput,
			handler: async ({ actor, query, reply }) => csv(reply, 'audit-log.csv', await auditCsv(actor, query))
		})
	];
}
