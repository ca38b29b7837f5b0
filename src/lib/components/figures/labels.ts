import { m } from '$lib/paraglide/messages';
import { regionLabel } from '$lib/membership/labels';
import { REGION_UNKNOWN, type Attendance } from '$lib/shared/insights-figures';
import type { ActionStatus, InsightStatus } from '$lib/shared/insights';
import type { InviteeKind } from '$lib/shared/meetings';

/** Words for the annual figures' rows, as explicit tables (src/lib/components/labels.ts says why: no message looked up by a computed name). */

export const figuresRegionLabel = (key: string): string => (key === REGION_UNKNOWN ? m.figures_region_unknown() : regionLabel(key));

export const figuresInsightStatus = (s: Exclude<InsightStatus, 'draft'>): string =>
	({
		new: m.figures_insight_new,
		under_review: m.figures_insight_under_review,
		accepted: m.figures_insight_accepted,
		declined: m.figures_insight_declined,
		merged: m.figures_insight_merged
	})[s]();

export const figuresActionStatus = (s: ActionStatus): string =>
	({ planned: m.figures_action_planned, in_progress: m.figures_action_in_progress, done: m.figures_action_done, dropped: m.figures_action_dropped })[s]();

export const attendanceRows = (): Record<InviteeKind, string> => ({ board: m.figures_attendance_board(), guest: m.figures_attendance_guest() });
export const attendanceColumns = (): Record<Attendance, string> => ({ attended: m.figures_attendance_attended(), absent: m.figures_attendance_absent() });
