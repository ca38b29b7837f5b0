/**
 * The scheduling page keeps its first two steps (who, when) in the address,
 * so they work as plain links and GET forms: an address with some
 * parameters set, replaced or removed, the rest kept.
 */
export function hrefWith(url: URL, changes: Record<string, string | string[] | null>, hash = ''): string {
	const params = new URLSearchParams(url.searchParams);
	for (const [key, value] of Object.entries(changes)) {
		params.delete(key);
		if (value === null) continue;
		for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
	}
	const query = params.toString();
	return `${url.pathname}${query ? `?${query}` : ''}${hash}`;
}

/** The parameters of the "who" step, as hidden fields for the forms that come after it. */
export function whoFields(url: URL): [string, string][] {
	const out: [string, string][] = [];
	for (const key of ['who', 'board', 'guest']) for (const v of url.searchParams.getAll(key)) out.push([key, v]);
	return out;
}
