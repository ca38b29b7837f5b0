/**
 * The automatic protection every post passes: a new member's first posts wait
 * for approval (and nobody else finds them anywhere), watched words, posting
 * rate limits, slow mode, mutes, locked threads and re-accepting changed
 * guidelines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { collect, join } from '../helpers/sockets';
import { createThread, newCategory, newMember, notificationsOf, type TestMember } from '../helpers/discussion';
import type { ThreadChange } from '../../src/lib/shared/discussion';

const t = useServer();
let mod: TestMember;
let regular: TestMember;
let category: { id: number; slug: string };
beforeAll(async () => {
	mod = await newMember(t, { name: 'Mira Moderator', roles: ['member', 'moderator'] });
	regular = await newMember(t, { name: 'Gerard Gevestigd' });
	category = await newCategory(t, 'Protection');
});

const post = (who: TestMember, threadId: number, body: string) => t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: who.cookie, body: { body } });
const searchHits = async (who: TestMember, q: string) =>
	((await t.api(`/api/search?q=${encodeURIComponent(q)}`, { cookie: who.cookie })).body.items as { postId: number }[]).map((h) => h.postId);

describe("a new member's first posts", () => {
	it('wait for approval; until then no one else finds them anywhere, search and notifications included', async () => {
		const newcomer = await newMember(t, { name: 'Nina Nieuw', newMember: true });
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Tandarts in Nairobi' });
		const watcherSocket = await t.connect(regular.cookie);
		expect(await join(watcherSocket, `thread:${threadId}`)).toEqual({ ok: true });
		let seen = 0;
		watcherSocket.on('post:changed', () => seen++);

		const held = await post(newcomer, threadId, 'Wij gingen naar een uitstekende tandartspraktijk in Westlands, echt een aanrader.');
		expect(held.status).toBe(201);
		expect(held.body).toMatchObject({ status: 'held' });
		const id = held.body.id as number;

		const forOthers = await t.api(`/api/threads/${threadId}/posts`, { cookie: regular.cookie });
		expect(forOthers.body.items.map((p: { id: number }) => p.id)).not.toContain(id);
		expect((await t.api(`/api/posts/${id}`, { cookie: regular.cookie })).status).toBe(404);
		expect(await searchHits(regular, 'tandartspraktijk')).not.toContain(id);
		expect(await searchHits(newcomer, 'tandartspraktijk')).not.toContain(id);
		expect((await notificationsOf(t, regular.cookie)).some((n) => n.postId === id)).toBe(false);
		const thread = await t.api(`/api/threads/${threadId}`, { cookie: regular.cookie });
		expect(thread.body.replyCount).toBe(0);
		expect((await t.api(`/api/posts/${id}`, { cookie: newcomer.cookie })).body).toMatchObject({ status: 'held', mine: true });
		// The author finds it again in their own list; no one else's list has it.
		expect((await t.api('/api/me/withheld-posts', { cookie: newcomer.cookie })).body).toEqual([expect.objectContaining({ postId: id, threadId, status: 'held' })]);
		expect((await t.api('/api/me/withheld-posts', { cookie: regular.cookie })).body).toEqual([]);

		const queue = await t.api('/api/moderation/queue?limit=100', { cookie: mod.cookie });
		const item = queue.body.items.find((i: { post: { id: number } | null }) => i.post?.id === id);
		expect(item).toMatchObject({ held: true, holdReason: 'new_member' });
		const approved = await t.api(`/api/moderation/posts/${id}`, { method: 'POST', cookie: mod.cookie, body: { action: 'approve', caseId: item.id } });
		expect(approved.status).toBe(200);

		expect((await t.api(`/api/posts/${id}`, { cookie: regular.cookie })).body.status).toBe('visible');
		expect(await searchHits(regular, 'tandartspraktijk')).toContain(id);
		expect((await notificationsOf(t, regular.cookie)).some((n) => n.postId === id && n.kind === 'reply')).toBe(true);
		expect((await t.api(`/api/threads/${threadId}`, { cookie: regular.cookie })).body.replyCount).toBe(1);
		await new Promise((r) => setTimeout(r, 200));
		// Nothing of it reached the watcher's open page while it was held; the approval did.
		expect(seen).toBe(1);

		// The second post waits too (K = 2); the third is published at once.
		expect((await post(newcomer, threadId, 'Nog een tip: vraag naar de kindertandarts.')).body.status).toBe('held');
		const secondItem = (await t.api('/api/moderation/queue?limit=100', { cookie: mod.cookie })).body.items.find((i: { member: { id: string }; held: boolean }) => i.member.id === newcomer.id && i.held);
		await t.api(`/api/moderation/posts/${secondItem.post.id}`, { method: 'POST', cookie: mod.cookie, body: { action: 'approve', caseId: secondItem.id } });
		expect((await post(newcomer, threadId, 'En neem je verzekeringspas mee.')).body.status).toBe('visible');
		watcherSocket.close();
	});

	it('a new member is held to a stricter posting rate than an established one', async () => {
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Snel achter elkaar' });
		const newcomer = await newMember(t, { name: 'Snelle Starter', newMember: true });
		for (let i = 0; i < 5; i++) expect((await post(newcomer, threadId, `Bericht ${i + 1}`)).status).toBe(201);
		const refused = await post(newcomer, threadId, 'Bericht 6');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(refused.body.message).toMatch(/5/);
		for (let i = 0; i < 6; i++) expect((await post(regular, threadId, `Gevestigd ${i + 1}`)).status).toBe(201);
	});
});

describe('watched words', () => {
	it('block, hold and report, with wildcards, in both lists; a test box; CSV out and in', async () => {
		const add = (language: string, pattern: string, action: string) => t.api('/api/moderation/words', { method: 'POST', cookie: mod.cookie, body: { language, pattern, action } });
		expect((await add('nl', 'oplicht*', 'block')).status).toBe(201);
		expect((await add('en', 'wire the money', 'hold')).status).toBe(201);
		expect((await add('en', 'passport*', 'report')).status).toBe(201);
		expect((await add('en', '<script>', 'block')).status).toBe(400);

		const tested = await t.api('/api/moderation/words/test', { method: 'POST', cookie: mod.cookie, body: { text: 'Pas op voor OPLICHTERS bij de haven' } });
		expect(tested.body).toMatchObject({ action: 'block', matches: [{ pattern: 'oplicht*', found: 'OPLICHTERS' }] });
		expect((await t.api('/api/moderation/words/test', { method: 'POST', cookie: mod.cookie, body: { text: 'Een aplichter is geen woord' } })).body.action).toBeNull();

		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Oppassen bij de markt' });
		const blocked = await post(regular, threadId, 'Die oplichters op de markt!');
		expect(blocked.status).toBe(400);
		expect(blocked.body).toMatchObject({ field: 'body' });
		expect(blocked.body.message).toContain('oplichters');
		expect((await post(regular, threadId, 'Please wire the money today.')).body.status).toBe('held');
		const reported = await post(regular, threadId, 'Keep your passport safe.');
		expect(reported.body.status).toBe('visible');
		const queue = (await t.api('/api/moderation/queue?limit=100', { cookie: mod.cookie })).body.items as { post: { id: number } | null; notes: { text: string; automatic: boolean }[] }[];
		expect(queue.find((i) => i.post?.id === reported.body.id)?.notes).toEqual([{ text: 'watched word: passport*', automatic: true }]);
		const audit = await t.api('/api/moderation/audit?action=post.blocked', { cookie: mod.cookie });
		expect(audit.body.items[0]).toMatchObject({ actor: null, subjectId: regular.id, data: { word: 'oplicht*' } });

		const csv = await t.api('/api/moderation/words.csv', { cookie: mod.cookie });
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect(csv.body).toContain('"nl","oplicht*","block"');
		const imported = await t.api('/api/moderation/words/import', {
			method: 'POST',
			cookie: mod.cookie,
			body: { csv: 'language,word,action\r\nnl,oplicht*,report\r\nen,"fake visa*",block\r\nxx,nope,block\r\n' }
		});
		expect(imported.body).toMatchObject({ added: 1, changed: 1, unchanged: 0, rejected: [{ line: 4 }] });
		expect((await t.api('/api/moderation/words/test', { method: 'POST', cookie: mod.cookie, body: { text: 'fake visas sold here' } })).body.action).toBe('block');
	});
});

describe('what the review found', () => {
	it("a held post is not edited while it waits; withdrawn, it leaves no trace for others", async () => {
		const newcomer = await newMember(t, { name: 'Wendy Wacht', newMember: true });
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Terugtrekken' });
		const held = await post(newcomer, threadId, 'Een onschuldige vraag.');
		expect(held.body.status).toBe('held');
		const edit = await t.api(`/api/posts/${held.body.id}`, { method: 'PATCH', cookie: newcomer.cookie, body: { body: 'Iets heel anders.' } });
		expect(edit.status).toBe(409);
		expect((await t.api(`/api/posts/${held.body.id}`, { method: 'DELETE', cookie: newcomer.cookie })).status).toBe(200);
		const changes = await t.api(`/api/threads/${threadId}/changes?since=0`, { cookie: regular.cookie });
		expect(changes.body.map((c: { id: number }) => c.id)).not.toContain(held.body.id);
		const queue = await t.api('/api/moderation/queue?limit=100', { cookie: mod.cookie });
		expect(queue.body.items.some((i: { post: { id: number } | null }) => i.post?.id === held.body.id)).toBe(false);
	});

	it('an edit that brings in a word that holds takes the post out of view until approved', async () => {
		await t.api('/api/moderation/words', { method: 'POST', cookie: mod.cookie, body: { language: 'nl', pattern: 'snelgeld*', action: 'hold' } });
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Bijverdienen' });
		const other = await newMember(t);
		const reply = await post(other, threadId, 'Ik geef bijles Nederlands.');
		expect((await t.api(`/api/posts/${reply.body.id}`, { method: 'PATCH', cookie: other.cookie, body: { body: 'Ik geef bijles. Ook snelgeldtips!' } })).status).toBe(200);
		expect((await t.api(`/api/posts/${reply.body.id}`, { cookie: regular.cookie })).status).toBe(404);
		expect((await t.api(`/api/posts/${reply.body.id}`, { cookie: other.cookie })).body.status).toBe('held');
	});

	it('a moderator does not judge their own post; a held post is approved or removed, not dismissed', async () => {
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Eigen rechter' });
		const own = await post(mod, threadId, 'Mijn eigen bericht.');
		expect((await t.api(`/api/moderation/posts/${own.body.id}`, { method: 'POST', cookie: mod.cookie, body: { action: 'hide' } })).status).toBe(403);
		const newcomer = await newMember(t, { newMember: true });
		const held = await post(newcomer, threadId, 'Wachtend bericht met passport.');
		await t.api('/api/moderation/words', { method: 'POST', cookie: mod.cookie, body: { language: 'en', pattern: 'passport', action: 'report' } });
		expect((await t.api(`/api/moderation/posts/${held.body.id}`, { method: 'POST', cookie: mod.cookie, body: { action: 'dismiss' } })).status).toBe(409);
	});

	it('watched words match in linear time: wildcards cannot be made to backtrack', async () => {
		await t.api('/api/moderation/words', { method: 'POST', cookie: mod.cookie, body: { language: 'en', pattern: 'a*a*a*a*b', action: 'report' } });
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Lang woord' });
		const res = await post(regular, threadId, `${'a'.repeat(19_000)} aaaaab`);
		expect(res.status).toBe(201);
		const queue = (await t.api('/api/moderation/queue?limit=100', { cookie: mod.cookie })).body.items as { post: { id: number } | null; notes: { text: string }[] }[];
		expect(queue.find((i) => i.post?.id === res.body.id)?.notes).toEqual([{ text: 'watched word: a*a*a*a*b', automatic: true }]);
	});
});

describe('threads and members under moderation', () => {
	it('a locked thread refuses replies everywhere at once; slow mode spaces replies and records who set it and why', async () => {
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Verhit gesprek' });
		const other = await newMember(t);
		const socket = await t.connect(other.cookie);
		await join(socket, `thread:${threadId}`);
		const change = collect<ThreadChange>(socket, 'thread:changed', 1);
		expect((await t.api(`/api/moderation/threads/${threadId}`, { method: 'POST', cookie: mod.cookie, body: { action: 'lock', reason: 'Even afkoelen' } })).status).toBe(200);
		expect((await change)[0]).toMatchObject({ threadId, locked: true });
		expect((await post(other, threadId, 'Toch nog iets')).status).toBe(409);
		await t.api(`/api/moderation/threads/${threadId}`, { method: 'POST', cookie: mod.cookie, body: { action: 'unlock' } });

		expect((await t.api(`/api/moderation/threads/${threadId}`, { method: 'POST', cookie: mod.cookie, body: { action: 'slow_mode', seconds: 600 } })).status).toBe(400);
		expect((await t.api(`/api/moderation/threads/${threadId}`, { method: 'POST', cookie: mod.cookie, body: { action: 'slow_mode', seconds: 600, reason: 'Rustig aan' } })).status).toBe(200);
		expect((await post(other, threadId, 'Eerste')).status).toBe(201);
		const wait = await post(other, threadId, 'Tweede');
		expect(wait.status).toBe(429);
		expect(Number(wait.headers.get('retry-after'))).toBeGreaterThan(590);
		expect((await post(mod, threadId, 'Moderatoren mogen wel')).status).toBe(201);
		const detail = await t.api(`/api/threads/${threadId}`, { cookie: other.cookie });
		expect(detail.body).toMatchObject({ slowModeSeconds: 600, slowModeReason: 'Rustig aan' });
		const audit = await t.api(`/api/moderation/audit?action=thread.slow_mode&targetId=${threadId}`, { cookie: mod.cookie });
		expect(audit.body.items[0]).toMatchObject({ actor: { displayName: 'Mira Moderator' }, reason: 'Rustig aan', after: { slowModeSeconds: 600 } });
		socket.close();
	});

	it('a muted member reads but cannot post or react until the date', async () => {
		const member = await newMember(t, { name: 'Stille Sam' });
		const { threadId, postId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Even stil' });
		const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
		expect((await t.api(`/api/moderation/members/${member.id}/actions`, { method: 'POST', cookie: mod.cookie, body: { action: 'mute', reason: 'Herhaaldelijk op de man', until } })).status).toBe(200);
		expect((await t.api(`/api/threads/${threadId}/posts`, { cookie: member.cookie })).status).toBe(200);
		const refused = await post(member, threadId, 'Mag ik iets zeggen?');
		expect(refused.status).toBe(403);
		expect(refused.body.message).toContain(until.slice(0, 10));
		expect((await t.api(`/api/posts/${postId}/reactions`, { method: 'POST', cookie: member.cookie, body: { kind: 'heart' } })).status).toBe(403);
		await t.api(`/api/moderation/members/${member.id}/actions`, { method: 'POST', cookie: mod.cookie, body: { action: 'unmute' } });
		expect((await post(member, threadId, 'Dank je.')).status).toBe(201);
	});

	it('after the guidelines change, members accept the new version before posting again', async () => {
		const member = await newMember(t);
		const { threadId } = await createThread(t, regular.cookie, { category: category.slug, title: 'Nieuwe huisregels' });
		const admin = await t.login('admin@example.org');
		const published = await t.api('/api/guidelines', { method: 'POST', cookie: admin, body: { bodyNl: 'Wees vriendelijk en respecteer ieders privacy. '.repeat(2), bodyEn: 'Be kind and respect everyone’s privacy. '.repeat(2) } });
		expect(published.status).toBe(201);
		const refused = await post(member, threadId, 'Hallo');
		expect(refused.status).toBe(409);
		expect(refused.body.message).toContain(String(published.body.version));
		expect((await t.api('/api/guidelines/accept', { method: 'POST', cookie: member.cookie, body: { version: published.body.version } })).status).toBe(200);
		expect((await post(member, threadId, 'Hallo')).status).toBe(201);
	});
});
