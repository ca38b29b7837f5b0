import { liveSocket, type LiveSocket } from '$lib/realtime/client';
import { meetingCoordinatorsRoom, meetingRoom } from '$lib/shared/rooms';
import type { AttendanceRow, MeetingAgendaChange, MeetingAttendanceChange, MeetingPresence, MeetingRoomState, NoteEntry, NoteEntryRemoved, RoomPerson } from '$lib/shared/meetings-room';

/**
 * The live side of a session's room page. Starts from the state the server
 * rendered; then every broadcast is applied once, by its change number (an
 * entry by its own seq, the agenda by the room's), so a repeat (a restored
 * connection replays what it missed, a catch-up overlaps a broadcast) changes
 * nothing. After every (re)join the room asks the server what changed after
 * the last answer it had (`since`): the socket layer replays two minutes of
 * missed events at most, a phone that slept longer gets the rest here. The
 * room's numbers are given out in commit order (one per session, under its
 * row's lock), so an answer's `seq` covers everything before it.
 */
export type RoomStatus = 'connecting' | 'live' | 'reconnecting' | 'catching-up' | 'stopped';

type Agenda = MeetingRoomState['agenda'];

export class LiveRoom {
	agenda = $state<Agenda>({ items: [], currentItemId: null, currentItemSince: null });
	entries = $state<NoteEntry[]>([]);
	present = $state<RoomPerson[]>([]);
	attendance = $state<AttendanceRow[] | null>(null);
	notesStatus = $state<MeetingRoomState['notesStatus']>('draft');
	status = $state<RoomStatus>('connecting');
	/** The server's clock minus the browser's, from the last answer fetched: the countdown runs on the server's time. */
	skew = $state(0);
	readonly meetingId: number;
	readonly manage: boolean;
	/** Highest seq applied per entry (a deleted one keeps its deletion's): older news about it is dropped. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never shown
	#known = new Map<number, number>();
	#agendaSeq = 0;
	/** The seq of the last answer from the server: everything up to it is applied. */
	#since = 0;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, never shown
	#catchUps = new Set<(state: MeetingRoomState) => void>();
	#fetchFn: typeof fetch;

	constructor(initial: MeetingRoomState, options: { fetchFn?: typeof fetch } = {}) {
		this.meetingId = initial.meetingId;
		this.manage = initial.me.manage;
		this.#fetchFn = options.fetchFn ?? ((...args) => fetch(...args));
		this.apply(initial);
	}

