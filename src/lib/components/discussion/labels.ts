import type { Reaction } from '$lib/shared/discussion';

/** Small display helpers shared by the discussion components (browser-safe). */
export const REACTION_EMOJI = { thumbs_up: '👍', heart: '❤️', thanks: '🙏', laugh: '😄', hug: '🤗' } as const satisfies Record<Reaction, string>;

/** One names table per language, made once: making one costs far more than a look-up, and lists name many countries. */
const regionNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the reader's language, from its ISO code. */
export function countryLabel(code: string, locale: string): string {
	try {
		let names = regionNames.get(locale);
		if (!names) {
			names = new Intl.DisplayNames([locale === 'nl' ? 'nl-NL' : 'en-GB'], { type: 'region' });
			regionNames.set(locale, names);
		}
		return names.of(code) ?? code;
	} catch {
		return code;
	}
}
