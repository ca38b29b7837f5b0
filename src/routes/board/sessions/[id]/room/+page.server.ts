import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, idParam, orErrorPage, pageGuard } from '$lib/server/kit';
import { roomState } from '$lib/server/meetings/room-state';
import { meetingAccess } from '$lib/server/meetings/access';
import { moveAgenda } from '$lib/server/meetings/agenda';
import { setAttendance } from '$lib/server/meetings/attendance';
import { addEntry, decideEntry, deleteEntry, editEntry, highlightEntry, StaleEntry } from '$lib/server/meetings/notes';
import { translate } from '$lib/i18n/translate';
import { DomainError, isDomainError } from '$lib/server/errors';
import { answerQuestion, askQuestion, voteQuestion } from '$lib/server/meetings/questions';
import { answerPoll, closePoll, openPoll } from '$lib/server/meetings/polls';
import { POLL_OPTIONS_MAX } from '$lib/shared/meetings-questions';

/**
 * A session's live room: the agenda with its current item, who is present,
 * the notes so far; forms for coordinators (entries, proposals, the agenda,
 * attendance) and for invited board members (propose an entry). Every form
 * works without JavaScript; with it, the page follows the room live
 * (LiveRoom). Who may do what is the domain's to say (access.ts).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const id = idParam(event.params.id);
	if (!id) error(404, translate('error_meeting_not_found', getLocale()));
	const room = await orErrorPage(() => roomState(actor, id));
	// The link travels with the page, to invitees and coordinators alone: never in the room's state or its events.
	const access = await orErrorPage(() => meetingAccess(actor, id));
	return { room, meetingLink: access.seeLink ? access.meeting.meetingLink : '', timeZone: actor.user.timeZone };
};

const meetingOf = (raw: string) => idParam(raw) ?? 0;
const entryOf = (raw: string | undefined) => idParam(raw) ?? 0;

/** What an entry form sent, kept to fill it again after a refusal. */
const typed = (v: Record<string, string>) => ({ kind: v.kind ?? '', body: v.body ?? '', owner: v.owner ?? '', dueDate: v.dueDate ?? '', itemId: v.itemId ?? '' });

export const actions: Actions = {
	entry: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ which: 'entry' as const, added: (await addEntry(actor, meetingOf(event.params.id), v)).state }), { which: 'entry' as const, ...typed(v) });
	},
	edit: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'edit' as const, entryId: entryOf(v.entryId), ...typed(v) };
		return formAction(async () => {
			try {
				return { which: 'edit' as const, entryId: (await editEntry(actor, meetingOf(event.params.id), keep.entryId, v)).id, saved: true };
			} catch (e) {
				// Someone else's text came first: theirs is shown beside the form, which keeps this writer's, at their version.
				if (!(e instanceof StaleEntry)) throw e;
				const message = translate(e.message, getLocale(), e.inputs);
				return fail(409, { ...keep, error: message, field: 'body', errors: { body: message }, current: e.current });
			}
		}, keep);
	},
	remove: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'remove' as const, entryId: entryOf(v.entryId) };
		return formAction(async () => {
			try {
				await deleteEntry(actor, meetingOf(event.params.id), keep.entryId, v);
				return { which: 'remove' as const, removed: true };
			} catch (e) {
				if (!(e instanceof StaleEntry)) throw e;
				return fail(409, { ...keep, error: translate(e.message, getLocale(), e.inputs), field: null, errors: {}, current: e.current });
			}
		}, keep);
	},
	decide: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'decide' as const, entryId: entryOf(v.entryId) };
		return formAction(async () => ({ ...keep, decided: (await decideEntry(actor, meetingOf(event.params.id), keep.entryId, v)).state }), keep);
	},
	highlight: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'highlight' as const, entryId: entryOf(v.entryId) };
		return formAction(async () => ({ ...keep, highlighted: (await highlightEntry(actor, meetingOf(event.params.id), keep.entryId, v)).highlighted }), keep);
	},
	agenda: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ which: 'agenda' as const, moved: (await moveAgenda(actor, meetingOf(event.params.id), v)).currentItemId }), { which: 'agenda' as const });
	},
	attendance: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'attendance' as const, userId: v.userId ?? '' };
		return formAction(async () => ({ ...keep, attended: (await setAttendance(actor, meetingOf(event.params.id), keep.userId, v)).attended }), keep);
	},
	// Questions and quick polls (QuestionQueue, PollPanel): each answer says which form it was, and what was typed after a refusal.
	ask: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ which: 'ask' as const, asked: Boolean(await askQuestion(actor, meetingOf(event.params.id), { body: v.body ?? '' })) }), { which: 'ask' as const, body: v.body ?? '' });
	},
	vote: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'vote' as const, questionId: entryOf(v.questionId) };
		return formAction(async () => ({ ...keep, voted: (await voteQuestion(actor, meetingOf(event.params.id), { questionId: v.questionId ?? '', voted: v.voted ?? '' })).voted }), keep);
	},
	answered: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'answered' as const, questionId: entryOf(v.questionId) };
		return formAction(async () => ({ ...keep, answered: (await answerQuestion(actor, meetingOf(event.params.id), { questionId: v.questionId ?? '', answered: v.answered ?? '' })).answeredAt !== null }), keep);
	},
	poll: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const slots = Array.from({ length: POLL_OPTIONS_MAX }, (_, i) => v[`options.${i}`] ?? '');
		// Options left empty are not options; the rest keep their place in the form, for the messages beside them.
		const filled = slots.flatMap((o, i) => (o.trim() ? [i] : []));
		const keep = { which: 'poll' as const, question: v.question ?? '', options: slots, itemId: v.itemId ?? '' };
		const toForm = (field: string) => field.replace(/^options\.(\d+)$/, (_, n: string) => `options.${filled[Number(n)] ?? n}`);
		return formAction(async () => {
			try {
				await openPoll(actor, meetingOf(event.params.id), { question: keep.question, options: filled.map((i) => slots[i]!), itemId: v.itemId || undefined });
				return { which: 'poll' as const, opened: true };
			} catch (e) {
				if (!isDomainError(e) || !e.fields) throw e;
				throw new DomainError(e.code, e.message, { field: e.field && toForm(e.field), fields: Object.fromEntries(Object.entries(e.fields).map(([f, msg]) => [toForm(f), msg])) });
			}
		}, keep);
	},
	pollAnswer: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'pollAnswer' as const, pollId: entryOf(v.pollId) };
		return formAction(async () => ({ ...keep, answered: (await answerPoll(actor, meetingOf(event.params.id), { pollId: v.pollId ?? '', option: v.option ?? '' })).myOption !== null }), keep);
	},
	pollClose: async (event) => {
		const actor = pageGuard(event, 'active');
		const v = formValues(await event.request.formData());
		const keep = { which: 'pollClose' as const, pollId: entryOf(v.pollId) };
		return formAction(async () => ({ ...keep, closed: (await closePoll(actor, meetingOf(event.params.id), { pollId: v.pollId ?? '' })).closedAt !== null }), keep);
	}
};
