import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { isDomainError } from '$lib/server/errors';
import { decideJoinRequest, listJoinRequests } from '$lib/server/membership/join-requests';
import { DecideJoinRequestInput, IdParam } from '$lib/server/membership/schemas';
import { countryName, languageName } from '$lib/server/membership/countries';
import { JOIN_REQUEST_STATUSES } from '$lib/shared/membership';

/** Moderators: pending requests with their answers, approve or decline with a reason. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'joinRequests.decide');
	const locale = getLocale();
	const params = event.url.searchParams;
	const status = z.enum(JOIN_REQUEST_STATUSES).catch('pending').parse(params.get('status') ?? 'pending');
	let page;
	try {
		page = await listJoinRequests(actor, { status, cursor: params.get('cursor') ?? undefined, limit: 20 });
	} catch (e) {
		if (isDomainError(e) && e.code === 'invalid_input') error(400, translate(e.message, locale));
		throw e;
	}
	return {
		status,
		statuses: [...JOIN_REQUEST_STATUSES],
		requests: page.items.map((r) => ({
			id: r.id,
			status: r.status,
			createdAt: r.createdAt.toISOString(),
			name: r.applicant.displayName,
			email: r.applicant.email,
			language: r.applicant.language,
			country: countryName(r.postingCountry, locale),
			city: r.postingCity,
			relation: r.relation,
			civilServantName: r.civilServantName,
			civilServantDepartment: r.civilServantDepartment,
			languages: r.languages.map((l) => languageName(l, locale)),
			message: r.message,
			guidelinesVersion: r.guidelinesVersion,
			decidedAt: r.decidedAt?.toISOString() ?? null,
			decidedBy: r.decidedBy?.displayName ?? null,
			decisionReason: r.decisionReason
		})),
		nextCursor: page.nextCursor,
		firstPage: !params.get('cursor')
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const actor = pageGuard(event, 'joinRequests.decide');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(IdParam, values);
				const decided = await decideJoinRequest(actor, id, parseWith(DecideJoinRequestInput, { decision: values.decision, reason: values.reason?.trim() ? values.reason : undefined }));
				return { decided: { id, name: decided.applicant.displayName, status: decided.status } };
			},
			{ failedFor: values.id ?? null, reason: values.reason ?? '' }
		);
	}
};
