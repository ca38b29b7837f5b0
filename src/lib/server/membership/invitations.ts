import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, transact } from '../runtime';
import { audit } from '../audit/log';
import { invitations, userRoles, users } from '../db/schema';
import { DomainError, isDomainError } from '../errors';
import { type Page, timeCursor, timeKey, toPage } from '../paging';
import { requireCapability, type Actor } from '../auth/actor';
import { generateSessionToken, sessionIdOf } from '../auth/sessions';
import { compose, composeBilingual, enqueueEmail, siteUrl } from '../email/outbox';
import { assertCurrentVersion, recordAcceptance } from './guidelines';
import { assertEmailFree, insertAccountUnlessTaken, preparePassword, tellOwnerOfAttempt } from './accounts';
import { CreateInvitationInput, ListInvitationsQuery, RegisterWithInvitationInput } from './schemas';
import { parseInput } from '../input';
import type { CreatedInvitation, InvitationRow, InvitationStatus } from '../../shared/membership';

/**
 * Invitation links: single use, expiring, optionally bound to one address.
 * The link carries a random token; only its SHA-256 is stored (as sessions
 * do), so whoever reads the table cannot use a link. The link is shown to
 * its creator once, and mailed to the bound address if there is one.
 */
const DAY_MS = 24 * 3_600_000;

export function invitationStatus(row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = Date.now()): InvitationStatus {
	if (row.usedAt) return 'used';
	if (row.revokedAt) return 'revoked';
	if (row.expiresAt.getTime() <= now) return 'expired';
	return 'open';
}

const creator = alias(users, 'creator');
const usedByUser = alias(users, 'used_by_user');

async function selectInvitations(where: SQL | undefined, limit: number) {
	const rows = await db()
		.select({
			id: invitations.id,
			email: invitations.email,
			note: invitations.note,
			createdAt: invitations.createdAt,
			expiresAt: invitations.expiresAt,
			usedAt: invitations.usedAt,
			revokedAt: invitations.revokedAt,
			cursorKey: timeKey(invitations.createdAt),
			creatorId: creator.id,
			creatorName: creator.displayName,
			usedByName: usedByUser.displayName,
			usedByHandle: usedByUser.handle
		})
		.from(invitations)
		.innerJoin(creator, eq(creator.id, invitations.createdBy))
		.leftJoin(usedByUser, eq(usedByUser.id, invitations.usedBy))
		.where(where)
		.orderBy(desc(invitations.createdAt), desc(invitations.id))
		.limit(limit);
	const now = Date.now();
	return rows.map(
		(r): InvitationRow & { cursorKey: string } => ({
			cursorKey: r.cursorKey,
			id: r.id,
			email: r.email,
			note: r.note,
			status: invitationStatus(r, now),
			createdAt: r.createdAt,
			expiresAt: r.expiresAt,
			usedAt: r.usedAt,
			revokedAt: r.revokedAt,
			createdBy: { id: r.creatorId, displayName: r.creatorName },
			usedBy: r.usedByName ? { displayName: r.usedByName, handle: r.usedByHandle } : null
		})
	);
}

const withoutKey = ({ cursorKey: _key, ...row }: InvitationRow & { cursorKey: string }): InvitationRow => row;

export async function createInvitation(actor: Actor, raw: CreateInvitationInput): Promise<CreatedInvitation> {
	const a = requireCapability(actor, 'invitations.manage');
	const input = parseInput(CreateInvitationInput, raw);
	const token = generateSessionToken();
	const url = siteUrl(`/invite/${token}`);
	const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
	const id = await transact(async (tx) => {
		if (input.email) {
			// An invitation for someone who already has an account would only fail later.
			await assertEmailFree(tx, input.email).catch((err: unknown) => {
				throw isDomainError(err) ? new DomainError('conflict', 'error_invitation_email_has_account', { field: 'email' }) : err;
			});
		}
		const [row] = await tx
			.insert(invitations)
			.values({ tokenHash: sessionIdOf(token), email: input.email ?? null, note: input.note, createdBy: a.user.id, expiresAt })
			.returning({ id: invitations.id });
		if (input.email) {
			const mail = composeBilingual('email_invitation_subject', [
				['email_invitation_intro', { inviter: a.user.displayName }],
				['email_invitation_link', { url }],
				['email_invitation_expiry', { days: input.expiresInDays }],
				['email_invitation_ignore']
			]);
			await enqueueEmail(tx, { to: input.email, ...mail, kind: 'invitation', meta: { invitationId: row!.id } });
		}
		await audit(tx, { actorId: a.user.id, action: 'invitation.create', targetKind: 'invitation', targetId: row!.id, after: { email: input.email ?? null, expiresAt: expiresAt.toISOString(), note: input.note ?? null } });
		return row!.id;
	});
	const [invitation] = await selectInvitations(eq(invitations.id, id), 1);
	return { invitation: withoutKey(invitation!), token, url };
}

