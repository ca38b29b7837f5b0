import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db } from '../runtime';
import { boardMemberships, boardProfiles, profiles, users } from '../db/schema';
import { unseal } from '../sensitive-data';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { getSetting } from '../settings';
import { translate } from '../../i18n/translate';
import { suppressCrossTable, suppressOneWay } from '../statistics/suppression';
import {
	CompositionQuery,
	NOT_ANSWERED,
	type CompositionCounts,
	type CompositionCross,
	type CompositionDimension,
	type CompositionPopulation,
	type CompositionView,
	type CurrentTarget
} from '../../shared/board-composition';
import { representation, type Cell, type CrossFigures, type OneWayFigures } from '../../shared/statistics';
import { SENSITIVE_DIMENSION } from '../../shared/board';
import { can, type Language } from '../../shared/roles';
import { dimensionDefs, type DimensionDef } from './dimensions';
import { currentTargets } from './targets';

/**
 * Counting people per option of each dimension. Answers come from
 * board_profiles.answers; the relationship answer is unsealed in memory only
 * to be counted (never returned per person); region is read from the posting
 * (profiles.posting_region). No profile or no answer counts as "not answered",
 * apart from "prefer not to say". An answer no longer among a dimension's
 * options (an option a coordinator's dimension no longer has) counts as not answered too.
 */

/** The sealed relationship answer's plain text: the option key, or a JSON object holding it under the dimension's key. */
function sensitiveOption(sealed: string | null, userId: string): string | undefined {
	if (!sealed) return undefined;
	try {
		const plain = unseal(sealed, `board-profile:${userId}`);
		if (plain.startsWith('{')) {
			const value = (JSON.parse(plain) as Record<string, unknown>)[SENSITIVE_DIMENSION];
			return typeof value === 'string' ? value : undefined;
		}
		return plain;
	} catch {
		// A value sealed with another key (a restored dump without its key file): counted as not answered.
		return undefined;
	}
}

/**
 * Each person's answers as option indexes per dimension (the last index of a
 * dimension is "not answered"), in memory only, for counting and crossing.
 */
export interface AnswerMatrix {
	defs: DimensionDef[];
	/** Per dimension, the option keys in order with "not answered" last. */
	optionKeys: string[][];
	/** answers[person][dimension] = option index. */
	answers: Uint8Array[];
	/** ids[person]: whose answers these are (each known id once, in no particular order). */
	ids: string[];
}

type ProfileRow = { id: string; answers: unknown; sealed: string | null; region: string | null };

/** Who is counted: the active board, or the pool a coordinator recruits from (volunteers and shortlisted candidates). */
const POPULATION_STATUSES = { active: ['active'], pool: ['volunteer', 'candidate'] } as const;

/** The answers of these people, or of everyone in a population (one join, no list of ids). */
async function profileRows(reader: Db | Tx, who: readonly string[] | CompositionPopulation): Promise<ProfileRow[]> {
	if (typeof who === 'string')
		return reader
			.select({ id: boardMemberships.userId, answers: boardProfiles.answers, sealed: boardProfiles.sensitiveSealed, region: profiles.postingRegion })
			.from(boardMemberships)
			.leftJoin(boardProfiles, eq(boardProfiles.userId, boardMemberships.userId))
			.leftJoin(profiles, eq(profiles.userId, boardMemberships.userId))
			.where(inArray(boardMemberships.status, [...POPULATION_STATUSES[who]]));
	const ids = [...new Set(who)];
	const rows: ProfileRow[] = [];
	// Chunks keep the parameter list well under the protocol's limit for any size of board.
	for (let i = 0; i < ids.length; i += 5000) {
		rows.push(
			...(await reader
				.select({ id: users.id, answers: boardProfiles.answers, sealed: boardProfiles.sensitiveSealed, region: profiles.postingRegion })
				.from(users)
				.leftJoin(boardProfiles, eq(boardProfiles.userId, users.id))
				.leftJoin(profiles, eq(profiles.userId, users.id))
				.where(inArray(users.id, ids.slice(i, i + 5000))))
		);
	}
	return rows;
}

