import { and, asc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { joinRequests, modCases, posts, reports, threads, users, watchedWords } from '../db/schema';
import { audit } from '../audit/log';
import { SEVERITY } from '../moderation/cases';
import { renderMarkdown } from '../discussion/markdown';

const WORDS: { language: 'nl' | 'en'; pattern: string; action: 'block' | 'hold' | 'report' }[] = [
	{ language: 'nl', pattern: 'klootzak', action: 'block' },
	{ language: 'nl', pattern: 'gegarandeerd rendement', action: 'hold' },
	{ language: 'nl', pattern: 'bitcoin*', action: 'hold' },
	{ language: 'nl', pattern: 'burgerservicenummer', action: 'report' },
	{ language: 'nl', pattern: 'paspoortnummer', action: 'report' },
	{ language: 'en', pattern: 'asshole*', action: 'block' },
	{ language: 'en', pattern: 'guaranteed returns', action: 'hold' },
	{ language: 'en', pattern: 'crypto*', action: 'hold' },
	{ language: 'en', pattern: 'passport number', action: 'report' }
];

const HELD_REPLY = {
	nl: 'Hoi allemaal, ik ben net aangekomen in Accra en zoek nog een goede huisarts voor de kinderen. Iemand een tip? Alvast bedankt!',
	en: 'Hello everyone, I just arrived in Accra and am still looking for a good family doctor for the children. Any tips? Thanks in advance!'
};

/**
 * The moderators' side of the demo: watched words in both languages, the
 * pending join request in the queue, a newcomer's first reply waiting for
 * approval, and a reported post. Members who took part so far count as
 * established, so their next posts appear at once.
 */
export async function seedModeration(tx: Tx, now = new Date()): Promise<void> {
	const [moderator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'moderator@example.org'));
	if (!moderator) return;
	await tx.update(users).set({ approvedPosts: sql`greatest((select count(*)::int from posts p where p.author_id = ${users.id} and p.status = 'visible'), 10)` }).where(eq(users.status, 'active'));
	await tx.insert(watchedWords).values(WORDS.map((w) => ({ ...w, createdBy: moderator.id, createdAt: new Date(now.getTime() - 30 * 86_400_000) })));

	const pending = await tx.select({ id: joinRequests.id, userId: joinRequests.userId, createdAt: joinRequests.createdAt }).from(joinRequests).where(eq(joinRequests.status, 'pending'));
	for (const jr of pending) await tx.insert(modCases).values({ kind: 'join_request', userId: jr.userId, joinRequestId: jr.id, severity: SEVERITY.join_request, openedAt: jr.createdAt });

	// A newcomer: joined yesterday, first reply waiting.
	const [newcomer] = await tx.select({ id: users.id, language: users.language }).from(users).where(eq(users.email, 'emma.degroot@example.org'));
	const [thread] = await tx.select({ id: threads.id }).from(threads).where(eq(threads.status, 'visible')).orderBy(asc(threads.id)).limit(1);
	if (newcomer && thread) {
		await tx.update(users).set({ approvedPosts: 0 }).where(eq(users.id, newcomer.id));
		const body = newcomer.language === 'en' ? HELD_REPLY.en : HELD_REPLY.nl;
		const at = new Date(now.getTime() - 3 * 3_600_000);
		const [p] = await tx.insert(posts).values({ threadId: thread.id, authorId: newcomer.id, body, bodyHtml: renderMarkdown(body), status: 'held', createdAt: at }).returning({ id: posts.id });
		await tx.insert(modCases).values({ kind: 'post', userId: newcomer.id, postId: p!.id, held: true, holdReason: 'new_member', severity: SEVERITY.held, openedAt: at });
		await audit(tx, { actorId: null, action: 'post.hold', targetKind: 'post', targetId: p!.id, subjectId: newcomer.id, reason: 'new_member', data: { threadId: thread.id } });
	}

	// A reply two members found off-topic.
	const [target] = await tx
		.select({ id: posts.id, authorId: posts.authorId, threadId: posts.threadId })
		.from(posts)
		.where(and(eq(posts.status, 'visible'), sql`${posts.title} is null`, ne(posts.authorId, moderator.id)))
		.orderBy(asc(posts.id))
		.offset(3)
		.limit(1);
	if (!target) return;
	const reporters = await tx
		.select({ id: users.id })
		.from(users)
		.where(and(inArray(users.email, ['member@example.org', 'board@example.org', 'ingrid.bakker@example.org']), ne(users.id, target.authorId), isNotNull(users.handle)))
		.limit(2);
	if (reporters.length === 0) return;
	const openedAt = new Date(now.getTime() - 5 * 3_600_000);
	const [c] = await tx
		.insert(modCases)
		.values({ kind: 'post', userId: target.authorId, postId: target.id, severity: SEVERITY.off_topic, reporterCount: reporters.length, openedAt })
		.returning({ id: modCases.id });
	await tx.insert(reports).values(
		reporters.map((r, i) => ({
			caseId: c!.id,
			reporterId: r.id,
			postId: target.id,
			reason: 'off_topic' as const,
			note: i === 0 ? 'Dit gaat over iets heel anders dan de vraag; misschien een eigen draadje waard?' : null,
			createdAt: new Date(openedAt.getTime() + i * 1_800_000)
		}))
	);
}
