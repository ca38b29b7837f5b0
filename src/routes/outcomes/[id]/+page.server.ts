import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, orErrorPage, pageGuard } from '$lib/server/kit';
import { outcomeDetail, outcomePost, publishOutcome } from '$lib/server/insights/outcomes';
import { renderMarkdown } from '$lib/server/discussion/markdown';
import { outcomeId } from '../outcome-id.server';
import { dimensionLabels } from '../../insights/dimension-labels.server';

/**
 * One outcome: what was heard and what was done (or why not), the action and
 * insights it answers and their evidence as far as the reader may follow it.
 * Policy staff publish it from here (?done=published says how many people
 * were told); until then they see the post the group will get.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = outcomeId(event.params.id);
	const o = await orErrorPage(() => outcomeDetail(actor, id));
	// Written like a post (it becomes one), so read like one: markdown, sanitised.
	const html = {
		heard: { nl: renderMarkdown(o.heard.nl), en: renderMarkdown(o.heard.en) },
		did: { nl: renderMarkdown(o.did.nl), en: renderMarkdown(o.did.en) }
	};
	const post = o.can.publish
		? (() => {
				const p = outcomePost({ id: o.id, titleNl: o.title.nl, titleEn: o.title.en, heardNl: o.heard.nl, heardEn: o.heard.en, didNl: o.did.nl, didEn: o.did.en });
				return { title: p.title, html: renderMarkdown(p.body) };
			})()
		: null;
	const notified = Number(event.url.searchParams.get('notified'));
	return {
		outcome: o,
		dimensions: await dimensionLabels(o.insights.flatMap((i) => i.evidence.map((e) => e.survey?.dimension ?? null))),
		html,
		post,
		done: event.url.searchParams.get('done'),
		notified: Number.isSafeInteger(notified) && notified >= 0 ? notified : 0,
		timeZone: actor.user.timeZone
	};
};

export const actions: Actions = {
	publish: async (event) => {
		const actor = pageGuard(event, 'insights.review');
		const id = outcomeId(event.params.id);
		return formAction(async () => {
			const { notified } = await publishOutcome(actor, id);
			redirect(303, `/outcomes/${id}?done=published&notified=${notified}`);
		});
	}
};
