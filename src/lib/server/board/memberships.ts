import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { boardMembershipEvents, boardMemberships, boardSelections, userRoles, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { audit } from '../audit/log';
import { parseInput } from '../input';
import { decodeCursor, cursorRefused, timeKey, toPage, type Page } from '../paging';
import { notify, type Emit } from '../notifications/notify';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';
import { getSetting } from '../settings';
import { stepMembership } from './status';
import { BoardStepInput, BoardTermInput, InvitationAnswerInput } from './membership-schemas';
import { membershipHistory } from './profiles';
import { replacementFor, type Alternate, type Quota, type Volunteer } from './selection';
import { unseal } from '../sensitive-data';
import type { Language } from '../../shared/roles';
import type { BoardStatus } from '../../shared/board';
import {
	BOARD_GROUP_STATUSES,
	BoardListQuery,
	TERM_NOTICE_DAYS,
	addDays,
	addMonths,
	dayOf,
	type BoardPerson,
	type BoardPersonHistory,
	type InvitationAnswer,
	type MyBoardInvitation
} from '../../shared/board-memberships';

/**
 * The coordinators' board: who is on it, in the pool, invited, and whose
 * membership ended; each person's history; the steps coordinators take; and
 * the invited person's answer. No diversity answer is read or returned here
 * (a person's profile is profiles.ts's, and every view of it is audited there).
 * Every status change goes through status.ts's stepMembership.
 */

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The board's lists, newest membership first, by cursor (board_memberships_status_idx). */
export async function listBoard(actor: Actor, raw: BoardListQuery = {}): Promise<Page<BoardPerson>> {
	requireCapability(actor, 'board.manage');
	const input = parseInput(BoardListQuery, raw);
	const cursor = decodeCursor(input.cursor);
	if (cursor && (typeof cursor.k !== 'string' || !TIME.test(cursor.k) || !/^[1-9]\d{0,9}$/.test(cursor.id))) throw cursorRefused();
	const soon = addDays(dayOf(new Date()), TERM_NOTICE_DAYS);
	const rows = await db()
		.select({
			membershipId: boardMemberships.id,
			userId: boardMemberships.userId,
			displayName: users.displayName,
			status: boardMemberships.status,
			motivation: boardMemberships.motivation,
			availability: boardMemberships.availability,
			termStart: boardMemberships.termStart,
			termEnd: boardMemberships.termEnd,
			since: boardMemberships.updatedAt,
			key: timeKey(boardMemberships.createdAt)
		})
		.from(boardMemberships)
		.innerJoin(users, eq(users.id, boardMemberships.userId))
		.where(
			and(
				inArray(boardMemberships.status, [...BOARD_GROUP_STATUSES[input.group]]),
				cursor ? sql`(${boardMemberships.createdAt}, ${boardMemberships.id}) < (${cursor.k}::timestamptz, ${Number(cursor.id)})` : undefined
			)
		)
		.orderBy(desc(boardMemberships.createdAt), desc(boardMemberships.id))
		.limit(input.limit + 1);
	const page = toPage(rows, input.limit, (r) => ({ k: r.key, id: String(r.membershipId) }));
	return {
		nextCursor: page.nextCursor,
		items: page.items.map(({ key: _k, ...r }) => ({ ...r, endingSoon: r.status === 'active' && r.termEnd !== null && r.termEnd <= soon }))
	};
}

/** Every membership a person had, newest first, each with its steps (who, when, why). */
export async function personHistory(actor: Actor, userId: string): Promise<BoardPersonHistory> {
	requireCapability(actor, 'board.manage');
	const reader = db();
	const [person] = await reader.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, userId));
	if (!person) throw new DomainError('not_found', 'error_user_not_found');
	const memberships = await reader.select().from(boardMemberships).where(eq(boardMemberships.userId, userId)).orderBy(desc(boardMemberships.id));
	const histories = await Promise.all(memberships.map((m) => membershipHistory(reader, m.id)));
	return {
		person,
		memberships: memberships.map((m, i) => ({
			id: m.id,
			userId: m.userId,
			status: m.status,
			motivation: m.motivation,
			availability: m.availability,
			termStart: m.termStart,
			termEnd: m.termEnd,
			createdAt: m.createdAt,
			updatedAt: m.updatedAt,
			events: histories[i]!
		}))
	};
}

