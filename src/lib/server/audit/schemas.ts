import { z } from 'zod';
import { plain } from '../text';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from './actions';

/** Filters of the audit log, shared by the JSON API, the CSV export and the page. */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const uuid = (error: string) => plain(error).trim().uuid({ error });

/** The `actor` filter's value for what the platform did by itself. */
export const AUDIT_SYSTEM_ACTOR = 'system';

export const ListAuditInput = z.object({
	action: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTIONS, { error: 'error_audit_action' }).optional()),
	/** Who acted: a person's id, or `system` for the platform's own actions. */
	actor: z.preprocess(blankToUndefined, z.literal(AUDIT_SYSTEM_ACTOR).or(uuid('error_user_not_found')).optional()),
	subject: z.preprocess(blankToUndefined, uuid('error_user_not_found').optional()),
	/** Whom it concerns, by (part of) their name or handle. */
	about: z.preprocess(blankToUndefined, plain('error_audit_person').trim().max(100, { error: 'error_audit_person' }).optional()),
	targetKind: z.preprocess(blankToUndefined, z.enum(AUDIT_TARGETS, { error: 'error_audit_target' }).optional()),
	targetId: z.preprocess(blankToUndefined, plain('error_audit_target').trim().max(60).optional()),
	/** A date (a whole day in the reader's time zone, `to` included) or an exact time. */
	from: z.preprocess(blankToUndefined, z.iso.date({ error: 'error_date' }).or(z.iso.datetime({ error: 'error_date' })).optional()),
	to: z.preprocess(blankToUndefined, z.iso.date({ error: 'error_date' }).or(z.iso.datetime({ error: 'error_date' })).optional()),
	cursor: plain('error_cursor').max(300).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});
export type ListAuditInput = z.input<typeof ListAuditInput>;

/** The CSV export takes the same filters, without paging. */
export const AuditCsvInput = ListAuditInput.omit({ cursor: true, limit: true });
