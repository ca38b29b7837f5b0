import { eq, inArray, like, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import {
	categories,
	insightEvents,
	insightEvidence,
	insightThemeLinks,
	insightThemes,
	insights,
	meetingNoteEntries,
	notifications,
	outcomes,
	policyActionInsights,
	policyActions,
	postExcerpts,
	posts,
	surveyEvidence,
	surveys,
	threads,
	users
} from '../db/schema';
import { renderMarkdown } from '../discussion/markdown';
import { inPost } from '../insights/excerpts';
import { contributorsOf, outcomePost } from '../insights/outcomes';
import { OUTCOME_CATEGORY, type InsightEventKind } from '../../shared/insights';
import { DEMO_ACTIONS, DEMO_EXCERPTS, DEMO_INSIGHTS, DEMO_OUTCOME } from './insights-content';

const DAY = 24 * 3_600_000;

/**
 * The policy loop's demo, written directly in the seed's transaction (the
 * domain's functions each open a transaction of their own): the moderator's
 * excerpts of group posts, survey results marked as evidence, insights the
 * coordinator drafted in every status with their history as policy staff
 * reviewed them, two actions (one done, one in progress) and the done one's
 * outcome, posted in "You said, we did" and told to those whose input led to
 * it, as publishing does.
 */
export async function seedInsights(tx: Tx, now = new Date()): Promise<void> {
	const at = (days: number) => new Date(now.getTime() + days * DAY);
	const day = (days: number) => at(days).toISOString().slice(0, 10);
	const people = await tx
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(inArray(users.email, ['coordinator@example.org', 'policy@example.org', 'moderator@example.org']));
	const id = (email: string) => people.find((p) => p.email === email)?.id;
	const coordinator = id('coordinator@example.org');
	const policy = id('policy@example.org');
	const moderator = id('moderator@example.org');
	if (!coordinator || !policy || !moderator) return;

	// Excerpts, each found by its words among the group's posts.
	const groupPosts = await tx.select({ id: posts.id, threadId: posts.threadId, body: posts.body }).from(posts).where(eq(posts.status, 'visible'));
	const excerptIds = new Map<string, number>();
	for (const [i, words] of DEMO_EXCERPTS.entries()) {
		const post = groupPosts.find((p) => inPost(p.body, words));
		if (!post) throw new Error(`demo excerpt not found in any post: ${words}`);
		const [row] = await tx
			.insert(postExcerpts)
			.values({ postId: post.id, threadId: post.threadId, excerpt: words, capturedBy: i % 2 ? coordinator : moderator, capturedAt: at(-42 + i) })
			.returning({ id: postExcerpts.id });
		excerptIds.set(words, row!.id);
	}

	const [survey] = await tx.select({ id: surveys.id }).from(surveys).where(sql`${surveys.title}->>'en' = 'Partners abroad 2026'`);
	const themes = await tx.select({ id: insightThemes.id, key: insightThemes.key }).from(insightThemes);
	const insightIds = new Map<string, number>();
	for (const d of DEMO_INSIGHTS) {
		const status = d.mergedInto ? 'merged' : (d.decided?.status ?? (d.underReview ? 'under_review' : d.submitted ? 'new' : 'draft'));
		const last = Math.max(d.created, d.submitted ?? -999, d.underReview ?? -999, d.decided?.day ?? -999, d.mergedInto?.day ?? -999);
		const [row] = await tx
			.insert(insights)
			.values({
				title: d.title,
				summary: d.summary,
				status,
				declineReason: d.decided?.reason ?? null,
				mergedInto: d.mergedInto ? insightIds.get(d.mergedInto.key)! : null,
				createdBy: coordinator,
				createdAt: at(d.created),
				updatedAt: at(last),
				submittedAt: d.submitted !== undefined ? at(d.submitted) : null,
				decidedAt: d.decided ? at(d.decided.day) : null
			})
			.returning({ id: insights.id });
		const insightId = row!.id;
		insightIds.set(d.key, insightId);
		const themeIds = d.themes.map((k) => themes.find((t) => t.key === k)?.id).filter((t): t is number => t !== undefined);
		if (themeIds.length) await tx.insert(insightThemeLinks).values(themeIds.map((themeId) => ({ insightId, themeId })));

		// A merged insight's evidence went to the one it was merged into.
		const holder = d.mergedInto ? insightIds.get(d.mergedInto.key)! : insightId;
		const evidence: (typeof insightEvidence.$inferInsert)[] = [];
		for (const words of d.excerpts) evidence.push({ insightId: holder, kind: 'post_excerpt', excerptId: excerptIds.get(words)!, addedBy: coordinator, addedAt: at(d.created) });
		for (const words of d.notes) {
			const [entry] = await tx.select({ id: meetingNoteEntries.id }).from(meetingNoteEntries).where(like(meetingNoteEntries.body, `${words}%`));
			if (entry) evidence.push({ insightId: holder, kind: 'session_note', noteEntryId: entry.id, addedBy: coordinator, addedAt: at(d.created) });
		}
		for (const r of survey ? d.surveyResults : []) {
			const [mark] = await tx
				.insert(surveyEvidence)
				.values({ surveyId: survey!.id, question: r.question, dimension: r.dimension ?? '', note: r.note, markedBy: coordinator, markedAt: at(d.created - 1) })
				.onConflictDoUpdate({ target: [surveyEvidence.surveyId, surveyEvidence.question, surveyEvidence.dimension], set: { note: r.note } })
				.returning({ id: surveyEvidence.id });
			evidence.push({ insightId: holder, kind: 'survey_result', surveyEvidenceId: mark!.id, addedBy: coordinator, addedAt: at(d.created) });
		}
		if (evidence.length) await tx.insert(insightEvidence).values(evidence).onConflictDoNothing();

		const history: { kind: InsightEventKind; actorId: string; at: Date; reason?: string | null; otherInsightId?: number }[] = [{ kind: 'created', actorId: coordinator, at: at(d.created) }];
		if (d.submitted !== undefined) history.push({ kind: 'submitted', actorId: coordinator, at: at(d.submitted) });
		if (d.underReview !== undefined) history.push({ kind: 'under_review', actorId: policy, at: at(d.underReview) });
		if (d.decided) history.push({ kind: d.decided.status, actorId: policy, at: at(d.decided.day), reason: d.decided.reason ?? null });
		if (d.mergedInto) {
			const into = insightIds.get(d.mergedInto.key)!;
			history.push({ kind: 'merged_into', actorId: coordinator, at: at(d.mergedInto.day), otherInsightId: into });
			await tx.insert(insightEvents).values({ insightId: into, kind: 'merged', actorId: coordinator, at: at(d.mergedInto.day), otherInsightId: insightId });
		}
		await tx.insert(insightEvents).values(history.map((h) => ({ insightId, ...h })));
	}

	let doneAction: { id: number; insights: number[] } | undefined;
	for (const a of DEMO_ACTIONS) {
		const linked = a.insights.map((k) => insightIds.get(k)!);
		const [row] = await tx
			.insert(policyActions)
			.values({
				title: a.title,
				description: a.description,
				ownerId: policy,
				dueDate: day(a.due),
				status: a.status,
				createdBy: policy,
				createdAt: at(a.created),
				updatedAt: at(a.done ?? a.created),
				doneAt: a.done !== undefined ? at(a.done) : null
			})
			.returning({ id: policyActions.id });
		await tx.insert(policyActionInsights).values(linked.map((insightId) => ({ actionId: row!.id, insightId })));
		if (a.status === 'done') doneAction = { id: row!.id, insights: linked };
	}
	if (!doneAction) return;

	// The done action's outcome, published as publishing does: a thread in its category, and word to the contributors.
	const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, OUTCOME_CATEGORY));
	if (!category) return;
	const published = at(DEMO_OUTCOME.published);
	const { published: _day, ...texts } = DEMO_OUTCOME;
	const [outcome] = await tx
		.insert(outcomes)
		.values({ ...texts, actionId: doneAction.id, createdBy: policy, createdAt: at(DEMO_OUTCOME.published - 1), updatedAt: published, publishedAt: published, publishedBy: policy })
		.returning({ id: outcomes.id });
	const { title, body } = outcomePost({ id: outcome!.id, ...texts });
	const [thread] = await tx
		.insert(threads)
		.values({ categoryId: category.id, authorId: policy, title, status: 'visible', lastPostAt: published, createdAt: published })
		.returning({ id: threads.id });
	const [post] = await tx
		.insert(posts)
		.values({ threadId: thread!.id, authorId: policy, title, body, bodyHtml: renderMarkdown(body), language: 'nl', status: 'visible', createdAt: published })
		.returning({ id: posts.id });
	await tx.update(threads).set({ lastPostId: post!.id }).where(eq(threads.id, thread!.id));
	await tx.update(outcomes).set({ threadId: thread!.id }).where(eq(outcomes.id, outcome!.id));
	const told = await contributorsOf(tx, doneAction.insights);
	if (told.length)
		await tx.insert(notifications).values(
			told.map((userId) => ({
				userId,
				kind: 'outcome_published' as const,
				threadId: thread!.id,
				postId: post!.id,
				actorId: policy,
				data: { outcomeId: outcome!.id, title: { nl: texts.titleNl, en: texts.titleEn } },
				createdAt: published
			}))
		);
}