interface Person {
	id: string;
	email: string;
	displayName: string;
	language: Language;
}

async function personOf(tx: Tx | Db, userId: string): Promise<Person> {
	const [p] = await tx.select({ id: users.id, email: users.email, displayName: users.displayName, language: users.language }).from(users).where(eq(users.id, userId));
	if (!p) throw new DomainError('not_found', 'error_user_not_found');
	return p;
}

/** The active coordinators: who hears of invitations answered and terms ending. */
export async function coordinators(tx: Tx | Db): Promise<Person[]> {
	return tx
		.select({ id: users.id, email: users.email, displayName: users.displayName, language: users.language })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'coordinator')))
		.where(eq(users.status, 'active'))
		.orderBy(asc(users.id));
}

/**
 * Invites one person (from the pool, or selected by a draw): the step, then
 * the person is told in the app and by email, with the link to answer. The
 * selection helper calls this for everyone a draw selected.
 */
export async function inviteMembership(
	tx: Tx,
	emit: Emit,
	input: { membershipId: number; actorId: string; selectionId?: number | null; reason?: string | null }
): Promise<{ userId: string }> {
	const step = await stepMembership(tx, emit, { membershipId: input.membershipId, to: 'invited', actorId: input.actorId, by: 'coordinator', reason: input.reason ?? null });
	const userId = step!.userId;
	if (input.selectionId != null) await tx.update(boardMemberships).set({ selectionId: input.selectionId }).where(eq(boardMemberships.id, input.membershipId));
	const person = await personOf(tx, userId);
	const months = await getSetting('boardTermMonths', tx);
	await notify(tx, emit, [{ userId, kind: 'board_invited', actorId: input.actorId, data: { membershipId: input.membershipId } }]);
	const mail = compose(person.language, 'board_invitation_email_subject', [
		['email_greeting', { name: person.displayName }],
		['board_invitation_email_text', { months }],
		['board_invitation_email_link', { url: siteUrl('/board/invitation') }]
	]);
	await enqueueEmail(tx, { to: person.email, ...mail, kind: 'board_invitation', meta: { membershipId: input.membershipId } });
	return { userId };
}

/**
 * A coordinator's step on a membership: shortlist, back to the pool, invite,
 * record a decline, end a term early, withdraw someone (with a reason). The
 * transition table (shared/board.ts) says which steps a status allows.
 */
export async function stepByCoordinator(actor: Actor, membershipId: number, raw: BoardStepInput): Promise<{ membershipId: number; status: BoardStatus }> {
	const a = requireCapability(actor, 'board.manage');
	const input = parseInput(BoardStepInput, raw);
	await transact(async (tx, emit) => {
		if (input.to === 'invited') {
			await inviteMembership(tx, emit, { membershipId, actorId: a.user.id, reason: input.reason });
			return;
		}
		const [row] = await tx.select({ termEnd: boardMemberships.termEnd }).from(boardMemberships).where(eq(boardMemberships.id, membershipId));
		const today = dayOf(new Date());
		// A term ended early ends today.
		const termEnd = input.to === 'alumni' && row?.termEnd && row.termEnd > today ? today : undefined;
		const step = await stepMembership(tx, emit, { membershipId, to: input.to, actorId: a.user.id, by: 'coordinator', reason: input.reason ?? null, termEnd });
		if (step && input.to === 'alumni') await notify(tx, emit, [{ userId: step.userId, kind: 'board_term_ended', actorId: a.user.id, data: { membershipId, termEnd: termEnd ?? row?.termEnd ?? today } }]);
	});
	return { membershipId, status: input.to };
}

/**
 * Sets a term's start and end (an invited or active membership). A new end
 * means coordinators are told again before it comes.
 */
