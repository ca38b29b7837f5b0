import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard, parseWith, orErrorPage } from '$lib/server/kit';
import { listNotifications } from '$lib/server/discussion/notifications';
import { listInbox, markNotificationsRead } from '$lib/server/notifications/inbox';
import { can } from '$lib/shared/roles';
import { NotificationIdParam } from '$lib/server/discussion/schemas';

export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'active');
	const cursor = event.url.searchParams.get('cursor') ?? undefined;
	// A member's inbox knows which posts they may still see; anyone else's is about the sounding board.
	const participant = can(actor.user, 'group.participate');
	const page = await orErrorPage(() => (participant ? listNotifications : listInbox)(actor, { cursor, limit: 25 }));
	return { notifications: page.items, nextCursor: page.nextCursor, firstPage: !cursor, participant };
};

export const actions: Actions = {
	read: async (event) => {
		const actor = pageGuard(event, 'active');
		const values = formValues(await event.request.formData());
		return formAction(async () => {
			const { id } = parseWith(NotificationIdParam, { id: values.id });
			await markNotificationsRead(actor, { ids: [id] });
			return { marked: true };
		});
	},
	readAll: async (event) => {
		const actor = pageGuard(event, 'active');
		return formAction(async () => {
			await markNotificationsRead(actor, { all: true });
			return { marked: true };
		});
	}
};
