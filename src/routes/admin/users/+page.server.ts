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
		// Unticked boxes are simply absent: no roles is an empty list.
		const typed = { roles: data.getAll('roles').map(String), status: values.status };
		return formAction(
			async () => {
				const { id } = parseWith(UserId, values);
				await updateUser(actor, id, parseWith(UpdateUserInput, typed));
				return { updated: id };
			},
			// The row that failed shows what was chosen in it, with each problem beside its field.
			{ failedFor: values.id ?? null, values: typed }
		);
	}
};
