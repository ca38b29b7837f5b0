import { z } from 'zod';
import { email } from '../auth/schemas';
import { PASSWORD_MAX, passwordProblem } from '../auth/password';
import { displayName, language } from '../accounts/schemas';
import { JOIN_REQUEST_STATUSES, REGIONS, RELATIONS } from '../../shared/membership';
import { isCountryCode, SPOKEN_LANGUAGES } from './countries';
import { plain, text } from '../text';

export { text };

/**
 * Input schemas for membership, shared by the API (which documents them in
 * OpenAPI) and the form actions. They are strict about types, as JSON is:
 * the form actions turn their strings into numbers and booleans, and empty
 * fields into "absent", before they validate. Errors are message keys.
 */

export const countryCode = z.string({ error: 'error_posting_country' }).refine(isCountryCode, { error: 'error_posting_country' });

const spokenLanguages = z
	.array(z.enum(SPOKEN_LANGUAGES, { error: 'error_spoken_language' }), { error: 'error_spoken_language' })
	.max(12, { error: 'error_spoken_languages_max' })
	.transform((l) => [...new Set(l)]);

// Passwords are exempt from the text rule: hashed, never stored or shown, and any character may be part of one.
const newPassword = z
	.string({ error: 'error_password_too_short' })
	.max(PASSWORD_MAX * 4, { error: 'error_password_too_long' })
	// Checked with the other fields, so a form lists it with them (the domain checks it again, with the email).
	.superRefine((password, ctx) => {
		const problem = passwordProblem(password);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});

const guidelinesAccepted = {
	acceptGuidelines: z.literal(true, { error: 'error_guidelines_not_accepted' }),
	/** The version the person read; a newer one published meanwhile must be read first. */
	guidelinesVersion: z.number({ error: 'error_guidelines_changed' }).int({ error: 'error_guidelines_changed' }).positive({ error: 'error_guidelines_changed' })
};

const account = { email, password: newPassword, displayName, language: language.optional() };

export const InvitationToken = z.object({
	token: z.string({ error: 'error_invitation_invalid' }).regex(/^[a-z2-7]{20,64}$/, { error: 'error_invitation_invalid' })
});

export const RegisterWithInvitationInput = z.object({ ...account, ...guidelinesAccepted });
export type RegisterWithInvitationInput = z.infer<typeof RegisterWithInvitationInput>;

export const JoinRequestInput = z.object({
	...account,
	postingCountry: countryCode,
	postingCity: text({ error: 'error_city', max: 100 }),
	relation: z.enum(RELATIONS, { error: 'error_relation' }),
	civilServantName: text({ error: 'error_civil_servant_name', min: 2, max: 120 }),
	civilServantDepartment: text({ error: 'error_department', min: 2, max: 160 }),
	languages: spokenLanguages.refine((l) => l.length > 0, { error: 'error_spoken_languages_required' }),
	message: text({ error: 'error_message_too_long', max: 1000, multiline: true }).optional(),
	...guidelinesAccepted
});
export type JoinRequestInput = z.infer<typeof JoinRequestInput>;

export const CreateInvitationInput = z.object({
	/** When given, only this address may register with the link, and it is emailed there. */
	email: email.optional(),
	note: text({ error: 'error_note_too_long', max: 500 }).optional(),
	expiresInDays: z
		.number({ error: 'error_invitation_days' })
		.int({ error: 'error_invitation_days' })
		.min(1, { error: 'error_invitation_days' })
		.max(90, { error: 'error_invitation_days' })
		.default(14)
});
export type CreateInvitationInput = z.input<typeof CreateInvitationInput>;

export const DECISIONS = ['approve', 'decline'] as const;
export const DecideJoinRequestInput = z
	.object({
		decision: z.enum(DECISIONS, { error: 'error_decision' }),
		reason: text({ error: 'error_reason_too_long', max: 1000, multiline: true }).optional(),
		/** Decided from the moderators' queue: refused if another moderator handled that item first. */
		caseId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: 'error_case_not_found' }).int({ error: 'error_case_not_found' }).positive({ error: 'error_case_not_found' }).max(Number.MAX_SAFE_INTEGER, { error: 'error_case_not_found' }).optional())
	})
	.refine((v) => v.decision === 'approve' || v.reason, { error: 'error_join_decline_reason', path: ['reason'] });
export type DecideJoinRequestInput = z.infer<typeof DecideJoinRequestInput>;

/** A partial update; null (or '' for the city) clears the posting. */
export const UpdateMemberProfileInput = z
	.object({
		bio: text({ error: 'error_bio_too_long', max: 500, multiline: true, allowEmpty: true }),
		languages: spokenLanguages,
		postingCountry: countryCode.nullable(),
		postingCity: text({ error: 'error_city', max: 100, allowEmpty: true })
			.nullable()
			.transform((v) => v || null),
		showPosting: z.boolean({ error: 'error_boolean' }),
		emailDigest: z.boolean({ error: 'error_boolean' })
	})
	.partial()
	.refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'error_nothing_to_change' });
export type UpdateMemberProfileInput = z.input<typeof UpdateMemberProfileInput>;

/** Query strings: unknown parameters are refused, so a typo is not silently ignored. */
const strictQuery = { error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? 'error_unknown_parameter' : undefined) };
const cursor = plain('error_cursor').max(300, { error: 'error_cursor' }).optional();
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const DirectoryQuery = z.strictObject(
	{
		country: countryCode.optional(),
		region: z.enum(REGIONS, { error: 'error_region' }).optional(),
		language: z.enum(SPOKEN_LANGUAGES, { error: 'error_spoken_language' }).optional(),
		cursor,
		limit: limit(100, 24)
	},
	strictQuery
);
export type DirectoryQuery = z.input<typeof DirectoryQuery>;

export const ListJoinRequestsQuery = z.strictObject(
	{
		status: z.enum(JOIN_REQUEST_STATUSES, { error: 'error_status' }).default('pending'),
		cursor,
		limit: limit(100, 20)
	},
	strictQuery
);
export type ListJoinRequestsQuery = z.input<typeof ListJoinRequestsQuery>;

export const ListInvitationsQuery = z.strictObject({ cursor, limit: limit(100, 25) }, strictQuery);
export type ListInvitationsQuery = z.input<typeof ListInvitationsQuery>;

export const IdParam = z.object({ id: z.uuid({ error: 'error_not_found' }) });
export const HandleParam = z.object({
	handle: z.string({ error: 'error_member_not_found' }).regex(/^[a-z0-9-]{1,40}$/, { error: 'error_member_not_found' })
});

export const AcceptGuidelinesInput = z.object({
	version: z.number({ error: 'error_guidelines_changed' }).int({ error: 'error_guidelines_changed' }).positive({ error: 'error_guidelines_changed' })
});

export const PublishGuidelinesInput = z.object({
	bodyNl: text({ error: 'error_guidelines_body', min: 50, max: 20_000, multiline: true }),
	bodyEn: text({ error: 'error_guidelines_body', min: 50, max: 20_000, multiline: true })
});
export type PublishGuidelinesInput = z.infer<typeof PublishGuidelinesInput>;
