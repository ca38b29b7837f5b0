import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { newApplicant } from '../helpers/membership';

const t = useServer();

describe('a declined applicant in the admin user list', () => {
	it('is marked declined, not awaiting approval; one still waiting is not', async () => {
		const admin = await t.login('admin@example.org');
		const moderator = await t.login('moderator@example.org');
		const declined = await newApplicant(t, { displayName: 'Dana Declined' });
		const waiting = await newApplicant(t, { displayName: 'Wim Waiting' });
		const decided = await t.api(`/api/join-requests/${declined.requestId}/decision`, { method: 'POST', cookie: moderator, body: { decision: 'decline', reason: 'We could not confirm the posting.' } });
		expect(decided.status).toBe(200);
		const list = async (q: string) => (await t.api(`/api/admin/users?q=${encodeURIComponent(q)}`, { cookie: admin })).body.items;
		expect(await list(declined.email)).toEqual([expect.objectContaining({ status: 'pending', declined: true })]);
		expect(await list(waiting.email)).toEqual([expect.objectContaining({ status: 'pending', declined: false })]);
		expect(await list('member@example.org')).toEqual([expect.objectContaining({ status: 'active', declined: false })]);
	});
});
