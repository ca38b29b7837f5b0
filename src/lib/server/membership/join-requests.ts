import { and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, transact } from '../runtime';
import { audit } from '../audit/log';
import { findOpenCase, lockOpenCase, openCase, resolveCase, SEVERITY } from '../moderation/cases';
import { joinRequests, notifications, profiles, userRoles, users } from '../db/schema';
import { DomainError } from '../errors';
import { type Page, timeCursor, timeKey, toPage } from '../paging';
import { requireCapability, requireUser, userColumns, type Actor } from '../auth/actor';
import { deleteSessions } from '../auth/sessions';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';
import { assertCurrentVersion, recordAcceptance } from './guidelines';
import { assertPasswordAllowed, insertAccountUnlessTaken, tellOwnerOfAttempt } from './accounts';
import { claimJoinAttempt } from './join-limit';
import { hashPassword } from '../auth/password';
import { regionOf } from './countries';
import { DecideJoinRequestInput, JoinRequestInput, ListJoinRequestsQuery } from './schemas';
import type { JoinRequestRow, MyJoinRequest } from '../../shared/membership';
import { parseInput } from '../input';

/**
 * Joining without an invitation: the person makes an account, answers the
 * membership questions and accepts the guidelines; they are `pending` and see
 * only their awaiting-approval page until a moderator decides. Approval makes
 * them an active member; a decline keeps them out (still `pending`, with the
 * decision and its reason on that page, and the choice to delete their data).
 *
 * The answer to a request is the same whether or not the address has an
 * account (the owner is told by email instead), so it does not log anyone in:
 * the person logs in with the password they chose.
 */
export async function submitJoinRequest(actor: Actor, raw: JoinRequestInput): Promise<void> {
	if (actor.kind === 'user') throw new DomainError('conflict', 'error_already_signed_in');
	const input = parseInput(JoinRequestInput, raw);
	assertPasswordAllowed(input.password, input.email);
	await claimJoinAttempt(actor.ip);
	// Hashed whether or not the address is taken, so the time the answer takes does not tell either.
	const passwordHash = await hashPassword(input.password);
	const language = input.language ?? 'nl';
	await transact(async (tx, emit) => {
		const version = await assertCurrentVersion(tx, input.guidelinesVersion);
		const id = await insertAccountUnlessTaken(tx, { email: input.email, displayName: input.displayName, language, passwordHash, status: 'pending' });
		if (!id) return tellOwnerOfAttempt(tx, input.email, 'join_request');
		const [request] = await tx.insert(joinRequests).values({
			userId: id,
			postingCountry: input.postingCountry,
			postingCity: input.postingCity,
			relation: input.relation,
			civilServantName: input.civilServantName,
			civilServantDepartment: input.civilServantDepartment,
			languages: input.languages,
			message: input.message,
			guidelinesVersion: version
		}).returning({ id: joinRequests.id });
		await openCase(tx, emit, { kind: 'join_request', userId: id, joinRequestId: request!.id }, { severity: SEVERITY.join_request });
		await recordAcceptance(tx, id, version);
		// The answers fill in the profile too; the posting stays hidden until the person chooses otherwise.
		await tx
			.update(profiles)
			.set({
				languages: input.languages,
				postingCountry: input.postingCountry,
				postingCity: input.postingCity,
				postingRegion: regionOf(input.postingCountry),
				showPosting: false
			})
			.where(eq(profiles.userId, id));
		const mail = compose(language, 'email_request_received_subject', [
			['email_greeting', { name: input.displayName }],
			['email_request_received_text'],
			['email_request_received_link', { url: siteUrl('/pending') }]
		]);
		await enqueueEmail(tx, { to: input.email, ...mail, kind: 'join_request_received', meta: { userId: id } });
	});
}

const withoutKey = ({ cursorKey: _key, ...row }: JoinRequestRow & { cursorKey: string }): JoinRequestRow => row;

const applicant = alias(users, 'applicant');
const decider = alias(users, 'decider');

