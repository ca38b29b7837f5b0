import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formAction, formValues, orErrorPage, pageGuard } from '$lib/server/kit';
import { surveyForOwner } from '$lib/server/surveys/lists';
import { phaseOf } from '$lib/server/surveys/access';
import { addQuestion, addSection, closeSurvey, moveQuestion, removeQuestion, scheduleSurvey, updateQuestion, updateSettings } from '$lib/server/surveys/build';
import { readSettingsForm, settingsValues } from '$lib/components/surveys/settings-form';
import { readQuestionForm } from '$lib/components/surveys/question-form';
import { formatTimeZone } from '$lib/format';
import { surveyId } from '../../survey-id.server';

/**
 * The builder: a survey's settings, its sections and questions (each changed,
 * moved or removed by a form of its own, so all of it works without
 * JavaScript), opening it and closing it. Each change that works comes back
 * to the builder with a word of what was done (?done=); one that is refused
 * comes back with the form as sent and its problems (`which` names the form).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'surveys.manage');
	const s = await orErrorPage(() => surveyForOwner(actor, surveyId(event.params.id)));
	const zone = actor.user.timeZone;
	return {
		survey: {
			id: s.id,
			title: s.title,
			definition: s.definition,
			anonymous: s.anonymous,
			responses: s.responses,
			revision: s.revision,
			phase: phaseOf(s),
			opensAt: s.opensAt,
			closesAt: s.closesAt,
			resultsPublished: s.resultsPublishedAt !== null
		},
		settings: settingsValues(s, zone),
		zone: formatTimeZone(zone),
		timeZone: zone,
		done: event.url.searchParams.get('done')
	};
};

/** Back to the builder, saying what was done, at the part it was done to. */
const done = (event: RequestEvent, what: string, at = ''): never => redirect(303, `/surveys/${event.params.id}/edit?done=${what}${at ? `#${at}` : ''}`);

export const actions: Actions = {
	settings: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const form = readSettingsForm(await event.request.formData(), actor.user.timeZone);
		return formAction(async () => {
			await updateSettings(actor, id, form.input);
			done(event, 'saved', 'settings');
		}, { which: 'settings', values: form.values });
	},
	section: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			const s = await addSection(actor, id, { titleNl: v.titleNl ?? '', titleEn: v.titleEn ?? '' });
			done(event, 'section', `section-${s.definition.sections.at(-1)?.key ?? ''}`);
		}, { which: 'section', values: v });
	},
	question: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const form = readQuestionForm(await event.request.formData());
		return formAction(async () => {
			const { key } = await addQuestion(actor, id, form.input);
			done(event, 'added', `q-${key}`);
		}, { which: `add:${form.section}`, values: form.values });
	},
	update: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const form = readQuestionForm(await event.request.formData());
		return formAction(async () => {
			await updateQuestion(actor, id, form.question, form.input);
			done(event, 'updated', `q-${form.question}`);
		}, { which: `edit:${form.question}`, values: form.values });
	},
	move: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			await moveQuestion(actor, id, v.question ?? '', { direction: v.direction as 'up' | 'down' });
			done(event, 'moved', `q-${v.question}`);
		}, { which: 'tools' });
	},
	remove: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => {
			await removeQuestion(actor, id, v.question ?? '');
			done(event, 'removed', 'questions');
		}, { which: 'tools' });
	},
	schedule: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		return formAction(async () => {
			await scheduleSurvey(actor, id);
			done(event, 'scheduled');
		}, { which: 'tools' });
	},
	close: async (event) => {
		const actor = pageGuard(event, 'surveys.manage');
		const id = surveyId(event.params.id);
		return formAction(async () => {
			await closeSurvey(actor, id);
			done(event, 'closed');
		}, { which: 'tools' });
	}
};
