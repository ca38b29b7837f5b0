import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { meetingAgendaItems, meetings } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { meetingAccess, requireAccess } from './access';
import { nextSeq } from './seq';
import { AgendaMoveInput, type Raw } from './note-schemas';
import type { AgendaItem, MeetingAgendaChange } from '../../shared/meetings-room';

/**
 * The room's agenda: a coordinator moves it on (next, previous, a chosen
 * item, or off any item before the start and after the end). The current
 * item and since when are stored on the session, so "time left" is worked
 * out by each browser from them and the item's time box, with no clock
 * ticking on the server. A move names the item the coordinator saw as
 * current: two coordinators pressing "next" together move it once, and the
 * second is told.
 */

/** The session's agenda items in order. */
export async function agendaItems(meetingId: number, reader: Db | Tx = db()): Promise<AgendaItem[]> {
	return reader
		.select({ id: meetingAgendaItems.id, position: meetingAgendaItems.position, title: meetingAgendaItems.title, body: meetingAgendaItems.body, minutes: meetingAgendaItems.minutes })
		.from(meetingAgendaItems)
		.where(eq(meetingAgendaItems.meetingId, meetingId))
		.orderBy(asc(meetingAgendaItems.position));
}

export async function moveAgenda(actor: Actor, meetingId: number, raw: Raw<AgendaMoveInput>): Promise<MeetingAgendaChange> {
	const a = requireActive(actor);
	const access = await meetingAccess(a, meetingId);
	requireAccess(access, 'enterRoom');
	requireAccess(access, 'manage');
	const input = parseInput(AgendaMoveInput, raw);
	return transact(async (tx, emit) => {
		// The session's row is locked from here: a second move waits, then sees this one.
		const seq = await nextSeq(tx, meetingId);
		const [m] = await tx.select({ currentItemId: meetings.currentItemId, currentItemSince: meetings.currentItemSince }).from(meetings).where(eq(meetings.id, meetingId));
		const current = m!.currentItemId;
		if (input.from !== undefined && input.from !== current) throw new DomainError('conflict', 'error_meeting_agenda_moved');
		const items = await agendaItems(meetingId, tx);
		const at = items.findIndex((i) => i.id === current);
		let target: number | null;
		switch (input.move) {
			case 'next':
				if (items.length === 0) throw new DomainError('conflict', 'error_meeting_agenda_empty');
				if (at === items.length - 1) throw new DomainError('conflict', 'error_meeting_agenda_last');
				target = items[at + 1]!.id;
				break;
			case 'previous':
				if (at <= 0) throw new DomainError('conflict', 'error_meeting_agenda_first');
				target = items[at - 1]!.id;
				break;
			case 'set':
				if (!items.some((i) => i.id === input.itemId)) throw new DomainError('invalid_input', 'error_meeting_item_unknown', { field: 'itemId' });
				target = input.itemId;
				break;
			case 'clear':
				target = null;
				break;
		}
		// Asked for the item it is on: its time box keeps running as it was.
		if (target === current) return { meetingId, seq, currentItemId: current, currentItemSince: m!.currentItemSince?.toISOString() ?? null };
		const since = target === null ? null : new Date();
		await tx.update(meetings).set({ currentItemId: target, currentItemSince: since }).where(eq(meetings.id, meetingId));
		const agenda: MeetingAgendaChange = { meetingId, seq, currentItemId: target, currentItemSince: since?.toISOString() ?? null };
		emit({ type: 'meeting.agenda.moved', meetingId, agenda });
		return agenda;
	});
}
