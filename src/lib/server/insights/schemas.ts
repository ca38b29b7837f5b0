import { z } from 'zod';
import { wholeNumber } from '../input';
import { text } from '../text';
import { ACTION_STATUSES, EVIDENCE_KINDS, EXCERPT_MAX, INSIGHT_STATUSES } from '../../shared/insights';

/**
 * What coordinators, moderators and policy staff send in the policy loop:
 * one schema per input, for the API (JSON) and the pages (forms) alike.
 * Lists arrive as arrays (the pages read ticked boxes with getAll).
 */

export const IdParam = z.object({ id: wholeNumber('error_insight_not_found') });
export const ActionIdParam = z.object({ id: wholeNumber('error_action_not_found') });
export const OutcomeIdParam = z.object({ id: wholeNumber('error_outcome_not_found') });

const ids = (error: string, max = 20) => z.array(wholeNumber(error), { error }).max(max, error).default([]);

export const ExcerptInput = z.object({
	postId: wholeNumber('error_post_not_found'),
	excerpt: text({ error: 'error_excerpt_length', max: EXCERPT_MAX, multiline: true })
});
export type ExcerptInput = z.input<typeof ExcerptInput>;

export const InsightInput = z.object({
	title: text({ error: 'error_insight_title', max: 200 }),
	summary: text({ error: 'error_insight_summary', max: 4000, multiline: true }),
	themes: ids('error_insight_theme', 10),
	/** On creation only: the evidence to start with. */
	notes: ids('error_evidence_not_found'),
	surveyResults: ids('error_evidence_not_found'),
	excerpts: ids('error_evidence_not_found'),
	/** On edits: the version read, so a second editor is told rather than overwriting. */
	version: wholeNumber('error_malformed_request').optional()
});
export type InsightInput = z.input<typeof InsightInput>;

export const EvidenceInput = z.object({
	kind: z.enum(EVIDENCE_KINDS, { error: 'error_evidence_kind' }),
	sourceId: wholeNumber('error_evidence_not_found', { max: Number.MAX_SAFE_INTEGER })
});
export type EvidenceInput = z.input<typeof EvidenceInput>;

export const EvidenceParams = z.object({ id: wholeNumber('error_insight_not_found'), evidenceId: wholeNumber('error_evidence_not_found') });

export const ReviewInput = z
	.object({
		status: z.enum(['under_review', 'accepted', 'declined'], { error: 'error_review_status' }),
		reason: text({ error: 'error_decline_reason', max: 2000, multiline: true, allowEmpty: true }).default('')
	})
	.superRefine((v, ctx) => {
		if (v.status === 'declined' && v.reason === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'error_decline_reason' });
	});
export type ReviewInput = z.input<typeof ReviewInput>;

export const MergeInput = z.object({ into: wholeNumber('error_merge_target') });
export type MergeInput = z.input<typeof MergeInput>;

export const ThemeInput = z.object({
	nameNl: text({ error: 'error_theme_name', max: 80 }),
	nameEn: text({ error: 'error_theme_name', max: 80 })
});
export type ThemeInput = z.input<typeof ThemeInput>;

const day = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.iso.date({ error: 'error_action_due' }).optional());

export const ActionInput = z.object({
	title: text({ error: 'error_action_title', max: 200 }),
	description: text({ error: 'error_action_description', max: 4000, multiline: true }),
	ownerId: z.uuid({ error: 'error_action_owner' }),
	dueDate: day,
	insights: ids('error_action_insights').refine((v) => v.length > 0, { error: 'error_action_insights' })
});
export type ActionInput = z.input<typeof ActionInput>;

export const ActionStatusInput = z
	.object({
		status: z.enum(ACTION_STATUSES, { error: 'error_action_status' }),
		reason: text({ error: 'error_action_drop_reason', max: 2000, multiline: true, allowEmpty: true }).default('')
	})
	.superRefine((v, ctx) => {
		if (v.status === 'dropped' && v.reason === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'error_action_drop_reason' });
	});
export type ActionStatusInput = z.input<typeof ActionStatusInput>;

const outcomeText = (max: number) => text({ error: 'error_outcome_text', max, multiline: true });
export const OutcomeInput = z.object({
	titleNl: text({ error: 'error_outcome_title', max: 140 }),
	titleEn: text({ error: 'error_outcome_title', max: 140 }),
	heardNl: outcomeText(3000),
	heardEn: outcomeText(3000),
	didNl: outcomeText(3000),
	didEn: outcomeText(3000)
});
export type OutcomeInput = z.input<typeof OutcomeInput>;

/** An outcome is written for a done action or a declined insight: exactly one of them. */
export const OutcomeSource = z
	.object({ actionId: wholeNumber('error_action_not_found').optional(), insightId: wholeNumber('error_insight_not_found').optional() })
	.refine((v) => (v.actionId === undefined) !== (v.insightId === undefined), { error: 'error_outcome_source', path: ['actionId'] });

export const InsightListQuery = z.object({
	status: z.enum(INSIGHT_STATUSES, { error: 'error_insight_status' }).optional(),
	theme: wholeNumber('error_insight_theme').optional(),
	cursor: z.string({ error: 'error_cursor' }).max(200, 'error_cursor').optional()
});
export type InsightListQuery = z.input<typeof InsightListQuery>;

export const CursorQuery = z.object({ cursor: z.string({ error: 'error_cursor' }).max(200, 'error_cursor').optional() });

export const YearQuery = z.object({ year: wholeNumber('error_figures_year', { min: 2000, max: 2100 }).optional() });
export type YearQuery = z.input<typeof YearQuery>;
