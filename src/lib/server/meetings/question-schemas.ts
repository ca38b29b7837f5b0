import { wholeNumber } from '../input';
import { z } from 'zod';
import { text } from '../text';
import { QUESTION_MAX } from '../../shared/meetings-questions';

/** What arrives for the room's questions: URL parameters and bodies, pages and the API alike. */
const INT32 = 2_147_483_647;
const id = (error: string) => wholeNumber(error, { max: INT32 });
/** A form sends "true"/"false", JSON a boolean. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')], { error: 'error_malformed_request' });

export const MeetingQuestionParams = z.object({ id: id('error_meeting_not_found'), questionId: id('error_meeting_question_not_found') });

export const AskQuestionInput = z.object({
	body: text({ error: 'error_meeting_question_body', max: QUESTION_MAX, multiline: true })
});
export type AskQuestionInput = z.input<typeof AskQuestionInput>;

/** Set, not toggle: a vote sent twice (a double click, a retry) is still one vote. */
export const VoteQuestionInput = z.object({
	questionId: id('error_meeting_question_not_found'),
	voted: flag
});
export type VoteQuestionInput = z.input<typeof VoteQuestionInput>;

/** Answered, or back in the queue (a question marked by mistake). */
export const AnswerQuestionInput = z.object({
	questionId: id('error_meeting_question_not_found'),
	answered: flag
});
export type AnswerQuestionInput = z.input<typeof AnswerQuestionInput>;
