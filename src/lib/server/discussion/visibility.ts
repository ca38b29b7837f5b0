import { and, eq, getTableName, inArray, or, sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import { categories, posts, threads } from '../db/schema';
import { can, ROLES } from '../../shared/roles';
import { requireCapability, type Actor } from '../auth/actor';
import type { Audience } from '../events/types';
import type { ContentStatus } from '../../shared/discussion';

/**
 * THE visibility rule of the group, written once. Every read (lists, thread
 * pages, search, notifications, live catch-up) goes through these functions.
 *
 * - Only active people with `group.participate` see anything at all
 *   (`viewerOf` refuses everyone else).
 * - Content with status 'visible' is seen by every member.
 * - 'held', 'hidden' and 'removed' content is seen only by its author (with
 *   the reason) and by moderators.
 * - 'deleted' (taken back by its author) keeps its place in the thread for
 *   everyone, shown as "removed by author"; its text is shown to no one.
 * - Search and notifications deal only in content everyone may see:
 *   visible posts of visible threads in categories that are not archived.
 */
export interface Viewer {
	id: string;
	moderator: boolean;
}

/** A viewer in SQL: in a prepared query the id is a placeholder, filled in on each call. */
export type SqlViewer = { id: string | Placeholder; moderator: boolean };

const WITHHELD: readonly ContentStatus[] = ['held', 'hidden', 'removed'];

/** The member asking, or a refusal for anyone who is not an active member of the group. */
export function viewerOf(actor: Actor): Viewer & { actor: Extract<Actor, { kind: 'user' }> } {
	const a = requireCapability(actor, 'group.participate');
	return { id: a.user.id, moderator: can(a.user, 'moderation.act'), actor: a };
}

/** May the viewer open this thread? (SQL, on `threads`) */
export function threadVisibleSql(v: SqlViewer): SQL {
	if (v.moderator) return sql`true`;
	return or(eq(threads.status, 'visible'), eq(threads.authorId, v.id))!;
}

export function threadVisible(v: Viewer, t: { status: ContentStatus; authorId: string }): boolean {
	return t.status === 'visible' || v.moderator || t.authorId === v.id;
}

/** Threads in lists: the partial list indexes cover exactly these. */
export const threadListedSql = (): SQL => eq(threads.status, 'visible');

/** Does the post have a place in the thread for this viewer? (SQL, on `posts`) */
export function postPlaceSql(v: SqlViewer): SQL {
	if (v.moderator) return sql`true`;
	return or(inArray(posts.status, ['visible', 'deleted']), eq(posts.authorId, v.id))!;
}

export function postHasPlace(v: Viewer, p: { status: ContentStatus; authorId: string }): boolean {
	return p.status === 'visible' || p.status === 'deleted' || v.moderator || p.authorId === v.id;
}

/** Is the post's text shown to this viewer? Deleted text never is. */
export function postContentShown(v: Viewer, p: { status: ContentStatus; authorId: string }): boolean {
	if (p.status === 'visible') return true;
	if (p.status === 'deleted') return false;
	return v.moderator || p.authorId === v.id;
}

/** Whether the viewer is told why a post is withheld (author and moderators only). */
export function reasonShown(v: Viewer, p: { status: ContentStatus; authorId: string }): boolean {
	return WITHHELD.includes(p.status) && (v.moderator || p.authorId === v.id);
}

/** Content every member may see: the only content search finds and notifications point to. */
export const publicPostSql = (): SQL =>
	and(eq(posts.status, 'visible'), eq(threads.status, 'visible'), eq(categories.archived, false))!;

export function isPublic(p: { status: ContentStatus }, t: { status: ContentStatus }, c: { archived: boolean }): boolean {
	return p.status === 'visible' && t.status === 'visible' && !c.archived;
}

/** Who may hear of a change to content with this status (the event contract's audience). */
export const audienceOf = (status: ContentStatus): Audience => (status === 'visible' || status === 'deleted' ? 'group' : 'author');

/** SQL: the person holds a role that gives 'group.participate' and is active (for recipients of notifications, mentions). */
export const PARTICIPANT_ROLES = ROLES.filter((role) => can({ status: 'active', roles: [role] }, 'group.participate'));

/**
 * A column as "table"."column", for use inside raw subqueries (drizzle leaves
 * columns unqualified in single-table queries, where a subquery's own tables
 * would capture the name).
 */
export const qualified = (column: Column): SQL => sql.raw(`"${getTableName(column.table)}"."${column.name}"`);

export const participantSql = (userIdColumn: Column): SQL =>
	sql`exists (select 1 from users pu join user_roles pr on pr.user_id = pu.id where pu.id = ${qualified(userIdColumn)} and pu.status = 'active' and pr.role::text in (${sql.join(
		PARTICIPANT_ROLES.map((r) => sql`${r}`),
		sql`, `
	)}))`;
