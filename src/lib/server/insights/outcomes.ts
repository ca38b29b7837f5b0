import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db';
import { db, transact } from '../runtime';
import { categories, insights, users as usersTable, outcomes, policyActionInsights, policyActions, posts, surveys, threads } from '../db/schema';
import { requireActive, requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { idCursor, toIdPage, type Page } from '../paging';
import { notify } from '../notifications/notify';
import { renderMarkdown } from '../discussion/markdown';
import { participantSql } from '../discussion/visibility';
import { audienceCondition, type SurveyRow } from '../surveys/access';
import { translate } from '../../i18n/translate';
import { can } from '../../shared/roles';
import { OUTCOME_CATEGORY } from '../../shared/insights';
import { evidenceOf, reachOf, type EvidenceView } from './evidence';
import { OutcomeInput, OutcomeSource } from './schemas';
import type { Language } from '../../shared/roles';

/**
 * "You said, we did": policy staff write what was heard and what was done
 * (for a done action) or why not (for a declined insight), in both
 * languages. Publishing posts it to the group in its own category, lists it
 * on the outcomes page, and tells the people whose input led to it: the
 * authors of captured posts, the attendees of sessions whose notes were
 * evidence, and for survey evidence the survey's whole audience (responses
 * are anonymous: no respondent is singled out). The notification names the
 * outcome, never the input.
 */

type Bilingual = { nl: string; en: string };
export type OutcomeRow = typeof outcomes.$inferSelect;

export interface OutcomeView {
	id: number;
	title: Bilingual;
	heard: Bilingual;
	did: Bilingual;
	publishedAt: Date | null;
	threadId: number | null;
	/** What it answers: an action (done) with its insights, or one declined insight with its reason. */
	action: { id: number; title: string } | null;
	insights: { id: number; title: string; status: string; declineReason: string | null; evidence: EvidenceView[] }[];
	/** What this reader may do: publish or rewrite it (policy staff, until published), open the staff's pages of its action and insights. */
	can: { publish: boolean; edit: boolean; openStaffPages: boolean };
}

/** Writes (or rewrites, until published) the outcome of a done action or a declined insight. */
export async function saveOutcome(actor: Actor, rawSource: { actionId?: number; insightId?: number }, raw: OutcomeInput): Promise<{ id: number }> {
	const a = requireCapability(actor, 'insights.review');
	const source = parseInput(OutcomeSource, rawSource);
	const input = parseInput(OutcomeInput, raw);
	return transact(async (tx, emit) => {
		if (source.actionId !== undefined) {
			const [action] = await tx.select({ status: policyActions.status }).from(policyActions).where(eq(policyActions.id, source.actionId)).for('share');
			if (!action) throw new DomainError('not_found', 'error_action_not_found');
			if (action.status !== 'done') throw new DomainError('conflict', 'error_outcome_action_not_done');
		} else {
			const [insight] = await tx.select({ status: insights.status }).from(insights).where(eq(insights.id, source.insightId!)).for('share');
			if (!insight) throw new DomainError('not_found', 'error_insight_not_found');
			if (insight.status !== 'declined') throw new DomainError('conflict', 'error_outcome_insight_not_declined');
		}
		const where = source.actionId !== undefined ? eq(outcomes.actionId, source.actionId) : eq(outcomes.insightId, source.insightId!);
		const [existing] = await tx.select().from(outcomes).where(where).for('update');
		if (existing?.publishedAt) throw new DomainError('conflict', 'error_outcome_published');
		const values = { ...input, updatedAt: new Date() };
		const id = existing
			? (await tx.update(outcomes).set(values).where(eq(outcomes.id, existing.id)).returning({ id: outcomes.id }))[0]!.id
			: (await tx.insert(outcomes).values({ ...values, actionId: source.actionId ?? null, insightId: source.insightId ?? null, createdBy: a.user.id }).returning({ id: outcomes.id }))[0]!.id;
		emit({ type: 'insights.changed', what: 'outcome', id });
		return { id };
	});
}

/** The insights an outcome answers. */
async function insightIdsOf(reader: Tx | ReturnType<typeof db>, o: Pick<OutcomeRow, 'actionId' | 'insightId'>): Promise<number[]> {
	if (o.insightId !== null) return [o.insightId];
	const rows = await reader.select({ id: policyActionInsights.insightId }).from(policyActionInsights).where(eq(policyActionInsights.actionId, o.actionId!));
	return rows.map((r) => r.id);
}

/** The post in the group: both languages, and where to read what it came from. */
export function outcomePost(o: Pick<OutcomeRow, 'id' | 'titleNl' | 'titleEn' | 'heardNl' | 'heardEn' | 'didNl' | 'didEn'>): { title: string; body: string } {
	const part = (language: Language, heard: string, did: string) => {
		const t = (key: string) => translate(key, language);
		return [`### ${t('outcome_post_heard')}`, '', heard, '', `### ${t('outcome_post_did')}`, '', did].join('\n');
	};
	const both = `${o.titleNl} · ${o.titleEn}`;
	const title = both.length <= 150 ? both : o.titleNl.slice(0, 150);
	const link = `/outcomes/${o.id}`;
	const body = [
		part('nl', o.heardNl, o.didNl),
		'',
		'---',
		'',
		`## ${o.titleEn}`,
		'',
		part('en', o.heardEn, o.didEn),
		'',
		'---',
		'',
		`[${translate('outcome_post_link', 'nl')}](${link}) · [${translate('outcome_post_link', 'en')}](${link})`
	].join('\n');
	return { title, body };
}

async function outcomeCategory(tx: Tx): Promise<{ id: number }> {
	const [found] = await tx.select({ id: categories.id, archived: categories.archived }).from(categories).where(eq(categories.slug, OUTCOME_CATEGORY));
	if (found?.archived) throw new DomainError('conflict', 'error_outcome_category_archived');
	if (found) return found;
	const [made] = await tx
		.insert(categories)
		.values({
			slug: OUTCOME_CATEGORY,
			nameNl: translate('outcome_category_name', 'nl'),
			nameEn: translate('outcome_category_name', 'en'),
			descriptionNl: translate('outcome_category_description', 'nl'),
			descriptionEn: translate('outcome_category_description', 'en'),
			position: 5
		})
		.onConflictDoNothing()
		.returning({ id: categories.id });
	if (made) return made;
	const [raced] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, OUTCOME_CATEGORY));
	return raced!;
}

