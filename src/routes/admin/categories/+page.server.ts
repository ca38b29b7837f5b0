import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { adminListCategories, createCategory, moveCategory, updateCategory } from '$lib/server/discussion/categories';
import { CategoryIdParam, CreateCategoryInput, UpdateCategoryInput } from '$lib/server/discussion/schemas';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'admin.categories');
	return { categories: await adminListCategories(actor) };
};

const Direction = z.object({ direction: z.enum(['up', 'down']) });

export const actions: Actions = {
	create: async (event) => {
		const actor = pageGuard(event, 'admin.categories');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const input = parseWith(CreateCategoryInput, { ...values, slug: values.slug?.trim() || undefined });
				const c = await createCategory(actor, input);
				return { created: c.id };
			},
			{ form: 'create', values }
		);
	},
	update: async (event) => {
		const actor = pageGuard(event, 'admin.categories');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(CategoryIdParam, values);
				const { slug, nameNl, nameEn, descriptionNl, descriptionEn } = values;
				await updateCategory(actor, id, parseWith(UpdateCategoryInput, { slug, nameNl, nameEn, descriptionNl, descriptionEn }));
				return { updated: id };
			},
			{ form: 'update', failedFor: values.id ?? null }
		);
	},
	archive: async (event) => {
		const actor = pageGuard(event, 'admin.categories');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(CategoryIdParam, values);
				await updateCategory(actor, id, { archived: values.archived === 'true' });
				return { updated: id };
			},
			{ form: 'archive', failedFor: values.id ?? null }
		);
	},
	move: async (event) => {
		const actor = pageGuard(event, 'admin.categories');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(CategoryIdParam, values);
				await moveCategory(actor, id, parseWith(Direction, values).direction);
				return { updated: id };
			},
			{ form: 'move', failedFor: values.id ?? null }
		);
	}
};
