/**
 * The field half of the error pattern: a field with a problem says so
 * (aria-invalid) and points at its own message (FieldError) and hint.
 */
export const errorId = (id: string): string => `${id}-error`;

export function fieldAttrs(
	errors: Record<string, string> | null | undefined,
	field: string,
	opts: { id?: string; hint?: string } = {}
): { 'aria-invalid': 'true' | undefined; 'aria-describedby': string | undefined } {
	const bad = !!errors?.[field];
	const describedBy = [opts.hint, bad ? errorId(opts.id ?? field) : undefined].filter(Boolean).join(' ');
	return { 'aria-invalid': bad ? 'true' : undefined, 'aria-describedby': describedBy || undefined };
}
