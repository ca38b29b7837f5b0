import { inArray } from 'drizzle-orm';
import { db } from '../runtime';
import { categories, invitations, threads } from '../db/schema';
import { can } from '../../shared/roles';
import type { SessionUser } from '../../shared/accounts';
import type { AuditRow } from '../../shared/audit';

type Unnamed = Omit<AuditRow, 'names'>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const field = (v: unknown, key: string): unknown => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined);

/** The conversation an entry happened in: the thread itself, or the thread of the post. */
function threadOf(r: Unnamed): number | null {
	if (r.targetKind === 'thread') return num(Number(r.targetId));
	return num(r.data.threadId);
}

/**
 * Names what a page of audit rows refers to, in a few queries for the whole
 * page: conversation titles, the categories of a move, an invitation's address.
 *
 * Who reads it decides what is named. Moderators see every conversation
 * (the moderator's branch of discussion/visibility.ts); an admin who is not a
 * moderator reads the log without being in the group, so a conversation's
 * title is named only while everyone in the group may see it. Invitation
 * addresses only for those who manage invitations.
 */
export async function nameRows(reader: SessionUser, rows: Unnamed[]): Promise<AuditRow[]> {
	const seesAll = can(reader, 'moderation.act');
	const threadIds = [...new Set(rows.map(threadOf).filter((id): id is number => id !== null))];
	const threadRows = threadIds.length
		? await db().select({ id: threads.id, title: threads.title, status: threads.status }).from(threads).where(inArray(threads.id, threadIds))
		: [];
	const titles = new Map(threadRows.map((t) => [t.id, seesAll || t.status === 'visible' ? t.title : null]));

	const moves = rows.filter((r) => r.action === 'thread.move');
	const categoryIds = [...new Set(moves.flatMap((r) => [num(field(r.before, 'categoryId')), num(field(r.after, 'categoryId'))]).filter((id): id is number => id !== null))];
	const categoryRows = categoryIds.length
		? await db().select({ id: categories.id, nl: categories.nameNl, en: categories.nameEn }).from(categories).where(inArray(categories.id, categoryIds))
		: [];
	const category = (id: number | null) => {
		const c = categoryRows.find((x) => x.id === id);
		return c ? { nl: c.nl, en: c.en } : { nl: '?', en: '?' };
	};

	const seesInvitees = can(reader, 'invitations.manage');
	const revoked = seesInvitees ? rows.filter((r) => r.action === 'invitation.revoke' && /^[0-9a-f-]{36}$/i.test(r.targetId)).map((r) => r.targetId) : [];
	const invitees = revoked.length ? await db().select({ id: invitations.id, email: invitations.email }).from(invitations).where(inArray(invitations.id, revoked)) : [];
	const invitee = (r: Unnamed): string | null => {
		if (!seesInvitees) return null;
		if (r.action === 'invitation.create') return (field(r.after, 'email') as string | null | undefined) ?? null;
		if (r.action === 'invitation.revoke') return invitees.find((i) => i.id === r.targetId)?.email ?? null;
		return null;
	};

	return rows.map((r) => {
		const threadId = threadOf(r);
		return {
			...r,
			names: {
				thread: threadId === null ? null : { id: threadId, title: titles.get(threadId) ?? null },
				moved: r.action === 'thread.move' ? { from: category(num(field(r.before, 'categoryId'))), to: category(num(field(r.after, 'categoryId'))) } : null,
				invitee: invitee(r)
			}
		};
	});
}

