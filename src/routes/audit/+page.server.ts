import type { PageServerLoad } from './$types';
import { pageGuard, orErrorPage } from '$lib/server/kit';
import { AUDIT_ACTIONS, AUDIT_TARGETS, listAudit } from '$lib/server/audit/log';

const FILTERS = ['action', 'actor', 'subject', 'targetKind', 'targetId', 'from', 'to'] as const;

/** The audit log: every moderation action, filtered, paged by keyset, exported as CSV with the same filters. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'audit.read');
	const q = event.url.searchParams;
	const filters = Object.fromEntries(FILTERS.map((k) => [k, q.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
	const page = await orErrorPage(() => listAudit(actor, { ...filters, cursor: q.get('cursor') ?? undefined, limit: 50 }));
	const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
	return { rows: page.items, nextCursor: page.nextCursor, filters, query, actions: [...AUDIT_ACTIONS], targets: [...AUDIT_TARGETS] };
};
