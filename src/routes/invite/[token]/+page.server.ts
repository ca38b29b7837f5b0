import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { formAction, formValues, parseWith } from '$lib/server/kit';
import { isDomainError } from '$lib/server/errors';
import { viewGuidelines } from '$lib/server/membership/guidelines';
import { checkInvitation, registerWithInvitation } from '$lib/server/membership/invitations';
import { InvitationToken, RegisterWithInvitationInput } from '$lib/server/membership/schemas';

/** Registering through an invitation link: an active member at once. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const locale = getLocale();
	const signedInAs = locals.actor.kind === 'user' ? locals.actor.user.displayName : null;
	let invitation: { email: string | null; expiresAt: string } | null = null;
	let problem: string | null = null;
	try {
		const { token } = parseWith(InvitationToken, params);
		const found = await checkInvitation(token);
		invitation = { email: found.email, expiresAt: found.expiresAt.toISOString() };
	} catch (e) {
		if (!isDomainError(e)) throw e;
		problem = translate(e.message, locale);
	}
	const guidelines = invitation ? await viewGuidelines(locals.actor, locale) : null;
	return {
		signedInAs,
		invitation,
		problem,
		guidelines: guidelines && { version: guidelines.version, html: guidelines.html }
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const data = await request.formData();
		const { password: _password, ...values } = formValues(data);
		void _password;
		const result = await formAction(
			async () => {
				const { token } = parseWith(InvitationToken, params);
				const all = formValues(data);
				const input = parseWith(RegisterWithInvitationInput, {
					...all,
					language: all.language || undefined,
					guidelinesVersion: Number(all.guidelinesVersion),
					acceptGuidelines: data.get('acceptGuidelines') === 'on'
				});
				await registerWithInvitation(locals.actor, token, input);
				return 'received' as const;
			},
			{ values }
		);
		if (result !== 'received') return result;
		// The same page whether or not the address has an account: its owner learns of it by email.
		redirect(303, '/join/sent?invitation');
	}
};
