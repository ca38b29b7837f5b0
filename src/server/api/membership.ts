import { z } from 'zod';
import { defineRoute } from '../http/route';
import { clearedCookieHeader } from '../../lib/server/auth/cookie';
import { DomainError } from '../../lib/server/errors';
import { acceptCurrentGuidelines, publishGuidelines, viewGuidelines } from '../../lib/server/membership/guidelines';
import { checkInvitation, createInvitation, listInvitations, registerWithInvitation, revokeInvitation } from '../../lib/server/membership/invitations';
import {
	decideJoinRequest,
	getJoinRequest,
	listJoinRequests,
	myJoinRequest,
	submitJoinRequest,
	withdrawJoinRequest
} from '../../lib/server/membership/join-requests';
import { getMemberProfile, getMyProfile, updateMyProfile } from '../../lib/server/membership/profiles';
import { listDirectory } from '../../lib/server/membership/directory';
import {
	AcceptGuidelinesInput,
	CreateInvitationInput,
	DecideJoinRequestInput,
	DirectoryQuery,
	HandleParam,
	IdParam,
	InvitationToken,
	JoinRequestInput,
	ListInvitationsQuery,
	ListJoinRequestsQuery,
	PublishGuidelinesInput,
	RegisterWithInvitationInput,
	UpdateMemberProfileInput
} from '../../lib/server/membership/schemas';
import {
	CreatedInvitation,
	DirectoryEntry,
	GuidelinesView,
	InvitationRow,
	JoinRequestRow,
	MemberProfile,
	MyJoinRequest,
	OwnProfile
} from '../../lib/shared/membership';
import { isoDate, pageOf } from '../../lib/shared/wire';

/**
 * The answer to both public ways in, the same whether or not the address has
 * an account (its owner is told by email instead); the person then logs in.
 */
const Received = z.object({ status: z.literal('received') });
const RECEIVED = { status: 'received' } as const;