export async function setTerm(actor: Actor, membershipId: number, raw: BoardTermInput): Promise<{ membershipId: number; termStart: string; termEnd: string }> {
	const a = requireCapability(actor, 'board.manage');
	const input = parseInput(BoardTermInput, raw);
	return transact(async (tx) => {
		const [row] = await tx.select().from(boardMemberships).where(eq(boardMemberships.id, membershipId)).for('update');
		if (!row) throw new DomainError('not_found', 'error_board_membership_not_found');
		if (row.status !== 'invited' && row.status !== 'active') throw new DomainError('conflict', 'error_board_term_status');
		const today = dayOf(new Date());
		if (row.status === 'active' && input.termEnd < today) throw new DomainError('invalid_input', 'error_board_term_past', { field: 'termEnd' });
		await tx
			.update(boardMemberships)
			.set({ termStart: input.termStart, termEnd: input.termEnd, ...(input.termEnd !== row.termEnd && { endingNoticeAt: null }) })
			.where(eq(boardMemberships.id, membershipId));
		// History and audit: the term, in the status it had (a step to the same status).
		await tx.insert(boardMembershipEvents).values({ membershipId, actorId: a.user.id, fromStatus: row.status, toStatus: row.status, reason: `${input.termStart} – ${input.termEnd}` });
		await audit(tx, {
			actorId: a.user.id,
			action: 'board.status',
			targetKind: 'board_membership',
			targetId: membershipId,
			subjectId: row.userId,
			before: { status: row.status, termStart: row.termStart, termEnd: row.termEnd },
			after: { status: row.status, termStart: input.termStart, termEnd: input.termEnd },
			data: { term: true }
		});
		return { membershipId, termStart: input.termStart, termEnd: input.termEnd };
	});
}

/** My open invitation, with the term accepting it today would give; null when there is none. */
export async function myInvitation(actor: Actor): Promise<MyBoardInvitation | null> {
	const a = requireCapability(actor, 'board.volunteer');
	const [row] = await db()
		.select({ id: boardMemberships.id, status: boardMemberships.status, updatedAt: boardMemberships.updatedAt })
		.from(boardMemberships)
		.where(and(eq(boardMemberships.userId, a.user.id), eq(boardMemberships.status, 'invited')));
	if (!row) return null;
	const months = await getSetting('boardTermMonths');
	const start = dayOf(new Date());
	return { membershipId: row.id, status: row.status, invitedAt: row.updatedAt, termStart: start, termEnd: addMonths(start, months), termMonths: months };
}

/** My current or latest board membership's status and term (what the invitation page says after an answer). */
export async function myBoardStanding(actor: Actor): Promise<InvitationAnswer | null> {
	const a = requireCapability(actor, 'board.volunteer');
	const [row] = await db()
		.select({ membershipId: boardMemberships.id, status: boardMemberships.status, termStart: boardMemberships.termStart, termEnd: boardMemberships.termEnd })
		.from(boardMemberships)
		.where(eq(boardMemberships.userId, a.user.id))
		.orderBy(desc(boardMemberships.id))
		.limit(1);
	return row ?? null;
}

/**
 * The invited person's answer. Accepting starts a term today (boardTermMonths
 * long) and grants board_member; declining closes the membership. Coordinators
 * are told; for a draw's invitation, a decline names the next alternate who
 * keeps the quotas.
 */
