import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, pageGuard } from '$lib/server/kit';
import { isDomainError } from '$lib/server/errors';
import { translate } from '$lib/i18n/translate';
import { getLocale } from '$lib/paraglide/runtime';
import { createMeeting } from '$lib/server/meetings/schedule';
import { invitationPreview, searchPeople } from '$lib/server/meetings/invitees';
import { findTimes } from '$lib/server/meetings/time-finder-query';
import { readMeetingForm } from '$lib/components/meetings/meeting-form';
import { utcToLocal } from '$lib/shared/zoned-time';
import { onMeetingForm } from '../meeting-form.server';

/** A refusal of a GET form's input, as field → message in the reader's language (the page shows it beside the form). */
async function orProblems<T>(work: () => Promise<T>): Promise<{ result: T | null; errors: Record<string, string> | null; error: string | null }> {
	try {
		return { result: await work(), errors: null, error: null };
	} catch (e) {
		if (!isDomainError(e)) throw e;
		const locale = getLocale();
		const errors = Object.fromEntries(Object.entries(e.fields ?? (e.field ? { [e.field]: e.message } : {})).map(([f, key]) => [f, translate(key, locale)]));
		return { result: null, errors, error: translate(e.message, locale, e.inputs) };
	}
}

/**
 * Scheduling a session, in three steps that each work without JavaScript
 * (the state of the first two lives in the address): who is invited (the
 * board, and guests found by name or email), when (the time finder weighs
 * candidate times for those people and a chosen slot fills in the times),
 * and what (the form that schedules it).
 */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const p = event.url.searchParams;
	const guestIds = [...new Set(p.getAll('guest'))];
	// The "who" form says whether the board is in; before it is sent, it is.
	const inviteBoard = p.has('who') ? p.get('board') === '1' : true;
	const q = (p.get('q') ?? '').trim();
	const zone = p.get('zone') || actor.user.timeZone;
	const [preview, search, finder] = await Promise.all([
		invitationPreview(actor, guestIds),
		q ? orProblems(() => searchPeople(actor, { q })) : null,
		p.has('find')
			? orProblems(() =>
					findTimes(actor, {
						minutes: p.get('minutes') ?? undefined,
						mode: p.get('mode') === 'custom' ? 'custom' : 'auto',
						weeks: p.get('weeks') ?? undefined,
						days: p.getAll('days'),
						from: p.get('from') ?? undefined,
						to: p.get('to') ?? undefined,
						zone,
						board: inviteBoard,
						guests: guestIds
					})
				)
			: null
	]);
	// A chosen slot fills in the form's start and end, on the clock of the zone the finder showed.
	const slot = Date.parse(p.get('slot') ?? '');
	const minutes = Number(p.get('minutes')) || 90;
	const prefill =
		Number.isNaN(slot) || !finder?.result
			? { start: '', end: '', timeZone: zone }
			: { start: utcToLocal(slot, zone), end: utcToLocal(slot + minutes * 60_000, zone), timeZone: zone };
	return {
		boardMembers: preview.boardMembers,
		guests: preview.guests,
		inviteBoard,
		q,
		search,
		finder,
		zone,
		slot: Number.isNaN(slot) ? null : new Date(slot).toISOString(),
		prefill,
		timeZone: actor.user.timeZone
	};
};

export const actions: Actions = {
	/** Schedules the session (or, for "more agenda rows", shows more rows and keeps what was typed). */
	create: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const form = readMeetingForm(await event.request.formData());
		const keep = { values: form.values, guestIds: form.guestIds, rows: form.rows };
		if (form.moreRows) return { ...keep, moreRows: true };
		return formAction(async () => {
			const saved = await onMeetingForm(form, () => createMeeting(actor, form.input));
			redirect(303, `/board/sessions/${saved.id}?done=scheduled`);
		}, keep);
	}
};
