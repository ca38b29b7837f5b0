import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formAction, formValues, orErrorPage, pageGuard, parseWith } from '$lib/server/kit';
import { insightDetail, listInsights } from '$lib/server/insights/lists';
import { addEvidence, evidencePool, removeEvidence } from '$lib/server/insights/evidence';
import { mergeInsight, submitInsight, updateInsight } from '$lib/server/insights/drafts';
import { reviewInsight } from '$lib/server/insights/review';
import { listThemes } from '$lib/server/insights/themes';
import { EvidenceParams } from '$lib/server/insights/schemas';
import type { InsightStatus } from '$lib/shared/insights';
import { insightId } from '../insight-id.server';
import { dimensionLabels } from '../dimension-labels.server';

/**
 * One insight: its words, evidence as this reader may follow it, history,
 * actions and outcome, and the steps this reader may take now (the domain's
 * `can`): edit, add or remove evidence, submit, review, merge. Every step
 * that works comes back here (or to the insight merged into) saying what
 * was done; a refused one comes back with its form as sent (`which`).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = insightId(event.params.id);
	const detail = await orErrorPage(() => insightDetail(actor, id));
	const [pool, themes, targets] = await Promise.all([
		detail.can.edit ? orErrorPage(() => evidencePool(actor)) : null,
		detail.can.edit ? orErrorPage(() => listThemes(actor)) : null,
		detail.can.merge ? mergeTargets(event, id) : []
	]);
	return {
		detail,
		pool,
		themes,
		targets,
		dimensions: await dimensionLabels([...detail.evidence.map((e) => e.survey?.dimension ?? null), ...(pool?.surveyResults.map((r) => r.dimension) ?? [])]),
		done: event.url.searchParams.get('done')
	};
};

/** What this insight may be merged into: the others still open or accepted, newest change first. */
async function mergeTargets(event: RequestEvent, id: number) {
	const actor = pageGuard(event, 'active');
	const open: InsightStatus[] = ['draft', 'new', 'under_review', 'accepted'];
	const pages = await Promise.all(open.map((status) => orErrorPage(() => listInsights(actor, { status }, 50))));
	return pages
		.flatMap((p) => p.items)
		.filter((i) => i.id !== id)
		.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
		.map((i) => ({ id: i.id, title: i.title, status: i.status }));
}

const done = (id: number, what: string, at = ''): never => redirect(303, `/insights/${id}?done=${what}${at ? `#${at}` : ''}`);
const all = (data: FormData, name: string): string[] => data.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');

/** A piece from the pool, sent as kind:id. */
const Source = z.object({ source: z.string({ error: 'error_evidence_kind' }).regex(/^[a-z_]+:\d{1,16}$/, { error: 'error_evidence_kind' }) });

export const actions: Actions = {
	edit: async (event) => {
		const actor = pageGuard(event, 'insights.contribute');
		const id = insightId(event.params.id);
		const data = await event.request.formData();
		const input = { title: String(data.get('title') ?? ''), summary: String(data.get('summary') ?? ''), themes: all(data, 'themes'), version: String(data.get('version') ?? '') || undefined };
		return formAction(
			async () => {
				await updateInsight(actor, id, input);
				done(id, 'saved');
			},
			{ which: 'edit', values: { title: input.title, summary: input.summary, themes: input.themes.map(Number) } }
		);
	},
	evidence: async (event) => {
		const actor = pageGuard(event, 'insights.contribute');
		const id = insightId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { source } = parseWith(Source, v);
				const [kind, sourceId] = source.split(':') as [string, string];
				const { added } = await addEvidence(actor, id, { kind: kind as 'session_note', sourceId });
				done(id, added ? 'evidence_added' : 'evidence_there', 'evidence');
			},
			{ which: 'evidence' }
		);
	},
	remove: async (event) => {
		const actor = pageGuard(event, 'insights.contribute');
		const id = insightId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { evidenceId } = parseWith(EvidenceParams, { id, evidenceId: v.evidenceId });
				await removeEvidence(actor, id, evidenceId);
				done(id, 'evidence_removed', 'evidence');
			},
			{ which: 'remove' }
		);
	},
	submit: async (event) => {
		const actor = pageGuard(event, 'insights.contribute');
		const id = insightId(event.params.id);
		return formAction(
			async () => {
				await submitInsight(actor, id);
				done(id, 'submitted');
			},
			{ which: 'submit' }
		);
	},
	review: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const id = insightId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { status } = await reviewInsight(actor, id, { status: v.status as 'accepted', reason: v.reason ?? '' });
				done(id, status);
			},
			{ which: 'review', values: { status: v.status ?? '', reason: v.reason ?? '' } }
		);
	},
	merge: async (event) => {
		const actor = pageGuard(event, 'active');
		const id = insightId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { into } = await mergeInsight(actor, id, { into: v.into ?? '' });
				redirect(303, `/insights/${into}?done=merged`);
			},
			{ which: 'merge' }
		);
	}
};
