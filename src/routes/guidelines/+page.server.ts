import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { formAction, formValues, pageGuard, parseWith } from '$lib/server/kit';
import { acceptCurrentGuidelines, guidelinesSource, publishGuidelines, viewGuidelines } from '$lib/server/membership/guidelines';
import { AcceptGuidelinesInput, PublishGuidelinesInput } from '$lib/server/membership/schemas';
import { can } from '$lib/shared/roles';

/** The community guidelines, public: applicants read them before they accept them. */
export const load: PageServerLoad = async ({ locals }) => {
	const g = await viewGuidelines(locals.actor, getLocale());
	const active = locals.actor.kind === 'user' && locals.actor.user.status === 'active';
	return {
		guidelines: g && { version: g.version, html: g.html, publishedAt: g.publishedAt.toISOString(), acceptedAt: g.acceptedAt?.toISOString() ?? null },
		canAccept: active,
		/** Admins publish a new version from here; they start from the current text. */
		source: locals.actor.kind === 'user' && can(locals.actor.user, 'admin.settings') ? await guidelinesSource(locals.actor) : null
	};
};

export const actions: Actions = {
	accept: async (event) => {
		const actor = pageGuard(event, 'active');
		const values = formValues(await event.request.formData());
		return formAction(async () => {
			const { version } = parseWith(AcceptGuidelinesInput, { version: Number(values.version) });
			await acceptCurrentGuidelines(actor, version);
			return { accepted: true };
		});
	},
	publish: async (event) => {
		const actor = pageGuard(event, 'admin.settings');
		const values = formValues(await event.request.formData());
		return formAction(async () => ({ published: (await publishGuidelines(actor, parseWith(PublishGuidelinesInput, values))).version }), { which: 'publish' as const, values });
	}
};
