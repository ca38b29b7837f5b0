/**
 * The policy loop (src/lib/server/insights/): constants shared by the server
 * and the pages. An insight gathers evidence (a session note's highlight, a
 * survey result, a post's excerpt), goes from draft to a decision, leads to
 * policy actions, and ends in an outcome the community reads.
 */

/** draft: the coordinators' own; new: submitted for review; then a decision. merged: folded into another insight. */
export const INSIGHT_STATUSES = ['draft', 'new', 'under_review', 'accepted', 'declined', 'merged'] as const;
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];

/** The statuses a review may move an insight to, from the one it is in. */
export const REVIEW_STEPS: Record<InsightStatus, readonly InsightStatus[]> = {
	draft: [],
	new: ['under_review', 'accepted', 'declined'],
	under_review: ['accepted', 'declined'],
	accepted: [],
	declined: [],
	merged: []
};

export const EVIDENCE_KINDS = ['session_note', 'survey_result', 'post_excerpt'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The group category outcomes are posted in; made when the first outcome is published if an admin has not. */
export const OUTCOME_CATEGORY = 'you-said-we-did';

/** What an insight's history records. */
export const INSIGHT_EVENTS = ['created', 'edited', 'submitted', 'under_review', 'accepted', 'declined', 'merged', 'merged_into', 'evidence_added', 'evidence_removed'] as const;
export type InsightEventKind = (typeof INSIGHT_EVENTS)[number];

/** Longest excerpt a post may give. */
export const EXCERPT_MAX = 1_000;
