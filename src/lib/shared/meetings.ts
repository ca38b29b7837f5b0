/**
 * Board sessions ("meetings" in code: "sessions" are login sessions here).
 * Constants shared by the server and the pages; the wire shapes of the
 * capability live beside them as it grows.
 */

export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Draft while the session is prepared and held; published notes are frozen (a correction is a new revision). */
export const NOTES_STATUSES = ['draft', 'published'] as const;
export type NotesStatus = (typeof NOTES_STATUSES)[number];

export const RSVPS = ['yes', 'no', 'maybe'] as const;
export type Rsvp = (typeof RSVPS)[number];

/** Board members are invited as such; anyone else (a policy officer, say) as a guest. */
export const INVITEE_KINDS = ['board', 'guest'] as const;
export type InviteeKind = (typeof INVITEE_KINDS)[number];

/** How attendance was recorded: from presence in the room, or set by a coordinator (joined by phone). */
export const ATTENDANCE_SOURCES = ['presence', 'coordinator'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/** A note entry: a point raised, a quote (never with a name), a decision, a follow-up (owner, due date). */
export const NOTE_KINDS = ['point', 'quote', 'decision', 'follow_up'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Coordinators' entries are accepted as written; a board member's proposal waits for a coordinator. */
export const NOTE_STATES = ['proposed', 'accepted', 'rejected'] as const;
export type NoteState = (typeof NOTE_STATES)[number];

/** Local daytime for the time finder: a slot counts as inside when it falls within it for the invitee. */
export const DAYTIME = { from: 8, to: 21 } as const;
