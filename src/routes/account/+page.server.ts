import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changePassword, endSession, listSessions, updateProfile } from '$lib/server/accounts/account';
import { ChangePasswordInput, SessionHandle, UpdateProfileInput } from '$lib/server/accounts/schemas';
import { logoutEverywhere } from '$lib/server/auth/login';
import { clearCookie, formAction, formValues, pageGuard, parseWith, setCookie } from '$lib/server/kit';
import { hasBoardSessions } from '$lib/server/meetings/calendar-feed';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'session');
	const sessions = await listSessions(actor);
	return {
		profile: { displayName: actor.user.displayName, email: actor.user.email, language: actor.user.language, timeZone: actor.user.timeZone },
		sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
		// The way to one's calendar feed, for whoever has board sessions (the board, and guests invited to one).
		calendar: actor.user.status === 'active' && (await hasBoardSessions(actor))
	};
};


export const actions: Actions = {
	profile: async (event) => {
		const actor = pageGuard(event, 'session');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const input = parseWith(UpdateProfileInput, values);
				const user = await updateProfile(actor, input);
				// The loads that run after this action read the actor: let them see the new name.
				event.locals.actor = { ...actor, user };
				if (input.language && input.language !== actor.user.language) {
					setCookie(event.cookies, 'locale', input.language);
					// This response's language was fixed before the action ran; the next one is in the new language.
					redirect(303, '/account');
				}
				return { form: 'profile', saved: true };
			},
			{ form: 'profile' }
		);
	},
	password: async (event) => {
		const actor = pageGuard(event, 'session');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { endedSessions, token, session } = await changePassword(actor, parseWith(ChangePasswordInput, values));
				setCookie(event.cookies, 'session', token, session.expiresAt);
				// The load after this action lists sessions: this browser's is the new one.
				event.locals.actor = { ...actor, sessionId: session.id };
				return { form: 'password', saved: true, endedSessions };
			},
			{ form: 'password' }
		);
	},
	endSession: async (event) => {
		const actor = pageGuard(event, 'session');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { handle } = parseWith(SessionHandle, values);
				await endSession(actor, handle);
				return { form: 'sessions', saved: true };
			},
			{ form: 'sessions' }
		);
	},
	everywhere: async (event) => {
		const actor = pageGuard(event, 'session');
		await logoutEverywhere(actor);
		clearCookie(event.cookies, 'session');
		redirect(303, '/login');
	}
};
