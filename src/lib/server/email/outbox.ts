import type { Tx } from '../db';
import { outbox } from '../db/schema';
import { translate } from '../../i18n/translate';
import { runtime } from '../runtime';
import type { Language } from '../../shared/roles';

/**
 * Every email starts here: a row in the outbox, written in the caller's
 * transaction, so a message goes out exactly when the change it tells of is
 * committed. The sender (sender.ts) delivers it later, or logs it when no SMTP
 * server is configured. Tests read the outbox to see what would have been sent.
 */
export const EMAIL_KINDS = [
	'invitation',
	'join_request_received',
	'account_created',
	'account_exists',
	'membership_approved',
	'membership_declined',
	'digest',
	'moderation',
	'password_reset',
	'board_invitation',
	'board_term_ending',
	'meeting_invited',
	'meeting_changed',
	'meeting_cancelled',
	'meeting_reminder',
	'survey_open',
	'survey_reminder'
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export interface Email {
	to: string;
	subject: string;
	text: string;
	kind: EmailKind;
	meta?: Record<string, unknown>;
}

export async function enqueueEmail(tx: Tx, email: Email): Promise<number> {
	const [row] = await tx
		.insert(outbox)
		.values({ toEmail: email.to, subject: email.subject, bodyText: email.text, kind: email.kind, meta: email.meta ?? {} })
		.returning({ id: outbox.id });
	return row!.id;
}

/** A full address on this site, for links in emails. */
export const siteUrl = (path: string): string => runtime().config.origin + path;

/**
 * An email written from message keys in one language: the subject key, and the
 * body's paragraphs, then the common sign-off.
 */
export function compose(
	locale: Language,
	subjectKey: string,
	paragraphs: (string | [key: string, inputs?: Record<string, unknown>])[],
	subjectInputs: Record<string, unknown> = {}
): { subject: string; text: string } {
	const body = paragraphs.map((p) => (typeof p === 'string' ? p : translate(p[0], locale, p[1] ?? {})));
	body.push(translate('email_signoff', locale, { site: runtime().config.origin }));
	return { subject: translate(subjectKey, locale, subjectInputs), text: body.join('\n\n') + '\n' };
}

/** For someone whose language is unknown (an invited address): Dutch, then English, in one message. */
export function composeBilingual(
	subjectKey: string,
	paragraphs: (string | [key: string, inputs?: Record<string, unknown>])[],
	subjectInputs: Record<string, unknown> = {}
): { subject: string; text: string } {
	const nl = compose('nl', subjectKey, paragraphs, subjectInputs);
	const en = compose('en', subjectKey, paragraphs, subjectInputs);
	return { subject: `${nl.subject} / ${en.subject}`, text: `${nl.text}\n———— English ————\n\n${en.text}` };
}
