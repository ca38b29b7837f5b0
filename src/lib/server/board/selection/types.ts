// Shapes of the fair-selection module. Pure data: no strings for people to read (the pages word
// every reason from its `kind` and numbers), no database rows.

/** A volunteer's answer per dimension: dimension key → option key ('prefer_not_to_say' is an option like any other). */
export type Features = Readonly<Record<string, string>>;

export interface Volunteer {
	id: string;
	features: Features;
}

/** Seats with `option` in `dimension` must number between min and max (inclusive), counted over the whole panel, kept members included. */
export interface Quota {
	dimension: string;
	option: string;
	min: number;
	max: number;
}

export interface SelectionInput {
	/** Everyone who can hold a seat: the volunteers and the members in `keep`. */
	pool: readonly Volunteer[];
	seats: number;
	/** Current members who keep their seat: in every panel, counted towards the quotas. Must be in the pool. */
	keep?: readonly string[];
	quotas: readonly Quota[];
}

export type QuotaBound = 'min' | 'max';

/** Reasons found without a solver: malformed input, or a count that rules every panel out on its own. */
export type SelectionIssue =
	| { kind: 'seats_invalid'; seats: number }
	| { kind: 'duplicate_volunteer'; id: string }
	| { kind: 'unknown_kept'; id: string }
	| { kind: 'quota_invalid'; dimension: string; option: string; min: number; max: number }
	| { kind: 'duplicate_quota'; dimension: string; option: string }
	| { kind: 'pool_too_small'; available: number; seats: number }
	| { kind: 'kept_exceeds_seats'; kept: number; seats: number }
	/** Fewer people in the pool have this option than the quota's minimum. */
	| { kind: 'min_exceeds_available'; dimension: string; option: string; min: number; available: number }
	/** More kept members have this option than the quota's maximum. */
	| { kind: 'kept_exceeds_max'; dimension: string; option: string; max: number; kept: number }
	/** The minimums of one dimension add up to more seats than there are. */
	| { kind: 'mins_exceed_seats'; dimension: string; sumOfMins: number; seats: number }
	/** Even filling every option of the dimension up to its maximum (or its availability) leaves seats empty. */
	| { kind: 'maxes_below_seats'; dimension: string; capacity: number; seats: number };

/** One quota bound that had to give way, and by how many seats. */
export interface QuotaSlack {
	dimension: string;
	option: string;
	bound: QuotaBound;
	/** The bound as asked (the quota's min or max). */
	limit: number;
	by: number;
}

/** A member of a smallest set of quota bounds that cannot all hold together (with the seat count and kept members). */
export interface ConflictMember {
	dimension: string;
	option: string;
	bound: QuotaBound;
	limit: number;
	/** Seats by which relaxing this bound alone makes the quotas feasible; null when relaxing it alone is not enough. */
	relaxBy: number | null;
}

export interface Feasibility {
	feasible: boolean;
	/** Input problems and simple counting checks; any entry means not feasible. */
	issues: SelectionIssue[];
	/** The least total relaxation that makes the quotas feasible (empty when feasible or when the seat count itself cannot be met). */
	relaxation: QuotaSlack[];
	/** An irreducible set of quota bounds in conflict: drop any one and the rest can be met. */
	conflict: ConflictMember[];
}

export type VolunteerStatus = 'kept' | 'selectable' | 'unreachable';

export interface LotteryPanel {
	/** Member ids, sorted. */
	members: string[];
	/** Integer share of `LOTTERY_WEIGHT_TOTAL`; what the draw uses. */
	weight: number;
	probability: number;
}

export interface LotteryVolunteer {
	id: string;
	status: VolunteerStatus;
	/** Sum of the weights of the panels this person is in (an integer share of `LOTTERY_WEIGHT_TOTAL`). */
	weight: number;
	probability: number;
}

export interface Lottery {
	/** sha-256 of the canonical input (pool, seats, keep, quotas): ties a draw to what it was drawn from. */
	fingerprint: string;
	seats: number;
	/** Panels with a non-zero probability, sorted by their member lists. */
	panels: LotteryPanel[];
	/** Everyone in the pool, sorted by id. */
	volunteers: LotteryVolunteer[];
	/** Volunteers who are in no panel that meets the quotas (excluded from the maximin), sorted. */
	unreachable: string[];
	/** The least selection probability among selectable volunteers (1 when none are). */
	minProbability: number;
	/** Proven upper bound on the best possible minimum; `upperBound - minProbability` is the remaining gap. */
	upperBound: number;
	/** Column-generation rounds (pricing problems solved after the initial panels). */
	iterations: number;
	/** Panels generated in all (including those that got probability 0). */
	panelsGenerated: number;
	/** False when the iteration cap stopped the search before the gap closed to the tolerance. */
	converged: boolean;
}

export type LotteryResult = { ok: true; lottery: Lottery } | { ok: false; feasibility: Feasibility };

export interface Draw {
	fingerprint: string;
	seed: string;
	/** Index into `lottery.panels`. */
	panelIndex: number;
	/** The uniform integer in [0, LOTTERY_WEIGHT_TOTAL) that chose the panel: lets anyone redo the draw by hand. */
	ticket: number;
	/** Selected ids, sorted. */
	members: string[];
}

export interface Alternate {
	id: string;
	features: Features;
	probability: number;
	/** Panel members this person could replace with every quota still met, sorted. */
	canReplace: string[];
}
