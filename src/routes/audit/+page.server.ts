import type { PageServerLoad } from './$types';
import { pageGuard, orErrorPage } from '$lib/server/kit';
import { AUDIT_ACTIONS, auditActors, listAudit } from '$lib/server/audit/log';
import { AUDIT_SYSTEM_ACTOR } from '$lib/server/audit/schemas';
import { auditKindGroups, withSentences } from '$lib/server/audit/sentences';
import { getLocale } from '$lib/paraglide/runtime';

/** What the page filters by: who acted, whom it concerns (a name, or the member page's link), what kind, which days. */
const FILTERS = ['action', 'actor', 'about', 'subject', 'from', 'to'] as const;

/** The audit log as sentences: every moderation action, filtered, paged by keyset, exported as CSV with the same filters. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'audit.read');
	const q = event.url.searchParams;
	const filters = Object.fromEntries(FILTERS.map((k) => [k, q.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
	const [page, people] = await Promise.all([
		orErrorPage(() => listAudit(actor, { ...filters, cursor: q.get('cursor') ?? undefined, limit: 50 })),
		orErrorPage(() => auditActors(actor))
	]);
	const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
	// The member page links here by id: name them, so the page never shows the id.
	const subjectName = filters.subject ? (page.items[0]?.subjectName ?? null) : null;
	const locale = getLocale();
	return { rows: withSentences(page.items, locale, actor.user.timeZone), nextCursor: page.nextCursor, filters, query, kinds: auditKindGroups(AUDIT_ACTIONS, locale), people, system: AUDIT_SYSTEM_ACTOR, subjectName };
};
