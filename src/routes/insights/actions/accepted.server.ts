import type { Actor } from '$lib/server/auth/actor';
import { listInsights } from '$lib/server/insights/lists';

/** How many accepted insights an action form offers at most: every one there is, in any year the loop will see. */
const MOST = 500;

/** The accepted insights an action may answer, newest change first, for the form's checkboxes. */
export async function acceptedInsights(actor: Actor): Promise<{ id: number; title: string }[]> {
	const out: { id: number; title: string }[] = [];
	let cursor: string | undefined;
	do {
		const page = await listInsights(actor, { status: 'accepted', cursor }, 100);
		out.push(...page.items.map((i) => ({ id: i.id, title: i.title })));
		cursor = page.nextCursor ?? undefined;
	} while (cursor && out.length < MOST);
	return out;
}
