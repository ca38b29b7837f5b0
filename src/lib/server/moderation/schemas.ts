import { z } from 'zod';
import { REPORT_REASONS, WORD_ACTIONS, WORD_LANGUAGES } from '../../shared/moderation';
import { plain, text } from '../text';
import { body, title } from '../discussion/schemas';

/** Inputs of moderation, shared by the JSON API and the form actions. */
const id = (error: string) => z.coerce.number({ error }).int({ error }).positive({ error }).max(Number.MAX_SAFE_INTEGER, { error });
const uuid = (error: string) => plain(error).trim().uuid({ error });
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const reason = (error = 'error_reason') => text({ error, max: 1000, multiline: true });
const optionalReason = z.preprocess(blankToUndefined, reason().optional());
const optionalCaseId = z.preprocess(blankToUndefined, id('error_case_not_found').optional());

export const CaseIdParam = z.object({ id: id('error_case_not_found') });
export const MemberIdParam = z.object({ id: uuid('error_user_not_found') });
/** watched_words.id and categories.id are 32-bit. */
const INT32 = 2_147_483_647;
export const WordIdParam = z.object({ id: id('error_word_not_found').max(INT32, { error: 'error_word_not_found' }) });

export const ReportInput = z
	.object({
		reason: z.enum(REPORT_REASONS, { error: 'error_report_reason' }),
		note: z.preprocess(blankToUndefined, text({ error: 'error_report_note', max: 1000, multiline: true }).optional())
	})
	.refine((v) => v.reason !== 'other' || v.note, { error: 'error_report_note_needed', path: ['note'] });
export type ReportInput = z.input<typeof ReportInput>;

export const ListQueueInput = z.object({
	cursor: plain('error_cursor').max(300).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(25)
});
export type ListQueueInput = z.input<typeof ListQueueInput>;

export const POST_ACTIONS = ['approve', 'hide', 'remove', 'restore', 'dismiss'] as const;
export const PostActionInput = z
	.object({
		action: z.enum(POST_ACTIONS, { error: 'error_action' }),
		reason: optionalReason,
		/** The queue item acted on: when it was handled meanwhile, the action is refused. */
		caseId: optionalCaseId
	})
	.refine((v) => v.action !== 'remove' || v.reason, { error: 'error_remove_reason', path: ['reason'] });
export type PostActionInput = z.input<typeof PostActionInput>;

export const ModeratorEditInput = z.object({
	body,
	title: title.optional(),
	note: reason('error_edit_note')
});
export type ModeratorEditInput = z.input<typeof ModeratorEditInput>;

export const THREAD_ACTIONS = ['lock', 'unlock', 'pin', 'unpin', 'move', 'slow_mode'] as const;
export const ThreadActionInput = z
	.object({
		action: z.enum(THREAD_ACTIONS, { error: 'error_action' }),
		reason: optionalReason,
		categoryId: z.preprocess(blankToUndefined, id('error_category_not_found').max(INT32, { error: 'error_category_not_found' }).optional()),
		/** Slow mode: seconds between one member's replies; 0 switches it off. */
		seconds: z.preprocess(blankToUndefined, z.coerce.number({ error: 'error_slow_mode' }).int({ error: 'error_slow_mode' }).min(0, { error: 'error_slow_mode' }).max(86_400, { error: 'error_slow_mode' }).optional())
	})
	.refine((v) => v.action !== 'move' || v.categoryId !== undefined, { error: 'error_category_not_found', path: ['categoryId'] })
	.refine((v) => v.action !== 'slow_mode' || v.seconds !== undefined, { error: 'error_slow_mode', path: ['seconds'] })
	.refine((v) => v.action !== 'slow_mode' || v.seconds === 0 || v.reason, { error: 'error_slow_mode_reason', path: ['reason'] });
export type ThreadActionInput = z.input<typeof ThreadActionInput>;

export const MEMBER_ACTIONS = ['warn', 'mute', 'unmute', 'suspend', 'unsuspend', 'remove', 'dismiss'] as const;
const future = z.preprocess(
	blankToUndefined,
	z.coerce
		.date({ error: 'error_until' })
		.refine((d) => d.getTime() > Date.now() && d.getTime() < Date.now() + 5 * 365 * 86_400_000, { error: 'error_until' })
		.optional()
);
export const MemberActionInput = z
	.object({
		action: z.enum(MEMBER_ACTIONS, { error: 'error_action' }),
		reason: optionalReason,
		until: future,
		caseId: optionalCaseId
	})
	.refine((v) => !['warn', 'mute', 'suspend', 'remove'].includes(v.action) || v.reason, { error: 'error_member_reason', path: ['reason'] })
	.refine((v) => !['mute', 'suspend'].includes(v.action) || v.until, { error: 'error_until', path: ['until'] });
export type MemberActionInput = z.input<typeof MemberActionInput>;

export const NoteInput = z.object({ body: text({ error: 'error_note', max: 4000, multiline: true }) });
export type NoteInput = z.input<typeof NoteInput>;

export const JoinDecisionViaQueue = z.object({ caseId: optionalCaseId });

const pattern = plain('error_word')
	.trim()
	.toLowerCase()
	.min(1, { error: 'error_word' })
	.max(100, { error: 'error_word' })
	.refine((w) => /^[\p{L}\p{N}*' -]+$/u.test(w) && /[\p{L}\p{N}]/u.test(w), { error: 'error_word' });
export const WordInput = z.object({
	language: z.enum(WORD_LANGUAGES, { error: 'error_word_language' }),
	pattern,
	action: z.enum(WORD_ACTIONS, { error: 'error_word_action' })
});
export type WordInput = z.input<typeof WordInput>;
export const WordTestInput = z.object({ text: plain('error_body', { multiline: true }).max(40_000, { error: 'error_body' }) });
export const WordImportInput = z.object({ csv: plain('error_csv', { multiline: true }).min(1, { error: 'error_csv' }).max(500_000, { error: 'error_csv' }) });


export const ListReportsInput = z.object({ cursor: plain('error_cursor').max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(25) });

