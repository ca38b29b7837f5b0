import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { wholeNumber } from '../../lib/server/input';
import { captureExcerpt } from '../../lib/server/insights/excerpts';
import { addEvidence, evidencePool, removeEvidence } from '../../lib/server/insights/evidence';
import { createInsight, mergeInsight, submitInsight, updateInsight } from '../../lib/server/insights/drafts';
import { reviewInsight } from '../../lib/server/insights/review';
import { insightDetail, listInsights } from '../../lib/server/insights/lists';
import { createTheme, listThemes, setThemeArchived } from '../../lib/server/insights/themes';
import { actionDetail, actionOwners, createAction, listActions, setActionStatus, updateAction } from '../../lib/server/insights/actions';
import { listOutcomes, outcomeDetail, publishOutcome, saveOutcome } from '../../lib/server/insights/outcomes';
import { dashboard } from '../../lib/server/insights/dashboard';
import {
	ActionIdParam,
	ActionInput,
	ActionStatusInput,
	CursorQuery,
	EvidenceInput,
	EvidenceParams,
	ExcerptInput,
	IdParam,
	InsightInput,
	InsightListQuery,
	MergeInput,
	OutcomeIdParam,
	OutcomeInput,
	ReviewInput,
	ThemeInput
} from '../../lib/server/insights/schemas';

const tags = ['insights'];

/**
 * The policy loop over HTTP: coordinators draft insights from evidence,
 * policy staff review them and carry actions, and outcomes go back to the
 * group. Every rule is the domain's (src/lib/server/insights/).
 */
