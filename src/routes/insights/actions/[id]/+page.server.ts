import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, orErrorPage, pageGuard } from '$lib/server/kit';
import { actionDetail, actionOwners, setActionStatus, updateAction } from '$lib/server/insights/actions';
import type { ActionStatusInput } from '$lib/server/insights/schemas';
import { readActionForm, type ActionValues } from '$lib/components/policy/action-form';
import { actionId } from '../action-id.server';
import { acceptedInsights } from '../accepted.server';

/**
 * One policy action: what it is, whom it belongs to, the insights it answers,
 * its status (changed by a form of its own), its words (changed by another),
 * and its outcome: to write once it is done, to read once it is written.
 * A change comes back here saying what was done (?done=); a refused one with
 * the form as sent and its problems (`which` names the form).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = actionId(event.params.id);
	const detail = await orErrorPage(() => actionDetail(actor, id));
	const [owners, accepted] = detail.can.edit ? await orErrorPage(() => Promise.all([actionOwners(actor), acceptedInsights(actor)])) : [[], []];
	// The insights linked now stay on offer, whatever else the list holds.
	const offered = [...detail.insights.filter((i) => !accepted.some((a) => a.id === i.id)).map((i) => ({ id: i.id, title: i.title })), ...accepted];
	const values: ActionValues = {
		title: detail.title,
		description: detail.description,
		ownerId: detail.owner?.id ?? '',
		dueDate: detail.dueDate ?? '',
		insights: detail.insights.map((i) => String(i.id))
	};
	return { detail, owners, offered, values, done: event.url.searchParams.get('done'), timeZone: actor.user.timeZone };
};

export const actions: Actions = {
	status: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const id = actionId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			await setActionStatus(actor, id, { status: v.status, reason: v.reason ?? '' } as ActionStatusInput);
			redirect(303, `/insights/actions/${id}?done=status`);
		}, { which: 'status', values: v });
	},
	update: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const id = actionId(event.params.id);
		const form = readActionForm(await event.request.formData());
		return formAction(async () => {
			await updateAction(actor, id, form.input);
			redirect(303, `/insights/actions/${id}?done=saved`);
		}, { which: 'update', values: form.values });
	}
};
