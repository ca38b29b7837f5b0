import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, orErrorPage, pageGuard } from '$lib/server/kit';
import { surveyForm } from '$lib/server/surveys/lists';
import { submitResponse } from '$lib/server/surveys/respond';
import { getLocale } from '$lib/paraglide/runtime';
import { surveyId } from '../survey-id.server';

/**
 * A survey as its respondents read and answer it (and as its owners preview
 * it). After the answer is in, the page says so (?done=answered), and a
 * second visit says the member answered.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const survey = await orErrorPage(() => surveyForm(actor, surveyId(event.params.id), getLocale()));
	return { survey, done: event.url.searchParams.get('done') === 'answered', timeZone: actor.user.timeZone };
};

/**
 * The form as ResponseInput takes it: `answers.<key>` (a checkbox group's
 * every value, one value as itself), `other.<key>`, the choice to attach
 * one's own diversity answers, and those answered here (`dimensions.<key>`,
 * for whoever has no board profile). Empty fields are left out: an answer
 * not given is no answer. Also every field as sent, to fill the form again
 * after a refusal.
 */
function readResponse(data: FormData) {
	const answers: Record<string, string | string[]> = {};
	const other: Record<string, string> = {};
	const dimensions: Record<string, string> = {};
	const values: Record<string, string[]> = {};
	for (const name of new Set(data.keys())) {
		const all = data.getAll(name).filter((v): v is string => typeof v === 'string');
		values[name] = all;
		const given = all.filter((v) => v.trim() !== '');
		if (given.length === 0) continue;
		const [kind, key] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)];
		if (kind === 'answers') answers[key] = given.length === 1 ? given[0]! : given;
		else if (kind === 'other') other[key] = given[0]!;
		else if (kind === 'dimensions') dimensions[key] = given[0]!;
	}
	const input = {
		answers,
		attach: data.get('attach') === 'on',
		attachSensitive: data.get('attachSensitive') === 'on',
		...(Object.keys(other).length ? { other } : {}),
		...(Object.keys(dimensions).length ? { dimensions } : {})
	};
	return { input, values };
}

export const actions: Actions = {
	answer: async (event) => {
		const actor = pageGuard(event, 'active');
		const id = surveyId(event.params.id);
		const form = readResponse(await event.request.formData());
		return formAction(async () => {
			await submitResponse(actor, id, form.input);
			redirect(303, `/surveys/${id}?done=answered`);
		}, { values: form.values });
	}
};
