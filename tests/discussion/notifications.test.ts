import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, notificationsOf, replyTo, setThread, type TestMember } from '../helpers/discussion';
import { notifications, outbox, pendingNotifications, posts, profiles, users } from '../../src/lib/server/db/schema';
import { notifyAboutPost, sendDigests, sendQueuedNotifications } from '../../src/lib/server/discussion/notifications';
import { transact } from '../../src/lib/server/runtime';

const t = useServer();
let starter: TestMember;
let replier: TestMember;
let watcher: TestMember;
let bystander: TestMember;
beforeAll(async () => {
	starter = await newMember(t, { name: 'Sara Starter' });
	replier = await newMember(t, { name: 'Ruben Replier' });
	watcher = await newMember(t, { name: 'Wendy Watcher' });
	bystander = await newMember(t, { name: 'Bas Bystander' });
});

const kindsFor = async (m: TestMember, threadId: number) =>
	(await notificationsOf(t, m.cookie)).filter((n) => n.thread?.id === threadId).map((n) => n.kind);

describe('notifications', () => {
	it('a reply notifies the starter and watchers, never the replier, not those who unwatched', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, starter.cookie, { category: cat.slug });
		expect((await t.api(`/api/threads/${th.threadId}/watch`, { method: 'PUT', cookie: watcher.cookie, body: { watching: true } })).body).toEqual({ watching: true });
		const r = await replyTo(t, replier.cookie, th.threadId, 'A reply');
		expect(await kindsFor(starter, th.threadId)).toEqual(['reply']);
		expect(await kindsFor(watcher, th.threadId)).toEqual(['reply']);
		expect(await kindsFor(replier, th.threadId)).toEqual([]);
		expect(await kindsFor(bystander, th.threadId)).toEqual([]);
		const n = (await notificationsOf(t, starter.cookie)).find((x) => x.postId === r.id)!;
		expect(n).toMatchObject({ kind: 'reply', readAt: null, thread: { id: th.threadId } });

		// The replier now watches (auto-watch) and hears of the starter's answer; the watcher unwatches.
		await t.api(`/api/threads/${th.threadId}/watch`, { method: 'PUT', cookie: watcher.cookie, body: { watching: false } });
		await replyTo(t, starter.cookie, th.threadId, 'Thanks!');
		expect(await kindsFor(replier, th.threadId)).toEqual(['reply']);
		expect(await kindsFor(watcher, th.threadId)).toEqual(['reply']);
		expect(await kindsFor(starter, th.threadId)).toEqual(['reply']);
	});

	it('a reply leaves nothing queued; what a stopped process left queued is sent by the sweep, once, and not before it is overdue', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, starter.cookie, { category: cat.slug });
		const r = await replyTo(t, replier.cookie, th.threadId, `Zie ook @${bystander.handle}`);
		expect(await t.db.select().from(pendingNotifications).where(eq(pendingNotifications.postId, r.id))).toEqual([]);
		expect(await kindsFor(starter, th.threadId)).toEqual(['reply']);

		// As if the process stopped between the reply's commit and sending: the row is there, the notifications are not.
		const second = await replyTo(t, replier.cookie, th.threadId, 'Nog een antwoord');
		await t.db.delete(notifications).where(eq(notifications.postId, second.id));
		await t.db.insert(pendingNotifications).values({ postId: second.id, mentioned: [bystander.id] });
		expect(await sendQueuedNotifications()).toBe(0); // not overdue yet: its own request may still be sending it
		await t.db.update(pendingNotifications).set({ createdAt: sql`now() - interval '1 minute'` }).where(eq(pendingNotifications.postId, second.id));
		expect(await sendQueuedNotifications()).toBe(1);
		expect(await sendQueuedNotifications()).toBe(0);
		const sent = await t.db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(eq(notifications.postId, second.id));
		expect(sent.map((n) => `${n.userId === bystander.id ? 'bystander' : n.userId === starter.id ? 'starter' : 'other'}:${n.kind}`).sort()).toEqual([
			'bystander:mention',
			'starter:reply'
		]);
	});

	it('a mention notifies the member mentioned (once), but not themselves and not non-members', async () => {
		const cat = await newCategory(t);
		const staff = await newMember(t, { roles: ['coordinator'], name: 'Carla Coordinator' });
		const th = await createThread(t, starter.cookie, { category: cat.slug, body: `Hoi @${bystander.handle} en @${staff.handle} en @${starter.handle}` });
		expect(await kindsFor(bystander, th.threadId)).toEqual(['mention']);
		expect(await kindsFor(starter, th.threadId)).toEqual([]);
		expect((await t.db.select().from(notifications).where(eq(notifications.userId, staff.id))).length).toBe(0);
		// The rendered post marks only the member as a mention.
		const page = await t.api(`/api/threads/${th.threadId}/posts`, { cookie: bystander.cookie });
		expect(page.body.items[0].html).toContain(`href="/members/${bystander.handle}"`);
		expect(page.body.items[0].html).not.toContain(`href="/members/${staff.handle}"`);
		// Mentioned in a reply to a thread they watch: one notification, the mention.
		await t.api(`/api/threads/${th.threadId}/watch`, { method: 'PUT', cookie: watcher.cookie, body: { watching: true } });
		await replyTo(t, replier.cookie, th.threadId, `@${watcher.handle} what do you think?`);
		expect(await kindsFor(watcher, th.threadId)).toEqual(['mention']);
		// An edit that adds a mention notifies the newly mentioned only.
		const r = await replyTo(t, replier.cookie, th.threadId, 'No mention yet');
		await t.api(`/api/posts/${r.id}`, { method: 'PATCH', cookie: replier.cookie, body: { body: `Now for @${bystander.handle}` } });
		expect((await kindsFor(bystander, th.threadId)).filter((k) => k === 'mention')).toHaveLength(2);
	});

	it('an accepted answer notifies its author', async () => {
		const cat = await newCategory(t);
		const q = await createThread(t, starter.cookie, { category: cat.slug, kind: 'question' });
		const answer = await replyTo(t, replier.cookie, q.threadId, 'Try this');
		await t.api(`/api/threads/${q.threadId}/accept`, { method: 'POST', cookie: starter.cookie, body: { postId: answer.id } });
		expect(await kindsFor(replier, q.threadId)).toContain('answer_accepted');
	});

	it('never notifies about content others may not see, nor a member who is gone', async () => {
		const cat = await newCategory(t);
		const th = await createThread(t, starter.cookie, { category: cat.slug });
		const [held] = await t.db
			.insert(posts)
			.values({ threadId: th.threadId, authorId: replier.id, body: `@${bystander.handle} held`, bodyHtml: '<p>held</p>', status: 'held' })
			.returning({ id: posts.id });
		await transact((tx, emit) => notifyAboutPost(tx, emit, held!.id, { mentioned: [bystander.id], isReply: true }));
		expect(await kindsFor(starter, th.threadId)).toEqual([]);
		expect(await kindsFor(bystander, th.threadId)).toEqual([]);
		// A hidden thread: no notifications for replies in it.
		await setThread(t, th.threadId, { status: 'hidden' });
		await replyTo(t, starter.cookie, th.threadId, 'Only the author and moderators see this');
		expect((await t.db.select().from(notifications).where(eq(notifications.threadId, th.threadId))).length).toBe(0);
		// A suspended watcher hears nothing.
		const gone = await newMember(t);
		const open = await createThread(t, starter.cookie, { category: cat.slug });
		await t.api(`/api/threads/${open.threadId}/watch`, { method: 'PUT', cookie: gone.cookie, body: { watching: true } });
		await t.db.update(users).set({ status: 'suspended' }).where(eq(users.id, gone.id));
		await replyTo(t, replier.cookie, open.threadId, 'Hello');
		expect((await t.db.select().from(notifications).where(eq(notifications.userId, gone.id))).length).toBe(0);
	});

	it('has an unread count, marks one or all read, and reading the thread clears its notifications', async () => {
		const reader = await newMember(t);
		const cat = await newCategory(t);
		const th = await createThread(t, reader.cookie, { category: cat.slug });
		const r1 = await replyTo(t, replier.cookie, th.threadId, 'One');
		const r2 = await replyTo(t, replier.cookie, th.threadId, 'Two');
		const th2 = await createThread(t, reader.cookie, { category: cat.slug });
		await replyTo(t, replier.cookie, th2.threadId, 'Three');
		const count = async () => (await t.api('/api/notifications/count', { cookie: reader.cookie })).body.unread;
		expect(await count()).toBe(3);
		const list = await notificationsOf(t, reader.cookie);
		const first = list.find((n) => n.postId === r1.id)!;
		expect((await t.api('/api/notifications/read', { method: 'POST', cookie: reader.cookie, body: { ids: [first.id] } })).body).toEqual({ updated: 1, unread: 2 });
		// Reading the first thread up to its last post clears the rest of its notifications.
		await t.api(`/api/threads/${th.threadId}/read`, { method: 'POST', cookie: reader.cookie, body: { upTo: r2.id } });
		expect(await count()).toBe(1);
		expect((await t.api('/api/notifications/read', { method: 'POST', cookie: reader.cookie, body: { all: true } })).body).toEqual({ updated: 1, unread: 0 });
		// Someone else's notification ids change nothing.
		const others = await notificationsOf(t, starter.cookie);
		if (others.length)
			expect((await t.api('/api/notifications/read', { method: 'POST', cookie: reader.cookie, body: { ids: [others[0]!.id] } })).body.updated).toBe(0);
	});

	it('pages notifications by cursor without duplicates', async () => {
		const reader = await newMember(t);
		const cat = await newCategory(t);
		const th = await createThread(t, reader.cookie, { category: cat.slug });
		for (let i = 0; i < 5; i++) await replyTo(t, replier.cookie, th.threadId, `Reply ${i}`);
		const seen: number[] = [];
		let cursor: string | null = null;
		do {
			const res: { body: { items: { id: number }[]; nextCursor: string | null } } = await t.api(`/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { cookie: reader.cookie });
			seen.push(...res.body.items.map((n: { id: number }) => n.id));
			cursor = res.body.nextCursor;
		} while (cursor);
		expect(seen).toHaveLength(5);
		expect(new Set(seen).size).toBe(5);
		expect([...seen].sort((x, y) => y - x)).toEqual(seen);
	});

	it('queues one daily digest e-mail per member who asked for it', async () => {
		const reader = await newMember(t, { name: 'Dirk Digest' });
		const quiet = await newMember(t);
		await t.db.insert(profiles).values([
			{ userId: reader.id, emailDigest: true },
			{ userId: quiet.id, emailDigest: false }
		]);
		const cat = await newCategory(t);
		const th = await createThread(t, reader.cookie, { category: cat.slug, title: 'Digest thread' });
		const th2 = await createThread(t, quiet.cookie, { category: cat.slug });
		await replyTo(t, replier.cookie, th.threadId, 'For the digest');
		await replyTo(t, replier.cookie, th2.threadId, 'Not for a digest');
		const now = new Date(Date.now() + 1000);
		await sendDigests(now, 'https://partners.example');
		const mails = await t.db.select().from(outbox).where(sql`${outbox.kind} = 'digest'`);
		const mine = mails.filter((m) => m.toEmail === reader.email);
		expect(mine).toHaveLength(1);
		expect(mine[0]!.bodyText).toContain('Digest thread');
		expect(mine[0]!.bodyText).toContain(`https://partners.example/group/t/${th.threadId}`);
		expect(mails.filter((m) => m.toEmail === quiet.email)).toHaveLength(0);
		// Not again the same day, and never the same notification twice.
		await replyTo(t, replier.cookie, th.threadId, 'Later the same day');
		await sendDigests(new Date(now.getTime() + 3_600_000));
		expect((await t.db.select().from(outbox).where(eq(outbox.toEmail, reader.email))).length).toBe(1);
		await sendDigests(new Date(now.getTime() + 25 * 3_600_000));
		const after = await t.db.select().from(outbox).where(eq(outbox.toEmail, reader.email));
		expect(after).toHaveLength(2);
		expect(after[1]!.bodyText).not.toContain('For the digest');
	});
});
