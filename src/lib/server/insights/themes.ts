import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { insightThemeLinks, insightThemes } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { requireStaff } from './access';
import { ThemeInput } from './schemas';

/** Themes: a managed list in both languages. Policy staff keep it; an archived theme stays on the insights it was given to. */

export interface Theme {
	id: number;
	nameNl: string;
	nameEn: string;
	archived: boolean;
}

const columns = { id: insightThemes.id, nameNl: insightThemes.nameNl, nameEn: insightThemes.nameEn, archived: insightThemes.archived };

export async function listThemes(actor: Actor, reader: Db | Tx = db()): Promise<Theme[]> {
	requireStaff(actor);
	return reader.select(columns).from(insightThemes).orderBy(asc(insightThemes.position), asc(insightThemes.id));
}

export async function createTheme(actor: Actor, raw: ThemeInput): Promise<Theme> {
	requireCapability(actor, 'insights.review');
	const input = parseInput(ThemeInput, raw);
	return transact(async (tx) => {
		const [last] = await tx.select({ position: insightThemes.position }).from(insightThemes).orderBy(asc(insightThemes.position)).limit(1);
		const key = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
		const [row] = await tx
			.insert(insightThemes)
			.values({ key, nameNl: input.nameNl, nameEn: input.nameEn, position: (last?.position ?? 0) + 100 })
			.returning(columns);
		return row!;
	});
}

export async function setThemeArchived(actor: Actor, id: number, archived: boolean): Promise<Theme> {
	requireCapability(actor, 'insights.review');
	const [row] = await db().update(insightThemes).set({ archived }).where(eq(insightThemes.id, id)).returning(columns);
	if (!row) throw new DomainError('not_found', 'error_theme_not_found');
	return row;
}

/** Replaces an insight's themes; each must exist and (when newly given) not be archived. */
export async function setThemes(tx: Tx, insightId: number, themeIds: number[]): Promise<void> {
	const unique = [...new Set(themeIds)];
	const current = await tx.select({ id: insightThemeLinks.themeId }).from(insightThemeLinks).where(eq(insightThemeLinks.insightId, insightId));
	const had = new Set(current.map((r) => r.id));
	if (unique.length) {
		const found = await tx.select(columns).from(insightThemes).where(inArray(insightThemes.id, unique));
		if (found.length !== unique.length || found.some((t) => t.archived && !had.has(t.id)))
			throw new DomainError('invalid_input', 'error_insight_theme', { field: 'themes', fields: { themes: 'error_insight_theme' } });
	}
	await tx.delete(insightThemeLinks).where(eq(insightThemeLinks.insightId, insightId));
	if (unique.length) await tx.insert(insightThemeLinks).values(unique.map((themeId) => ({ insightId, themeId })));
}
