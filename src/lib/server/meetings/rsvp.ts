import { and, eq } from 'drizzle-orm';
import { transact } from '../runtime';
import { meetingInvitees } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { meetingAccess } from './access';
import { RsvpInput } from './schedule-schemas';
import type { RsvpAnswer } from '../../shared/meetings-schedule';

/**
 * An invitee's answer: yes, no or maybe, with a note on access needs in
 * their own words that only coordinators read. Asked again, the answer is
 * replaced. Who may not see the session is told it does not exist; who sees
 * it without an invitation (a coordinator, a board member not invited) is
 * refused; the input is read only after that.
 */
export async function answerInvitation(actor: Actor, meetingId: number, raw: RsvpInput, now: Date = new Date()): Promise<RsvpAnswer> {
	const a = requireActive(actor);
	return transact(async (tx) => {
		const access = await meetingAccess(a, meetingId, tx);
		if (!access.see) throw new DomainError('not_found', 'error_meeting_not_found');
		if (!access.invitee) throw new DomainError('forbidden', 'error_meeting_not_invited');
		const input = parseInput(RsvpInput, raw);
		if (access.meeting.status === 'cancelled') throw new DomainError('conflict', 'error_meeting_cancelled');
		if (access.meeting.endAt.getTime() <= now.getTime()) throw new DomainError('conflict', 'error_meeting_over');
		await tx
			.update(meetingInvitees)
			.set({ rsvp: input.answer, rsvpNote: input.note, rsvpAt: now })
			.where(and(eq(meetingInvitees.meetingId, meetingId), eq(meetingInvitees.userId, a.user.id)));
		return { meetingId, rsvp: input.answer, rsvpNote: input.note };
	});
}
