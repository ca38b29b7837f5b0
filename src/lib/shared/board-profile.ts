import { z } from 'zod';
import { REGIONS } from './membership';
import { isoDate } from './wire';
import { BoardDimension, BoardMembership, BoardMembershipEvent, CONSENT_METHODS } from './board';

/**
 * The person's own side of the sounding board (volunteering, their diversity
 * profile, consent for the relationship answer), as pages and the API share
 * it. The relationship answer appears in these shapes only for the person
 * themselves, and for a coordinator's audited view of one person.
 */

/** Where the person stands on consent for the relationship answer: the newest record decides. */
export const BoardConsentState = z.object({
	/** True while the newest record is a consent (not a withdrawal). */
	given: z.boolean(),
	/** The text version of that consent; null when none was ever given or it was withdrawn. */
	version: z.number().int().nullable(),
	/** When the newest record (consent or withdrawal) was made. */
	at: isoDate.nullable(),
	method: z.enum(CONSENT_METHODS).nullable()
});
export type BoardConsentState = z.output<typeof BoardConsentState>;

/** The consent text as the person reads it (and as it is recorded with their consent). */
export const BoardConsentText = z.object({
	version: z.number().int(),
	paragraphs: z.array(z.string())
});
export type BoardConsentText = z.output<typeof BoardConsentText>;

export const BoardProfileView = z.object({
	/** Dimension key → option key (or prefer_not_to_say), for the dimensions asked now; unanswered ones are absent. */
	answers: z.record(z.string(), z.string()),
	/** The relationship answer, unsealed; null when none is stored (never given, withdrawn, or "prefer not to say"). */
	relationship: z.string().nullable(),
	/** Derived from the posting country (the member profile), never asked. */
	region: z.enum(REGIONS).nullable(),
	consent: BoardConsentState,
	updatedAt: isoDate.nullable()
});
export type BoardProfileView = z.output<typeof BoardProfileView>;

/** GET /api/board/me: the person's board page. */
export const MyBoard = z.object({
	/** The open membership, else the latest closed one; null if they never volunteered. */
	membership: BoardMembership.nullable(),
	/** That membership's steps, oldest first. */
	history: z.array(BoardMembershipEvent),
	profile: BoardProfileView,
	/** The dimensions in order: `derived` (region) is shown, never asked; `sensitive` (relationship) is asked with consent. */
	dimensions: z.array(BoardDimension),
	consentText: BoardConsentText
});
export type MyBoard = z.output<typeof MyBoard>;

/** A coordinator's view of one person's profile (each view is written to the audit log). */
export const CoordinatorProfileView = BoardProfileView.extend({
	userId: z.uuid(),
	displayName: z.string(),
	dimensions: z.array(BoardDimension)
});
export type CoordinatorProfileView = z.output<typeof CoordinatorProfileView>;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A term date (YYYY-MM-DD, a whole day) in words: "1 March 2027". */
export function formatBoardDay(day: string, locale: string): string {
	let format = dayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
		dayFormats.set(locale, format);
	}
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? day : format.format(date);
}
