import { m } from '$lib/paraglide/messages';
import type { ActionStatus, EvidenceKind, InsightStatus } from '$lib/shared/insights';

/** Words for the policy loop's values, as explicit tables (src/lib/components/labels.ts says why: no message looked up by a computed name). */

export const actionStatusLabel = (s: ActionStatus): string =>
	({ planned: m.policy_action_planned, in_progress: m.policy_action_in_progress, done: m.policy_action_done, dropped: m.policy_action_dropped })[s]();

export const insightStatusLabel = (s: InsightStatus): string =>
	({
		draft: m.policy_insight_draft,
		new: m.policy_insight_new,
		under_review: m.policy_insight_under_review,
		accepted: m.policy_insight_accepted,
		declined: m.policy_insight_declined,
		merged: m.policy_insight_merged
	})[s]();

export const evidenceKindLabel = (k: EvidenceKind): string =>
	({ session_note: m.policy_evidence_session_note, survey_result: m.policy_evidence_survey_result, post_excerpt: m.policy_evidence_post_excerpt })[k]();
