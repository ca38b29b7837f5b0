/**
 * Many members replying at once, several requests in flight each, in threads
 * they all watch: every reply is saved and answered 201, none twice. On
 * Postgres (TEST_DATABASE_URL) this is a real race between connections; on
 * PGlite (one connection) it checks the same outcome serially.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, inArray, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, type TestMember } from '../helpers/discussion';
import { posts } from '../../src/lib/server/db/schema';
import { putSetting } from '../../src/lib/server/settings';

const t = useServer();
beforeAll(async () => {
	// The posting limit is not what is tested here.
	await putSetting('postsPerWindow', 1000);
});


describe('concurrent replies', () => {
	it('saves every reply of six members replying three at a time in three watched threads, with no deadlock', async () => {
		const members: TestMember[] = [];
		for (let i = 0; i < 6; i++) members.push(await newMember(t, { name: `Burst Writer ${i}` }));
		const category = await newCategory(t, 'Burst');
		const threadIds: number[] = [];
		for (let i = 0; i < 3; i++) threadIds.push((await createThread(t, members[i]!.cookie, { category: category.slug, title: `Burst thread ${i}` })).threadId);
		// Everyone watches every thread: each reply notifies the five others, whose rows its transaction then touches.
		for (const m of members) for (const id of threadIds) expect((await t.api(`/api/threads/${id}/watch`, { method: 'PUT', cookie: m.cookie, body: { watching: true } })).status).toBeLessThan(300);

		const retriesBefore = { ...t.server.runtime.retries };
		const perMember = 36;
		const inFlight = 3;
		const statuses: number[] = [];
		const failures: string[] = [];
		await Promise.all(
			members.map(async (m, mi) => {
				let next = 0;
				const worker = async () => {
					while (next < perMember) {
						const n = next++;
						const threadId = threadIds[(n + mi) % threadIds.length]!;
						const res = await t.api(`/api/threads/${threadId}/posts`, { method: 'POST', cookie: m.cookie, body: { body: `burst ${mi}-${n}` } });
						statuses.push(res.status);
						if (res.status !== 201) failures.push(`${res.status} ${JSON.stringify(res.body)}`);
					}
				};
				await Promise.all(Array.from({ length: inFlight }, worker));
			})
		);
		expect(failures).toEqual([]);
		expect(statuses).toHaveLength(members.length * perMember);
		const saved = await t.db
			.select({ body: posts.body })
			.from(posts)
			.where(and(inArray(posts.threadId, threadIds), sql`${posts.body} like 'burst %'`));
		expect(saved).toHaveLength(members.length * perMember);
		expect(new Set(saved.map((s) => s.body)).size).toBe(saved.length);
		// Not one reply met a deadlock: transact would have run it again (and counted it), so a 201 alone does not show it.
		expect(t.server.runtime.retries).toEqual(retriesBefore);
	}, 120_000);
});
