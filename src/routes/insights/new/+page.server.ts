import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { evidencePool } from '$lib/server/insights/evidence';
import { createInsight } from '$lib/server/insights/drafts';
import { listThemes } from '$lib/server/insights/themes';
import { dimensionLabels } from '../dimension-labels.server';

/**
 * A new draft: its words, its themes and its first evidence, ticked from
 * the pool. ?excerpt=, ?note= or ?surveyResult= tick one piece to start
 * with (the capture page sends coordinators here with the excerpt made).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'insights.contribute');
	const q = event.url.searchParams;
	const [pool, themes] = await Promise.all([orErrorPage(() => evidencePool(actor)), orErrorPage(() => listThemes(actor))]);
	const one = (name: string) => {
		const id = idParam(q.get(name));
		return id ? [id] : [];
	};
	return {
		pool,
		themes,
		dimensions: await dimensionLabels(pool.surveyResults.map((r) => r.dimension)),
		ticked: { notes: one('note'), surveyResults: one('surveyResult'), excerpts: one('excerpt') }
	};
};

const all = (data: FormData, name: string): string[] => data.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
const numbers = (values: string[]): number[] => values.map(Number).filter((n) => Number.isInteger(n) && n > 0);

export const actions: Actions = {
	create: async (event) => {
		const actor = pageGuard(event, 'insights.contribute');
		const data = await event.request.formData();
		const input = {
			title: String(data.get('title') ?? ''),
			summary: String(data.get('summary') ?? ''),
			themes: all(data, 'themes'),
			notes: all(data, 'notes'),
			surveyResults: all(data, 'surveyResults'),
			excerpts: all(data, 'excerpts')
		};
		return formAction(
			async () => {
				const { id } = await createInsight(actor, input);
				redirect(303, `/insights/${id}?done=created`);
			},
			{
				values: { title: input.title, summary: input.summary, themes: numbers(input.themes) },
				ticked: { notes: numbers(input.notes), surveyResults: numbers(input.surveyResults), excerpts: numbers(input.excerpts) }
			}
		);
	}
};
