import type { Reaction } from '$lib/shared/discussion';

/** Small display helpers shared by the discussion components (browser-safe). */
export const REACTION_EMOJI = { thumbs_up: '👍', heart: '❤️', thanks: '🙏', laugh: '😄', hug: '🤗' } as const satisfies Record<Reaction, string>;

/** A country's name in the reader's language, from its ISO code. */
export function countryLabel(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale === 'nl' ? 'nl-NL' : 'en-GB'], { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}
