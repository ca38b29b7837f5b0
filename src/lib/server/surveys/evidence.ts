import { and, asc, eq } from 'drizzle-orm';
import { db, transact } from '../runtime';
import { surveyEvidence } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { dimensionDefs } from '../board/dimensions';
import { requireManage, surveyAccess } from './access';
import { EvidenceInput } from './schemas';
import { questionsOf } from '../../shared/surveys';

/**
 * Owners mark a result as evidence for an insight: a question, optionally
 * with a breakdown. The mark names the result, never a response; whoever
 * later shows it computes it again, suppressed as everywhere.
 */

export interface EvidenceMark {
	id: number;
	question: string;
	dimension: string | null;
	note: string;
	markedAt: Date;
}

export async function evidenceMarks(actor: Actor, surveyId: number): Promise<EvidenceMark[]> {
	const a = requireCapability(actor, 'surveys.manage');
	requireManage(await surveyAccess(a, surveyId));
	const rows = await db().select().from(surveyEvidence).where(eq(surveyEvidence.surveyId, surveyId)).orderBy(asc(surveyEvidence.id));
	return rows.map((r) => ({ id: r.id, question: r.question, dimension: r.dimension || null, note: r.note, markedAt: r.markedAt }));
}

/** Marks (marked: true) or unmarks a question's result; marking it again only changes the note. */
export async function markEvidence(actor: Actor, surveyId: number, raw: unknown): Promise<{ marked: boolean }> {
	const a = requireCapability(actor, 'surveys.manage');
	const input = parseInput(EvidenceInput, raw);
	return transact(async (tx) => {
		const { survey } = await surveyAccess(a, surveyId, tx);
		if (!questionsOf(survey.definition).some((q) => q.key === input.question)) throw new DomainError('not_found', 'error_survey_question_not_found');
		if (input.dimension && !(await dimensionDefs(tx)).some((d) => d.key === input.dimension)) throw new DomainError('invalid_input', 'error_survey_dimension', { field: 'dimension' });
		const where = and(eq(surveyEvidence.surveyId, surveyId), eq(surveyEvidence.question, input.question), eq(surveyEvidence.dimension, input.dimension));
		if (!input.marked) {
			await tx.delete(surveyEvidence).where(where);
			return { marked: false };
		}
		await tx
			.insert(surveyEvidence)
			.values({ surveyId, question: input.question, dimension: input.dimension, note: input.note, markedBy: a.user.id })
			.onConflictDoUpdate({ target: [surveyEvidence.surveyId, surveyEvidence.question, surveyEvidence.dimension], set: { note: input.note } });
		return { marked: true };
	});
}
