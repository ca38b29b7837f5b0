/**
 * The demo's policy loop, as its people meet it: the coordinator's insights
 * in every status, built from group posts, a session's highlight and the
 * partner survey's results; two actions, one done with its outcome in the
 * group and told to the partners whose words led to it, one in progress.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer, type Principal } from '../helpers/server';
import { INSIGHT_STATUSES } from '../../src/lib/shared/insights';

const t = useServer();
let coordinator: Principal, policy: Principal, member: Principal, moderator: Principal;

beforeAll(async () => {
	[coordinator, policy, member, moderator] = await Promise.all([t.principal('coordinator'), t.principal('policy_staff'), t.principal('member'), t.principal('moderator')]);
});

describe('the demo insights', () => {
	it('come in every status, with evidence of all three kinds and none withdrawn', async () => {
		const list = (await t.api('/api/insights', { cookie: coordinator.cookie })).body.items as { id: number; status: string; evidence: number; withdrawn: number }[];
		expect(new Set(list.map((i) => i.status))).toEqual(new Set(INSIGHT_STATUSES));
		expect(list.every((i) => i.withdrawn === 0)).toBe(true);
		const permits = list.find((i) => i.status === 'accepted' && i.evidence >= 4)!;
		const detail = (await t.api(`/api/insights/${permits.id}`, { cookie: policy.cookie })).body;
		expect(new Set(detail.evidence.map((e: { kind: string }) => e.kind))).toEqual(new Set(['post_excerpt', 'session_note', 'survey_result']));
		expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['created', 'submitted', 'under_review', 'accepted', 'merged']);
		expect(detail.history.find((h: { kind: string }) => h.kind === 'accepted').by).toBe('Pieter Bakker');
		// Policy staff do not see the coordinator's draft.
		const forPolicy = (await t.api('/api/insights', { cookie: policy.cookie })).body.items as { status: string }[];
		expect(forPolicy.some((i) => i.status === 'draft')).toBe(false);
	});

	it('have two actions, one done with its outcome in the group, one in progress', async () => {
		const actions = (await t.api('/api/policy-actions', { cookie: policy.cookie })).body.items as { id: number; status: string }[];
		expect(actions.map((a) => a.status).sort()).toEqual(['done', 'in_progress']);
		const outcomes = (await t.api('/api/outcomes', { cookie: member.cookie })).body.items as { id: number; threadId: number; title: { en: string } }[];
		expect(outcomes).toHaveLength(1);
		const thread = (await t.api(`/api/threads/${outcomes[0]!.threadId}`, { cookie: member.cookie })).body;
		expect(thread.category.slug).toBe('you-said-we-did');
		// The member wrote one of the posts it came from: told, and led to the thread.
		const inbox = (await t.api('/api/notifications', { cookie: member.cookie })).body.items.find((n: { kind: string }) => n.kind === 'outcome_published');
		expect(inbox.href).toContain(`/group/t/${outcomes[0]!.threadId}`);
		const view = (await t.api(`/api/outcomes/${outcomes[0]!.id}`, { cookie: moderator.cookie })).body;
		expect(view.insights[0].evidence.some((e: { kind: string; href: string | null }) => e.kind === 'post_excerpt' && e.href?.startsWith('/group/t/'))).toBe(true);
	});
});
