import { z } from 'zod';

/**
 * The one rule for text that arrives from outside (JSON bodies, query strings,
 * form fields), used by every input schema. Postgres cannot store NUL at all
 * (a NUL reaching a query was a 500), and the other C0/C1 control characters
 * have no place in text people read: they hide or reorder what others see.
 * Multi-line text keeps tab, line feed and carriage return; a single-line field
 * keeps none. Unpaired surrogates are refused too: they are not text either.
 * The refusal has its own message, because "between 1 and 20,000 characters"
 * says nothing about an invisible character pasted along with the text.
 */
export const CONTROL_CHARACTER_ERROR = 'error_control_characters';

/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

const wellFormed = (s: string) => {
	try {
		encodeURIComponent(s);
		return true;
	} catch {
		return false;
	}
};

export const isCleanText = (s: string, multiline = false): boolean => wellFormed(s) && !(multiline ? CONTROL_TEXT : CONTROL_LINE).test(s);

/**
 * A string that passed the rule; chain `.trim()`, `.min()`, `.max()` as with
 * z.string(). `error` is the field's message for a missing or non-string value.
 */
export function plain(error?: string, { multiline = false }: { multiline?: boolean } = {}) {
	return z.string(error ? { error } : undefined).refine((s) => isCleanText(s, multiline), { error: CONTROL_CHARACTER_ERROR });
}

interface TextOptions {
	error: string;
	min?: number;
	max: number;
	/** Line breaks allowed. */
	multiline?: boolean;
	/** '' allowed (it clears the field); whitespace alone still is not. */
	allowEmpty?: boolean;
}

/** Free text from a person: clean, not blank, trimmed, within bounds. */
export function text({ error, min = 1, max, multiline = false, allowEmpty = false }: TextOptions) {
	return plain(error, { multiline })
		.refine((s) => (allowEmpty && s === '') || s.trim() !== '', { error })
		.trim()
		.min(allowEmpty ? 0 : min, { error })
		.max(max, { error });
}
