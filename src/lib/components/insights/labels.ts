import { m } from '$lib/paraglide/messages';
import type { ActionStatus, EvidenceKind, InsightEventKind, InsightStatus } from '$lib/shared/insights';

/** Words for the policy loop's values, as explicit tables (src/lib/components/labels.ts says why: no message looked up by a computed name). */

export const insightStatusLabel = (s: InsightStatus): string =>
	({
		draft: m.insights_status_draft,
		new: m.insights_status_new,
		under_review: m.insights_status_under_review,
		accepted: m.insights_status_accepted,
		declined: m.insights_status_declined,
		merged: m.insights_status_merged
	})[s]();

export const evidenceKindLabel = (k: EvidenceKind): string =>
	({ session_note: m.insights_kind_session_note, survey_result: m.insights_kind_survey_result, post_excerpt: m.insights_kind_post_excerpt })[k]();

/** What a line of the history says happened; merges name the other insight beside it. */
export const insightEventLabel = (k: InsightEventKind): string =>
	({
		created: m.insights_event_created,
		edited: m.insights_event_edited,
		submitted: m.insights_event_submitted,
		under_review: m.insights_event_under_review,
		accepted: m.insights_event_accepted,
		declined: m.insights_event_declined,
		merged: m.insights_event_merged,
		merged_into: m.insights_event_merged_into,
		evidence_added: m.insights_event_evidence_added,
		evidence_removed: m.insights_event_evidence_removed
	})[k]();

/** A theme, or anything else kept in both languages, in the reader's. */
export const inLanguage = (locale: string, nl: string, en: string): string => (locale === 'en' ? en : nl);

export const actionStatusLabel = (s: ActionStatus): string =>
	({ planned: m.insights_action_planned, in_progress: m.insights_action_in_progress, done: m.insights_action_done, dropped: m.insights_action_dropped })[s]();
