import * as messages from '../paraglide/messages.js';
import type { Language } from '../shared/roles';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Language }) => string;

/**
 * The domain speaks in message keys (`error_login_failed`); each transport
 * turns them into the reader's language here, so a message is written once.
 */
export function translate(key: string, locale: Language, inputs: Record<string, unknown> = {}): string {
	const fn = (messages as unknown as Record<string, MessageFn | undefined>)[key];
	return typeof fn === 'function' ? fn(inputs, { locale }) : key;
}