export async function answerMatrix(reader: Db | Tx, who: readonly string[] | CompositionPopulation, defs?: DimensionDef[]): Promise<AnswerMatrix> {
	const dims = defs ?? (await dimensionDefs(reader));
	const optionKeys = dims.map((d) => [...d.options.map((o) => o.key), NOT_ANSWERED]);
	const index = optionKeys.map((keys) => new Map(keys.map((k, i) => [k, i])));
	const rows = await profileRows(reader, who);
	const answers = rows.map((row) => {
		const given = (row.answers && typeof row.answers === 'object' ? row.answers : {}) as Record<string, unknown>;
		const vector = new Uint8Array(dims.length);
		dims.forEach((d, j) => {
			let value: unknown;
			if (d.derived) value = d.key === 'region' ? row.region : given[d.key];
			else if (d.sensitive) value = sensitiveOption(row.sealed, row.id);
			else value = given[d.key];
			const at = typeof value === 'string' ? index[j]!.get(value) : undefined;
			vector[j] = at === undefined || value === NOT_ANSWERED ? optionKeys[j]!.length - 1 : at;
		});
		return vector;
	});
	return { defs: dims, optionKeys, answers, ids: rows.map((r) => r.id) };
}

/** Counts per option of every dimension for these people (each person once; unknown ids are not counted). */
export function countMatrix(m: AnswerMatrix): CompositionCounts {
	return {
		total: m.answers.length,
		dimensions: m.defs.map((d, j) => {
			const counts = new Array<number>(m.optionKeys[j]!.length).fill(0);
			for (const person of m.answers) counts[person[j]!]! += 1;
			return { key: d.key, options: m.optionKeys[j]!.map((key, i) => ({ key, count: counts[i]! })) };
		})
	};
}

/** Rows × columns counts of two dimensions of the matrix (by dimension index). */
export function crossMatrix(m: AnswerMatrix, rows: number, columns: number): number[][] {
	const out = m.optionKeys[rows]!.map(() => new Array<number>(m.optionKeys[columns]!.length).fill(0));
	for (const person of m.answers) out[person[rows]!]![person[columns]!]! += 1;
	return out;
}

/**
 * Per dimension, the count per option for these people: built-in and
 * coordinators' dimensions (dimensionDefs), "prefer not to say" and "not
 * answered" apart. Exact figures: whoever shows them to someone other than a
 * coordinator passes them through statistics/suppression.ts first.
 */
export async function compositionFor(reader: Db | Tx, userIds: readonly string[]): Promise<CompositionCounts> {
	return countMatrix(await answerMatrix(reader, userIds));
}

const shown = (count: number, denominator: number): Cell => ({ kind: 'shown', count, share: denominator > 0 ? count / denominator : null });

/** A coordinator's table: every figure as it is (the same shape as a suppressed one, so pages draw both alike). */
function exactOneWay(options: { key: string; count: number }[], k: number): OneWayFigures {
	const total = options.reduce((a, o) => a + o.count, 0);
	return { k, zeros: 'shown', options: options.map((o) => ({ key: o.key, cell: shown(o.count, total) })), total: shown(total, total) };
}

function exactCross(rows: string[], columns: string[], counts: number[][], k: number): CrossFigures {
	const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
	const grand = rowTotals.reduce((a, b) => a + b, 0);
	return {
		k,
		zeros: 'shown',
		shareOf: 'row',
		rows: rows.map((key, i) => ({ key, cells: counts[i]!.map((c) => shown(c, rowTotals[i]!)), total: shown(rowTotals[i]!, grand) })),
		columns: columns.map((key, j) => ({ key, total: shown(counts.reduce((a, r) => a + r[j]!, 0), grand) })),
		total: shown(grand, grand)
	};
}

const hiddenPattern = (cells: Cell[]): string => cells.map((c) => (c.kind === 'shown' ? 's' : 'h')).join('');

/** A dimension's options in the reader's language, "not answered" last. */
const labelledOptions = (d: DimensionDef, locale: Language) => [
	...d.options.map((o) => ({ key: o.key, label: o.label[locale] })),
	{ key: NOT_ANSWERED, label: translate('board_composition_not_answered', locale) }
];

/**
 * Each dimension's table, labelled in the reader's language and set against
 * the targets given: exact (a coordinator's own view) or after small-cell
 * suppression (threshold k). The composition page and the annual figures
 * (insights/figures.ts) both print these, so a board's composition is hidden
 * the same way wherever it appears.
 */
