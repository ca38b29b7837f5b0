import { z } from 'zod';
import { isoDate } from './wire';

/** One entry of the audit log as staff read it. */
export const AuditRow = z.object({
	id: z.number(),
	at: isoDate,
	/** Null: the platform acted by itself (a rule, a threshold). */
	actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
	action: z.string(),
	targetKind: z.string(),
	targetId: z.string(),
	subjectId: z.string().nullable(),
	subjectName: z.string().nullable(),
	reason: z.string().nullable(),
	before: z.unknown(),
	after: z.unknown(),
	data: z.record(z.string(), z.unknown())
});
export type AuditRow = z.output<typeof AuditRow>;
export type AuditRowItem = AuditRow | z.input<typeof AuditRow>;
