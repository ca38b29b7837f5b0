import { error, fail, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { ZodError, type ZodType } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { can, type Capability } from '$lib/shared/roles';
import { translate } from '$lib/i18n/translate';
import { isDomainError, type DomainError } from './errors';
import { parseInput } from './input';
import type { Actor } from './auth/actor';
import { cookieFor, type CookieKind } from './auth/cookie';
import { runtime } from './runtime';

/**
 * SvelteKit's side of the transport, in one file (the only one under
 * src/lib/server that may import SvelteKit): turns "who may see this page"
 * into the right redirect, domain errors into error pages and form failures
 * in the reader's language, and sets cookies with the flags every door uses.
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

/** Validate a form with the same schema the API uses; throws a DomainError naming every bad field. */
export const parseWith = <T>(schema: ZodType<T>, value: unknown): T => parseInput(schema, value);

/**
 * Runs a form action's work; a domain refusal becomes `fail()` with a
 * translated message, and `errors` (field → message, every field at once)
 * for the form's error summary and each field's own message.
 */
export async function formAction<T, K extends Record<string, unknown> = Record<never, never>>(work: () => Promise<T>, keep?: K) {
	try {
		return await work();
	} catch (e) {
		if (!isDomainError(e)) throw e;
		if (e.code === 'unauthenticated') redirect(303, '/login');
		return fail(e.status, {
			...(keep as K),
			error: translate(e.message, getLocale(), e.inputs),
			field: e.field ?? null,
			errors: fieldErrors(e)
		});
	}
}

/** A refusal's problems by field, in the reader's language: all of them for bad input, else the one field it names. */
function fieldErrors(e: DomainError): Record<string, string> {
	const locale = getLocale();
	if (e.fields) return Object.fromEntries(Object.entries(e.fields).map(([field, key]) => [field, translate(key, locale, e.fieldParams?.[field])]));
	return e.field ? { [e.field]: translate(e.message, locale, e.inputs) } : {};
}

/** For page loads: a domain refusal becomes SvelteKit's error page, in the reader's language. */
export async function orErrorPage<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (isDomainError(e)) error(e.status, translate(e.message, getLocale()));
		// A domain function's own schema check on what a page passed from its URL: the reader's input, not our fault.
		if (e instanceof ZodError) error(400, translate(e.issues[0]?.message ?? 'error_malformed_request', getLocale()));
		throw e;
	}
}

/** A positive integer from a URL parameter, or undefined. */
export function idParam(raw: string | null | undefined): number | undefined {
	if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
	const n = Number(raw);
	return n > 0 ? n : undefined;
}

/** Whether cookies carry Secure and the __Host- prefix: the site's ORIGIN is https. */
export const secureSite = (): boolean => runtime().config.origin.startsWith('https:');

/** Sets one of the platform's cookies (auth/cookie.ts says which flags it gets). */
export function setCookie(cookies: Cookies, kind: CookieKind, value: string, expires?: Date): void {
	const { name, options } = cookieFor(kind, secureSite(), expires);
	cookies.set(name, value, options);
}

export function clearCookie(cookies: Cookies, kind: CookieKind): void {
	const { name, options } = cookieFor(kind, secureSite(), new Date(0));
	cookies.delete(name, options);
}

export const cookieValue = (cookies: Cookies, kind: CookieKind): string | undefined => cookies.get(cookieFor(kind, secureSite()).name);