	/** An answer from the server (the page's data after a form was sent, or a catch-up): applied where it is newer. */
	apply(state: MeetingRoomState): void {
		for (const e of state.entries) this.#take(e);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call only
		const there = new Set(state.entryIds);
		// Gone from the server's list as of its seq: deleted meanwhile. One added after that answer was read stays.
		const gone = this.entries.filter((e) => !there.has(e.id) && (this.#known.get(e.id) ?? 0) <= state.seq);
		if (gone.length) this.entries = this.entries.filter((e) => !gone.includes(e));
		if (state.seq >= this.#agendaSeq) {
			this.agenda = state.agenda;
			this.#agendaSeq = state.seq;
		}
		this.present = state.present;
		this.attendance = state.attendance;
		this.notesStatus = state.notesStatus;
		this.#since = Math.max(this.#since, state.seq);
	}

	/** Told after each catch-up, with the whole answer (its `sections` too: the questions and polls panels read theirs there). */
	onCatchUp(listener: (state: MeetingRoomState) => void): () => void {
		this.#catchUps.add(listener);
		return () => this.#catchUps.delete(listener);
	}

	/** Connects; returns the function that disconnects (for onMount). */
	start(socket: LiveSocket = liveSocket()): () => void {
		const mine = (p: { meetingId: number }) => p.meetingId === this.meetingId;
		const onAgenda = (a: MeetingAgendaChange) => {
			if (!mine(a) || a.seq <= this.#agendaSeq) return;
			this.#agendaSeq = a.seq;
			this.agenda = { ...this.agenda, currentItemId: a.currentItemId, currentItemSince: a.currentItemSince };
		};
		const onEntry = (e: NoteEntry) => {
			if (mine(e)) this.#take(e);
		};
		const onRemoved = (r: NoteEntryRemoved) => {
			if (!mine(r) || (this.#known.get(r.id) ?? 0) >= r.seq) return;
			this.#known.set(r.id, r.seq);
			this.entries = this.entries.filter((e) => e.id !== r.id);
		};
		const onPresence = (p: MeetingPresence) => {
			if (mine(p)) this.present = p.people;
		};
		const onAttendance = (a: MeetingAttendanceChange) => {
			if (!mine(a) || !this.attendance) return;
			this.attendance = this.attendance.map((row) => (row.userId === a.userId ? { ...row, attended: a.attended, source: a.source } : row));
		};
		const rooms = [meetingRoom(this.meetingId), ...(this.manage ? [meetingCoordinatorsRoom(this.meetingId)] : [])];
		let left = false;
		const onConnect = () => {
			this.status = this.status === 'connecting' ? 'connecting' : 'catching-up';
			void this.#join(socket, rooms, () => left);
		};
		const onDisconnect = () => {
			this.status = 'reconnecting';
		};
		socket.on('meeting:agenda', onAgenda);
		socket.on('meeting:entry', onEntry);
		socket.on('meeting:entry-removed', onRemoved);
		socket.on('meeting:presence', onPresence);
		socket.on('meeting:attendance', onAttendance);
		socket.on('connect', onConnect);
		socket.on('disconnect', onDisconnect);
		if (socket.connected) onConnect();
		return () => {
			left = true;
			socket.off('meeting:agenda', onAgenda);
			socket.off('meeting:entry', onEntry);
			socket.off('meeting:entry-removed', onRemoved);
			socket.off('meeting:presence', onPresence);
			socket.off('meeting:attendance', onAttendance);
			socket.off('connect', onConnect);
			socket.off('disconnect', onDisconnect);
			if (socket.connected) for (const room of rooms) socket.emit('room:leave', room, () => {});
		};
	}

	/** Joins the rooms, then fetches what changed since the last answer; a failed fetch is tried again while connected. */
	async #join(socket: LiveSocket, rooms: string[], left: () => boolean): Promise<void> {
		for (const room of rooms) {
			const answer = await socket.timeout(10_000).emitWithAck('room:join', room).catch(() => ({ ok: false as const, error: 'timeout', message: '' }));
			if (left() || !socket.connected) return;
			if (!answer.ok) {
				// Refused (no longer invited, the session cancelled): nothing more will come.
				if (answer.error !== 'timeout' && answer.error !== 'rate_limited') this.status = 'stopped';
				else setTimeout(() => socket.connected && !left() && void this.#join(socket, rooms, left), 2_000);
				return;
			}
		}
		for (let attempt = 0; !left() && socket.connected; attempt++) {
			try {
				const res = await this.#fetchFn(`/api/board/sessions/${this.meetingId}/room?since=${this.#since}`, { headers: { accept: 'application/json' } });
				if (res.status >= 400 && res.status < 500 && res.status !== 429) {
					this.status = 'stopped';
					return;
				}
				if (!res.ok) throw new Error(`room: ${res.status}`);
				const state = (await res.json()) as MeetingRoomState;
				if (left()) return;
				this.skew = Date.parse(state.serverNow) - Date.now();
				this.apply(state);
				this.status = 'live';
				for (const listener of this.#catchUps) listener(state);
				return;
			} catch {
				await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
			}
		}
	}

	#take(e: NoteEntry): void {
		const known = this.#known.get(e.id);
		if (known !== undefined && known >= e.seq) return;
		this.#known.set(e.id, e.seq);
		const at = this.entries.findIndex((x) => x.id === e.id);
		if (at >= 0) this.entries[at] = e;
		else this.entries.push(e);
	}
}
