/**
 * Board sessions for tests, inserted directly (the scheduling API has tests
 * of its own): `createMeeting({ startAt, invitees, items })` returns the ids.
 * Runs on the test server's database (the runtime is one per process, so
 * call it inside a test or hook, after useServer()'s beforeAll).
 */
import { eq } from 'drizzle-orm';
import { db } from '../../src/lib/server/runtime';
import { meetingAgendaItems, meetingInvitees, meetings } from '../../src/lib/server/db/schema';
import type { InviteeKind, MeetingStatus, NotesStatus, Rsvp } from '../../src/lib/shared/meetings';
import type { Role } from '../../src/lib/shared/roles';
import type { TestServer } from './server';

export interface NewMeeting {
	title?: string;
	description?: string;
	/** Default: ten minutes ago (a session going on now). */
	startAt?: Date;
	/** Default: the start plus the agenda's minutes plus ten. */
	endAt?: Date;
	/** User ids (invited as board members), or with their kind and answer. */
	invitees?: (string | { userId: string; kind?: InviteeKind; rsvp?: Rsvp | null })[];
	/** Default: three items of 20, 15 and 10 minutes. */
	items?: { title: string; body?: string; minutes?: number }[];
	/** The position (0-based) of the item the room is on, since `currentSince` (default: now); none by default. */
	current?: number;
	currentSince?: Date;
	status?: MeetingStatus;
	notesStatus?: NotesStatus;
	meetingLink?: string;
	createdBy?: string | null;
}

export interface CreatedMeeting {
	id: number;
	uid: string;
	itemIds: number[];
}

export const DEFAULT_ITEMS = [
	{ title: 'Werkvergunningen in het buitenland', body: 'Wat hielp, wat niet: ervaringen per standplaats.', minutes: 20 },
	{ title: 'Professional-development allowance', body: 'How partners used it, and what got in the way.', minutes: 15 },
	{ title: 'Terugkeer naar Nederland', body: '', minutes: 10 }
];

export async function createMeeting(input: NewMeeting = {}): Promise<CreatedMeeting> {
	const items = input.items ?? DEFAULT_ITEMS;
	const startAt = input.startAt ?? new Date(Date.now() - 10 * 60_000);
	const total = items.reduce((n, i) => n + (i.minutes ?? 15), 0);
	const endAt = input.endAt ?? new Date(startAt.getTime() + (total + 10) * 60_000);
	const [m] = await db()
		.insert(meetings)
		.values({
			title: input.title ?? 'Klankbordsessie: werken in het buitenland',
			description: input.description ?? '',
			startAt,
			endAt,
			meetingLink: input.meetingLink ?? 'https://meet.example.org/klankbord-test',
			status: input.status ?? 'scheduled',
			notesStatus: input.notesStatus ?? 'draft',
			createdBy: input.createdBy ?? null
		})
		.returning({ id: meetings.id, uid: meetings.uid });
	const rows = items.length
		? await db()
				.insert(meetingAgendaItems)
				.values(items.map((item, i) => ({ meetingId: m!.id, position: i + 1, title: item.title, body: item.body ?? '', minutes: item.minutes ?? 15 })))
				.returning({ id: meetingAgendaItems.id, position: meetingAgendaItems.position })
		: [];
	const itemIds = rows.sort((a, b) => a.position - b.position).map((r) => r.id);
	if (input.current !== undefined) {
		await db()
			.update(meetings)
			.set({ currentItemId: itemIds[input.current]!, currentItemSince: input.currentSince ?? new Date() })
			.where(eq(meetings.id, m!.id));
	}
	const invitees = (input.invitees ?? []).map((i) => (typeof i === 'string' ? { userId: i } : i));
	if (invitees.length) {
		await db()
			.insert(meetingInvitees)
			.values(invitees.map((i) => ({ meetingId: m!.id, userId: i.userId, kind: i.kind ?? 'board', rsvp: i.rsvp ?? null, rsvpAt: i.rsvp ? new Date() : null })));
	}
	return { id: m!.id, uid: m!.uid, itemIds };
}

export interface MeetingPerson {
	id: string;
	email: string;
	cookie: string;
}

/** A new active person with these roles, logged in: a board member by default. */
export async function meetingPerson(t: TestServer, name: string, roles: Role[] = ['member', 'board_member'], language: 'nl' | 'en' = 'en'): Promise<MeetingPerson> {
	const u = await t.createUser({ roles, displayName: name, language });
	return { id: u.id, email: u.email, cookie: await t.login(u.email, u.password) };
}
