import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, parseWith } from '$lib/server/kit';
import { ResetPasswordInput } from '$lib/server/accounts/schemas';
import { resetLinkUsable, resetPassword } from '$lib/server/accounts/password-reset';

/** Choosing a new password from the emailed link; anyone may open it, logged in or not: the link is the credential. */
export const load: PageServerLoad = async ({ params }) => ({ usable: await resetLinkUsable(params.token) });

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await formAction(async () => {
			await resetPassword(locals.actor, parseWith(ResetPasswordInput, { token: params.token, password: values.password ?? '' }));
			return 'done' as const;
		});
		if (result !== 'done') return result;
		// Every session ended, this browser's too: log in afresh with the new password.
		redirect(303, '/login?reset=1');
	}
};
