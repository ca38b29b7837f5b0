import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { listUsers, updateUser } from '$lib/server/admin/users';
import { UpdateUserInput, UserId } from '$lib/server/accounts/schemas';
import { formAction, formValues, pageGuard, parseWith, orErrorPage } from '$lib/server/kit';
import { USER_STATUSES } from '$lib/shared/roles';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'admin.users');
	const params = event.url.searchParams;
	const status = z.enum(USER_STATUSES).safeParse(params.get('status'));
	const filters = { q: params.get('q')?.trim() || undefined, status: status.success ? status.data : undefined };
	const page = await orErrorPage(() => listUsers(actor, { ...filters, cursor: params.get('cursor') ?? undefined, limit: 25 }));
	return {
		filters,
		users: page.items.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
		nextCursor: page.nextCursor,
		firstPage: !params.get('cursor')
	};
};

export const actions: Actions = {
	update: async (event) => {
		const actor = pageGuard(event, 'admin.users');
		const data = await event.request.formData();
		const values = formValues(data);
		return formAction(
			async () => {
				const { id } = parseWith(UserId, values);
				const input = parseWith(UpdateUserInput, { roles: data.getAll('roles').map(String), status: values.status });
				await updateUser(actor, id, input);
				return { updated: id };
			},
			{ failedFor: values.id ?? null }
		);
	}
};
