/**
 * Helpers for the membership tests: the ways in (invitation, join request)
 * through the API as a browser would use them, invitation tokens for tests
 * that need many, and the outbox as the tests read it.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, like, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ApiResponse, TestServer } from './server';
import { guidelines, invitations, joinRequests, loginFailures, outbox, users } from '../../src/lib/server/db/schema';
import { generateSessionToken, sessionIdOf } from '../../src/lib/server/auth/sessions';
import type { Language } from '../../src/lib/shared/roles';

let counter = 0;
const unique = () => `${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`;

export const PASSWORD = 'a long walk along the canal';

export async function guidelinesVersion(t: TestServer): Promise<number> {
	const [row] = await t.db.select({ v: guidelines.version }).from(guidelines).orderBy(desc(guidelines.version)).limit(1);
	if (!row) throw new Error('no guidelines seeded');
	return row.v;
}

/** A complete, valid join request; every field can be overridden. */
export async function joinRequestBody(t: TestServer, overrides: Record<string, unknown> = {}) {
	return {
		email: `applicant-${unique()}@example.org`,
		password: PASSWORD,
		displayName: 'Noor Applicant',
		language: 'en' as Language,
		postingCountry: 'KE',
		postingCity: 'Nairobi',
		relation: 'spouse',
		civilServantName: 'Bram de Wit',
		civilServantDepartment: 'Embassy in Nairobi',
		languages: ['nl', 'en'],
		message: 'We arrived in March.',
		acceptGuidelines: true,
		guidelinesVersion: await guidelinesVersion(t),
		...overrides
	};
}

export interface Applicant {
	userId: string;
	email: string;
	cookie: string;
	requestId: string;
	language: Language;
}

/** Forgets the join requests counted so far, so tests that need many applicants stay under the limit. */
export async function clearJoinLimits(t: TestServer): Promise<void> {
	await t.db.delete(loginFailures).where(like(loginFailures.key, 'join:%'));
}

/** The id of the account with this address, if there is one. */
export async function userIdOf(t: TestServer, email: string): Promise<string | undefined> {
	const [row] = await t.db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
	return row?.id;
}

/** Someone who asked to join, through the API, then logged in: pending. */
export async function newApplicant(t: TestServer, overrides: Record<string, unknown> = {}): Promise<Applicant> {
	await clearJoinLimits(t);
	const body = await joinRequestBody(t, overrides);
	const res = await t.api('/api/join-requests', { method: 'POST', body });
	if (res.status !== 202) throw new Error(`join request: ${res.status} ${JSON.stringify(res.body)}`);
	const cookie = await t.login(body.email, body.password);
	const userId = (await userIdOf(t, body.email))!;
	const [jr] = await t.db.select({ id: joinRequests.id }).from(joinRequests).where(eq(joinRequests.userId, userId));
	return { userId, email: body.email, cookie, requestId: jr!.id, language: body.language };
}

/** A usable invitation token, written straight into the table (the API route is tested on its own). */
export async function newInvitationToken(
	t: TestServer,
	options: { email?: string; expiresAt?: Date; createdBy?: string } = {}
): Promise<{ token: string; id: string }> {
	const token = generateSessionToken();
	let createdBy = options.createdBy;
	if (!createdBy) {
		const [admin] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@example.org'));
		createdBy = admin!.id;
	}
	const [row] = await t.db
		.insert(invitations)
		.values({
			tokenHash: sessionIdOf(token),
			email: options.email ?? null,
			createdBy,
			expiresAt: options.expiresAt ?? new Date(Date.now() + 14 * 24 * 3_600_000)
		})
		.returning({ id: invitations.id });
	return { token, id: row!.id };
}

export async function registrationBody(t: TestServer, overrides: Record<string, unknown> = {}) {
	return {
		email: `invitee-${unique()}@example.org`,
		password: PASSWORD,
		displayName: 'Iris Invited',
		language: 'nl' as Language,
		acceptGuidelines: true,
		guidelinesVersion: await guidelinesVersion(t),
		...overrides
	};
}

/**
 * Registers through an invitation; returns the answer and, when it made an
 * account, the new member's id and a session (they log in, as a person would).
 */
export async function register(t: TestServer, token: string, body: Record<string, unknown>) {
	const before = await userIdOf(t, String(body.email));
	const res = await t.api(`/api/invite/${token}`, { method: 'POST', body });
	const userId = res.status === 202 && !before ? await userIdOf(t, String(body.email)) : undefined;
	const cookie = userId ? await t.login(String(body.email), String(body.password)) : undefined;
	return { res, cookie, userId };
}

/** Every email the platform wrote for this address, oldest first. */
export async function outboxFor(t: TestServer, email: string, kind?: string) {
	return t.db
		.select()
		.from(outbox)
		.where(kind ? and(eq(outbox.toEmail, email), eq(outbox.kind, kind)) : eq(outbox.toEmail, email))
		.orderBy(asc(outbox.id));
}

/** Follows a list's cursors to the end; fails on a loop. */
export async function allPages<T>(fetchPage: (cursor: string | null) => Promise<{ status: number; body: { items: T[]; nextCursor: string | null } }>, max = 100): Promise<{ pages: T[][] }> {
	const pages: T[][] = [];
	let cursor: string | null = null;
	for (let i = 0; i < max; i++) {
		const res = await fetchPage(cursor);
		if (res.status !== 200) throw new Error(`page ${i}: ${res.status} ${JSON.stringify(res.body)}`);
		pages.push(res.body.items);
		cursor = res.body.nextCursor;
		if (!cursor) return { pages };
	}
	throw new Error('paging did not end');
}

/**
 * Two answers a stranger cannot tell apart: the same status, no session, and
 * the same body byte for byte (an answer that differs by length alone tells
 * whether an address has an account).
 */
export function expectIndistinguishable(a: ApiResponse, b: ApiResponse): void {
	for (const res of [a, b]) {
		expect(res.status).toBe(202);
		expect(res.setCookies).toEqual([]);
	}
	expect(JSON.stringify(b.body)).toBe(JSON.stringify(a.body));
	expect(b.headers.get('content-type')).toBe(a.headers.get('content-type'));
	expect(b.headers.get('content-length')).toBe(a.headers.get('content-length'));
}
