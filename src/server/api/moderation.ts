import { z } from 'zod';
import { AuditCsvInput, ListAuditInput } from '../../lib/server/audit/schemas';
import { defineRoute, type RouteSpec } from '../http/route';
import { PostIdParam, ThreadIdParam } from '../../lib/server/discussion/schemas';
import { HandleParam } from '../../lib/server/membership/schemas';
import { REPORT_REASONS, WORD_ACTIONS, CASE_KINDS } from '../../lib/server/db/schema';
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

const tags = ['moderation'];
const G = 'group.participate' as const;
const M = 'moderation.act' as const;
const date = z.string().describe('ISO 8601');
const page = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const Receipt = z.object({ id: z.number(), hidden: z.boolean() });
const MyReport = z.object({
	id: z.number(),
	createdAt: date,
	reason: z.enum(REPORT_REASONS),
	note: z.string().nullable(),
	target: z.union([
		z.object({ kind: z.literal('post'), postId: z.number(), threadId: z.number(), threadTitle: z.string() }),
		z.object({ kind: z.literal('member'), memberId: z.string(), displayName: z.string() })
	]),
	state: z.enum(['open', 'resolved']),
	outcome: z.enum(['action_taken', 'no_action']).nullable(),
	resolvedAt: date.nullable()
});
const QueueItem = z.object({
	id: z.number(),
	kind: z.enum(CASE_KINDS),
	openedAt: date,
	severity: z.number(),
	reporterCount: z.number(),
	held: z.boolean(),
	holdReason: z.string().nullable(),
	autoHidden: z.boolean(),
	reasons: z.array(z.object({ reason: z.enum(REPORT_REASONS), count: z.number() })),
	notes: z.array(z.object({ text: z.string(), automatic: z.boolean() })),
	reporters: z.array(z.string()),
	member: z.object({ id: z.string(), displayName: z.string(), handle: z.string().nullable(), status: z.string() }),
	post: z.object({ id: z.number(), threadId: z.number(), threadTitle: z.string(), isOpening: z.boolean(), status: z.string(), html: z.string(), excerpt: z.string() }).passthrough().nullable(),
	joinRequest: z.object({ id: z.string() }).passthrough().nullable()
});
const Standing = z.object({
	id: z.string(),
	displayName: z.string(),
	handle: z.string().nullable(),
	status: z.string(),
	roles: z.array(z.string()),
	mutedUntil: date.nullable(),
	suspendedUntil: date.nullable(),
	approvedPosts: z.number(),
	createdAt: date
});
const Note = z.object({ id: z.number(), body: z.string(), author: z.string(), createdAt: date });
const AuditRow = z.object({
	id: z.number(),
	at: date,
	actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
	action: z.string(),
	targetKind: z.string(),
	targetId: z.string(),
	subjectId: z.string().nullable(),
	subjectName: z.string().nullable(),
	reason: z.string().nullable(),
	before: z.unknown(),
	after: z.unknown(),
	data: z.record(z.string(), z.unknown())
});
const Word = z.object({ id: z.number(), language: z.enum(['nl', 'en']), pattern: z.string(), action: z.enum(WORD_ACTIONS), createdAt: date });
const ThreadState = z.object({ id: z.number(), locked: z.boolean(), pinned: z.boolean(), categoryId: z.number(), slowModeSeconds: z.number().nullable(), slowModeReason: z.string().nullable() });

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
			response: Receipt,
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
			response: Receipt,
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
			response: page(MyReport),
			handler: async ({ actor, query }) => myReports(actor, query)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/me/withheld-posts',
			summary: 'My own posts others cannot see now (waiting, hidden, removed), with the reason',
			tags,
			access: G,
			response: z.array(z.object({ postId: z.number(), threadId: z.number(), threadTitle: z.string(), status: z.string(), reason: z.string().nullable(), createdAt: date })),
			handler: async ({ actor }) => myWithheldPosts(actor)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/queue',
			summary: 'The queue: join requests, reported and held items, most urgent first',
			tags,
			access: M,
			query: ListQueueInput,
			response: page(QueueItem),
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
			response: ThreadState,
			handler: async ({ actor, params, body }) => moderateThread(actor, params.id, body)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/members/:id',
			summary: "A member's standing, moderators' notes and record",
			tags,
			access: M,
			params: MemberIdParam,
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
			response: Standing,
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
			response: Note,
			status: 201,
			handler: async ({ actor, params, body }) => addMemberNote(actor, params.id, body)
		}),
		defineRoute({
			method: 'GET',
			url: '/api/moderation/words',
			summary: 'The watched words, both languages',
			tags,
			access: M,
			response: z.array(Word),
			handler: async ({ actor }) => listWords(actor)
		}),
		defineRoute({
			method: 'POST',
			url: '/api/moderation/words',
			summary: 'Add a watched word (or change its action)',
			tags,
			access: M,
			body: WordInput,
			response: Word,
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
			response: page(AuditRow),
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
