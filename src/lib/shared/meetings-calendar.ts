import { z } from 'zod';
import { isoDate } from './wire';

/**
 * Board sessions in a person's own calendar app: the shapes the account's
 * calendar page and the API share. The feed's address holds a secret, and
 * the server keeps only its SHA-256: the address is in a shape once, in the
 * answer that made it (CalendarFeedMade), and never again.
 */

/** How far back the feed reaches: recent sessions stay (notes, follow-ups), older ones drop out. */
export const FEED_PAST_DAYS = 90;

/** The most sessions one feed holds: years of sessions, and a bound on what one request costs. */
export const FEED_MAX_EVENTS = 500;

/** The feed's path for a token (the token is the credential: no cookie is needed). */
export const feedPath = (token: string): string => `/calendar/${token}.ics`;

/** A token as made: 32 characters of base32 (160 random bits), lower case. */
export const FEED_TOKEN = /^[a-z2-7]{32}$/;

export const CalendarFeedStatus = z.object({
	/** Whether an address works now. */
	active: z.boolean(),
	/** When the working address was made (null: none). */
	createdAt: isoDate.nullable()
});
export type CalendarFeedStatus = z.output<typeof CalendarFeedStatus>;

export const CalendarFeedMade = z.object({
	/** https://…/calendar/<token>.ics: shown once, here. */
	url: z.string(),
	/** The same address as webcal://, which calendar apps open as a subscription. */
	webcalUrl: z.string(),
	createdAt: isoDate
});
export type CalendarFeedMade = z.output<typeof CalendarFeedMade>;

/** webcal:// for an http(s) address: what "subscribe" links use. */
export const webcalOf = (url: string): string => url.replace(/^https?:\/\//, 'webcal://');
