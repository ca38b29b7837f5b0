import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, orErrorPage, pageGuard } from '$lib/server/kit';
import { DomainError, isDomainError } from '$lib/server/errors';
import { surveyForm } from '$lib/server/surveys/lists';
import { publishResults, surveyResults } from '$lib/server/surveys/results';
import { evidenceMarks, markEvidence } from '$lib/server/surveys/evidence';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { surveyId } from '../../survey-id.server';

/**
 * A survey's results: for its owners at any time, for its audience once
 * published. `?by=` breaks every question down by one attached dimension; a
 * dimension that cannot be used is said beside the form, and the results
 * show without a breakdown.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = surveyId(event.params.id);
	const locale = getLocale();
	const by = event.url.searchParams.get('by') || undefined;
	const only = event.url.searchParams.get('only') || undefined;
	const survey = await orErrorPage(() => surveyForm(actor, id));
	// A breakdown or narrowing that cannot be used is said beside its field; the results show without it.
	const problems: Record<string, string> = {};
	const results = await orErrorPage(async () => {
		const asked = { by, only };
		for (;;) {
			try {
				return await surveyResults(actor, id, { ...asked, locale });
			} catch (e) {
				const field = isDomainError(e) ? e.field : undefined;
				if (!isDomainError(e) || (field !== 'by' && field !== 'only') || !asked[field]) throw e;
				problems[field] = translate(e.message, locale, e.inputs);
				asked[field] = undefined;
			}
		}
	});
	const byError = problems.by ?? null;
	const onlyError = problems.only ?? null;
	const evidence = survey.manage ? await orErrorPage(() => evidenceMarks(actor, id)) : [];
	return { survey, results, byError, onlyError, evidence, done: event.url.searchParams.get('done') };
};

export const actions: Actions = {
	/** Publishes the results to the audience (published=1) or takes them back (published=0). */
	publish: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			if (v.published !== '1' && v.published !== '0') throw new DomainError('invalid_input', 'error_survey_publish_choice', { field: 'published' });
			const { published } = await publishResults(actor, id, v.published === '1');
			redirect(303, `/surveys/${id}/results?done=${published ? 'published' : 'unpublished'}`);
		});
	},
	/** Marks a question's result (with the breakdown shown) as evidence for an insight, or takes the mark back. */
	evidence: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			await markEvidence(actor, id, v);
			redirect(303, `/surveys/${id}/results?${v.dimension ? `by=${encodeURIComponent(v.dimension)}&` : ''}done=evidence#r-${encodeURIComponent(v.question ?? '')}`);
		});
	}
};
