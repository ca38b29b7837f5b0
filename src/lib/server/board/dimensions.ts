import { asc, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db } from '../runtime';
import { boardDimensions } from '../db/schema';
import { translate } from '../../i18n/translate';
import { BUILT_IN_DIMENSIONS, PREFER_NOT_TO_SAY, type BoardDimension } from '../../shared/board';
import type { Language } from '../../shared/roles';

/**
 * The diversity profile's dimensions: the built-in ones (shared/board.ts,
 * labels in the messages) and the ones coordinators added (board_dimensions,
 * labels in both languages). Every asked dimension offers "prefer not to say";
 * the derived one (region) is read from the posting country, never asked.
 */
export interface DimensionDef {
	key: string;
	builtIn: boolean;
	sensitive: boolean;
	derived: boolean;
	label: Record<Language, string>;
	options: { key: string; label: Record<Language, string> }[];
}

const both = (key: string, inputs: Record<string, unknown> = {}): Record<Language, string> => ({
	nl: translate(key, 'nl', inputs),
	en: translate(key, 'en', inputs)
});

const preferNot = () => ({ key: PREFER_NOT_TO_SAY, label: both('board_option_prefer_not_to_say') });

function builtIns(): DimensionDef[] {
	return BUILT_IN_DIMENSIONS.map((d) => ({
		key: d.key,
		builtIn: true,
		sensitive: d.sensitive,
		derived: d.derived,
		label: both(`board_dimension_${d.key}`),
		options: [
			...d.options.map((o) => ({ key: o, label: d.key === 'region' ? both(`region_${o}`) : both(`board_option_${d.key}_${o}`) })),
			...(d.derived ? [] : [preferNot()])
		]
	}));
}

interface StoredOption {
	key: string;
	labelNl: string;
	labelEn: string;
}

/** Every dimension in use, built-in first, then coordinators' in their order. */
export async function dimensionDefs(reader: Db | Tx = db()): Promise<DimensionDef[]> {
	const custom = await reader.select().from(boardDimensions).where(isNull(boardDimensions.archivedAt)).orderBy(asc(boardDimensions.position), asc(boardDimensions.key));
	return [
		...builtIns(),
		...custom.map((c) => ({
			key: c.key,
			builtIn: false,
			sensitive: false,
			derived: false,
			label: { nl: c.labelNl, en: c.labelEn },
			options: [...(c.options as StoredOption[]).map((o) => ({ key: o.key, label: { nl: o.labelNl, en: o.labelEn } })), preferNot()]
		}))
	];
}

/** The same, worded for one reader. */
export const inLanguage = (defs: DimensionDef[], locale: Language): BoardDimension[] =>
	defs.map((d) => ({ ...d, label: d.label[locale], options: d.options.map((o) => ({ key: o.key, label: o.label[locale] })) }));

export async function listDimensions(locale: Language, reader: Db | Tx = db()): Promise<BoardDimension[]> {
	return inLanguage(await dimensionDefs(reader), locale);
}
