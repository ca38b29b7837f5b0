import type { ZodType } from 'zod';
import { DomainError } from './errors';

/**
 * A domain function's own check of its input, refusing the way every
 * transport understands (400 naming the field); a bare ZodError reached
 * pages that pass URL parameters straight through as a 500.
 */
export function parseInput<T>(schema: ZodType<T>, raw: unknown): T {
	const result = schema.safeParse(raw);
	if (result.success) return result.data;
	const issue = result.error.issues[0]!;
	throw new DomainError('invalid_input', issue.message, { field: issue.path.join('.') || undefined });
}