/** Everyone whose input led to these insights, who can read the group: authors of captured posts, attendees, survey audiences. */
export async function contributorsOf(tx: Tx, insightIds: number[]): Promise<string[]> {
	if (insightIds.length === 0) return [];
	const ids = sql.join(
		insightIds.map((i) => sql`${i}`),
		sql`, `
	);
	const direct = await rowsOf<{ id: string }>(
		tx,
		sql`select p.author_id as id from insight_evidence e
				join post_excerpts pe on pe.id = e.excerpt_id join posts p on p.id = pe.post_id
				where e.insight_id in (${ids}) and p.status = 'visible'
			union
			select mi.user_id as id from insight_evidence e
				join meeting_note_entries n on n.id = e.note_entry_id
				join meeting_invitees mi on mi.meeting_id = n.meeting_id and mi.attended
				where e.insight_id in (${ids}) and n.state <> 'rejected'`
	);
	const surveyRows = await tx
		.selectDistinct({ id: surveys.id, audience: surveys.audience, segment: surveys.segment })
		.from(surveys)
		.where(sql`${surveys.id} in (select se.survey_id from insight_evidence e join survey_evidence se on se.id = e.survey_evidence_id where e.insight_id in (${ids}))`);
	const people = new Set(direct.map((r) => r.id));
	for (const s of surveyRows) {
		const audience = await rowsOf<{ id: string }>(tx, sql`select u.id from users u where ${audienceCondition(s as Pick<SurveyRow, 'audience' | 'segment'>, sql`u.id`)}`);
		for (const p of audience) people.add(p.id);
	}
	if (people.size === 0) return [];
	// Only people who can read the outcome where it is posted.
	const readers = await rowsOf<{ id: string }>(
		tx,
		sql`select users.id from users where users.id in (${sql.join(
			[...people].map((p) => sql`${p}::uuid`),
			sql`, `
		)}) and ${participantSql(usersTable.id)}`
	);
	return readers.map((r) => r.id);
}

