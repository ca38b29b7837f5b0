import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { boardProfiles, profiles, users } from '../db/schema';
import { unseal } from '../sensitive-data';
import { NOT_ANSWERED, type CompositionCounts } from '../../shared/board-composition';
import { SENSITIVE_DIMENSION } from '../../shared/board';
import { dimensionDefs, type DimensionDef } from './dimensions';

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
}

export async function answerMatrix(reader: Db | Tx, userIds: readonly string[], defs?: DimensionDef[]): Promise<AnswerMatrix> {
	const dims = defs ?? (await dimensionDefs(reader));
	const optionKeys = dims.map((d) => [...d.options.map((o) => o.key), NOT_ANSWERED]);
	const index = optionKeys.map((keys) => new Map(keys.map((k, i) => [k, i])));
	const ids = [...new Set(userIds)];
	const rows: { id: string; answers: unknown; sealed: string | null; region: string | null }[] = [];
	// Chunks keep the parameter list well under the protocol's limit for any size of board.
	for (let i = 0; i < ids.length; i += 5000) {
		const chunk = ids.slice(i, i + 5000);
		if (!chunk.length) continue;
		rows.push(
			...(await reader
				.select({ id: users.id, answers: boardProfiles.answers, sealed: boardProfiles.sensitiveSealed, region: profiles.postingRegion })
				.from(users)
				.leftJoin(boardProfiles, eq(boardProfiles.userId, users.id))
				.leftJoin(profiles, eq(profiles.userId, users.id))
				.where(inArray(users.id, chunk)))
		);
	}
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
	return { defs: dims, optionKeys, answers };
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
