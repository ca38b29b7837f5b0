import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { outcomeFor, saveOutcome } from '$lib/server/insights/outcomes';
import { actionDetail } from '$lib/server/insights/actions';
import { insightDetail } from '$lib/server/insights/lists';
import { EMPTY_OUTCOME, readOutcomeForm, type OutcomeValues } from '$lib/components/policy/outcome-form';

/**
 * The outcome editor (policy staff): what was heard and what was done (for a
 * done action, ?action=) or why not (for a declined insight, ?insight=), in
 * Dutch and English. It opens on the outcome written so far; saving leads to
 * the outcome's page, where it is published. A published outcome is not
 * written again: its page is where it is read.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'insights.review');
	const actionId = idParam(event.url.searchParams.get('action'));
	const insightId = idParam(event.url.searchParams.get('insight'));
	const existing = await orErrorPage(() => outcomeFor(actor, { actionId, insightId }));
	if (existing?.publishedAt) redirect(303, `/outcomes/${existing.id}`);
	const answers = await orErrorPage(async () => {
		if (actionId !== undefined) {
			const a = await actionDetail(actor, actionId);
			return { kind: 'action' as const, id: a.id, title: a.title, reason: null, ready: a.can.outcome };
		}
		const i = await insightDetail(actor, insightId!);
		return { kind: 'insight' as const, id: i.id, title: i.title, reason: i.declineReason, ready: i.can.outcome };
	});
	const values: OutcomeValues = existing
		? { titleNl: existing.titleNl, titleEn: existing.titleEn, heardNl: existing.heardNl, heardEn: existing.heardEn, didNl: existing.didNl, didEn: existing.didEn }
		: EMPTY_OUTCOME;
	return { answers, values, existing: existing ? { id: existing.id } : null };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const form = readOutcomeForm(await event.request.formData());
		return formAction(async () => {
			const { id } = await saveOutcome(actor, { actionId: idParam(form.source.actionId), insightId: idParam(form.source.insightId) }, form.input);
			redirect(303, `/outcomes/${id}?done=saved`);
		}, { values: form.values });
	}
};
