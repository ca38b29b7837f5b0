import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { ZodType } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { can, type Capability } from '$lib/shared/roles';
import { translate } from '$lib/i18n/translate';
import { DomainError, isDomainError } from './errors';
import type { Actor } from './auth/actor';

/**
 * SvelteKit's side of the transport: turns "who may see this page" into the
 * right redirect, and domain errors into form failures in the reader's language.
 */
type UserActor = Extract<Actor, { kind: 'user' }>;

export function pageGuard(event: RequestEvent, need: 'session' | 'active' | Capability = 'active'): UserActor {
	const actor = event.locals.actor;
	if (actor.kind !== 'user') {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	if (need === 'session') return actor;
	if (actor.user.status === 'pending') redirect(303, '/pending');
	if (actor.user.status !== 'active') error(403, translate('error_forbidden', getLocale()));
	if (need !== 'active' && !can(actor.user, need)) error(403, translate('error_forbidden', getLocale()));
	return actor;
}

export function formValues(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string') out[k] = v;
	return out;
}

/** Validate a form with the same schema the API uses; throws a DomainError on bad input. */
export function parseWith<T>(schema: ZodType<T>, value: unknown): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = result.error.issues[0]!;
	throw new DomainError('invalid_input', issue.message, { field: issue.path.join('.') || undefined });
}

/** Runs a form action's work; a domain refusal becomes `fail()` with a translated message. */
export async function formAction<T, K extends Record<string, unknown> = Record<never, never>>(work: () => Promise<T>, keep?: K) {
	try {
		return await work();
	} catch (e) {
		if (!isDomainError(e)) throw e;
		if (e.code === 'unauthenticated') redirect(303, '/login');
		return fail(e.status, {
			...(keep as K),
			error: translate(e.message, getLocale(), e.inputs),
			field: e.field ?? null
		});
	}
}
