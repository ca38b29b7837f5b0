import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';
import { wholeNumber } from '../../lib/server/input';
import { addQuestion, addSection, closeSurvey, createSurvey, moveQuestion, removeQuestion, scheduleSurvey, updateQuestion, updateSettings } from '../../lib/server/surveys/build';
import { managedSurveys, mySurveys, surveyForm, surveyForOwner } from '../../lib/server/surveys/lists';
import { submitResponse } from '../../lib/server/surveys/respond';
import { publishResults, surveyResults } from '../../lib/server/surveys/results';
import { resultsCsv, responsesCsv } from '../../lib/server/surveys/export';
import { evidenceMarks, markEvidence } from '../../lib/server/surveys/evidence';
import { BreakdownQuery, EvidenceInput, MoveInput, QuestionInput, QuestionParams, ResponseInput, SectionInput, SurveyIdParam, SurveySettingsInput } from '../../lib/server/surveys/schemas';

const tags = ['surveys'];

/**
 * Surveys over HTTP: owners (coordinators and policy staff) build, open and
 * read; members of the audience answer. Every rule is the domain's
 * (src/lib/server/surveys/); a survey someone may not see is a 404 to them.
 */
export const surveyRoutes = (): RouteSpec[] => [
	defineRoute({
		method: 'GET',
		url: '/api/surveys',
		summary: 'Owners: every survey, newest first (30 per page; before: the last id of the previous page)',
		tags,
		access: 'surveys.manage',
		query: z.object({ before: wholeNumber('error_malformed_request').optional() }),
		handler: async ({ actor, query }) => managedSurveys(actor, query.before)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/surveys/mine',
		summary: 'The surveys I am asked: open and upcoming ones, and closed ones with published results; whether I answered',
		tags,
		access: 'active',
		handler: async ({ actor }) => mySurveys(actor)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/surveys',
		summary: 'Owners: a new survey (a draft) with its titles, audience and dates',
		tags,
		access: 'surveys.manage',
		body: SurveySettingsInput,
		status: 201,
		handler: async ({ actor, body }) => createSurvey(actor, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/surveys/:id',
		summary: 'A survey as its respondents read it (both languages), with whether I may still answer',
		tags,
		access: 'active',
		params: SurveyIdParam,
		handler: async ({ actor, params, locale }) => surveyForm(actor, params.id, locale)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/surveys/:id',
		summary: 'Owners: the settings; once anyone answered, only wording and dates (a wording fix keeps a revision)',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		body: SurveySettingsInput,
		handler: async ({ actor, params, body }) => {
			await updateSettings(actor, params.id, body);
			return surveyForOwner(actor, params.id);
		}
	}),
	defineRoute({
		method: 'POST',
		url: '/api/surveys/:id/sections',
		summary: 'Owners: a new part, after the others (before anyone answered)',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		body: SectionInput,
		status: 201,
		handler: async ({ actor, params, body }) => addSection(actor, params.id, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/surveys/:id/questions',
		summary: 'Owners: a question at the end of a part (before anyone answered)',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		body: QuestionInput,
		status: 201,
		handler: async ({ actor, params, body }) => addQuestion(actor, params.id, body)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/surveys/:id/questions/:question',
		summary: 'Owners: a question changed; once anyone answered, only its wording',
		tags,
		access: 'surveys.manage',
		params: QuestionParams,
		body: QuestionInput,
		handler: async ({ actor, params, body }) => updateQuestion(actor, params.id, params.question, body)
	}),
	defineRoute({
		method: 'DELETE',
		url: '/api/surveys/:id/questions/:question',
		summary: 'Owners: a question removed (before anyone answered, and when no other question depends on it)',
		tags,
		access: 'surveys.manage',
		params: QuestionParams,
		handler: async ({ actor, params }) => removeQuestion(actor, params.id, params.question)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/surveys/:id/questions/:question/move',
		summary: 'Owners: a question one place up or down in its part',
		tags,
		access: 'surveys.manage',
		params: QuestionParams,
		body: MoveInput,
		handler: async ({ actor, params, body }) => moveQuestion(actor, params.id, params.question, body)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/surveys/:id/schedule',
		summary: 'Owners: from draft to scheduled; it opens to its audience at its opening time',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		handler: async ({ actor, params }) => scheduleSurvey(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/surveys/:id/close',
		summary: 'Owners: close the survey now',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		handler: async ({ actor, params }) => closeSurvey(actor, params.id)
	}),
	defineRoute({
		method: 'POST',
		url: '/api/surveys/:id/responses',
		summary: 'Answer the survey, once. answers: question key → option key, option keys, a number or text; other: "other, namely" texts; attach: copy my diversity answers onto the response',
		tags,
		access: 'surveys.answer',
		params: SurveyIdParam,
		body: ResponseInput,
		status: 201,
		handler: async ({ actor, params, body }) => submitResponse(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/surveys/:id/results',
		summary: 'The results, after small-cell suppression; by: a dimension to break every question down by; only: dimension:option to narrow to (refused under the threshold). Owners always, the audience once published',
		tags,
		access: 'active',
		params: SurveyIdParam,
		query: BreakdownQuery,
		handler: async ({ actor, params, query, locale }) => surveyResults(actor, params.id, { by: query.by, only: query.only, locale })
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/surveys/:id/results/published',
		summary: 'Owners: publish the results to the audience (published: true) once the survey has closed, or take them back',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		body: z.object({ published: z.boolean({ error: 'error_malformed_request' }) }),
		handler: async ({ actor, params, body }) => publishResults(actor, params.id, body.published)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/surveys/:id/evidence',
		summary: "Owners: the survey's results marked as evidence for an insight (a question, optionally with a breakdown)",
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		handler: async ({ actor, params }) => evidenceMarks(actor, params.id)
	}),
	defineRoute({
		method: 'PUT',
		url: '/api/surveys/:id/evidence',
		summary: "Owners: mark a question's result (optionally with its breakdown by a dimension) as evidence for an insight, or unmark it (marked: false)",
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		body: EvidenceInput,
		handler: async ({ actor, params, body }) => markEvidence(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/surveys/:id/results.csv',
		summary: 'Owners: the results as CSV, suppressed as on the page',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		handler: async ({ actor, params, locale, reply }) => {
			const csv = await resultsCsv(actor, params.id, locale);
			reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="survey-${params.id}-results.csv"`);
			return csv;
		}
	}),
	defineRoute({
		method: 'GET',
		url: '/api/surveys/:id/responses.csv',
		summary: 'Owners: the anonymous responses as CSV, one row each, attached dimensions coarsened where a combination is rare',
		tags,
		access: 'surveys.manage',
		params: SurveyIdParam,
		handler: async ({ actor, params, reply }) => {
			const csv = await responsesCsv(actor, params.id);
			reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="survey-${params.id}-responses.csv"`);
			return csv;
		}
	})
];
