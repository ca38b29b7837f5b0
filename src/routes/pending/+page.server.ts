import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { clearCookie, formAction, pageGuard } from '$lib/server/kit';
import { DomainError } from '$lib/server/errors';
import { myJoinRequest, withdrawJoinRequest } from '$lib/server/membership/join-requests';
import { countryName } from '$lib/server/membership/countries';
import { runtime } from '$lib/server/runtime';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'session');
	if (actor.user.status === 'active') redirect(303, '/home');
	const request = await myJoinRequest(actor);
	return {
		email: actor.user.email,
		request: request && {
			status: request.status,
			createdAt: request.createdAt.toISOString(),
			decidedAt: request.decidedAt?.toISOString() ?? null,
			reason: request.decisionReason,
			posting: `${request.postingCity}, ${countryName(request.postingCountry, getLocale())}`
		},
		/** A declined applicant is outside the group: this is how they reach the moderators. */
		contactEmail: request?.status === 'declined' ? runtime().config.contactEmail : null
	};
};

export const actions: Actions = {
	/** Withdraw the request: the account and the answers are deleted. */
	withdraw: async (event) => {
		const actor = pageGuard(event, 'session');
		const data = await event.request.formData();
		const result = await formAction(async () => {
			if (data.get('confirm') !== 'on') throw new DomainError('invalid_input', 'pending_withdraw_confirm_needed', { field: 'confirm' });
			await withdrawJoinRequest(actor);
			return { withdrawn: true };
		});
		if (!('withdrawn' in result)) return result;
		clearCookie(event.cookies, 'session');
		redirect(303, '/?withdrawn=1');
	}
};