/** Newest first, keyset on (created_at, id) (invitations_created_idx). */
export async function listInvitations(actor: Actor, raw: ListInvitationsQuery = {}): Promise<Page<InvitationRow>> {
	requireCapability(actor, 'invitations.manage');
	const input = parseInput(ListInvitationsQuery, raw);
	const cursor = timeCursor(input.cursor);
	let where: SQL | undefined;
	if (cursor) where = or(lt(invitations.createdAt, cursor.at), and(eq(invitations.createdAt, cursor.at), lt(invitations.id, cursor.id)));
	const rows = await selectInvitations(where, input.limit + 1);
	const page = toPage(rows, input.limit, (r) => ({ k: r.cursorKey, id: r.id }));
	return { ...page, items: page.items.map(withoutKey) };
}

export async function revokeInvitation(actor: Actor, id: string): Promise<InvitationRow> {
	const a = requireCapability(actor, 'invitations.manage');
	await transact(async (tx) => {
		const [row] = await tx.select().from(invitations).where(eq(invitations.id, id)).for('update');
		if (!row) throw new DomainError('not_found', 'error_invitation_not_found');
		if (row.usedAt) throw new DomainError('conflict', 'error_invitation_revoke_used');
		if (row.revokedAt) return;
		await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
		await audit(tx, { actorId: a.user.id, action: 'invitation.revoke', targetKind: 'invitation', targetId: id, before: { revokedAt: null }, after: { revokedAt: new Date().toISOString() } });
	});
	return withoutKey((await selectInvitations(eq(invitations.id, id), 1))[0]!);
}

function assertUsable(row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | undefined): void {
	if (!row) throw new DomainError('not_found', 'error_invitation_invalid');
	const status = invitationStatus(row);
	if (status === 'used') throw new DomainError('conflict', 'error_invitation_used');
	if (status === 'revoked') throw new DomainError('conflict', 'error_invitation_revoked');
	if (status === 'expired') throw new DomainError('conflict', 'error_invitation_expired');
}

/** What the invitation page shows before registering: whether the link works, and for which address. */
export async function checkInvitation(token: string): Promise<{ email: string | null; expiresAt: Date }> {
	const [row] = await db()
		.select({ email: invitations.email, expiresAt: invitations.expiresAt, usedAt: invitations.usedAt, revokedAt: invitations.revokedAt })
		.from(invitations)
		.where(eq(invitations.tokenHash, sessionIdOf(token)));
	assertUsable(row);
	return { email: row!.email, expiresAt: row!.expiresAt };
}

/**
 * Registers through an invitation: an active member at once, with the
 * guidelines' acceptance on record, told by email and then logging in. The
 * invitation row is locked for the whole transaction, so two people racing
 * for one link cannot both get in. When the address has an account already
 * the link is used up all the same and the owner is told by email: the
 * answer is the one a new account gets, so a link cannot be used to find
 * out who has an account.
 */
export async function registerWithInvitation(actor: Actor, token: string, raw: RegisterWithInvitationInput): Promise<void> {
	if (actor.kind === 'user') throw new DomainError('conflict', 'error_already_signed_in');
	const input = parseInput(RegisterWithInvitationInput, raw);
	const passwordHash = await preparePassword(input.password, input.email);
	const language = input.language ?? 'nl';
	await transact(async (tx) => {
		const [inv] = await tx.select().from(invitations).where(eq(invitations.tokenHash, sessionIdOf(token))).for('update');
		assertUsable(inv);
		if (inv!.email && inv!.email.toLowerCase() !== input.email.toLowerCase())
			throw new DomainError('forbidden', 'error_invitation_email_mismatch', { field: 'email' });
		const version = await assertCurrentVersion(tx, input.guidelinesVersion);
		const id = await insertAccountUnlessTaken(tx, { email: input.email, displayName: input.displayName, language, passwordHash, status: 'active' });
		if (id) {
			await tx.insert(userRoles).values({ userId: id, role: 'member' });
			await recordAcceptance(tx, id, version);
			const mail = compose(language, 'email_account_created_subject', [
				['email_greeting', { name: input.displayName }],
				['email_account_created_text'],
				['email_account_created_login', { url: siteUrl('/login') }]
			]);
			await enqueueEmail(tx, { to: input.email, ...mail, kind: 'account_created', meta: { userId: id, invitationId: inv!.id } });
		} else {
			await tellOwnerOfAttempt(tx, input.email, 'invitation');
		}
		const used = await tx
			.update(invitations)
			.set({ usedAt: new Date(), usedBy: id })
			.where(and(eq(invitations.id, inv!.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
			.returning({ id: invitations.id });
		if (used.length !== 1) throw new DomainError('conflict', 'error_invitation_used');
	});
}
