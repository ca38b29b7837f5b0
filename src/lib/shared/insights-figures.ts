import type { CompositionDimension } from './board-composition';
import type { ActionStatus, InsightStatus } from './insights';
import type { CrossFigures, OneWayFigures } from './statistics';
import type { Bilingual } from './surveys';

/**
 * The annual figures (src/lib/server/insights/figures.ts): what a ministry's
 * annual report prints about the platform for one calendar year (UTC).
 * Browser-safe shapes; every figure about people in groups is a suppressed
 * table (shared/statistics.ts), which carries no hidden number.
 */

/** Members without a posting region in their profile. */
export const REGION_UNKNOWN = 'unknown';

/** The attendance table's columns. */
export const ATTENDANCE = ['attended', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export interface AnnualFigures {
	year: number;
	/** The period counted: from the first instant of the year up to its end, or up to now in the current year. */
	from: Date;
	until: Date;
	/** False while the year is still running: the figures are "so far". */
	complete: boolean;
	/** When these were counted: statuses (of insights, actions) are as they stand then. */
	countedAt: Date;
	/** The small-cell threshold every table here was suppressed with. */
	k: number;
	members: {
		/** Members at the end of the period, by posting region (REGION_UNKNOWN last). */
		byRegion: OneWayFigures;
		joined: number;
		left: number;
	};
	activity: { threads: number; replies: number; activeMembers: number };
	board: {
		/** The board at the end of the period, suppressed as on the composition page (without targets). */
		composition: CompositionDimension[];
		sessions: number;
		/** Recorded attendance at the sessions held, by invitee kind (board, guest) × ATTENDANCE. */
		attendance: CrossFigures;
	};
	surveys: {
		closed: number;
		/** Each survey that closed in the period: the people asked, split into who responded and who did not. */
		list: { id: number; title: Bilingual; closesAt: Date; asked: OneWayFigures }[];
	};
	insights: {
		/** Insights submitted for review in the period, by their status now. */
		submitted: number;
		byStatus: { status: Exclude<InsightStatus, 'draft'>; count: number }[];
		/** The same insights by theme (one insight may have several; merged ones count in the insight they joined). */
		byTheme: { themeId: number | null; name: Bilingual | null; count: number }[];
	};
	actions: {
		/** Policy actions created in the period, by their status now. */
		created: number;
		byStatus: { status: ActionStatus; count: number }[];
		/** Actions finished (done) in the period, whenever they were created. */
		done: number;
	};
	outcomes: { published: number; list: { id: number; title: Bilingual; publishedAt: Date }[] };
}
