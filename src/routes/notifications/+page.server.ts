import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard, parseWith, orErrorPage } from '$lib/server/kit';
import { listNotifications } from '$lib/server/discussion/notifications';
import { markNotificationsRead } from '$lib/server/notifications/inbox';
import { NotificationIdParam } from '$lib/server/discussion/schemas';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'group.participate');
	const cursor = event.url.searchParams.get('cursor') ?? undefined;
	const page = await orErrorPage(() => listNotifications(actor, { cursor, limit: 25 }));
	return { notifications: page.items, nextCursor: page.nextCursor, firstPage: !cursor };
};

export const actions: Actions = {
	read: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		const values = formValues(await event.request.formData());
		return formAction(async () => {
			const { id } = parseWith(NotificationIdParam, { id: values.id });
			await markNotificationsRead(actor, { ids: [id] });
			return { marked: true };
		});
	},
	readAll: async (event) => {
		const actor = pageGuard(event, 'group.participate');
		return formAction(async () => {
			await markNotificationsRead(actor, { all: true });
			return { marked: true };
		});
	}
};
