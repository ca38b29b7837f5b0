import type { RequestHandler } from './$types';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { isDomainError } from '$lib/server/errors';
import { calendarFeed } from '$lib/server/meetings/calendar-feed';

/**
 * A person's calendar feed, polled by their calendar app: the token in the
 * address is the credential (no cookie), so the answer is never stored by a
 * cache on the way (private, no-store). An unknown or replaced token is a
 * plain 404; too many of those from one client, 429 with the wait.
 */
export const GET: RequestHandler = async ({ params, locals, request }) => {
	let text: string;
	try {
		text = await calendarFeed(params.token, { ip: locals.actor.ip });
	} catch (e) {
		if (!isDomainError(e)) throw e;
		const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
		if (e.retryAfter) headers['retry-after'] = String(e.retryAfter);
		return new Response(translate(e.message, getLocale(), e.inputs), { status: e.status, headers });
	}
	// The text is the same while nothing in it changed (DTSTAMP is the session's last change), so an app asking again gets a 304.
	const etag = `"${encodeHexLowerCase(sha256(new TextEncoder().encode(text))).slice(0, 32)}"`;
	const headers = { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', etag };
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(text, { headers });
};
