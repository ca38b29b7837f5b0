import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db } from '../runtime';
import { meetingInvitees, userRoles, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { parseInput } from '../input';
import { PeopleQuery } from './schedule-schemas';
import type { InviteeKind } from '../../shared/meetings';
import type { PersonOption } from '../../shared/meetings-schedule';
import type { Language } from '../../shared/roles';

/**
 * Who a session invites: every active board member (the board_member role on
 * an active account) by default, and named others, guests such as a policy
 * officer, found by name or email among active accounts. People come with
 * what telling them needs: their address, language and time zone.
 */

export interface InviteePerson {
	id: string;
	email: string;
	displayName: string;
	language: Language;
	timeZone: string;
	kind: InviteeKind;
}

const personColumns = { id: users.id, email: users.email, displayName: users.displayName, language: users.language, timeZone: users.timeZone };
const isBoard = sql<boolean>`exists (select 1 from user_roles r where r.user_id = ${users.id} and r.role = 'board_member')`;

/** Every active board member, by name. */
export async function activeBoardMembers(reader: Db | Tx = db()): Promise<InviteePerson[]> {
	const rows = await reader
		.select(personColumns)
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'board_member')))
		.where(eq(users.status, 'active'))
		.orderBy(asc(users.displayName), asc(users.id));
	return rows.map((r) => ({ ...r, kind: 'board' as const }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The named guests, each an active account's id or email address. Returns the
 * people found, and for each entry that names no active person its position
 * (for "guests.<i>" beside the field). A board member named here is invited
 * as a board member.
 */
export async function resolveGuests(reader: Db | Tx, entries: readonly string[]): Promise<{ people: InviteePerson[]; unknown: number[] }> {
	if (entries.length === 0) return { people: [], unknown: [] };
	const ids = entries.filter((e) => UUID.test(e)).map((e) => e.toLowerCase());
	const emails = entries.filter((e) => !UUID.test(e)).map((e) => e.toLowerCase());
	const rows = await reader
		.select({ ...personColumns, board: isBoard })
		.from(users)
		.where(
			and(
				eq(users.status, 'active'),
				or(ids.length ? inArray(users.id, ids) : undefined, emails.length ? inArray(sql`lower(${users.email})`, emails) : undefined)
			)
		);
	const byKey = new Map<string, (typeof rows)[number]>();
	for (const r of rows) {
		byKey.set(r.id.toLowerCase(), r);
		byKey.set(r.email.toLowerCase(), r);
	}
	const people = new Map<string, InviteePerson>();
	const unknown: number[] = [];
	entries.forEach((e, i) => {
		const r = byKey.get(e.toLowerCase());
		if (!r) unknown.push(i);
		else people.set(r.id, { id: r.id, email: r.email, displayName: r.displayName, language: r.language, timeZone: r.timeZone, kind: r.board ? 'board' : 'guest' });
	});
	return { people: [...people.values()], unknown };
}

/** A session's invitees who are active now (those who are told of changes and reminded), by name. */
export async function inviteesOf(reader: Db | Tx, meetingId: number): Promise<(InviteePerson & { rsvp: string | null })[]> {
	const rows = await reader
		.select({ ...personColumns, kind: meetingInvitees.kind, rsvp: meetingInvitees.rsvp })
		.from(meetingInvitees)
		.innerJoin(users, eq(users.id, meetingInvitees.userId))
		.where(and(eq(meetingInvitees.meetingId, meetingId), eq(users.status, 'active')))
		.orderBy(asc(users.displayName), asc(users.id));
	return rows;
}

/** Writes the invitations that are new; returns the people newly invited. */
export async function addInvitees(tx: Tx, meetingId: number, people: InviteePerson[]): Promise<InviteePerson[]> {
	if (people.length === 0) return [];
	const inserted = await tx
		.insert(meetingInvitees)
		.values(people.map((p) => ({ meetingId, userId: p.id, kind: p.kind })))
		.onConflictDoNothing()
		.returning({ userId: meetingInvitees.userId });
	const added = new Set(inserted.map((r) => r.userId));
	return people.filter((p) => added.has(p.id));
}

/** For the scheduling form: how many active board members there are, and the guests chosen so far (by id) as people. */
export async function invitationPreview(actor: Actor, guestIds: readonly string[]): Promise<{ boardMembers: number; guests: PersonOption[] }> {
	requireCapability(actor, 'board.manage');
	const reader = db();
	const ids = guestIds.filter((g) => UUID.test(g)).slice(0, 100);
	const [board, found] = await Promise.all([activeBoardMembers(reader), resolveGuests(reader, ids)]);
	return { boardMembers: board.length, guests: found.people.map((p) => ({ id: p.id, displayName: p.displayName, email: p.email, board: p.kind === 'board' })) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * People a coordinator may name as guests: active accounts whose name or
 * email matches, at most ten, board members marked. A coordinator's search,
 * rare and small: a scan with ILIKE is enough.
 */
export async function searchPeople(actor: Actor, raw: PeopleQuery): Promise<PersonOption[]> {
	requireCapability(actor, 'board.manage');
	const { q } = parseInput(PeopleQuery, raw);
	const like = `%${escapeLike(q)}%`;
	return db()
		.select({ id: users.id, displayName: users.displayName, email: users.email, board: isBoard })
		.from(users)
		.where(and(eq(users.status, 'active'), or(ilike(users.displayName, like), ilike(users.email, like))))
		.orderBy(asc(users.displayName), asc(users.id))
		.limit(10);
}
