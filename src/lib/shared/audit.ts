import { z } from 'zod';
import { isoDate } from './wire';

const CategoryNames = z.object({ nl: z.string(), en: z.string() });

/** A person who appears in the log as the one who acted: the choices of its "done by" filter. */
export const AuditPerson = z.object({ id: z.string(), displayName: z.string() });
export type AuditPerson = z.output<typeof AuditPerson>;

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
	data: z.record(z.string(), z.unknown()),
	/** What the entry refers to, named for the reader (resolved on the server within what the reader may see). */
	names: z.object({
		/** The conversation of a post or thread action; title null where this reader may not see it. */
		thread: z.object({ id: z.number(), title: z.string().nullable() }).nullable(),
		/** A move: the category before and after, in both languages. */
		moved: z.object({ from: CategoryNames, to: CategoryNames }).nullable(),
		/** An invitation's address, if it had one. */
		invitee: z.string().nullable()
	})
});
export type AuditRow = z.output<typeof AuditRow>;
export type AuditRowItem = AuditRow | z.input<typeof AuditRow>;
