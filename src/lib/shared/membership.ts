import { z } from 'zod';
import { LANGUAGES } from './roles';
import { isoDate } from './wire';

/** Membership: the shapes pages and the API share. */

/** How an applicant is related to the civil servant posted abroad. */
export const RELATIONS = ['spouse', 'registered_partner', 'cohabiting_partner', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

/** The directory's regions; every country belongs to one (server: membership/countries.ts). */
export const REGIONS = ['europe', 'africa', 'middle_east', 'asia', 'americas', 'oceania'] as const;
export type Region = (typeof REGIONS)[number];

export const INVITATION_STATUSES = ['open', 'used', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The current guidelines, in the reader's language. */
export const GuidelinesView = z.object({
	version: z.number(),
	publishedAt: isoDate,
	/** Rendered, safe HTML in the asked language. */
	html: z.string(),
	/** For a signed-in person: when they accepted this version, if they did. */
	acceptedAt: isoDate.nullable()
});
export type GuidelinesView = z.output<typeof GuidelinesView>;

export const InvitationRow = z.object({
	id: z.uuid(),
	email: z.string().nullable(),
	note: z.string().nullable(),
	status: z.enum(INVITATION_STATUSES),
	createdAt: isoDate,
	expiresAt: isoDate,
	usedAt: isoDate.nullable(),
	revokedAt: isoDate.nullable(),
	createdBy: z.object({ id: z.uuid(), displayName: z.string() }),
	usedBy: z.object({ displayName: z.string(), handle: z.string().nullable() }).nullable()
});
export type InvitationRow = z.output<typeof InvitationRow>;

export const CreatedInvitation = z.object({
	invitation: InvitationRow,
	/** The secret; shown once, never stored. */
	token: z.string(),
	url: z.string()
});
export type CreatedInvitation = z.output<typeof CreatedInvitation>;

export const JoinRequestRow = z.object({
	id: z.uuid(),
	status: z.enum(JOIN_REQUEST_STATUSES),
	createdAt: isoDate,
	applicant: z.object({ id: z.uuid(), displayName: z.string(), email: z.string(), language: z.enum(LANGUAGES) }),
	postingCountry: z.string(),
	postingCity: z.string(),
	relation: z.enum(RELATIONS),
	civilServantName: z.string(),
	civilServantDepartment: z.string(),
	languages: z.array(z.string()),
	message: z.string().nullable(),
	guidelinesVersion: z.number(),
	decidedAt: isoDate.nullable(),
	decisionReason: z.string().nullable(),
	decidedBy: z.object({ displayName: z.string() }).nullable()
});
export type JoinRequestRow = z.output<typeof JoinRequestRow>;

/** The applicant's own request, for their awaiting-approval page. */
export const MyJoinRequest = z.object({
	status: z.enum(JOIN_REQUEST_STATUSES),
	createdAt: isoDate,
	decidedAt: isoDate.nullable(),
	decisionReason: z.string().nullable(),
	postingCountry: z.string(),
	postingCity: z.string()
});
export type MyJoinRequest = z.output<typeof MyJoinRequest>;

/** Where a member is posted, as others may see it. */
export const Posting = z.object({ country: z.string(), city: z.string().nullable(), region: z.enum(REGIONS).nullable() });
export type Posting = z.output<typeof Posting>;

export const MemberProfile = z.object({
	userId: z.uuid(),
	handle: z.string(),
	displayName: z.string(),
	bio: z.string(),
	languages: z.array(z.string()),
	/** Null when there is none, or its owner keeps it to themselves. */
	posting: Posting.nullable(),
	memberSince: isoDate,
	moderator: z.boolean()
});
export type MemberProfile = z.output<typeof MemberProfile>;

/** My own profile and its settings. */
export const OwnProfile = z.object({
	handle: z.string(),
	displayName: z.string(),
	bio: z.string(),
	languages: z.array(z.string()),
	postingCountry: z.string().nullable(),
	postingCity: z.string().nullable(),
	showPosting: z.boolean(),
	emailDigest: z.boolean(),
	updatedAt: isoDate.nullable()
});
export type OwnProfile = z.output<typeof OwnProfile>;

/** A member in the directory. */
export const DirectoryEntry = z.object({
	userId: z.uuid(),
	handle: z.string(),
	displayName: z.string(),
	bio: z.string(),
	languages: z.array(z.string()),
	posting: Posting
});
export type DirectoryEntry = z.output<typeof DirectoryEntry>;
