import { z } from 'zod';
import { BOARD_STATUSES } from './board';
import { isoDate } from './wire';

/**
 * Fair selection from the volunteers (the selection part of the sounding
 * board): the shapes pages, the API and the domain share. A quota is counted
 * over the whole panel, kept members included; a quota's feasibility answer is
 * worded on the server (each `text` is a sentence in the reader's language).
 */

export const MAX_SELECTION_SEATS = 100;
/** One quota bound in a conflict or a relaxation, with its labels and a sentence. */
export const QuotaBoundView = z.object({
	dimension: z.string(),
	option: z.string(),
	bound: z.enum(['min', 'max']),
	limit: z.number().int(),
	/** Seats: the least change to this bound (relaxation), or the change that would do alone (conflict; null when it alone cannot). */
	by: z.number().int().nullable(),
	text: z.string()
});
export type QuotaBoundView = z.output<typeof QuotaBoundView>;

export const FeasibilityView = z.object({
	feasible: z.boolean(),
	/** Volunteers (and shortlisted candidates) in the pool, and kept members, at the time of the check. */
	volunteers: z.number().int(),
	kept: z.number().int(),
	/** Counting problems, each a sentence. */
	problems: z.array(z.string()),
	/** The least change to the quotas that makes them possible. */
	relaxation: z.array(QuotaBoundView),
	/** Bounds that cannot all hold together: drop any one and the rest can. */
	conflict: z.array(QuotaBoundView)
});
export type FeasibilityView = z.output<typeof FeasibilityView>;

export const SelectionRunResult = z.discriminatedUnion('ok', [
	z.object({ ok: z.literal(true), id: z.number().int(), seed: z.string(), converged: z.boolean() }),
	z.object({ ok: z.literal(false), feasibility: FeasibilityView })
]);
export type SelectionRunResult = z.output<typeof SelectionRunResult>;

const person = { userId: z.uuid(), displayName: z.string().nullable() };
/** Where the person stands now (null: no open membership any more, e.g. the account is gone). */
const standing = z.enum(BOARD_STATUSES).nullable();

export const SelectionView = z.object({
	id: z.number().int(),
	seats: z.number().int(),
	seed: z.string(),
	/** sha-256 of the pool, seats, kept members and quotas: ties the draw to what it was drawn from. */
	fingerprint: z.string().nullable(),
	/** The number in [0, 10^9) the seed gave, which picked the panel. */
	ticket: z.number().int().nullable(),
	converged: z.boolean().nullable(),
	minProbability: z.number().nullable(),
	createdAt: isoDate,
	createdBy: z.string().nullable(),
	invitedAt: isoDate.nullable(),
	quotas: z.array(z.object({ dimension: z.string(), option: z.string(), min: z.number().int(), max: z.number().int(), dimensionLabel: z.string(), optionLabel: z.string() })),
	selected: z.array(z.object({ ...person, probability: z.number(), kept: z.boolean(), status: standing, invitedByThis: z.boolean() })),
	alternates: z.array(z.object({ ...person, probability: z.number(), status: standing, invitedByThis: z.boolean() })),
	/** Everyone in the pool with their chance of selection, most likely first. */
	volunteers: z.array(z.object({ ...person, probability: z.number(), kept: z.boolean() })),
	/** Seats left open by declines (and withdrawals) that no alternate has been invited for yet. */
	openSeats: z.number().int(),
	/** Those this draw invited who declined or withdrew. */
	declined: z.array(z.object(person))
});
export type SelectionView = z.output<typeof SelectionView>;

export const SelectionSummary = z.object({
	id: z.number().int(),
	seats: z.number().int(),
	volunteers: z.number().int(),
	seed: z.string(),
	createdAt: isoDate,
	createdBy: z.string().nullable(),
	invitedAt: isoDate.nullable()
});
export type SelectionSummary = z.output<typeof SelectionSummary>;

export const InviteResult = z.object({ invited: z.number().int(), skipped: z.number().int(), already: z.boolean() });
export type InviteResult = z.output<typeof InviteResult>;

export const AlternateResult = z.object({ userId: z.uuid(), displayName: z.string() });
export type AlternateResult = z.output<typeof AlternateResult>;

export const RerunResult = z.object({ samePanel: z.boolean(), sameAlternates: z.boolean(), fingerprint: z.string(), selected: z.array(z.string()) });
export type RerunResult = z.output<typeof RerunResult>;

/** A pool member on the form: current members who may keep their seats. */
export interface KeepCandidate {
	userId: string;
	displayName: string;
	termEnd: string | null;
}
