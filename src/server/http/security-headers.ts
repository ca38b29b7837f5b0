import type { Config } from '../../lib/server/config';

/**
 * The headers every answer of this process carries, pages, API and
 * Socket.IO alike. One list, so a header added for the pages cannot be
 * forgotten on the socket path (engine.io answers its requests before
 * Fastify's hooks run).
 */
export function securityHeaders(config: Pick<Config, 'origin' | 'production'>): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
		'cross-origin-opener-policy': 'same-origin'
	};
	// Only where the origin is https: HSTS on a plain-http origin would lock a local install out of itself.
	if (config.production && config.origin.startsWith('https:')) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
	return headers;
}
