import { db } from '../runtime';
import { requireActive, type Actor } from '../auth/actor';
import { parseInput } from '../input';
import { meetingAccess, requireAccess } from './access';
import { agendaItems } from './agenda';
import { attendanceList } from './attendance';
import { entriesFor, entryIdsFor } from './notes';
import { presentIn } from './presence-source';
import { RoomStateQuery } from './note-schemas';
import { ROOM_SECTIONS, type RoomSectionReader, type RoomSections } from './room-sections';
import type { MeetingRoomState } from '../../shared/meetings-room';

/**
 * The live room as one person sees it: the page's first state, and the
 * catch-up of a browser that was away longer than the socket layer keeps
 * missed events (`since`: the last change number it saw). The session's row
 * is read first (with the access check) and its change number is the
 * answer's `seq`: every change numbered up to it has committed (nextSeq holds
 * the row until the commit), so the entries read after it hold all of them,
 * and maybe a few later ones (harmless: a browser applies a change once, by
 * its seq).
 */
export async function roomState(actor: Actor, meetingId: number, raw: RoomStateQuery = {}): Promise<MeetingRoomState<RoomSections>> {
	const a = requireActive(actor);
	const reader = db();
	const access = await meetingAccess(a, meetingId, reader);
	requireAccess(access, 'enterRoom');
	const since = parseInput(RoomStateQuery, raw).since ?? 0;
	const { meeting } = access;
	const context = { access, meetingId, viewerId: a.user.id, since, reader };
	const [items, entries, entryIds, present, attendance, sections] = await Promise.all([
		agendaItems(meetingId, reader),
		entriesFor(access, a.user.id, since, reader),
		entryIdsFor(access, a.user.id, reader),
		presentIn(meetingId),
		access.manage ? attendanceList(meetingId, reader) : Promise.resolve(null),
		readSections(context)
	]);
	return {
		meetingId,
		title: meeting.title,
		status: meeting.status,
		notesStatus: meeting.notesStatus,
		startAt: meeting.startAt.toISOString(),
		endAt: meeting.endAt.toISOString(),
		serverNow: new Date().toISOString(),
		seq: meeting.seq,
		since,
		agenda: { items, currentItemId: meeting.currentItemId, currentItemSince: meeting.currentItemSince?.toISOString() ?? null },
		entries,
		entryIds,
		present,
		me: { id: a.user.id, manage: access.manage, propose: access.proposeNotes },
		attendance,
		sections
	};
}

async function readSections(context: Parameters<RoomSectionReader>[0]): Promise<RoomSections> {
	const keys = Object.keys(ROOM_SECTIONS) as (keyof typeof ROOM_SECTIONS)[];
	const values = await Promise.all(keys.map((k) => (ROOM_SECTIONS[k] as RoomSectionReader)(context)));
	return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as RoomSections;
}
