import { z } from 'zod';
import { plain, text } from '../text';
import { BUILT_IN_DIMENSIONS, PREFER_NOT_TO_SAY, SENSITIVE_DIMENSION } from '../../shared/board';

/**
 * Input for the person's own side of the board, shared by the API (OpenAPI is
 * generated from these) and the form actions, which turn the form's strings
 * into these types first. Which option fits which dimension is data (the
 * coordinators' own dimensions), so profiles.ts checks the answers against
 * the dimensions in use; here only their shape.
 */

const RELATIONSHIP_OPTIONS = [...BUILT_IN_DIMENSIONS.find((d) => d.key === SENSITIVE_DIMENSION)!.options, PREFER_NOT_TO_SAY] as [string, ...string[]];

const answerKey = plain('board_profile_error_option').max(40, { error: 'board_profile_error_option' });

/** Dimension key → option key. At least one: "prefer not to say" counts as an answer. */
export const BoardAnswersInput = z
	.record(answerKey, answerKey, { error: 'board_profile_error_answers' })
	.refine((a) => Object.keys(a).length > 0, { error: 'board_profile_error_answers' })
	.refine((a) => Object.keys(a).length <= 40, { error: 'board_profile_error_answers' });

const profileFields = {
	answers: BoardAnswersInput,
	/**
	 * The relationship answer (special-category data): stored only with `consent` in the same
	 * request; "prefer not to say" stores nothing (and erases a stored answer). Absent: unchanged.
	 */
	relationship: z.enum(RELATIONSHIP_OPTIONS, { error: 'board_profile_error_option' }).optional(),
	/** The box "I consent" (never ticked beforehand), for the consent text of `consentVersion`. */
	consent: z.boolean({ error: 'board_consent_error_required' }).optional(),
	/** The version of the consent text the person read (GET /api/board/me gives the text and its version). */
	consentVersion: z
		.number({ error: 'board_consent_error_version' })
		.int({ error: 'board_consent_error_version' })
		.positive({ error: 'board_consent_error_version' })
		.optional()
};

export const SaveBoardProfileInput = z.object(profileFields);
export type SaveBoardProfileInput = z.input<typeof SaveBoardProfileInput>;

export const VolunteerInput = z.object({
	motivation: text({ error: 'board_volunteer_error_motivation', max: 1000, multiline: true }),
	availability: text({ error: 'board_volunteer_error_availability', max: 300 }),
	...profileFields
});
export type VolunteerInput = z.input<typeof VolunteerInput>;

export const WithdrawVolunteeringInput = z.object({
	reason: text({ error: 'board_my_error_reason', max: 500, multiline: true }).optional()
});
export type WithdrawVolunteeringInput = z.input<typeof WithdrawVolunteeringInput>;

/**
 * A profile form's fields as the API's input: a radio group `answers.<key>`
 * per dimension, `relationship`, the consent box and the version of the text
 * shown beside it. An unticked box is absent from a form: no consent.
 */
export function profileFromForm(values: Record<string, string>): SaveBoardProfileInput {
	const answers = Object.fromEntries(
		Object.entries(values)
			.filter(([k, v]) => k.startsWith('answers.') && v !== '')
			.map(([k, v]) => [k.slice('answers.'.length), v])
	);
	return {
		answers,
		relationship: (values.relationship || undefined) as SaveBoardProfileInput['relationship'],
		consent: values.consent === 'on',
		consentVersion: values.consentVersion ? Number(values.consentVersion) : undefined
	};
}
