import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, orErrorPage, pageGuard } from '$lib/server/kit';
import { listDimensions } from '$lib/server/board/dimensions';
import { currentTargets } from '$lib/server/board/targets';
import { checkSelection, keepCandidates, listSelections, runSelection } from '$lib/server/board/selection-runs';
import { NOT_ANSWERED } from '$lib/shared/board-composition';
import { MAX_SELECTION_SEATS, type FeasibilityView } from '$lib/shared/board-selection';

const DEFAULT_SEATS = 15;

/** Seats from the address (?seats=), so the quotas prefilled from the targets fit them. */
function seatsOf(raw: string | null): number {
	const n = Number(raw);
	return Number.isInteger(n) && n >= 1 && n <= MAX_SELECTION_SEATS ? n : DEFAULT_SEATS;
}

/** The form to draw the board: seats, kept members, quotas (prefilled from the target ranges) and a seed; earlier draws. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'board.manage');
	const seats = seatsOf(event.url.searchParams.get('seats'));
	const cursor = event.url.searchParams.get('cursor') || undefined;
	const [dimensions, targets, members, past] = await Promise.all([
		listDimensions(getLocale()),
		currentTargets(),
		keepCandidates(actor),
		orErrorPage(() => listSelections(actor, { cursor, limit: 10 }))
	]);
	// A share range of the seats, in whole seats: the least rounded down, the most rounded up.
	const prefill = Object.fromEntries(
		targets.flatMap((t) => [
			...(t.minShare !== null ? [[`min.${t.dimension}.${t.option}`, String(Math.floor((t.minShare * seats) / 100))]] : []),
			...(t.maxShare !== null ? [[`max.${t.dimension}.${t.option}`, String(Math.ceil((t.maxShare * seats) / 100))]] : [])
		])
	) as Record<string, string>;
	return {
		seats,
		dimensions: dimensions.map((d) => ({ ...d, options: [...d.options, { key: NOT_ANSWERED, label: '' }] })),
		prefill,
		members,
		past,
		timeZone: actor.user.timeZone
	};
};

/** '' stays unset; a whole number as a number; anything else as typed, for the schema to name. */
const num = (raw: FormDataEntryValue | null): number | string | undefined => {
	const s = typeof raw === 'string' ? raw.trim() : '';
	if (s === '') return undefined;
	return /^\d{1,6}$/.test(s) ? Number(s) : s;
};

/** The form as the domain's input, and which form field each quota's bounds came from (to put errors beside them). */
function readForm(data: FormData) {
	const values: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string' && k !== 'keep') values[k] = v;
	const keep = data.getAll('keep').filter((v): v is string => typeof v === 'string');
	const seats = num(data.get('seats'));
	const quotas: { dimension: string; option: string; min: number | string; max: number | string }[] = [];
	const fieldOf: Record<string, string> = {};
	for (const name of Object.keys(values)) {
		const match = /^min\.([^.]+)\.(.+)$/.exec(name);
		if (!match) continue;
		const [, dimension, option] = match as unknown as [string, string, string];
		const min = num(data.get(`min.${dimension}.${option}`));
		const max = num(data.get(`max.${dimension}.${option}`));
		if (min === undefined && max === undefined) continue;
		const i = quotas.length;
		quotas.push({ dimension, option, min: min ?? 0, max: max ?? (typeof seats === 'number' ? seats : 1000) });
		for (const part of ['dimension', 'option', 'min']) fieldOf[`quotas.${i}.${part}`] = `min.${dimension}.${option}`;
		fieldOf[`quotas.${i}.max`] = `max.${dimension}.${option}`;
	}
	const input = { seats: seats ?? '', keep, quotas, seed: values.seed ?? '' };
	return { input, values, keep, fieldOf };
}

/** A refusal's errors renamed from the domain's fields (quotas.3.max) to the form's (max.work.paid_job). */
function renamed<T>(result: T, fieldOf: Record<string, string>): T {
	const data = (result as { data?: { errors?: Record<string, string> } } | undefined)?.data;
	if (data?.errors) data.errors = Object.fromEntries(Object.entries(data.errors).map(([k, v]) => [fieldOf[k] ?? k, v]));
	return result;
}

export const actions: Actions = {
	/** Whether the quotas can be met, in words. */
	check: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const { input, values, keep, fieldOf } = readForm(await event.request.formData());
		return renamed(
			await formAction(async () => ({ feasibility: (await checkSelection(actor, input as never, getLocale())) as FeasibilityView, values, keep }), { values, keep }),
			fieldOf
		);
	},
	/** The draw: to its result page, or the feasibility answer when the quotas cannot be met. */
	draw: async (event) => {
		const actor = pageGuard(event, 'board.manage');
		const { input, values, keep, fieldOf } = readForm(await event.request.formData());
		const result = renamed(await formAction(async () => runSelection(actor, input as never, getLocale()), { values, keep }), fieldOf);
		if (result && 'ok' in result) {
			if (result.ok) redirect(303, `/board/selection/${result.id}`);
			return { feasibility: result.feasibility, values, keep };
		}
		return result;
	}
};
