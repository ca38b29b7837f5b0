import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, idParam, orErrorPage, pageGuard, parseWith } from '$lib/server/kit';
import { personHistory, setTerm, stepByCoordinator } from '$lib/server/board/memberships';
import { coordinatorProfileView } from '$lib/server/board/profiles';
import { BoardPersonIdParam, BoardStepInput, BoardTermInput } from '$lib/server/board/membership-schemas';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { boardStepSentence } from '$lib/server/audit/sentences';
import type { BoardMembershipEvent } from '$lib/shared/board';

function personId(raw: string): string {
	const parsed = BoardPersonIdParam.safeParse({ id: raw });
	if (!parsed.success) error(404, translate('error_user_not_found', getLocale()));
	return parsed.data.id;
}

const membershipId = (raw: string | undefined): number => idParam(raw) ?? 0;

/** One person for coordinators: their memberships' history in sentences, their profile (each view audited), the next steps, the term. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const id = personId(event.params.id);
	const found = await orErrorPage(() => personHistory(actor, id));
	const profile = await orErrorPage(() => coordinatorProfileView(actor, id, getLocale()));
	const locale = getLocale();
	/** A step in words (here, so the browser never loads every message to look sentences up by name); a term set is recorded as a step to the same status, its days as the reason. */
	const sentence = (e: BoardMembershipEvent): string => {
		const [start = '', end = ''] = e.from === e.to ? (e.reason ?? '').split(' – ') : [];
		const step = { from: e.from, to: e.to, self: e.by?.id === found.person.id, scheduled: e.by === null, term: e.from === e.to ? { start, end } : null };
		return boardStepSentence(step, { actor: e.by?.displayName ?? m.board_manage_by_platform(), member: found.person.displayName }, locale);
	};
	const history = { ...found, memberships: found.memberships.map((ms) => ({ ...ms, events: ms.events.map((e) => ({ ...e, sentence: sentence(e) })) })) };
	return { history, profile };
};

export const actions: Actions = {
	step: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		personId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ stepped: (await stepByCoordinator(actor, membershipId(v.membershipId), parseWith(BoardStepInput, v))).status }), {
			which: 'step' as const,
			reason: v.reason ?? ''
		});
	},
	term: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		personId(event.params.id);
		const v = formValues(await event.request.formData());
		return formAction(async () => ({ termSaved: Boolean(await setTerm(actor, membershipId(v.membershipId), parseWith(BoardTermInput, v))) }), {
			which: 'term' as const,
			termStart: v.termStart ?? '',
			termEnd: v.termEnd ?? ''
		});
	}
};
