import { eq } from 'drizzle-orm';
import { transact } from '../runtime';
import { insightEvents, insights } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { notify } from '../notifications/notify';
import { loadInsight } from './access';
import { ReviewInput } from './schemas';
import { REVIEW_STEPS, type InsightStatus } from '../../shared/insights';

/**
 * Policy staff decide: new → under review → accepted, or declined with a
 * reason the community will read. Every step is in the insight's history
 * (who, when, why); the coordinator who drafted it hears of a decision.
 */
export async function reviewInsight(actor: Actor, id: number, raw: ReviewInput): Promise<{ status: InsightStatus }> {
	const a = requireCapability(actor, 'insights.review');
	const input = parseInput(ReviewInput, raw);
	return transact(async (tx, emit) => {
		const row = await loadInsight(a, id, tx, true);
		if (!REVIEW_STEPS[row.status].includes(input.status)) throw new DomainError('conflict', 'error_review_step', { params: { status: row.status } });
		const now = new Date();
		const decided = input.status === 'accepted' || input.status === 'declined';
		await tx
			.update(insights)
			.set({
				status: input.status,
				declineReason: input.status === 'declined' ? input.reason : null,
				decidedAt: decided ? now : null,
				updatedAt: now,
				version: row.version + 1
			})
			.where(eq(insights.id, id));
		await tx.insert(insightEvents).values({ insightId: id, kind: input.status, actorId: a.user.id, reason: input.status === 'declined' ? input.reason : null });
		if (decided && row.createdBy)
			await notify(tx, emit, [{ userId: row.createdBy, kind: 'insight_decided', actorId: a.user.id, data: { insightId: id, title: row.title, status: input.status } }]);
		emit({ type: 'insights.changed', what: 'insight', id });
		return { status: input.status };
	});
}