async function selectRequests(where: SQL | undefined, order: SQL[], limit: number): Promise<(JoinRequestRow & { cursorKey: string })[]> {
	const rows = await db()
		.select({
			jr: joinRequests,
			cursorKey: timeKey(joinRequests.createdAt),
			applicantName: applicant.displayName,
			applicantEmail: applicant.email,
			applicantLanguage: applicant.language,
			deciderName: decider.displayName
		})
		.from(joinRequests)
		.innerJoin(applicant, eq(applicant.id, joinRequests.userId))
		.leftJoin(decider, eq(decider.id, joinRequests.decidedBy))
		.where(where)
		.orderBy(...order)
		.limit(limit);
	return rows.map(({ jr, ...r }) => ({
		cursorKey: r.cursorKey,
		id: jr.id,
		status: jr.status,
		createdAt: jr.createdAt,
		applicant: { id: jr.userId, displayName: r.applicantName, email: r.applicantEmail, language: r.applicantLanguage },
		postingCountry: jr.postingCountry,
		postingCity: jr.postingCity,
		relation: jr.relation,
		civilServantName: jr.civilServantName,
		civilServantDepartment: jr.civilServantDepartment,
		languages: jr.languages,
		message: jr.message,
		guidelinesVersion: jr.guidelinesVersion,
		decidedAt: jr.decidedAt,
		decisionReason: jr.decisionReason,
		decidedBy: r.deciderName ? { displayName: r.deciderName } : null
	}));
}

/**
 * Pending requests oldest first (a queue: who waited longest comes first);
 * decided ones newest first. Keyset on (status, created_at, id), which
 * join_requests_status_created_idx serves in both directions.
 */
export async function listJoinRequests(actor: Actor, raw: ListJoinRequestsQuery = {}): Promise<Page<JoinRequestRow>> {
	requireCapability(actor, 'joinRequests.decide');
	const input = parseInput(ListJoinRequestsQuery, raw);
	const cursor = timeCursor(input.cursor);
	const ascending = input.status === 'pending';
	const where: SQL[] = [eq(joinRequests.status, input.status)];
	if (cursor) {
		const after = ascending ? gt : lt;
		where.push(or(after(joinRequests.createdAt, cursor.at), and(eq(joinRequests.createdAt, cursor.at), after(joinRequests.id, cursor.id)))!);
	}
	const order = ascending ? [asc(joinRequests.createdAt), asc(joinRequests.id)] : [desc(joinRequests.createdAt), desc(joinRequests.id)];
	const rows = await selectRequests(and(...where), order, input.limit + 1);
	const page = toPage(rows, input.limit, (r) => ({ k: r.cursorKey, id: r.id }));
	return { ...page, items: page.items.map(withoutKey) };
}

export async function getJoinRequest(actor: Actor, id: string): Promise<JoinRequestRow> {
	requireCapability(actor, 'joinRequests.decide');
	const [row] = await selectRequests(eq(joinRequests.id, id), [asc(joinRequests.id)], 1);
	if (!row) throw new DomainError('not_found', 'error_join_request_not_found');
	return withoutKey(row);
}

/**
 * A moderator's decision. Approving makes the person an active member at once;
 * declining keeps them out. Either way they are told in the app (a
 * notification) and by email, in their own language.
 */
