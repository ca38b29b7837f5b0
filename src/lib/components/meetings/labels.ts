import { m } from '$lib/paraglide/messages';
import type { InviteeKind, Rsvp } from '$lib/shared/meetings';

/** The words for an answer to an invitation, and for how someone was invited. */
export const rsvpLabel = (r: Rsvp | null | undefined): string => (r ? { yes: m.meetings_rsvp_yes, no: m.meetings_rsvp_no, maybe: m.meetings_rsvp_maybe }[r]() : m.meetings_rsvp_none());
export const inviteeKindLabel = (k: InviteeKind): string => (k === 'guest' ? m.meetings_kind_guest() : m.meetings_kind_board());
