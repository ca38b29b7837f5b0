import { wholeNumber } from '../input';
import { z } from 'zod';
import { text } from '../text';
import { POLL_OPTION_MAX, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN, POLL_QUESTION_MAX } from '../../shared/meetings-questions';

/** What arrives for the room's quick polls: URL parameters and bodies, pages and the API alike. */
const INT32 = 2_147_483_647;
const id = (error: string) => wholeNumber(error, { max: INT32 });

export const MeetingPollParams = z.object({ id: id('error_meeting_not_found'), pollId: id('error_meeting_poll_not_found') });

export const OpenPollInput = z
	.object({
		question: text({ error: 'error_meeting_poll_question', max: POLL_QUESTION_MAX }),
		options: z
			.array(text({ error: 'error_meeting_poll_option', max: POLL_OPTION_MAX }), { error: 'error_meeting_poll_options' })
			.min(POLL_OPTIONS_MIN, { error: 'error_meeting_poll_options' })
			.max(POLL_OPTIONS_MAX, { error: 'error_meeting_poll_options' }),
		/** The agenda item it belongs to; by default the one the room is on. */
		itemId: id('error_meeting_poll_item').optional()
	})
	.superRefine((v, ctx) => {
		// Two options worded alike would split one opinion in two.
		const seen = new Set<string>();
		v.options.forEach((o, i) => {
			const key = o.toLocaleLowerCase();
			if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['options', i], message: 'error_meeting_poll_option_twice' });
			seen.add(key);
		});
	});
export type OpenPollInput = z.input<typeof OpenPollInput>;

export const AnswerPollInput = z.object({
	pollId: id('error_meeting_poll_not_found'),
	/** The option's place in the list, from 0 (a form sends it as text; none chosen sends nothing). */
	option: z
		.union([z.number(), z.string().regex(/^\d{1,2}$/).transform(Number)], { error: 'error_meeting_poll_choose' })
		.pipe(z.number().int({ error: 'error_meeting_poll_choose' }).min(0, { error: 'error_meeting_poll_choose' }).max(POLL_OPTIONS_MAX - 1, { error: 'error_meeting_poll_choose' }))
});
export type AnswerPollInput = z.input<typeof AnswerPollInput>;

export const ClosePollInput = z.object({ pollId: id('error_meeting_poll_not_found') });
export type ClosePollInput = z.input<typeof ClosePollInput>;
