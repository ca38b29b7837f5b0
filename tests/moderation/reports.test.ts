/**
 * Reporting and the moderators' queue, over the real API and real sockets:
 * a report reaches every moderator's open queue at once, a removal reaches
 * every open thread, the reporter learns the outcome, the audit log has it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { collect, join } from '../helpers/sockets';
import { createThread, newCategory, newMember, notificationsOf, replyTo, type TestMember } from '../helpers/discussion';
import type { PostChange } from '../../src/lib/shared/discussion';
import { newApplicant } from '../helpers/membership';

const t = useServer();
let author: TestMember;
let reporter: TestMember;
let reader: TestMember;
let mod1: TestMember;
let mod2: TestMember;
let category: { id: number; slug: string };
beforeAll(async () => {
	author = await newMember(t, { name: 'Kees Author' });
	reporter = await newMember(t, { name: 'Roos Reporter' });
	reader = await newMember(t, { name: 'Lies Reader' });
	mod1 = await newMember(t, { name: 'Mona Moderator', roles: ['member', 'moderator'] });
	mod2 = await newMember(t, { name: 'Mark Moderator', roles: ['member', 'moderator'] });
	category = await newCategory(t, 'Reports');
});

const report = (who: TestMember, postId: number, body: Record<string, unknown> = { reason: 'harassment' }) =>
	t.api(`/api/posts/${postId}/report`, { method: 'POST', cookie: who.cookie, body });
const queue = async (who: TestMember) => (await t.api('/api/moderation/queue?limit=100', { cookie: who.cookie })).body.items as { id: number; post: { id: number } | null; reporterCount: number; autoHidden: boolean; reasons: { reason: string; count: number }[] }[];

describe('a report, end to end', () => {
	it('reaches the open queue at once; the removal reaches an open thread; the reporter sees the outcome; the audit log has it', async () => {
		const { threadId } = await createThread(t, author.cookie, { category: category.slug, title: 'Scholen in Kampala' });
		const bad = await replyTo(t, author.cookie, threadId, 'Iedereen die daar woont is dom.');

		const modSocket = await t.connect(mod1.cookie);
		expect(await join(modSocket, 'moderation')).toEqual({ ok: true });
		const readerSocket = await t.connect(reader.cookie);
		expect(await join(readerSocket, `thread:${threadId}`)).toEqual({ ok: true });

		const queued = collect<{ caseId: number; change: string }>(modSocket, 'queue:changed', 1);
		const res = await report(reporter, bad.id, { reason: 'harassment', note: 'Beledigend voor iedereen in Kampala' });
		expect(res.status).toBe(201);
		const [event] = await queued;
		expect(event).toMatchObject({ change: 'opened' });

		const item = (await queue(mod1)).find((i) => i.post?.id === bad.id)!;
		expect(item).toMatchObject({ id: event!.caseId, reporterCount: 1, reasons: [{ reason: 'harassment', count: 1 }] });

		const gone = collect<PostChange>(readerSocket, 'post:changed', 1, 3_000, (c) => c.id === bad.id);
		const resolvedForOthers = collect<{ change: string; by: string | null }>(modSocket, 'queue:changed', 1, 3_000, (e) => e.change === 'resolved');
		const removed = await t.api(`/api/moderation/posts/${bad.id}`, { method: 'POST', cookie: mod2.cookie, body: { action: 'remove', reason: 'Generaliserende belediging', caseId: item.id } });
		expect(removed.status).toBe(200);
		expect((await gone)[0]).toEqual({ id: bad.id, threadId, seq: expect.any(Number), withheld: true });
		expect((await resolvedForOthers)[0]).toMatchObject({ by: 'Mark Moderator' });

		// Others see nothing of it on any transport; the author sees it with the reason.
		const forReader = await t.api(`/api/threads/${threadId}/posts`, { cookie: reader.cookie });
		expect(forReader.body.items.map((p: { id: number }) => p.id)).not.toContain(bad.id);
		expect((await t.api(`/api/posts/${bad.id}`, { cookie: reader.cookie })).status).toBe(404);
		const forAuthor = await t.api(`/api/posts/${bad.id}`, { cookie: author.cookie });
		expect(forAuthor.body).toMatchObject({ status: 'removed', statusReason: 'Generaliserende belediging' });
		expect((await notificationsOf(t, author.cookie))[0]).toMatchObject({ kind: 'moderation', data: { action: 'remove', reason: 'Generaliserende belediging' } });

		const mine = await t.api('/api/me/reports', { cookie: reporter.cookie });
		expect(mine.body.items[0]).toMatchObject({ state: 'resolved', outcome: 'action_taken', target: { kind: 'post', postId: bad.id } });
		expect((await notificationsOf(t, reporter.cookie))[0]).toMatchObject({ kind: 'report_resolved' });

		const audit = await t.api(`/api/moderation/audit?action=post.remove&targetId=${bad.id}`, { cookie: mod1.cookie });
		expect(audit.body.items).toHaveLength(1);
		expect(audit.body.items[0]).toMatchObject({ actor: { displayName: 'Mark Moderator' }, reason: 'Generaliserende belediging', before: { status: 'visible' }, after: { status: 'removed' } });
		expect((await queue(mod1)).some((i) => i.id === item.id)).toBe(false);
		modSocket.close();
		readerSocket.close();
	});

	it('two moderators on one item: the first wins, the second is told who handled it and nothing happens twice', async () => {
		const { threadId } = await createThread(t, author.cookie, { category: category.slug, title: 'Spam?' });
		const post = await replyTo(t, author.cookie, threadId, 'Bezoek mijn webwinkel voor goedkope tassen.');
		await report(reporter, post.id, { reason: 'spam' });
		const item = (await queue(mod1)).find((i) => i.post?.id === post.id)!;
		const [a, b] = await Promise.all([
			t.api(`/api/moderation/posts/${post.id}`, { method: 'POST', cookie: mod1.cookie, body: { action: 'dismiss', caseId: item.id } }),
			t.api(`/api/moderation/posts/${post.id}`, { method: 'POST', cookie: mod2.cookie, body: { action: 'remove', reason: 'Spam', caseId: item.id } })
		]);
		const statuses = [a.status, b.status].sort();
		expect(statuses).toEqual([200, 409]);
		const loser = a.status === 409 ? a : b;
		const winnerName = a.status === 200 ? 'Mona Moderator' : 'Mark Moderator';
		expect(loser.body.message).toContain(winnerName);
		const rows = await t.api(`/api/moderation/audit?targetKind=post&targetId=${post.id}`, { cookie: mod1.cookie });
		const caseRows = await t.api(`/api/moderation/audit?targetKind=case&targetId=${item.id}`, { cookie: mod1.cookie });
		expect(rows.body.items.length + caseRows.body.items.length).toBe(1);
	});
});

describe("a report about a moderator", () => {
	const count = async (who: TestMember) => (await t.api('/api/moderation/queue/count', { cookie: who.cookie })).body.count as number;

	it("goes to the other moderators: not into the queue, the count or the live updates of the moderator it is about", async () => {
		const { threadId } = await createThread(t, mod1.cookie, { category: category.slug, title: 'Een draad van een moderator' });
		const own = await replyTo(t, mod1.cookie, threadId, 'Mijn eigen reactie als moderator.');
		const before = { mine: await count(mod1), theirs: await count(mod2) };
		const socket1 = await t.connect(mod1.cookie);
		const socket2 = await t.connect(mod2.cookie);
		expect(await join(socket1, 'moderation')).toEqual({ ok: true });
		expect(await join(socket2, 'moderation')).toEqual({ ok: true });
		const seen1: { caseId: number; change: string }[] = [];
		socket1.on('queue:changed', (e) => seen1.push(e as { caseId: number; change: string }));
		const toMod2 = collect<{ caseId: number; change: string }>(socket2, 'queue:changed', 2);
		// A marker after it: an item about someone else, which both are told of, in order.
		const marker = collect<{ caseId: number; change: string }>(socket1, 'queue:changed', 1);

		expect((await report(reporter, own.id, { reason: 'off_topic' })).status).toBe(201);
		const other = await replyTo(t, author.cookie, threadId, 'Een reactie van een gewoon lid.');
		expect((await report(reporter, other.id, { reason: 'spam' })).status).toBe(201);

		const [aboutMod1, aboutAuthor] = await toMod2;
		expect((await marker)[0]!.caseId).toBe(aboutAuthor!.caseId);
		expect(seen1.map((e) => e.caseId)).not.toContain(aboutMod1!.caseId);
		expect((await queue(mod1)).map((i) => i.post?.id)).not.toContain(own.id);
		expect((await queue(mod2)).find((i) => i.post?.id === own.id)).toMatchObject({ id: aboutMod1!.caseId });
		expect(await count(mod1)).toBe(before.mine + 1);
		expect(await count(mod2)).toBe(before.theirs + 2);

		// The same for a report about the moderator as a member.
		expect((await t.api(`/api/members/${mod1.handle}/report`, { method: 'POST', cookie: reporter.cookie, body: { reason: 'harassment' } })).status).toBe(201);
		const memberItems = async (who: TestMember) =>
			((await t.api('/api/moderation/queue?limit=100', { cookie: who.cookie })).body.items as { kind: string; member: { id: string } }[]).filter((i) => i.kind === 'member' && i.member.id === mod1.id);
		expect(await memberItems(mod1)).toHaveLength(0);
		expect(await memberItems(mod2)).toHaveLength(1);
		socket1.close();
		socket2.close();
	});
});

describe('a join request in the queue', () => {
	it('carries what the requests page shows: email, languages, the language chosen, posting, answers and the guidelines version', async () => {
		const applicant = await newApplicant(t, { languages: ['nl', 'es'], message: 'Wij wonen sinds kort in Bogotá.' });
		const item = (await t.api('/api/moderation/queue?limit=100', { cookie: mod1.cookie })).body.items.find((i: { joinRequest: { id: string } | null }) => i.joinRequest?.id === applicant.requestId);
		expect(item.joinRequest).toMatchObject({
			email: applicant.email,
			language: applicant.language,
			languages: ['nl', 'es'],
			message: 'Wij wonen sinds kort in Bogotá.',
			guidelinesVersion: expect.any(Number),
			postingCity: expect.any(String),
			civilServantName: expect.any(String),
			civilServantDepartment: expect.any(String)
		});
	});
});

describe('automatic hiding', () => {
	it('three distinct members hide a post before any moderator acts; the same member reporting twice counts once', async () => {
		const { threadId } = await createThread(t, author.cookie, { category: category.slug, title: 'Huisvesting Lima' });
		const post = await replyTo(t, author.cookie, threadId, 'Hier is het adres en telefoonnummer van mijn buurvrouw.');
		const others = [reporter, reader, await newMember(t, { name: 'Derde Melder' })];
		expect((await report(others[0]!, post.id, { reason: 'personal_info' })).body).toMatchObject({ hidden: false });
		const again = await report(others[0]!, post.id, { reason: 'spam' });
		expect(again.status).toBe(409);
		expect((await t.api(`/api/posts/${post.id}`, { cookie: reader.cookie })).body.status).toBe('visible');
		expect((await report(others[1]!, post.id, { reason: 'personal_info' })).body).toMatchObject({ hidden: false });
		expect((await queue(mod1)).find((i) => i.post?.id === post.id)).toMatchObject({ reporterCount: 2, autoHidden: false });
		expect((await report(others[2]!, post.id, { reason: 'other', note: 'Privégegevens' })).body).toMatchObject({ hidden: true });

		expect((await t.api(`/api/posts/${post.id}`, { cookie: author.cookie })).body.status).toBe('hidden');
		const member = await newMember(t);
		expect((await t.api(`/api/posts/${post.id}`, { cookie: member.cookie })).status).toBe(404);
		expect((await queue(mod1)).find((i) => i.post?.id === post.id)).toMatchObject({ reporterCount: 3, autoHidden: true });
		const audit = await t.api(`/api/moderation/audit?action=post.auto_hide&targetId=${post.id}`, { cookie: mod1.cookie });
		expect(audit.body.items[0]).toMatchObject({ actor: null, after: { status: 'hidden' } });

		// The reports were unfounded: dismissing brings the post back.
		const item = (await queue(mod1)).find((i) => i.post?.id === post.id)!;
		expect((await t.api(`/api/moderation/posts/${post.id}`, { method: 'POST', cookie: mod1.cookie, body: { action: 'dismiss', caseId: item.id } })).status).toBe(200);
		expect((await t.api(`/api/posts/${post.id}`, { cookie: member.cookie })).body.status).toBe('visible');
		expect((await t.api('/api/me/reports', { cookie: reporter.cookie })).body.items[0]).toMatchObject({ outcome: 'no_action' });
	});

	it('members cannot report their own post, a member twice, or a post they cannot see', async () => {
		const { threadId, postId } = await createThread(t, author.cookie, { category: category.slug, title: 'Eigen draad' });
		expect((await report(author, postId)).status).toBe(409);
		const r1 = await t.api(`/api/members/${author.handle}/report`, { method: 'POST', cookie: reporter.cookie, body: { reason: 'harassment' } });
		expect(r1.status).toBe(201);
		const r2 = await t.api(`/api/members/${author.handle}/report`, { method: 'POST', cookie: reporter.cookie, body: { reason: 'spam' } });
		expect(r2.status).toBe(409);
		expect((await t.api(`/api/members/${reporter.handle}/report`, { method: 'POST', cookie: reporter.cookie, body: { reason: 'spam' } })).status).toBe(409);
		const other = await t.api(`/api/members/${author.handle}/report`, { method: 'POST', cookie: reader.cookie, body: { reason: 'other' } });
		expect(other.status).toBe(400);
		expect(other.body.field).toBe('note');
		const items = await queue(mod1);
		expect(items.filter((i) => (i as unknown as { kind: string; member: { id: string } }).kind === 'member' && (i as unknown as { member: { id: string } }).member.id === author.id)).toHaveLength(1);
		void threadId;
	});
});

describe('the thresholds are settings', () => {
	it('an admin lowers the number of reports that hide a post; values out of bounds are refused and change nothing', async () => {
		const admin = await t.login('admin@example.org');
		const bad = await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { reportsToHide: 1, approveFirstPosts: 500 } });
		expect(bad.status).toBe(400);
		expect(bad.body.field).toBe('approveFirstPosts');
		const listed = await t.api('/api/admin/settings', { cookie: admin });
		expect(listed.body.find((s: { key: string }) => s.key === 'reportsToHide')).toMatchObject({ value: 3, default: 3, min: 1 });

		expect((await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { reportsToHide: 1 } })).status).toBe(200);
		const { threadId } = await createThread(t, author.cookie, { category: category.slug, title: 'Eén melding is genoeg' });
		const post = await replyTo(t, author.cookie, threadId, 'Koop nu, alleen vandaag!');
		expect((await report(reporter, post.id, { reason: 'spam' })).body).toMatchObject({ hidden: true });
		await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { reportsToHide: 3 } });
	});
});
