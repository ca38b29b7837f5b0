import { sql } from 'drizzle-orm';
import { prepared } from '../runtime';
import type { Actor } from '../auth/actor';
import { versionToAcceptSql } from './guidelines';
import { unreadCountSql } from '../notifications/inbox';

export interface FrameFacts {
	/** The guidelines' version this person has yet to accept, or null. */
	guidelinesToAccept: number | null;
	/** The bell's count, or null where there is no bell. */
	unread: number | null;
}

/** Both of the frame's questions in one prepared statement: every page asks them, so they cost one round trip, not two. */
const frameQuery = () =>
	prepared('page_frame', (d) =>
		d
			.select({ guidelines: versionToAcceptSql(sql`${sql.placeholder('user')}::uuid`), unread: unreadCountSql(sql`${sql.placeholder('user')}::uuid`) })
			.from(sql`(select 1) as one`)
			.prepare('page_frame')
	);

/**
 * What the frame around every page shows about the signed-in person: the guidelines banner (for those who
 * take part in the group) and the bell (for every active person). Each module keeps its own rule, as SQL
 * (membership/guidelines.ts, notifications/inbox.ts); this only asks them together.
 */
export async function frameFacts(actor: Actor, want: { guidelines: boolean; unread: boolean }): Promise<FrameFacts> {
	if (actor.kind !== 'user' || (!want.guidelines && !want.unread)) return { guidelinesToAccept: null, unread: null };
	const [row] = await frameQuery().execute({ user: actor.user.id });
	return { guidelinesToAccept: want.guidelines ? (row?.guidelines ?? null) : null, unread: want.unread ? (row?.unread ?? 0) : null };
}
