import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, parseWith } from '$lib/server/kit';
import { viewGuidelines } from '$lib/server/membership/guidelines';
import { submitJoinRequest } from '$lib/server/membership/join-requests';
import { JoinRequestInput } from '$lib/server/membership/schemas';
import { countryOptions, languageOptions } from '$lib/server/membership/countries';
import { RELATIONS } from '$lib/shared/membership';

/** The public request to join: an account, the membership questions, the guidelines. */
export const load: PageServerLoad = async ({ locals }) => {
	if (locals.actor.kind === 'user') redirect(303, locals.actor.user.status === 'pending' ? '/pending' : '/home');
	const locale = getLocale();
	const guidelines = await viewGuidelines(locals.actor, locale);
	return {
		countries: countryOptions(locale),
		languages: languageOptions(locale),
		relations: [...RELATIONS],
		guidelines: guidelines && { version: guidelines.version, html: guidelines.html }
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const data = await request.formData();
		const { password: _password, ...values } = formValues(data);
		void _password;
		const languages = data.getAll('languages').map(String);
		const result = await formAction(
			async () => {
				const all = formValues(data);
				const input = parseWith(JoinRequestInput, {
					...all,
					language: all.language || undefined,
					message: all.message?.trim() ? all.message : undefined,
					languages,
					guidelinesVersion: Number(all.guidelinesVersion),
					acceptGuidelines: data.get('acceptGuidelines') === 'on'
				});
				await submitJoinRequest(locals.actor, input);
				return 'received' as const;
			},
			// What was typed comes back, so a correction does not mean starting over (never the password).
			{ values: { ...values, languages } }
		);
		if (result !== 'received') return result;
		// The same page whether or not the address has an account: its owner learns of it by email.
		redirect(303, '/join/sent');
	}
};