export const membershipRoutes = (secure: boolean) => [
	defineRoute({
		method: 'GET',
		url: '/api/guidelines',
		summary: 'The current community guidelines, rendered in the reader\'s language (public: applicants read them first)',
		tags: ['membership'],
		access: 'public',
		response: GuidelinesView,
		handler: async ({ actor, locale }) => {
			const g = await viewGuidelines(actor, locale);
			if (!g) throw new DomainError('not_found', 'error_no_guidelines');
			return g;
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/guidelines',
		summary: 'Publish a new version of the guidelines (Markdown, Dutch and English)',
		tags: ['membership'],
		access: 'admin.settings',
		body: PublishGuidelinesInput,
		status: 201,
		response: z.object({ version: z.number(), publishedAt: isoDate }),
		handler: async ({ actor, body }) => {
			const g = await publishGuidelines(actor, body);
			return { version: g.version, publishedAt: g.publishedAt };
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/guidelines/accept',
		summary: 'Accept the current version of the guidelines',
		tags: ['membership'],
		access: 'active',
		body: AcceptGuidelinesInput,
		response: z.object({ version: z.number(), acceptedAt: isoDate }),
		handler: async ({ actor, body }) => acceptCurrentGuidelines(actor, body.version)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/invitations',
		summary: 'Invitations with their status, newest first, by cursor',
		tags: ['membership'],
		access: 'invitations.manage',
		query: ListInvitationsQuery,
		response: pageOf(InvitationRow),
		handler: async ({ actor, query }) => listInvitations(actor, query)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/invitations',
		summary: 'Create a single-use invitation link (optionally bound to one address, which is then emailed); the link is in this answer only',
		tags: ['membership'],
		access: 'invitations.manage',
		body: CreateInvitationInput,
		status: 201,
		response: CreatedInvitation,
		handler: async ({ actor, body }) => createInvitation(actor, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/invitations/:id/revoke',
		summary: 'Revoke an unused invitation',
		tags: ['membership'],
		access: 'invitations.manage',
		params: IdParam,
		response: InvitationRow,
		handler: async ({ actor, params }) => revokeInvitation(actor, params.id)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/invite/:token',
		summary: 'Whether an invitation link can be used, and for which address',
		tags: ['membership'],
		access: 'public',
		params: InvitationToken,
		response: z.object({ email: z.string().nullable(), expiresAt: isoDate }),
		handler: async ({ params }) => checkInvitation(params.token)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/invite/:token',
		summary: 'Register through an invitation: an active member at once, told by email, then logs in. Uses up the link; answers alike whether or not the address has an account (the owner is emailed)',
		tags: ['membership'],
		access: 'public',
		params: InvitationToken,
		body: RegisterWithInvitationInput,
		status: 202,
		response: Received,
		handler: async ({ actor, params, body, locale }) => {
			await registerWithInvitation(actor, params.token, { ...body, language: body.language ?? locale });
			return RECEIVED;
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/join-requests',
		summary: 'Request to join: an account awaiting approval, with the membership questions answered; a receipt by email, then the person logs in. Answers alike whether or not the address has an account (the owner is emailed); limited per address and overall (429)',
		tags: ['membership'],
		access: 'public',
		body: JoinRequestInput,
		status: 202,
		response: Received,
		handler: async ({ actor, body, locale }) => {
			await submitJoinRequest(actor, { ...body, language: body.language ?? locale });
			return RECEIVED;
		}
	}),
	defineRoute({
		method: 'GET',
		url: '/api/join-requests',
		summary: 'Join requests with their answers: pending oldest first, decided newest first',
		tags: ['membership'],
		access: 'joinRequests.decide',
		query: ListJoinRequestsQuery,
		response: pageOf(JoinRequestRow),
		handler: async ({ actor, query }) => listJoinRequests(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/join-requests/:id',
		summary: 'One join request with its answers',
		tags: ['membership'],
		access: 'joinRequests.decide',
		params: IdParam,
		response: JoinRequestRow,
		handler: async ({ actor, params }) => getJoinRequest(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/join-requests/:id/decision',
		summary: 'Approve or decline a join request (a reason is required to decline); the person is told in the app and by email',
		tags: ['membership'],
		access: 'joinRequests.decide',
		params: IdParam,
		body: DecideJoinRequestInput,
		response: JoinRequestRow,
		handler: async ({ actor, params, body }) => decideJoinRequest(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/me/join-request',
		summary: 'My own join request and its decision, if any',
		tags: ['membership'],
		access: 'session',
		response: z.object({ joinRequest: MyJoinRequest.nullable() }),
		handler: async ({ actor }) => ({ joinRequest: await myJoinRequest(actor) })
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/me/join-request',
		summary: 'Withdraw my join request: deletes my account and answers (only before admission)',
		tags: ['membership'],
		access: 'session',
		status: 204,
		handler: async ({ actor, reply }) => {
			await withdrawJoinRequest(actor);
			reply.header('set-cookie', clearedCookieHeader('session', secure));
		}
	}),
	defineRoute({
		method: 'GET',
		url: '/api/me/profile',
		summary: 'My member profile and its settings',
		tags: ['membership'],
		access: 'group.participate',
		response: OwnProfile,
		handler: async ({ actor }) => getMyProfile(actor)
	}),
	defineRoute({
		method: 'PATCH',
		url: '/api/me/profile',
		summary: 'Change my bio, languages, posting, whether others see my posting, or the daily digest',
		tags: ['membership'],
		access: 'group.participate',
		body: UpdateMemberProfileInput,
		response: OwnProfile,
		handler: async ({ actor, body }) => updateMyProfile(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/members',
		summary: 'The member directory: members who show their posting, by country, region or language, by cursor',
		tags: ['membership'],
		access: 'group.participate',
		query: DirectoryQuery,
		response: pageOf(DirectoryEntry),
		handler: async ({ actor, query }) => listDirectory(actor, query)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/members/:handle',
		summary: "A member's profile",
		tags: ['membership'],
		access: 'group.participate',
		params: HandleParam,
		response: MemberProfile,
		handler: async ({ actor, params }) => getMemberProfile(actor, params.handle)
	})
];
