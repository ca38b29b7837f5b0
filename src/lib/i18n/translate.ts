import * as messages from '../paraglide/messages.js';
import type { Language } from '../shared/roles';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Language }) => string;

/**
 * The domain speaks in message keys (`error_login_failed`); each transport
 * turns them into the reader's language here, so a message is written once.
 * An input given as a function is a value worded per language (a duration:
 * "15 minuten"), asked for in the reader's.
 */
export function translate(key: string, locale: Language, inputs: Record<string, unknown> = {}): string {
	const fn = (messages as unknown as Record<string, MessageFn | undefined>)[key];
	if (typeof fn !== 'function') return key;
	const worded = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeof v === 'function' ? (v as (l: Language) => string)(locale) : v]));
	return fn(worded, { locale });
}