export function compositionDimensions(
	defs: DimensionDef[],
	counts: CompositionCounts,
	opts: { k: number; exact: boolean; targets: readonly CurrentTarget[]; locale: Language }
): CompositionDimension[] {
	const { k, exact, targets, locale } = opts;
	return defs.map((d, j) => {
		const options = counts.dimensions[j]!.options;
		const figures = exact ? exactOneWay(options, k) : suppressOneWay(options, { k });
		return {
			key: d.key,
			label: d.label[locale],
			sensitive: d.sensitive,
			derived: d.derived,
			options: labelledOptions(d, locale).map((o, i) => {
				const t = targets.find((x) => x.dimension === d.key && x.option === o.key);
				const target = t ? { min: t.minShare, max: t.maxShare } : null;
				const fraction = target ? { min: target.min === null ? null : target.min / 100, max: target.max === null ? null : target.max / 100 } : undefined;
				return { ...o, target, representation: representation(figures, figures.options[i]!.cell, fraction) };
			}),
			figures
		};
	});
}

/**
 * The composition page's figures (board.composition.read). Coordinators see
 * exact counts, of the active board or of the pool. Policy staff see the
 * active board only, and only figures after small-cell suppression
 * (statistics/suppression.ts, threshold: the boardSmallCell setting): hidden
 * counts are not in the answer at all. The pool is for coordinators: it is
 * small, changes with every person who volunteers or withdraws (so successive
 * looks would give people away by difference), and recruiting is their work.
 *
 * Shares are of everyone counted, "not answered" included, and are compared
 * with the target ranges in force (under / within / over). A cross-table of
 * two dimensions is given when asked; for policy staff its margins must hide
 * exactly what the one-way tables of the same two dimensions hide, else the
 * two publications together could reveal a hidden count, and then the
 * cross-table's figures are withheld (null) rather than shown.
 */
export async function composition(actor: Actor, raw: CompositionQuery, locale: Language): Promise<CompositionView> {
	const a = requireCapability(actor, 'board.composition.read');
	const query = parseInput(CompositionQuery, raw);
	const exact = can(a.user, 'board.manage');
	if (!exact && query.population === 'pool') throw new DomainError('forbidden', 'error_board_composition_pool');
	const reader = db();
	const defs = await dimensionDefs(reader);
	const at = (key: string | undefined, field: 'rows' | 'columns') => {
		if (!key) return -1;
		const i = defs.findIndex((d) => d.key === key);
		if (i < 0) throw new DomainError('invalid_input', 'error_board_composition_unknown_dimension', { field, fields: { [field]: 'error_board_composition_unknown_dimension' } });
		return i;
	};
	const rowsAt = at(query.rows, 'rows');
	const columnsAt = at(query.columns, 'columns');
	const [matrix, targets, k] = await Promise.all([answerMatrix(reader, query.population, defs), currentTargets(reader), getSetting('boardSmallCell')]);
	const counts = countMatrix(matrix);
	const dimensions = compositionDimensions(defs, counts, { k, exact, targets, locale });
	const labelled = (d: DimensionDef) => labelledOptions(d, locale);

	let cross: CompositionCross | null = null;
	if (rowsAt >= 0 && columnsAt >= 0) {
		const r = defs[rowsAt]!;
		const c = defs[columnsAt]!;
		const table = crossMatrix(matrix, rowsAt, columnsAt);
		const rowKeys = matrix.optionKeys[rowsAt]!;
		const columnKeys = matrix.optionKeys[columnsAt]!;
		let figures: CrossFigures | null;
		if (exact) figures = exactCross(rowKeys, columnKeys, table, k);
		else {
			const suppressed = suppressCrossTable({ rows: rowKeys, columns: columnKeys, counts: table }, { k });
			const agrees =
				hiddenPattern(suppressed.rows.map((x) => x.total)) === hiddenPattern(dimensions[rowsAt]!.figures.options.map((o) => o.cell)) &&
				hiddenPattern(suppressed.columns.map((x) => x.total)) === hiddenPattern(dimensions[columnsAt]!.figures.options.map((o) => o.cell)) &&
				hiddenPattern([suppressed.total]) === hiddenPattern([dimensions[rowsAt]!.figures.total]);
			figures = agrees ? suppressed : null;
		}
		cross = {
			rows: { key: r.key, label: r.label[locale], options: labelled(r) },
			columns: { key: c.key, label: c.label[locale], options: labelled(c) },
			figures
		};
	}
	return { population: query.population, exact, k, canSeePool: exact, dimensions, cross };
}
