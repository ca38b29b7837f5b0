import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { boardDimensions } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { audit } from '../audit/log';
import { BUILT_IN_DIMENSIONS, PREFER_NOT_TO_SAY } from '../../shared/board';
import { AddDimensionInput } from './composition-schemas';
import { NOT_ANSWERED, type CustomDimensionRow } from '../../shared/board-composition';

/**
 * Dimensions coordinators add to the diversity profile: a key, labels in
 * Dutch and English, 2–12 options each with both labels ("prefer not to say"
 * is added by dimensions.ts). Archiving retires one: no longer asked or
 * counted, its answers kept. A key is never reused, archived or not, so old
 * answers and target history cannot be read as a new question's.
 */

const RESERVED_OPTIONS = new Set([PREFER_NOT_TO_SAY, NOT_ANSWERED]);

/** Every coordinators' dimension, archived ones last (coordinators). */
export async function listCustomDimensions(actor: Actor): Promise<CustomDimensionRow[]> {
	requireCapability(actor, 'board.manage');
	const rows = await db()
		.select()
		.from(boardDimensions)
		.orderBy(sql`${boardDimensions.archivedAt} is not null`, asc(boardDimensions.position), asc(boardDimensions.key));
	return rows.map((r) => ({
		key: r.key,
		labelNl: r.labelNl,
		labelEn: r.labelEn,
		options: r.options as CustomDimensionRow['options'],
		createdAt: r.createdAt,
		archivedAt: r.archivedAt
	}));
}

/** Adds a dimension; every problem is named at once by field (`key`, `labelNl`, `options.2.labelEn`, …). */
export async function addCustomDimension(actor: Actor, raw: AddDimensionInput): Promise<CustomDimensionRow> {
	const a = requireCapability(actor, 'board.manage');
	const parsed = AddDimensionInput.safeParse(raw);
	const fields: Record<string, string> = {};
	if (!parsed.success) {
		for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'options'] ??= issue.message;
	} else {
		const input = parsed.data;
		// A built-in key is taken in every database: the input is wrong, not late.
		if (BUILT_IN_DIMENSIONS.some((d) => d.key === input.key)) fields.key = 'error_board_dimensions_key_taken';
		const seen = new Set<string>();
		input.options.forEach((o, i) => {
			if (RESERVED_OPTIONS.has(o.key)) fields[`options.${i}.key`] = 'error_board_dimensions_option_reserved';
			else if (seen.has(o.key)) fields[`options.${i}.key`] = 'error_board_dimensions_option_twice';
			seen.add(o.key);
		});
	}
	const first = Object.keys(fields)[0];
	if (first || !parsed.success) throw new DomainError('invalid_input', fields[first!] ?? 'error_board_dimensions_label', { field: first, fields });
	const input = parsed.data;
	return transact(async (tx) => {
		const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${boardDimensions.position}), 0) + 1` }).from(boardDimensions)) as [{ next: number }];
		// The key is the primary key: two coordinators adding it at once get one row and one conflict, not a failure.
		const [row] = await tx
			.insert(boardDimensions)
			.values({ key: input.key, labelNl: input.labelNl, labelEn: input.labelEn, options: input.options, position: Number(next), createdBy: a.user.id })
			.onConflictDoNothing()
			.returning();
		// Someone added (or once used) it: a conflict with what is stored, named beside the field.
		if (!row) throw new DomainError('conflict', 'error_board_dimensions_key_taken', { field: 'key', fields: { key: 'error_board_dimensions_key_taken' } });
		await audit(tx, { actorId: a.user.id, action: 'board.dimension', targetKind: 'board_dimension', targetId: input.key, after: { ...input, change: 'added' } });
		return { key: row.key, labelNl: row.labelNl, labelEn: row.labelEn, options: input.options, createdAt: row.createdAt, archivedAt: null };
	});
}

/** Retires a coordinators' dimension (built-in ones cannot be); asking again for an archived one is a 404. */
export async function archiveCustomDimension(actor: Actor, key: string): Promise<void> {
	const a = requireCapability(actor, 'board.manage');
	await transact(async (tx) => {
		const [row] = await tx
			.update(boardDimensions)
			.set({ archivedAt: new Date() })
			.where(and(eq(boardDimensions.key, key), isNull(boardDimensions.archivedAt)))
			.returning({ key: boardDimensions.key, labelEn: boardDimensions.labelEn });
		if (!row) throw new DomainError('not_found', 'error_board_dimensions_not_found');
		await audit(tx, { actorId: a.user.id, action: 'board.dimension', targetKind: 'board_dimension', targetId: key, before: { key, archived: false }, after: { key, archived: true } });
	});
}
