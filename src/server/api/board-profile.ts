import { defineRoute, type RouteSpec } from '../http/route';
import { myBoard, saveProfile, volunteer, withdrawConsent, withdrawVolunteering } from '../../lib/server/board/profiles';
import { SaveBoardProfileInput, VolunteerInput, WithdrawVolunteeringInput } from '../../lib/server/board/profile-schemas';
import { MyBoard } from '../../lib/shared/board-profile';

/**
 * The board's API: volunteering and the diversity profile with consent, the
 * person's own only (a coordinator's view of one person is in board-memberships).
 * A consent given here is recorded as given through the API.
 */
export const boardProfileRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/board/me',
		summary: 'Your sounding-board page: your volunteering or membership and its history, your diversity profile (your relationship answer only to you), consent state, the questions and the consent text with its version',
		tags: ['board'],
		access: 'board.volunteer',
		response: MyBoard,
		handler: async ({ actor, locale }) => myBoard(actor, locale)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/me/volunteer',
		summary: 'Volunteer for the sounding board, with your profile. The relationship answer is stored only with consent: true and the consentVersion you read (400 naming consent otherwise). One open membership per person (409)',
		tags: ['board'],
		access: 'board.volunteer',
		body: VolunteerInput,
		status: 201,
		response: MyBoard,
		handler: async ({ actor, body, locale }) => volunteer(actor, body, { locale, via: 'api' })
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/board/me/profile',
		summary: 'Replace your diversity profile. Changing the relationship answer needs consent: true and the current consentVersion in the same request, every time; "prefer_not_to_say" erases it; leaving it out keeps it',
		tags: ['board'],
		access: 'board.volunteer',
		body: SaveBoardProfileInput,
		response: MyBoard,
		handler: async ({ actor, body, locale }) => saveProfile(actor, body, { locale, via: 'api' })
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/board/me/consent',
		summary: 'Withdraw your consent: your relationship answer is erased at once and the withdrawal recorded (asking again changes nothing)',
		tags: ['board'],
		access: 'board.volunteer',
		response: MyBoard,
		handler: async ({ actor, locale }) => withdrawConsent(actor, { locale, via: 'api' })
	}),
	defineRoute({
		method: 'POST',
		url: '/api/board/me/withdraw',
		summary: 'Withdraw your volunteering, or step down as a member, with an optional reason (with nothing open, nothing changes)',
		tags: ['board'],
		access: 'board.volunteer',
		body: WithdrawVolunteeringInput,
		response: MyBoard,
		handler: async ({ actor, body, locale }) => withdrawVolunteering(actor, body, locale)
	})
];