export const insightRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'POST',
		url: '/api/insights/excerpts',
		summary: "Moderators and coordinators who read the group: keep a post's words (its own, cut down) as evidence, without its author",
		tags,
		access: 'insights.capture',
		body: ExcerptInput,
		status: 201,
		handler: async ({ actor, body }) => captureExcerpt(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/insights/evidence',
		summary: 'Coordinators: what to draft from (highlighted session notes, survey results marked as evidence, captured excerpts; the newest 50 of each)',
		tags,
		access: 'insights.contribute',
		handler: async ({ actor }) => evidencePool(actor)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/insights',
		summary: 'Coordinators and policy staff: insights by last change (drafts to coordinators only); status, theme to filter; cursor for the next page',
		tags,
		access: 'active',
		query: InsightListQuery,
		handler: async ({ actor, query }) => listInsights(actor, query)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/insights',
		summary: 'Coordinators: a new draft insight with its themes and first evidence',
		tags,
		access: 'insights.contribute',
		body: InsightInput,
		status: 201,
		handler: async ({ actor, body }) => createInsight(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/insights/:id',
		summary: 'An insight with its evidence (as far as the reader may follow it), history, actions and outcome',
		tags,
		access: 'active',
		params: IdParam,
		handler: async ({ actor, params }) => insightDetail(actor, params.id)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/insights/:id',
		summary: 'Coordinators: title, summary and themes, until a review has begun (version: the one read; a later save is refused with 409)',
		tags,
		access: 'insights.contribute',
		params: IdParam,
		body: InsightInput,
		handler: async ({ actor, params, body }) => updateInsight(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/insights/:id/evidence',
		summary: 'Coordinators: link a piece of evidence (kind and the id of its source) to an insight being drafted',
		tags,
		access: 'insights.contribute',
		params: IdParam,
		body: EvidenceInput,
		status: 201,
		handler: async ({ actor, params, body }) => addEvidence(actor, params.id, body)
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/insights/:id/evidence/:evidenceId',
		summary: 'Coordinators: take a piece of evidence off an insight being drafted',
		tags,
		access: 'insights.contribute',
		params: EvidenceParams,
		handler: async ({ actor, params }) => removeEvidence(actor, params.id, params.evidenceId)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/insights/:id/submit',
		summary: 'Coordinators: submit a draft for review (it needs evidence)',
		tags,
		access: 'insights.contribute',
		params: IdParam,
		handler: async ({ actor, params }) => submitInsight(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/insights/:id/review',
		summary: 'Policy staff: under review, accepted, or declined with a reason the community will read',
		tags,
		access: 'insights.review',
		params: IdParam,
		body: ReviewInput,
		handler: async ({ actor, params, body }) => reviewInsight(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/insights/:id/merge',
		summary: 'Coordinators and policy staff: fold this insight into another (into); its evidence and themes move with it',
		tags,
		access: 'active',
		params: IdParam,
		body: MergeInput,
		handler: async ({ actor, params, body }) => mergeInsight(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/insight-themes',
		summary: 'Coordinators and policy staff: the themes, in both languages (archived ones marked)',
		tags,
		access: 'active',
		handler: async ({ actor }) => listThemes(actor)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/insight-themes',
		summary: 'Policy staff: a new theme',
		tags,
		access: 'insights.review',
		body: ThemeInput,
		status: 201,
		handler: async ({ actor, body }) => createTheme(actor, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/insight-themes/:id/archived',
		summary: 'Policy staff: archive a theme (no longer offered) or bring it back',
		tags,
		access: 'insights.review',
		params: z.object({ id: wholeNumber('error_theme_not_found') }),
		body: z.object({ archived: z.boolean({ error: 'error_malformed_request' }) }),
		handler: async ({ actor, params, body }) => setThemeArchived(actor, params.id, body.archived)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/policy-actions',
		summary: 'Coordinators and policy staff: every policy action, newest first (30 per page; cursor)',
		tags,
		access: 'active',
		query: CursorQuery,
		handler: async ({ actor, query }) => listActions(actor, query.cursor)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/policy-actions/owners',
		summary: 'Coordinators and policy staff: who may own an action (active policy staff)',
		tags,
		access: 'active',
		handler: async ({ actor }) => actionOwners(actor)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/policy-actions',
		summary: 'Policy staff: a policy action for one or more accepted insights, with an owner and a due date',
		tags,
		access: 'insights.review',
		body: ActionInput,
		status: 201,
		handler: async ({ actor, body }) => createAction(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/policy-actions/:id',
		summary: 'Coordinators and policy staff: an action with its insights and outcome',
		tags,
		access: 'active',
		params: ActionIdParam,
		handler: async ({ actor, params }) => actionDetail(actor, params.id)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/policy-actions/:id',
		summary: 'Policy staff: change an action (a new due date flags it again when overdue)',
		tags,
		access: 'insights.review',
		params: ActionIdParam,
		body: ActionInput,
		handler: async ({ actor, params, body }) => updateAction(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/policy-actions/:id/status',
		summary: 'Policy staff: planned, in progress, done, or dropped with a reason',
		tags,
		access: 'insights.review',
		params: ActionIdParam,
		body: ActionStatusInput,
		handler: async ({ actor, params, body }) => setActionStatus(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/policy-actions/:id/outcome',
		summary: 'Policy staff: write (or rewrite, until published) the outcome of a done action, in Dutch and English',
		tags,
		access: 'insights.review',
		params: ActionIdParam,
		body: OutcomeInput,
		handler: async ({ actor, params, body }) => saveOutcome(actor, { actionId: params.id }, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/insights/:id/outcome',
		summary: 'Policy staff: write (or rewrite, until published) why a declined insight was declined, for the community',
		tags,
		access: 'insights.review',
		params: IdParam,
		body: OutcomeInput,
		handler: async ({ actor, params, body }) => saveOutcome(actor, { insightId: params.id }, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/outcomes/:id/publish',
		summary: 'Policy staff: publish an outcome: a thread in "You said, we did", the outcomes page, and a notification to those whose input led to it',
		tags,
		access: 'insights.review',
		params: OutcomeIdParam,
		handler: async ({ actor, params }) => publishOutcome(actor, params.id)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/outcomes',
		summary: 'Group members and staff: the published outcomes, newest first (20 per page; cursor)',
		tags,
		access: 'active',
		query: CursorQuery,
		handler: async ({ actor, query }) => listOutcomes(actor, query.cursor)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/outcomes/:id',
		summary: 'An outcome with the insights it answers and their evidence, as far as the reader may follow it (drafts: staff only)',
		tags,
		access: 'active',
		params: OutcomeIdParam,
		handler: async ({ actor, params }) => outcomeDetail(actor, params.id)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/insights/dashboard',
		summary: "Policy staff: the dashboard's figures (insights by theme and status, the funnel, days to a decision, actions by status and owner, overdue ones)",
		tags,
		access: 'insights.review',
		handler: async ({ actor }) => dashboard(actor)
	})
];
