import type { PageServerLoad } from './$types';
import { orErrorPage, pageGuard } from '$lib/server/kit';
import { listOutcomes } from '$lib/server/insights/outcomes';
import { plainText, renderMarkdown } from '$lib/server/discussion/markdown';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * "You said, we did": every published outcome, newest first, paged by cursor
 * (?cursor=), for group members and the staff. Each shows what was done in
 * the reader's language, cut short; its page holds the rest.
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const cursor = event.url.searchParams.get('cursor') || undefined;
	const page = await orErrorPage(() => listOutcomes(actor, cursor));
	const locale = getLocale();
	return {
		outcomes: page.items.map((o) => ({ id: o.id, title: o.title[locale], did: plainText(renderMarkdown(o.did[locale]), 280), publishedAt: o.publishedAt, threadId: o.threadId })),
		nextCursor: page.nextCursor,
		paged: cursor !== undefined,
		timeZone: actor.user.timeZone
	};
};
