import { and, asc, eq, sql } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { categories } from '../db/schema';
import { DomainError } from '../errors';
import { isCleanText } from '../text';
import { requireCapability, type Actor } from '../auth/actor';
import { handleBase } from '../accounts/handle';
import type { Language } from '../../shared/roles';
import type { Category, CategoryView } from '../../shared/discussion';
import { qualified, viewerOf } from './visibility';
import { CreateCategoryInput, ReorderCategoriesInput, UpdateCategoryInput } from './schemas';

const columns = {
	id: categories.id,
	slug: categories.slug,
	nameNl: categories.nameNl,
	nameEn: categories.nameEn,
	descriptionNl: categories.descriptionNl,
	descriptionEn: categories.descriptionEn,
	position: categories.position,
	archived: categories.archived
};

/** The name in the reader's language. */
export const categoryName = (c: Pick<Category, 'nameNl' | 'nameEn'>, lang: Language) => (lang === 'en' ? c.nameEn : c.nameNl);
export const categoryDescription = (c: Pick<Category, 'descriptionNl' | 'descriptionEn'>, lang: Language) =>
	lang === 'en' ? c.descriptionEn : c.descriptionNl;

/** The group's open categories in their order, with how many threads each has and the latest activity. */
export async function listCategories(actor: Actor): Promise<CategoryView[]> {
	viewerOf(actor);
	return db()
		.select({
			...columns,
			threadCount: sql<number>`(select count(*)::int from threads t where t.category_id = ${qualified(categories.id)} and t.status = 'visible')`,
			lastPostAt: sql<Date | null>`(select max(t.last_post_at) from threads t where t.category_id = ${qualified(categories.id)} and t.status = 'visible')`.mapWith(
				(v: string | Date | null) => (v ? new Date(v) : null)
			)
		})
		.from(categories)
		.where(eq(categories.archived, false))
		.orderBy(asc(categories.position), asc(categories.id));
}

/** One open category by slug (or id), for a member. */
export async function getCategory(actor: Actor, slugOrId: string | number): Promise<Category> {
	viewerOf(actor);
	// From a page's URL: a NUL would reach Postgres, which cannot compare it.
	if (typeof slugOrId === 'string' && !isCleanText(slugOrId)) throw new DomainError('not_found', 'error_category_not_found');
	const [row] = await db()
		.select(columns)
		.from(categories)
		.where(and(typeof slugOrId === 'number' ? eq(categories.id, slugOrId) : eq(categories.slug, slugOrId), eq(categories.archived, false)));
	if (!row) throw new DomainError('not_found', 'error_category_not_found');
	return row;
}

/** Every category, archived ones included, for the admin page. */
export async function adminListCategories(actor: Actor): Promise<Category[]> {
	requireCapability(actor, 'admin.categories');
	return db().select(columns).from(categories).orderBy(asc(categories.position), asc(categories.id));
}

export async function createCategory(actor: Actor, raw: CreateCategoryInput): Promise<Category> {
	requireCapability(actor, 'admin.categories');
	const input = CreateCategoryInput.parse(raw);
	const slug = input.slug ?? handleBase(input.nameEn).slice(0, 40);
	return transact(async (tx) => {
		const [taken] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
		if (taken || slug === 't') throw new DomainError('conflict', 'error_slug_taken', { field: 'slug' });
		const [last] = await tx.select({ p: sql<number>`coalesce(max(${categories.position}), -1)::int` }).from(categories);
		const [row] = await tx
			.insert(categories)
			.values({ ...input, slug, position: (last?.p ?? -1) + 1 })
			.returning(columns);
		return row!;
	});
}

export async function updateCategory(actor: Actor, id: number, raw: UpdateCategoryInput): Promise<Category> {
	requireCapability(actor, 'admin.categories');
	const input = UpdateCategoryInput.parse(raw);
	return transact(async (tx) => {
		const [current] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).for('update');
		if (!current) throw new DomainError('not_found', 'error_category_not_found');
		if (input.slug) {
			const [taken] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, input.slug));
			if (taken && taken.id !== id) throw new DomainError('conflict', 'error_slug_taken', { field: 'slug' });
		}
		const [row] = await tx.update(categories).set(input).where(eq(categories.id, id)).returning(columns);
		return row!;
	});
}

export const archiveCategory = (actor: Actor, id: number, archived = true) => updateCategory(actor, id, { archived });

/** Puts the categories in the given order; ids not named keep their relative order after them. */
export async function reorderCategories(actor: Actor, raw: ReorderCategoriesInput): Promise<Category[]> {
	requireCapability(actor, 'admin.categories');
	const input = ReorderCategoriesInput.parse(raw);
	await transact(async (tx) => {
		const all = await tx.select({ id: categories.id }).from(categories).orderBy(asc(categories.position), asc(categories.id)).for('update');
		const known = new Set(all.map((r) => r.id));
		for (const id of input.ids) if (!known.has(id)) throw new DomainError('not_found', 'error_category_not_found');
		const named = [...new Set(input.ids)];
		const order = [...named, ...all.map((r) => r.id).filter((id) => !named.includes(id))];
		for (const [position, id] of order.entries()) await tx.update(categories).set({ position }).where(eq(categories.id, id));
	});
	return adminListCategories(actor);
}

/** Moves one category one place up or down (the no-JavaScript admin page's buttons). */
export async function moveCategory(actor: Actor, id: number, direction: 'up' | 'down'): Promise<Category[]> {
	const all = await adminListCategories(actor);
	const ids = all.map((c) => c.id);
	const at = ids.indexOf(id);
	if (at < 0) throw new DomainError('not_found', 'error_category_not_found');
	const to = direction === 'up' ? at - 1 : at + 1;
	if (to < 0 || to >= ids.length) return all;
	[ids[at], ids[to]] = [ids[to]!, ids[at]!];
	return reorderCategories(actor, { ids });
}

/** Used by thread creation: the category must exist and be open. */
export async function openCategory(tx: Parameters<Parameters<typeof transact>[0]>[0], slugOrId: string | number): Promise<Category> {
	const [row] = await tx
		.select(columns)
		.from(categories)
		.where(typeof slugOrId === 'number' ? eq(categories.id, slugOrId) : eq(categories.slug, slugOrId));
	if (!row) throw new DomainError('not_found', 'error_category_not_found');
	if (row.archived) throw new DomainError('conflict', 'error_category_archived');
	return row;
}