export async function publishOutcome(actor: Actor, id: number): Promise<{ threadId: number; notified: number }> {
	const a = requireCapability(actor, 'insights.review');
	return transact(async (tx, emit) => {
		const [o] = await tx.select().from(outcomes).where(eq(outcomes.id, id)).for('update');
		if (!o) throw new DomainError('not_found', 'error_outcome_not_found');
		if (o.publishedAt) throw new DomainError('conflict', 'error_outcome_published');
		const category = await outcomeCategory(tx);
		const { title, body } = outcomePost(o);
		const now = new Date();
		const [thread] = await tx
			.insert(threads)
			.values({ categoryId: category.id, authorId: a.user.id, kind: 'discussion', title, status: 'visible', lastPostAt: now, createdAt: now })
			.returning({ id: threads.id });
		const [post] = await tx
			.insert(posts)
			.values({ threadId: thread!.id, authorId: a.user.id, title, body, bodyHtml: renderMarkdown(body), language: 'nl', status: 'visible', createdAt: now })
			.returning({ id: posts.id, seq: posts.seq });
		await tx.update(threads).set({ lastPostId: post!.id }).where(eq(threads.id, thread!.id));
		await tx.update(outcomes).set({ threadId: thread!.id, publishedAt: now, publishedBy: a.user.id, updatedAt: now }).where(eq(outcomes.id, id));
		const people = await contributorsOf(tx, await insightIdsOf(tx, o));
		const notified = await notify(
			tx,
			emit,
			people.map((userId) => ({
				userId,
				kind: 'outcome_published' as const,
				threadId: thread!.id,
				postId: post!.id,
				actorId: a.user.id,
				data: { outcomeId: id, title: { nl: o.titleNl, en: o.titleEn } }
			}))
		);
		emit({ type: 'thread.changed', change: 'created', threadId: thread!.id, categoryId: category.id, authorId: a.user.id, audience: 'group' });
		emit({ type: 'post.changed', change: 'created', threadId: thread!.id, categoryId: category.id, postId: post!.id, seq: post!.seq, authorId: a.user.id, audience: 'group' });
		emit({ type: 'insights.changed', what: 'outcome', id });
		return { threadId: thread!.id, notified: notified.length };
	});
}

/** Who may read outcomes: published ones every group member and the staff; drafts the staff only. */
function requireReader(actor: Actor) {
	const a = requireActive(actor);
	const staff = can(a.user, 'insights.contribute') || can(a.user, 'insights.review');
	if (!staff && !can(a.user, 'group.participate')) throw new DomainError('forbidden', 'error_forbidden');
	return { a, staff };
}

/** Published outcomes, newest first (20 per page, by id). */
export async function listOutcomes(actor: Actor, cursor?: string, limit = 20): Promise<Page<{ id: number; title: Bilingual; did: Bilingual; publishedAt: Date; threadId: number | null }>> {
	const { a } = requireReader(actor);
	// The thread is in the group: named only to those who can follow it there.
	const group = can(a.user, 'group.participate');
	const before = idCursor(cursor);
	const rows = await db()
		.select({ id: outcomes.id, titleNl: outcomes.titleNl, titleEn: outcomes.titleEn, didNl: outcomes.didNl, didEn: outcomes.didEn, publishedAt: outcomes.publishedAt, threadId: outcomes.threadId })
		.from(outcomes)
		.where(and(isNotNull(outcomes.publishedAt), before !== undefined ? lt(outcomes.id, before) : undefined))
		.orderBy(desc(outcomes.id))
		.limit(limit + 1);
	return toIdPage(
		rows.map((r) => ({ id: r.id, title: { nl: r.titleNl, en: r.titleEn }, did: { nl: r.didNl, en: r.didEn }, publishedAt: r.publishedAt!, threadId: group ? r.threadId : null })),
		limit
	);
}

export async function outcomeDetail(actor: Actor, id: number): Promise<OutcomeView> {
	const { a, staff } = requireReader(actor);
	const [o] = await db().select().from(outcomes).where(eq(outcomes.id, id));
	if (!o || (!o.publishedAt && !staff)) throw new DomainError('not_found', 'error_outcome_not_found');
	const ids = await insightIdsOf(db(), o);
	const [rows, action, evidence] = await Promise.all([
		ids.length
			? db().select({ id: insights.id, title: insights.title, status: insights.status, declineReason: insights.declineReason }).from(insights).where(inArray(insights.id, ids))
			: Promise.resolve([]),
		o.actionId ? db().select({ id: policyActions.id, title: policyActions.title }).from(policyActions).where(eq(policyActions.id, o.actionId)) : Promise.resolve([]),
		evidenceOf(db(), ids, reachOf(a))
	]);
	return {
		id: o.id,
		title: { nl: o.titleNl, en: o.titleEn },
		heard: { nl: o.heardNl, en: o.heardEn },
		did: { nl: o.didNl, en: o.didEn },
		publishedAt: o.publishedAt,
		threadId: can(a.user, 'group.participate') ? o.threadId : null,
		action: action[0] ?? null,
		insights: rows.map((r) => ({ ...r, evidence: evidence.get(r.id) ?? [] })),
		can: { publish: can(a.user, 'insights.review') && !o.publishedAt, edit: can(a.user, 'insights.review') && !o.publishedAt, openStaffPages: staff }
	};
}

/** The outcome written for an action or a declined insight, for its editor (policy staff). */
export async function outcomeFor(actor: Actor, source: { actionId?: number; insightId?: number }): Promise<OutcomeRow | null> {
	requireCapability(actor, 'insights.review');
	const s = parseInput(OutcomeSource, source);
	const [row] = await db()
		.select()
		.from(outcomes)
		.where(s.actionId !== undefined ? eq(outcomes.actionId, s.actionId) : eq(outcomes.insightId, s.insightId!));
	return row ?? null;
}
