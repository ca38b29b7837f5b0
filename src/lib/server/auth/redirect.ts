/**
 * Where a user-supplied "go back to" target may send someone: only somewhere on
 * this site. Prefix checks on the raw string lose to what browsers forgive
 * (`/\t/evil` loses its tab and becomes `//evil`, `/\evil` becomes `//evil`),
 * so the target is resolved by the same URL parser a browser uses, against
 * ORIGIN, and kept only if it stays there. Control characters are refused
 * outright: the parser would silently drop some of them (so what it accepted
 * is not what was written), and in a Location header they are an error.
 *
 * Every redirect that takes a target from the request goes through here.
 */
export function safeRedirectTarget(raw: string | null | undefined, origin: string, fallback = '/'): string {
	if (!raw || raw.length > 2048 || /\p{Cc}/u.test(raw)) return fallback;
	let base: URL;
	let target: URL;
	try {
		base = new URL(origin);
		target = new URL(raw, base);
	} catch {
		return fallback;
	}
	if (target.origin !== base.origin) return fallback;
	const path = target.pathname + target.search + target.hash;
	// A path the parser left starting with `//` or `/\` would mean another host to whoever reads the Location.
	return path.startsWith('//') || path.startsWith('/\\') ? fallback : path;
}
