import type { Actions, PageServerLoad } from './$types';
import { formAction, formValues, pageGuard, parseWith, orErrorPage } from '$lib/server/kit';
import { listQueue } from '$lib/server/moderation/cases';
import { moderatePost } from '$lib/server/moderation/content';
import { moderateMember } from '$lib/server/moderation/members';
import { decideJoinRequest } from '$lib/server/membership/join-requests';
import { MemberActionInput, MemberIdParam, PostActionInput } from '$lib/server/moderation/schemas';
import { PostIdParam } from '$lib/server/discussion/schemas';
import { DecideJoinRequestInput, IdParam } from '$lib/server/membership/schemas';
import { countryName, languageName } from '$lib/server/membership/countries';
import { getLocale } from '$lib/paraglide/runtime';

/** The moderators' one queue: join requests, reported and held items, most urgent first; live. */
export const load: PageServerLoad = async (event) => {
	const actor = pageGuard(event, 'moderation.act');
	const cursor = event.url.searchParams.get('cursor') ?? undefined;
	const page = await orErrorPage(() => listQueue(actor, { cursor, limit: 25 }));
	const locale = getLocale();
	return {
		items: page.items.map((i) => ({
			...i,
			openedAt: i.openedAt.toISOString(),
			country: i.joinRequest ? countryName(i.joinRequest.postingCountry, locale) : null,
			languages: i.joinRequest ? i.joinRequest.languages.map((l) => languageName(l, locale)) : []
		})),
		nextCursor: page.nextCursor,
		firstPage: !cursor
	};
};

const done = (caseId: string | undefined, action: string) => ({ handled: { caseId: Number(caseId), action } });

export const actions: Actions = {
	post: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(PostIdParam, { id: v.postId });
				await moderatePost(actor, id, parseWith(PostActionInput, v));
				return done(v.caseId, v.action ?? '');
			},
			{ failedFor: v.caseId ?? null }
		);
	},
	member: async (event) => {
		const actor = pageGuard(event, 'moderation.act');
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(MemberIdParam, { id: v.memberId });
				await moderateMember(actor, id, parseWith(MemberActionInput, v));
				return done(v.caseId, v.action ?? '');
			},
			{ failedFor: v.caseId ?? null }
		);
	},
	join: async (event) => {
		const actor = pageGuard(event, 'joinRequests.decide');
		const v = formValues(await event.request.formData());
		return formAction(
			async () => {
				const { id } = parseWith(IdParam, { id: v.joinRequestId });
				await decideJoinRequest(actor, id, parseWith(DecideJoinRequestInput, { decision: v.decision, reason: v.reason?.trim() ? v.reason : undefined, caseId: v.caseId }));
				return done(v.caseId, v.decision ?? '');
			},
			{ failedFor: v.caseId ?? null }
		);
	}
};
