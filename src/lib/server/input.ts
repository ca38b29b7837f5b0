import { z, type ZodError, type ZodType } from 'zod';
import { DomainError } from './errors';

/**
 * A domain function's own check of its input, refusing the way every
 * transport understands (400 naming the field); a bare ZodError reached
 * pages that pass URL parameters straight through as a 500.
 */
export function parseInput<T>(schema: ZodType<T>, raw: unknown): T {
	const result = schema.safeParse(raw);
	if (result.success) return result.data;
	throw invalidInput(result.error);
}

/**
 * Every problem with the input at once (the first one per field), so a form
 * can list them all instead of one per try; the first names the error itself.
 * `whole` names a problem with no field of its own (the body, a query).
 */
export function invalidInput(error: ZodError, whole?: string): DomainError {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = issue.path.join('.') || whole;
		if (field && !(field in fields)) fields[field] = issue.message;
	}
	const first = error.issues[0]!;
	return new DomainError('invalid_input', first.message, { field: first.path.join('.') || whole, fields });
}

/**
 * A whole number as a form sends it ("12") or JSON does (12), and nothing else: `z.coerce` would read
 * JSON `true` as 1 and null or "" as 0, so a wrong type would pass as an id that names something else.
 */
export const wholeNumber = (error: string, { min = 1, max = 2_147_483_647 }: { min?: number; max?: number } = {}) =>
	z.preprocess((v) => (typeof v === 'string' && /^\s*\d{1,16}\s*$/.test(v) ? Number(v) : v), z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));
