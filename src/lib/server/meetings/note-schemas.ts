import { wholeNumber } from '../input';
import { z } from 'zod';
import { text } from '../text';
import { NOTE_KINDS } from '../../shared/meetings';
import { ENTRY_BODY_MAX, ENTRY_OWNER_MAX } from '../../shared/meetings-room';
import { dayString } from '../../shared/board-memberships';

/**
 * What arrives for the live room (agenda, notes, attendance): URL parameters,
 * queries and bodies, pages and the API alike. Each schema's output parses
 * again as its input: the API parses a body, then the domain does.
 */
const INT32 = 2_147_483_647;
const id = (error: string) => wholeNumber(error, { max: INT32 });
/** Entries are bigserial, but a number past 2^53 is no entry of ours. */
const entryId = wholeNumber('error_meeting_entry_not_found', { max: Number.MAX_SAFE_INTEGER });
/** A form sends "true"/"false", JSON a boolean. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')], { error: 'error_malformed_request' });
const version = wholeNumber('error_malformed_request', { max: INT32 });

export const MeetingRoomParam = z.object({ id: id('error_meeting_not_found') });
export const MeetingEntryParams = z.object({ id: id('error_meeting_not_found'), entryId });
export const MeetingInviteeParams = z.object({ id: id('error_meeting_not_found'), userId: z.uuid({ error: 'error_meeting_invitee_not_found' }) });

/** An input as the API has it (typed), or a form's fields as they were sent: the domain parses either, after asking access. */
export type Raw<T> = T | Record<string, string>;

/** A returning browser's last change number; none (or 0) for the whole room. */
export const RoomStateQuery = z.object({
	since: z.coerce.number({ error: 'error_malformed_request' }).int({ error: 'error_malformed_request' }).min(0, { error: 'error_malformed_request' }).max(Number.MAX_SAFE_INTEGER, { error: 'error_malformed_request' }).optional()
});
export type RoomStateQuery = z.input<typeof RoomStateQuery>;

const kind = z.enum(NOTE_KINDS, { error: 'error_meeting_entry_kind' });
const body = text({ error: 'error_meeting_entry_body', max: ENTRY_BODY_MAX, multiline: true });
/** Left empty: none. */
const owner = text({ error: 'error_meeting_entry_owner', max: ENTRY_OWNER_MAX, allowEmpty: true })
	.nullish()
	.transform((s) => s || null);
const dueDate = z
	.union([z.literal(''), dayString('error_meeting_entry_due')])
	.nullish()
	.transform((s) => s || null);

/** A follow-up names who carries it and by when; other kinds carry neither (what a form left in those fields is dropped). */
function followUpFields<T extends { kind: (typeof NOTE_KINDS)[number]; owner: string | null; dueDate: string | null }>(v: T, ctx: z.RefinementCtx): void {
	if (v.kind !== 'follow_up') return;
	if (!v.owner) ctx.addIssue({ code: 'custom', path: ['owner'], message: 'error_meeting_entry_owner_required' });
	if (!v.dueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'error_meeting_entry_due_required' });
}
const dropFollowUp = <T extends { kind: string; owner: string | null; dueDate: string | null }>(v: T): T =>
	v.kind === 'follow_up' ? v : { ...v, owner: null, dueDate: null };

/** A new entry under an agenda item: written by a coordinator, proposed by a board member. */
export const NoteEntryInput = z
	.object({ itemId: id('error_meeting_item_unknown'), kind, body, owner, dueDate })
	.superRefine(followUpFields)
	.transform(dropFollowUp);
export type NoteEntryInput = z.input<typeof NoteEntryInput>;

/** An edit names the version it started from: a later one written meanwhile is not overwritten. */
export const NoteEntryEdit = z
	.object({ version, kind, body, owner, dueDate })
	.superRefine(followUpFields)
	.transform(dropFollowUp);
export type NoteEntryEdit = z.input<typeof NoteEntryEdit>;

/** Deleting names the version seen too: text written meanwhile is not thrown away unseen. */
export const NoteEntryDelete = z.object({ version });
export type NoteEntryDelete = z.input<typeof NoteEntryDelete>;

export const NoteEntryDecision = z.object({ decision: z.enum(['accept', 'reject'], { error: 'error_malformed_request' }) });
export type NoteEntryDecision = z.input<typeof NoteEntryDecision>;

/** Set, not toggle: sent twice, still one mark. */
export const NoteEntryHighlight = z.object({ highlighted: flag });
export type NoteEntryHighlight = z.input<typeof NoteEntryHighlight>;

/**
 * Moving the agenda on. `from` is the item the coordinator saw as current
 * (empty: none), so two coordinators pressing "next" at once move it once.
 */
export const AgendaMoveInput = z
	.object({
		move: z.enum(['next', 'previous', 'set', 'clear'], { error: 'error_malformed_request' }),
		itemId: z.union([z.literal(''), id('error_meeting_item_unknown')]).nullish().transform((v) => (v === '' || v == null ? null : v)),
		from: z.union([z.literal(''), id('error_malformed_request')]).nullish().transform((v) => (v === undefined ? undefined : v === '' || v === null ? null : v))
	})
	.superRefine((v, ctx) => {
		if (v.move === 'set' && v.itemId === null) ctx.addIssue({ code: 'custom', path: ['itemId'], message: 'error_meeting_item_unknown' });
	});
export type AgendaMoveInput = z.input<typeof AgendaMoveInput>;

/** A coordinator's correction: present or absent (joined by phone, or left at once). */
export const AttendanceInput = z.object({ attended: flag });
export type AttendanceInput = z.input<typeof AttendanceInput>;
