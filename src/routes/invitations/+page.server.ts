import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { translate } from '$lib/i18n/translate';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { isDomainError } from '$lib/server/errors';
import { createInvitation, listInvitations, revokeInvitation } from '$lib/server/membership/invitations';
import { CreateInvitationInput, IdParam } from '$lib/server/membership/schemas';

/** Admins and moderators: create invitation links, see what became of them, revoke unused ones. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'invitations.manage');
	const params = event.url.searchParams;
	let page;
	try {
		page = await listInvitations(actor, { cursor: params.get('cursor') ?? undefined, limit: 25 });
	} catch (e) {
		if (isDomainError(e) && e.code === 'invalid_input') error(400, translate(e.message, getLocale()));
		throw e;
	}
	return {
		invitations: page.items.map((i) => ({
			id: i.id,
			email: i.email,
			note: i.note,
			status: i.status,
			createdAt: i.createdAt.toISOString(),
			expiresAt: i.expiresAt.toISOString(),
			usedAt: i.usedAt?.toISOString() ?? null,
			createdBy: i.createdBy.displayName,
			usedBy: i.usedBy
		})),
		nextCursor: page.nextCursor,
		firstPage: !params.get('cursor')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = pageGuard(event, 'invitations.manage');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const input = parseWith(CreateInvitationInput, {
					email: values.email?.trim() || undefined,
					note: values.note?.trim() || undefined,
					expiresInDays: values.expiresInDays ? Number(values.expiresInDays) : undefined
				});
				const created = await createInvitation(actor, input);
				// The link exists only in this answer: it is shown once and never stored.
				return {
					form: 'create' as const,
					created: { url: created.url, email: created.invitation.email, expiresAt: created.invitation.expiresAt.toISOString() }
				};
			},
			{ form: 'create' as const, values: { email: values.email ?? '', note: values.note ?? '', expiresInDays: values.expiresInDays ?? '14' } }
		);
	},
	revoke: async (event) => {
		const actor = pageGuard(event, 'invitations.manage');
		const values = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(IdParam, values);
				await revokeInvitation(actor, id);
				return { form: 'revoke' as const, revoked: id };
			},
			{ form: 'revoke' as const, failedFor: values.id ?? null }
		);
	}
};
