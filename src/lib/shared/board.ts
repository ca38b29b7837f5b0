import { z } from 'zod';
import { REGIONS } from './membership';
import { isoDate } from './wire';

/** The sounding board: the shapes pages, the API and the domain share. */

/**
 * A board membership's life. Open statuses (volunteer … active) are one per
 * person at a time; the others close a membership, and a person may volunteer
 * again later with a new one.
 */
export const BOARD_STATUSES = ['volunteer', 'candidate', 'invited', 'active', 'alumni', 'declined', 'withdrawn'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];
export const OPEN_BOARD_STATUSES = ['volunteer', 'candidate', 'invited', 'active'] as const satisfies readonly BoardStatus[];
export const isOpenBoardStatus = (s: BoardStatus): boolean => (OPEN_BOARD_STATUSES as readonly string[]).includes(s);

/**
 * Which status may follow which, and who may make the step: 'self' is the
 * person, 'coordinator' a coordinator, 'system' the scheduled term end.
 */
export const BOARD_TRANSITIONS: Record<BoardStatus, Partial<Record<BoardStatus, readonly ('self' | 'coordinator' | 'system')[]>>> = {
	volunteer: { candidate: ['coordinator'], invited: ['coordinator'], withdrawn: ['self', 'coordinator'] },
	candidate: { volunteer: ['coordinator'], invited: ['coordinator'], withdrawn: ['self', 'coordinator'] },
	invited: { active: ['self'], declined: ['self', 'coordinator'], withdrawn: ['self', 'coordinator'] },
	active: { alumni: ['coordinator', 'system'], withdrawn: ['self', 'coordinator'] },
	alumni: {},
	declined: {},
	withdrawn: {}
};

export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';

/**
 * The built-in dimensions of the diversity profile (from the 2013 survey in the
 * seed). Coordinators add more as data (board_dimensions). `relationship`
 * reveals sexual orientation (GDPR art. 9): stored encrypted, only after
 * recorded consent. `region` is never asked: it follows the posting country.
 */
export const BUILT_IN_DIMENSIONS = [
	{ key: 'work', options: ['paid_job', 'own_business', 'neither'], sensitive: false, derived: false },
	{ key: 'children', options: ['yes', 'no'], sensitive: false, derived: false },
	{ key: 'relationship', options: ['same_sex', 'other_sex'], sensitive: true, derived: false },
	{ key: 'language', options: ['dutch', 'other'], sensitive: false, derived: false },
	{ key: 'region', options: [...REGIONS], sensitive: false, derived: true }
] as const;
export type BuiltInDimensionKey = (typeof BUILT_IN_DIMENSIONS)[number]['key'];
export const SENSITIVE_DIMENSION = 'relationship';

const key = z
	.string()
	.trim()
	.min(1)
	.max(40)
	.regex(/^[a-z][a-z0-9_]*$/, 'error_board_key_format');

/** A dimension as pages show it: labels in the reader's language. Built-in labels come from the messages. */
export const BoardDimension = z.object({
	key,
	label: z.string(),
	builtIn: z.boolean(),
	sensitive: z.boolean(),
	derived: z.boolean(),
	/** Every option, "prefer not to say" last (always present, never for a derived dimension). */
	options: z.array(z.object({ key, label: z.string() }))
});
export type BoardDimension = z.output<typeof BoardDimension>;

/** A coordinator's own dimension, in both languages. */
export const CustomDimensionInput = z.object({
	key,
	labelNl: z.string().trim().min(1).max(80),
	labelEn: z.string().trim().min(1).max(80),
	options: z
		.array(z.object({ key, labelNl: z.string().trim().min(1).max(80), labelEn: z.string().trim().min(1).max(80) }))
		.min(2)
		.max(12)
});
export type CustomDimensionInput = z.input<typeof CustomDimensionInput>;

/** A person's answers: dimension key → option key (or prefer_not_to_say). */
export const BoardAnswers = z.record(z.string(), z.string());
export type BoardAnswers = z.output<typeof BoardAnswers>;

export const BoardMembershipEvent = z.object({
	at: isoDate,
	from: z.enum(BOARD_STATUSES).nullable(),
	to: z.enum(BOARD_STATUSES),
	/** Null for the platform's own scheduled step (a term that ended). */
	by: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
	reason: z.string().nullable()
});
export type BoardMembershipEvent = z.output<typeof BoardMembershipEvent>;

export const BoardMembership = z.object({
	id: z.number().int(),
	userId: z.uuid(),
	status: z.enum(BOARD_STATUSES),
	motivation: z.string(),
	availability: z.string(),
	/** ISO dates (YYYY-MM-DD): a term is whole days. */
	termStart: z.string().nullable(),
	termEnd: z.string().nullable(),
	createdAt: isoDate,
	updatedAt: isoDate
});
export type BoardMembership = z.output<typeof BoardMembership>;

/** The consent text for the relationship answer: its version is recorded with every consent. */
export const CONSENT_VERSION = 1;
export const CONSENT_METHODS = ['web_form', 'api'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
