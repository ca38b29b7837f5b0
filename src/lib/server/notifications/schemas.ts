import { z } from 'zod';

const id = (error: string) => z.coerce.number({ error }).int({ error }).positive({ error }).max(Number.MAX_SAFE_INTEGER, { error });

export const MarkReadInput = z.union([
	z.object({ all: z.literal(true) }),
	z.object({ ids: z.array(id('error_notification_not_found')).min(1).max(100) })
], { error: 'error_malformed_request' });
export type MarkReadInput = z.input<typeof MarkReadInput>;

/** A page of my inbox: the same query the discussion's notification list takes. */
export const ListInboxInput = z.object({
	cursor: z.string().max(400).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(25),
	unread: z.preprocess((v) => v === 'true' || v === '1' || v === true, z.boolean()).default(false)
});
export type ListInboxInput = z.input<typeof ListInboxInput>;
