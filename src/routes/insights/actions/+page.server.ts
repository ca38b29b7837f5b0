import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { actionOwners, createAction, listActions } from '$lib/server/insights/actions';
import { readActionForm, type ActionValues } from '$lib/components/policy/action-form';
import { can } from '$lib/shared/roles';
import { acceptedInsights } from './accepted.server';

/**
 * Policy actions: every one, newest first, paged by cursor (?cursor=), for
 * coordinators and policy staff; policy staff start one here, for the
 * accepted insights they tick (?insight= ticks one to begin with: the
 * insight's page links here; ?new opens the form).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const cursor = event.url.searchParams.get('cursor') || undefined;
	const actions = await orErrorPage(() => listActions(actor, cursor));
	const create = can(actor.user, 'insights.review');
	const [owners, insights] = create ? await orErrorPage(() => Promise.all([actionOwners(actor), acceptedInsights(actor)])) : [[], []];
	const insight = idParam(event.url.searchParams.get('insight'));
	const values: ActionValues = {
		title: '',
		description: '',
		ownerId: owners.some((o) => o.id === actor.user.id) ? actor.user.id : '',
		dueDate: '',
		insights: insight !== undefined && insights.some((i) => i.id === insight) ? [String(insight)] : []
	};
	return { actions, create, owners, insights, values, paged: cursor !== undefined, start: insight !== undefined || event.url.searchParams.has('new'), timeZone: actor.user.timeZone };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const form = readActionForm(await event.request.formData());
		return formAction(async () => {
			const { id } = await createAction(actor, form.input);
			redirect(303, `/insights/actions/${id}?done=created`);
		}, { values: form.values });
	}
};
