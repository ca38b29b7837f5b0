import { wholeNumber } from '../input';
import { z } from 'zod';
import { text } from '../text';
import { REVISION_REASON_MAX } from '../../shared/meetings-notes';
import { LANGUAGES } from '../../shared/roles';

/** What arrives for publishing notes, the summary to the group, follow-ups and highlights: URL parameters and bodies (pages and the API alike). */
const INT32 = 2_147_483_647;
const id = (error: string) => z.coerce.number({ error }).int({ error }).positive({ error }).max(INT32, { error });

export const NotesMeetingParam = z.object({ id: id('error_meeting_not_found') });
export const NotesRevisionParams = z.object({ id: id('error_meeting_not_found'), revision: id('error_meeting_revision_not_found') });
export const FollowUpParam = z.object({ id: id('error_meeting_follow_up_not_found') });

/**
 * Publish (basedOn 0) or publish a correction (basedOn: the latest revision
 * the coordinator saw, with the reason readers will see). Naming the revision
 * it is based on is what makes two coordinators pressing at once end in one
 * revision: the second is told, not silently stacked on top.
 */
export const PublishNotesInput = z
	.object({
		basedOn: wholeNumber('error_malformed_request', { min: 0, max: INT32 }),
		reason: text({ error: 'error_meeting_revision_reason_long', max: REVISION_REASON_MAX, multiline: true, allowEmpty: true }).optional()
	})
	.superRefine((v, ctx) => {
		if (v.basedOn > 0 && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'error_meeting_revision_reason_required' });
	});
export type PublishNotesInput = z.input<typeof PublishNotesInput>;

/** The language the summary is written in (the group reads both; the coordinator picks one). */
export const PostSummaryInput = z.object({ language: z.enum(LANGUAGES, { error: 'error_malformed_request' }) });
export type PostSummaryInput = z.input<typeof PostSummaryInput>;

/** A form sends "true"/"false", JSON a boolean. */
export const FollowUpDoneInput = z.object({
	done: z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')], { error: 'error_malformed_request' })
});
export type FollowUpDoneInput = z.input<typeof FollowUpDoneInput>;

const cursor = z.string().max(400).optional();
export const FollowUpsQuery = z.object({ cursor, limit: z.coerce.number().int().min(1).max(100).default(50) });
export type FollowUpsQuery = z.input<typeof FollowUpsQuery>;
export const HighlightsQuery = z.object({ cursor, limit: z.coerce.number().int().min(1).max(100).default(50) });
export type HighlightsQuery = z.input<typeof HighlightsQuery>;
