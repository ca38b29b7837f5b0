import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard, parseWith, orErrorPage } from '$lib/server/kit';
import { getCategory } from '$lib/server/discussion/categories';
import { createThread, listThreads } from '$lib/server/discussion/threads';
import { countryOptions } from '$lib/server/discussion/countries';
import { CreateThreadInput } from '$lib/server/discussion/schemas';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const cursor = event.url.searchParams.get('cursor') ?? undefined;
	const category = await orErrorPage(() => getCategory(actor, event.params.category));
	const page = await orErrorPage(() => listThreads(actor, { category: category.slug, cursor, limit: 25 }));
	return {
		category,
		threads: page.items,
		nextCursor: page.nextCursor,
		firstPage: !cursor,
		countries: countryOptions(getLocale()),
		/** The new-thread form's key: pressing twice starts one thread. */
		submissionKey: randomUUID()
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const values = formValues(await event.request.formData());
		const result = await formAction(
			async () => createThread(actor, parseWith(CreateThreadInput, { ...values, category: event.params.category })),
			{ values: { title: values.title ?? '', body: values.body ?? '', kind: values.kind ?? 'discussion', country: values.country ?? '', language: values.language ?? '' } }
		);
		if ('threadId' in result) redirect(303, `/group/t/${result.threadId}`);
		return result;
	}
};
