import { desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { boardTargets, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { idCursor, toIdPage, type Page } from '../paging';
import { audit } from '../audit/log';
import { dimensionDefs } from './dimensions';
import { TargetInput, type CurrentTarget, type SetTargetsInput, type TargetHistoryRow } from '../../shared/board-composition';

/**
 * Target ranges for the board's composition: per option of a dimension, the
 * least and most share of the active board wanted, in whole percentages.
 * Append-only: each change is a new row, so the history says who wanted what
 * when; the newest row per (dimension, option) holds, and one with neither
 * bound clears the target.
 */

/** The shape only; each target's own problems are named per field below, all at once. */
const Envelope = z.object({ targets: z.array(z.unknown(), { error: 'error_board_targets_empty' }).min(1, { error: 'error_board_targets_empty' }).max(500, { error: 'error_board_targets_empty' }) });

/** The targets in force: newest row per (dimension, option), cleared ones left out. */
export async function currentTargets(reader: Db | Tx = db()): Promise<CurrentTarget[]> {
	const rows = await reader
		.selectDistinctOn([boardTargets.dimension, boardTargets.option], {
			dimension: boardTargets.dimension,
			option: boardTargets.option,
			minShare: boardTargets.minShare,
			maxShare: boardTargets.maxShare,
			setAt: boardTargets.setAt
		})
		.from(boardTargets)
		.orderBy(boardTargets.dimension, boardTargets.option, desc(boardTargets.id));
	return rows.filter((r) => r.minShare !== null || r.maxShare !== null);
}

/**
 * Sets target ranges (coordinators). Every problem is named at once, by field
 * (`targets.<i>.minShare`, `.maxShare`, `.option`, `.dimension`), and nothing is
 * written unless all are right. Only ranges that change get a row; one audit
 * entry records them all.
 */
export async function setTargets(actor: Actor, raw: SetTargetsInput): Promise<CurrentTarget[]> {
	const a = requireCapability(actor, 'board.manage');
	const { targets } = parseInput(Envelope, raw);
	const defs = await dimensionDefs();
	const fields: Record<string, string> = {};
	const good: { i: number; t: z.output<typeof TargetInput> }[] = [];
	targets.forEach((item, i) => {
		const parsed = TargetInput.safeParse(item);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const field = ['targets', i, ...issue.path].join('.');
				const known = issue.message.startsWith('error_') ? issue.message : 'error_board_targets_share';
				fields[field] ??= issue.path[0] === 'dimension' || issue.path[0] === 'option' ? 'error_board_targets_unknown' : known;
			}
			return;
		}
		const t = parsed.data;
		const def = defs.find((d) => d.key === t.dimension);
		if (!def) fields[`targets.${i}.dimension`] = 'error_board_targets_unknown';
		else if (!def.options.some((o) => o.key === t.option)) fields[`targets.${i}.option`] = 'error_board_targets_unknown';
		else if (t.minShare !== null && t.maxShare !== null && t.minShare > t.maxShare) fields[`targets.${i}.maxShare`] = 'error_board_targets_order';
		else good.push({ i, t });
	});
	// One range per option: a second one for the same option in the same request is a mistake, not an order of writing.
	const seen = new Set<string>();
	targets.forEach((item, i) => {
		const t = item as { dimension?: unknown; option?: unknown };
		const id = `${String(t.dimension)}\u0000${String(t.option)}`;
		if (seen.has(id)) fields[`targets.${i}.option`] ??= 'error_board_targets_twice';
		seen.add(id);
	});
	// Minimums of one dimension adding up to more than the whole board cannot all be met.
	const minSum = new Map<string, number>();
	for (const { t } of good) minSum.set(t.dimension, (minSum.get(t.dimension) ?? 0) + (t.minShare ?? 0));
	for (const { i, t } of good) if (t.minShare && minSum.get(t.dimension)! > 100) fields[`targets.${i}.minShare`] ??= 'error_board_targets_min_sum';
	const [first] = Object.keys(fields);
	if (first) throw new DomainError('invalid_input', fields[first]!, { field: first, fields });

	return transact(async (tx) => {
		// One writer at a time, so "what changed" is measured against what is really current.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext('board_targets'))`);
		const current = new Map((await currentTargets(tx)).map((c) => [`${c.dimension}\u0000${c.option}`, c]));
		const changed = good.map((g) => g.t).filter((t) => {
			const before = current.get(`${t.dimension}\u0000${t.option}`);
			return (before?.minShare ?? null) !== t.minShare || (before?.maxShare ?? null) !== t.maxShare;
		});
		if (changed.length) {
			await tx.insert(boardTargets).values(changed.map((t) => ({ dimension: t.dimension, option: t.option, minShare: t.minShare, maxShare: t.maxShare, setBy: a.user.id })));
			const dims = [...new Set(changed.map((t) => t.dimension))];
			await audit(tx, {
				actorId: a.user.id,
				action: 'board.targets',
				targetKind: 'board_target',
				targetId: dims.join(','),
				before: changed.map((t) => {
					const b = current.get(`${t.dimension}\u0000${t.option}`);
					return { dimension: t.dimension, option: t.option, minShare: b?.minShare ?? null, maxShare: b?.maxShare ?? null };
				}),
				after: changed
			});
		}
		return currentTargets(tx);
	});
}

export const TargetHistoryQuery = z.object({
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(50)
});
export type TargetHistoryQuery = z.input<typeof TargetHistoryQuery>;

/** Every target change, newest first, with who set it and when (coordinators). */
export async function targetHistory(actor: Actor, raw: TargetHistoryQuery = {}): Promise<Page<TargetHistoryRow>> {
	requireCapability(actor, 'board.manage');
	const input = parseInput(TargetHistoryQuery, raw);
	const after = idCursor(input.cursor);
	const rows = await db()
		.select({
			id: boardTargets.id,
			dimension: boardTargets.dimension,
			option: boardTargets.option,
			minShare: boardTargets.minShare,
			maxShare: boardTargets.maxShare,
			setAt: boardTargets.setAt,
			setById: users.id,
			setByName: users.displayName
		})
		.from(boardTargets)
		.leftJoin(users, eq(users.id, boardTargets.setBy))
		.where(after ? lt(boardTargets.id, after) : undefined)
		.orderBy(desc(boardTargets.id))
		.limit(input.limit + 1);
	const page = toIdPage(rows, input.limit);
	return {
		...page,
		items: page.items.map(({ setById, setByName, ...r }) => ({ ...r, setBy: setById && setByName !== null ? { id: setById, displayName: setByName } : null }))
	};
}
