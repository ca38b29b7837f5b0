import type { Actions } from './$types';
import { formAction, formValues, parseWith } from '$lib/server/kit';
import { RequestResetInput } from '$lib/server/accounts/schemas';
import { requestPasswordReset } from '$lib/server/accounts/password-reset';

export const actions: Actions = {
	/** Open to anyone, signed in or not (a signed-in person who forgot their password cannot change it on /account). The same answer whether or not the address has an account: its owner learns the rest by email. */
	default: async ({ request, locals }) => {
		const values = formValues(await request.formData());
		return formAction(
			async () => {
				await requestPasswordReset(locals.actor, parseWith(RequestResetInput, values));
				return { sent: true as const };
			},
			{ email: values.email ?? '' }
		);
	}
};