export async function respondToInvitation(actor: Actor, raw: InvitationAnswerInput): Promise<InvitationAnswer> {
	const a = requireCapability(actor, 'board.volunteer');
	const input = parseInput(InvitationAnswerInput, raw);
	return transact(async (tx, emit) => {
		const [row] = await tx
			.select()
			.from(boardMemberships)
			.where(and(eq(boardMemberships.userId, a.user.id), eq(boardMemberships.status, 'invited')))
			.for('update');
		if (!row) throw new DomainError('conflict', 'error_board_no_invitation');
		const termStart = dayOf(new Date());
		const termEnd = addMonths(termStart, await getSetting('boardTermMonths', tx));
		const to: BoardStatus = input.accept ? 'active' : 'declined';
		await stepMembership(tx, emit, {
			membershipId: row.id,
			to,
			actorId: a.user.id,
			by: 'self',
			reason: input.reason ?? null,
			expect: 'invited',
			...(input.accept && { termStart, termEnd })
		});
		const alternate = !input.accept && row.selectionId != null ? await nextAlternateFor(tx, row) : null;
		const data = {
			membershipId: row.id,
			userId: a.user.id,
			name: a.user.displayName,
			accepted: input.accept,
			...(alternate && { alternateId: alternate.userId, alternateName: alternate.displayName })
		};
		await notify(tx, emit, (await coordinators(tx)).map((c) => ({ userId: c.id, kind: 'board_invitation_answered' as const, actorId: a.user.id, data })));
		return { membershipId: row.id, status: to, termStart: input.accept ? termStart : row.termStart, termEnd: input.accept ? termEnd : row.termEnd };
	});
}

/** Ids from a stored list of ids or of objects with an id (a draw's selected and alternates). */
const idsOf = (v: unknown): string[] =>
	Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x && 'id' in x ? String((x as { id: unknown }).id) : '')).filter(Boolean) : [];

/**
 * When someone a draw invited declines: the first of the draw's alternates,
 * in its order, who is still in the pool, was not asked yet, and keeps every
 * quota when taking the seat (selection/alternates.ts replacementFor), or null.
 *
 * FOR THE SELECTION HELPER: this reads board_selections as its schema
 * documents it (selected and alternates as lists of user ids or {id}, quotas
 * as [{dimension, option, min, max}], the pool sealed as [{id, features}] with
 * the context `board-selection:<id>`). If the draw is recorded differently,
 * complete this function to match; it returns null whenever it cannot tell.
 */
export async function nextAlternateFor(
	tx: Tx,
	membership: { userId: string; selectionId: number | null }
): Promise<{ userId: string; displayName: string } | null> {
	if (membership.selectionId == null) return null;
	const [draw] = await tx.select().from(boardSelections).where(eq(boardSelections.id, membership.selectionId));
	if (!draw) return null;
	let pool: Volunteer[];
	try {
		pool = JSON.parse(unseal(draw.poolSealed, `board-selection:${draw.id}`)) as Volunteer[];
	} catch {
		return null;
	}
	const features = new Map(pool.map((v) => [v.id, v.features]));
	// Who this draw has asked so far, and where each stands now.
	const asked = await tx
		.select({ userId: boardMemberships.userId, status: boardMemberships.status })
		.from(boardMemberships)
		.where(eq(boardMemberships.selectionId, draw.id));
	const gone = new Set(asked.filter((r) => r.status === 'declined' || r.status === 'withdrawn').map((r) => r.userId));
	const seatedByDraw = new Set(asked.filter((r) => r.status === 'invited' || r.status === 'active').map((r) => r.userId));
	const panelIds = [...new Set([...idsOf(draw.selected), ...seatedByDraw])].filter((id) => id === membership.userId || !gone.has(id));
	const panel = panelIds.filter((id) => features.has(id)).map((id) => ({ id, features: features.get(id)! }));
	// Still in the pool (volunteering, shortlisted) and not asked by this draw before.
	const inPool = new Set(
		(
			await tx
				.select({ userId: boardMemberships.userId })
				.from(boardMemberships)
				.where(and(inArray(boardMemberships.status, ['volunteer', 'candidate']), inArray(boardMemberships.userId, [...idsOf(draw.alternates), '00000000-0000-0000-0000-000000000000'])))
		).map((r) => r.userId)
	);
	const askedIds = new Set(asked.map((r) => r.userId));
	const list: Alternate[] = idsOf(draw.alternates)
		.filter((id) => inPool.has(id) && !askedIds.has(id) && features.has(id))
		.map((id) => ({ id, features: features.get(id)!, probability: 0, canReplace: [] }));
	const next = replacementFor(membership.userId, panel, list, (draw.quotas ?? []) as Quota[]);
	if (!next) return null;
	const [who] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, next.id));
	return who ? { userId: next.id, displayName: who.displayName } : null;
}
