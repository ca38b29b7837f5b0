import { z } from 'zod';
import { BOARD_STATUSES, BOARD_TRANSITIONS, BoardMembership, BoardMembershipEvent, type BoardStatus } from './board';
import { isoDate } from './wire';

/**
 * The coordinators' board and answering an invitation: the shapes pages, the
 * API and the live events share (the memberships part of the sounding board).
 */

/** How the coordinators' board groups people: on the board, in the pool, invited, and those whose membership ended. */
export const BOARD_LIST_GROUPS = ['active', 'pool', 'invited', 'past'] as const;
export type BoardListGroup = (typeof BOARD_LIST_GROUPS)[number];
export const BOARD_GROUP_STATUSES: Record<BoardListGroup, readonly BoardStatus[]> = {
	active: ['active'],
	pool: ['volunteer', 'candidate'],
	invited: ['invited'],
	past: ['alumni', 'declined', 'withdrawn']
};

/** A term ending within this many days is marked on the board, and coordinators are told once. */
export const TERM_NOTICE_DAYS = 30;

const cursor = z.string().max(400).optional();

export const BoardListQuery = z.object({
	group: z.enum(BOARD_LIST_GROUPS, { error: 'error_malformed_request' }).default('active'),
	cursor,
	limit: z.coerce.number().int().min(1).max(100).default(50)
});
export type BoardListQuery = z.input<typeof BoardListQuery>;

/** One person on the coordinators' board: no diversity answers here. */
export const BoardPerson = z.object({
	membershipId: z.number().int(),
	userId: z.uuid(),
	displayName: z.string(),
	status: z.enum(BOARD_STATUSES),
	motivation: z.string(),
	availability: z.string(),
	termStart: z.string().nullable(),
	termEnd: z.string().nullable(),
	/** When the membership took its current status. */
	since: isoDate,
	/** An active term that ends within TERM_NOTICE_DAYS days. */
	endingSoon: z.boolean()
});
export type BoardPerson = z.output<typeof BoardPerson>;

/** Every membership of one person, each with its history (who, when, why). */
export const BoardPersonHistory = z.object({
	person: z.object({ id: z.uuid(), displayName: z.string() }),
	memberships: z.array(BoardMembership.extend({ events: z.array(BoardMembershipEvent) }))
});
export type BoardPersonHistory = z.output<typeof BoardPersonHistory>;

/** A whole day, YYYY-MM-DD, that is a real date. */
export const dayString = (error: string) =>
	z
		.string({ error })
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error })
		.refine((s) => {
			const d = new Date(`${s}T00:00:00Z`);
			return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
		}, { error });

/** The steps a coordinator takes from the board (the table in shared/board.ts says from where). */
export const COORDINATOR_STEPS = ['candidate', 'volunteer', 'invited', 'declined', 'alumni', 'withdrawn'] as const satisfies readonly BoardStatus[];
export type CoordinatorStep = (typeof COORDINATOR_STEPS)[number];

/** The steps a coordinator may take from a status. */
export const coordinatorStepsFrom = (status: BoardStatus): CoordinatorStep[] =>
	COORDINATOR_STEPS.filter((to) => BOARD_TRANSITIONS[status][to]?.includes('coordinator'));

/** What the invited person sees: their invitation, and the term an acceptance starts. */
export const MyBoardInvitation = z.object({
	membershipId: z.number().int(),
	status: z.enum(BOARD_STATUSES),
	invitedAt: isoDate,
	/** The term an acceptance today gives. */
	termStart: z.string(),
	termEnd: z.string(),
	termMonths: z.number().int()
});
export type MyBoardInvitation = z.output<typeof MyBoardInvitation>;

export const InvitationAnswer = z.object({
	membershipId: z.number().int(),
	status: z.enum(BOARD_STATUSES),
	termStart: z.string().nullable(),
	termEnd: z.string().nullable()
});
export type InvitationAnswer = z.output<typeof InvitationAnswer>;

/** `board:membership-changed` (room `board:coordinators`): a membership took a step; no profile, no motivation. */
export interface BoardMembershipChange {
	membershipId: number;
	userId: string;
	status: BoardStatus;
}

/** `board:my-status` (the person's own room): their board membership's new status. */
export interface MyBoardStatus {
	membershipId: number;
	status: BoardStatus;
}

/** YYYY-MM-DD of a moment, in UTC (terms are whole days). */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** A day plus whole months (the last day of a shorter month when the day does not exist there). */
export function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const target = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d, last));
	return dayOf(target);
}

export const addDays = (day: string, days: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

