import { z } from 'zod';
import { text } from '../text';
import { COORDINATOR_STEPS, dayString } from '../../shared/board-memberships';

/** What arrives for the coordinators' board and the invited person's answer: URL parameters and bodies (pages and the API alike). */
const INT32 = 2_147_483_647;
const id = (error: string) => z.coerce.number({ error }).int({ error }).positive({ error }).max(INT32, { error });

export const BoardMembershipIdParam = z.object({ id: id('error_board_membership_not_found') });
export const BoardPersonIdParam = z.object({ id: z.uuid({ error: 'error_user_not_found' }) });

/** A reason in a person's words; left empty, none. */
const reason = text({ error: 'error_board_reason_long', max: 1000, multiline: true, allowEmpty: true })
	.optional()
	.transform((s) => s || undefined);

export const BoardStepInput = z
	.object({ to: z.enum(COORDINATOR_STEPS, { error: 'error_board_step_unknown' }), reason })
	.superRefine((v, ctx) => {
		// Taking someone off the board's path is explained to the person and to the other coordinators.
		if (v.to === 'withdrawn' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'error_board_reason_required' });
	});
export type BoardStepInput = z.input<typeof BoardStepInput>;

export const BoardTermInput = z
	.object({ termStart: dayString('error_board_term_date'), termEnd: dayString('error_board_term_date') })
	.superRefine((v, ctx) => {
		if (v.termEnd <= v.termStart) ctx.addIssue({ code: 'custom', path: ['termEnd'], message: 'error_board_term_order' });
	});
export type BoardTermInput = z.input<typeof BoardTermInput>;

/** The invited person's answer: a form sends "true"/"false", JSON a boolean. */
export const InvitationAnswerInput = z.object({
	accept: z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')], { error: 'error_malformed_request' }),
	reason
});
export type InvitationAnswerInput = z.input<typeof InvitationAnswerInput>;
