/**
 * Helpers for the membership tests: the ways in (invitation, join request)
 * through the API as a browser would use them, invitation tokens for tests
 * that need many, and the outbox as the tests read it.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { TestServer } from './server';
import { guidelines, invitations, joinRequests, outbox, users } from '../../src/lib/server/db/schema';
import { generateSessionToken, sessionIdOf } from '../../src/lib/server/auth/sessions';
import type { Language } from '../../src/lib/roles';

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

/** Someone who asked to join, through the API: pending, logged in. */
export async function newApplicant(t: TestServer, overrides: Record<string, unknown> = {}): Promise<Applicant> {
	const body = await joinRequestBody(t, overrides);
	const res = await t.api('/api/join-requests', { method: 'POST', body });
	if (res.status !== 201) throw new Error(`join request: ${res.status} ${JSON.stringify(res.body)}`);
	const cookie = res.setCookies.find((c) => c.startsWith('session='))!.split(';')[0]!;
	const [jr] = await t.db.select({ id: joinRequests.id }).from(joinRequests).where(eq(joinRequests.userId, res.body.id));
	return { userId: res.body.id, email: body.email, cookie, requestId: jr!.id, language: body.language };
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

/** Registers through an invitation; returns the answer and, on success, the session cookie. */
export async function register(t: TestServer, token: string, body: Record<string, unknown>) {
	const res = await t.api(`/api/invite/${token}`, { method: 'POST', body });
	const cookie = res.setCookies.find((c) => c.startsWith('session='))?.split(';')[0];
	return { res, cookie };
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