export async function decideJoinRequest(actor: Actor, id: string, raw: DecideJoinRequestInput): Promise<JoinRequestRow> {
	const a = requireCapability(actor, 'joinRequests.decide');
	const input = parseInput(DecideJoinRequestInput, raw);
	const approve = input.decision === 'approve';
	await transact(async (tx, emit) => {
		const [row] = await tx
			.select({ jr: joinRequests, user: userColumns })
			.from(joinRequests)
			.innerJoin(users, eq(users.id, joinRequests.userId))
			.where(eq(joinRequests.id, id))
			.for('update', { of: joinRequests });
		if (!row) throw new DomainError('not_found', 'error_join_request_not_found');
		// The request first, then its queue item (the order withdrawing takes too).
		if (input.caseId !== undefined) {
			const c = await lockOpenCase(tx, input.caseId);
			if (c.joinRequestId !== id) throw new DomainError('not_found', 'error_case_not_found');
		}
		if (row.jr.status !== 'pending') {
			const [by] = row.jr.decidedBy ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.jr.decidedBy)) : [];
			throw new DomainError('conflict', 'error_case_handled', { params: { name: by?.name ?? '—', action: row.jr.status } });
		}
		const person = row.user;
		// Suspended or removed meanwhile by an admin: a decision here would undo theirs.
		if (person.status === 'suspended' || person.status === 'removed') throw new DomainError('conflict', 'error_join_request_person_gone');

		const now = new Date();
		await tx
			.update(joinRequests)
			.set({ status: approve ? 'approved' : 'declined', decidedBy: a.user.id, decidedAt: now, decisionReason: input.reason })
			.where(eq(joinRequests.id, id));
		if (approve) {
			await tx.update(users).set({ status: 'active', updatedAt: now }).where(eq(users.id, person.id));
			await tx.insert(userRoles).values({ userId: person.id, role: 'member' }).onConflictDoNothing();
		}
		// The email below tells them too, so the digest need not (emailed_at set).
		// No actor on it: who decided stays with the moderators.
		const [note] = await tx
			.insert(notifications)
			.values({
				userId: person.id,
				kind: 'membership_decided',
				data: { decision: approve ? 'approved' : 'declined', reason: input.reason },
				emailedAt: now
			})
			.returning({ id: notifications.id });

		const lang = person.language;
		const reasonLine: [string, Record<string, unknown>][] = input.reason ? [['email_decision_reason', { reason: input.reason }]] : [];
		const mail = approve
			? compose(lang, 'email_approved_subject', [
					['email_greeting', { name: person.displayName }],
					['email_approved_text'],
					...reasonLine,
					['email_approved_link', { url: siteUrl('/home') }],
					['email_approved_profile', { url: siteUrl('/profile') }]
				])
			: compose(lang, 'email_declined_subject', [
					['email_greeting', { name: person.displayName }],
					['email_declined_text'],
					...reasonLine,
					['email_declined_next', { url: siteUrl('/pending') }]
				]);
		await enqueueEmail(tx, {
			to: person.email,
			...mail,
			kind: approve ? 'membership_approved' : 'membership_declined',
			meta: { joinRequestId: id, userId: person.id }
		});

		emit({ type: 'notification.created', userId: person.id, notificationId: note!.id });
		await audit(tx, {
			actorId: a.user.id,
			action: approve ? 'join_request.approve' : 'join_request.decline',
			targetKind: 'join_request',
			targetId: id,
			subjectId: person.id,
			reason: input.reason ?? null,
			before: { status: 'pending' },
			after: { status: approve ? 'approved' : 'declined' }
		});
		const c = await findOpenCase(tx, { kind: 'join_request', userId: person.id, joinRequestId: id });
		if (c) await resolveCase(tx, emit, c, a.user, approve ? 'approve' : 'decline', input.reason);
		if (approve) {
			const roles = [...new Set([...person.roles, 'member'])].sort();
			emit({ type: 'user.changed', userId: person.id, status: 'active', roles });
		}
	});
	return getJoinRequest(actor, id);
}

/** The person's own request, for their awaiting-approval page. */
export async function myJoinRequest(actor: Actor): Promise<MyJoinRequest | null> {
	const a = requireUser(actor);
	const [row] = await db()
		.select({
			status: joinRequests.status,
			createdAt: joinRequests.createdAt,
			decidedAt: joinRequests.decidedAt,
			decisionReason: joinRequests.decisionReason,
			postingCountry: joinRequests.postingCountry,
			postingCity: joinRequests.postingCity
		})
		.from(joinRequests)
		.where(eq(joinRequests.userId, a.user.id));
	return row ?? null;
}

/**
 * Someone not (yet) admitted withdraws their request: the account and every
 * answer they gave are deleted, and their sessions end. Members cannot do this
 * here; they are not applicants any more.
 */
export async function withdrawJoinRequest(actor: Actor): Promise<void> {
	const a = requireUser(actor);
	if (a.user.status !== 'pending') throw new DomainError('forbidden', 'error_withdraw_not_pending');
	await transact(async (tx, emit) => {
		const [jr] = await tx.select({ id: joinRequests.id }).from(joinRequests).where(eq(joinRequests.userId, a.user.id)).for('update');
		if (!jr) throw new DomainError('not_found', 'error_join_request_not_found');
		const ids = await deleteSessions(tx, a.user.id);
		const c = await findOpenCase(tx, { kind: 'join_request', userId: a.user.id, joinRequestId: jr.id });
		// The queue item goes with the account; moderators' queues drop it.
		if (c) emit({ type: 'moderation.case', caseId: c.id, change: 'resolved' });
		try {
			await tx.delete(users).where(and(eq(users.id, a.user.id), eq(users.status, 'pending')));
		} catch (err) {
			// Someone who once took part (an admin set them back to pending) has traces others rely on.
			if (isForeignKeyViolation(err)) throw new DomainError('conflict', 'error_withdraw_not_possible');
			throw err;
		}
		emit({ type: 'session.ended', userId: a.user.id, sessionIds: ids });
	});
}

function isForeignKeyViolation(err: unknown): boolean {
	for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause)
		if ((e as { code?: string }).code === '23503') return true;
	return false;
}
