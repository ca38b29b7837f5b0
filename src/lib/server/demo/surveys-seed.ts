import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { boardProfiles, profiles, surveyAnswers, surveyParticipations, surveyResponses, surveys, userRoles, users } from '../db/schema';
import { isShown, questionsOf, type SurveyDefinition } from '../../shared/surveys';
import { BETTER_GROUP, BOARD_SURVEY, MISSED_AT_HOME, OTHER_OBSTACLES, PARTNER_SURVEY } from './surveys-content';

/**
 * Seeds the demo surveys (surveys-content.ts) inside seedDemo's transaction,
 * after the board, as rows (the domain's functions each open a transaction
 * of their own and would send invitations). The closed partner survey has a
 * response from most active members, each with a participation record, the
 * day only, and, for four in five, their diversity answers attached from
 * their board profile (so breakdowns show large groups and suppressed small
 * ones); its results are published. The board's open survey has answers from
 * a few board members, not from board@example.org. Invitations and reminders
 * are marked sent, so the mail job leaves the demo alone.
 */

const DAY = 24 * 3_600_000;

/** A small deterministic generator: the same demo every time. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

type Answer = { question: string; option: string | null; value: number | null; text: string | null };

/** One partner's answers, shaped by their work (those with their own business or none miss their careers more). */
function partnerAnswers(rand: () => number, work: string | undefined): Answer[] {
	const pick = <T>(items: readonly T[], weights: readonly number[]): T => {
		let r = rand() * weights.reduce((a, b) => a + b, 0);
		for (const [i, w] of weights.entries()) if ((r -= w) < 0) return items[i]!;
		return items.at(-1)!;
	};
	const point = (low: number, high: number) => low + Math.floor(rand() * (high - low + 1));
	const out: Answer[] = [];
	const single = (question: string, option: string) => out.push({ question, option, value: null, text: null });
	const value = (question: string, v: number) => out.push({ question, option: null, value: v, text: null });
	const q1 =
		work === 'paid_job' ? pick(['o1', 'o3', 'o4'], [6, 3, 1]) : work === 'own_business' ? 'o2' : work === 'neither' ? pick(['o4', 'o5'], [3, 2]) : pick(['o1', 'o2', 'o3', 'o4', 'o5'], [3, 1, 2, 3, 2]);
	single('q1', q1);
	if (q1 === 'o4') {
		for (const o of ['o1', 'o2', 'o3', 'o4', 'o5']) if (rand() < (o === 'o1' ? 0.7 : 0.3)) single('q2', o);
		if (rand() < 0.2) out.push({ question: 'q2', option: 'other', value: null, text: OTHER_OBSTACLES[point(0, OTHER_OBSTACLES.length - 1)]! });
	}
	value('q3', q1 === 'o1' || q1 === 'o3' ? point(1, 3) : point(3, 5));
	const q4 = pick(['o1', 'o2', 'o3', 'o4'], [3, 3, 2, 2]);
	single('q4', q4);
	if (q4 === 'o1') value('q5', point(2, 4));
	value('q6', point(2, 4));
	for (const o of ['o1', 'o2', 'o3', 'o4', 'o5']) if (rand() < [0.8, 0.35, 0.6, 0.5, 0.15][Number(o.slice(1)) - 1]!) single('q7', o);
	value('q8', pick([5, 6, 7, 8, 9, 10], [1, 1, 3, 4, 3, 2]));
	if (rand() < 0.3) out.push({ question: 'q9', option: null, value: null, text: BETTER_GROUP[point(0, BETTER_GROUP.length - 1)]! });
	value('q10', point(1, 4));
	if (rand() < 0.35) out.push({ question: 'q11', option: null, value: null, text: MISSED_AT_HOME[point(0, MISSED_AT_HOME.length - 1)]! });
	return out;
}

/** Keeps only answers to questions the respondent was shown (a condition met). */
function shownOnly(definition: SurveyDefinition, answers: Answer[]): Answer[] {
	const singles: Record<string, string> = {};
	for (const a of answers) if (a.option && !singles[a.question]) singles[a.question] = a.option;
	const shown = new Set(questionsOf(definition).filter((q) => isShown(q, singles)).map((q) => q.key));
	return answers.filter((a) => shown.has(a.question));
}

async function respond(tx: Tx, surveyId: number, day: string, dimensions: Record<string, string>, answers: Answer[]): Promise<void> {
	const [r] = await tx.insert(surveyResponses).values({ surveyId, day, dimensions }).returning({ id: surveyResponses.id });
	if (answers.length) await tx.insert(surveyAnswers).values(answers.map((a) => ({ ...a, responseId: r!.id, surveyId })));
}

export async function seedSurveys(tx: Tx, now = new Date()): Promise<void> {
	const at = (days: number) => new Date(now.getTime() + days * DAY);
	const [coordinator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'coordinator@example.org'));
	if (!coordinator) return;
	const rand = random(2013);

	// The partner survey: closed three weeks ago, results published.
	const [partner] = await tx
		.insert(surveys)
		.values({
			...PARTNER_SURVEY,
			audience: 'members',
			opensAt: at(-60),
			closesAt: at(-21),
			scheduledAt: at(-62),
			invitedAt: at(-60),
			remindedAt: at(-23),
			resultsPublishedAt: at(-14),
			createdBy: coordinator.id,
			createdAt: at(-70),
			updatedAt: at(-14)
		})
		.returning({ id: surveys.id });
	const members = await tx
		.select({ id: users.id, email: users.email, answers: boardProfiles.answers, region: profiles.postingRegion })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'member')))
		.leftJoin(boardProfiles, eq(boardProfiles.userId, users.id))
		.leftJoin(profiles, eq(profiles.userId, users.id))
		.where(eq(users.status, 'active'))
		.orderBy(users.email);
	for (const m of members) {
		if (m.email === 'member@example.org' || rand() < 0.12) continue;
		const own = (m.answers ?? {}) as Record<string, string>;
		const attached = rand() < 0.8 ? { ...Object.fromEntries(['work', 'children', 'language'].filter((k) => own[k]).map((k) => [k, own[k]!])), ...(m.region ? { region: m.region } : {}) } : {};
		await tx.insert(surveyParticipations).values({ surveyId: partner!.id, userId: m.id });
		const day = at(-60 + Math.floor(rand() * 38)).toISOString().slice(0, 10);
		await respond(tx, partner!.id, day, attached, shownOnly(PARTNER_SURVEY.definition, partnerAnswers(rand, own.work)));
	}

	// The board's survey: open now, a few have answered, board@example.org not yet.
	const [board] = await tx
		.insert(surveys)
		.values({
			...BOARD_SURVEY,
			audience: 'board',
			opensAt: at(-2),
			closesAt: at(9),
			scheduledAt: at(-3),
			invitedAt: at(-2),
			createdBy: coordinator.id,
			createdAt: at(-4),
			updatedAt: at(-3)
		})
		.returning({ id: surveys.id });
	const boardMembers = await tx
		.select({ id: users.id, email: users.email })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'board_member')))
		.where(and(eq(users.status, 'active'), sql`${users.email} <> 'board@example.org'`))
		.orderBy(users.email)
		.limit(5);
	for (const [i, m] of boardMembers.entries()) {
		await tx.insert(surveyParticipations).values({ surveyId: board!.id, userId: m.id });
		await respond(tx, board!.id, at(-2 + (i % 2)).toISOString().slice(0, 10), {}, [
			{ question: 'q1', option: ['o1', 'o1', 'o3', 'o2', 'o1'][i]!, value: null, text: null },
			{ question: 'q2', option: null, value: [4, 5, 4, 3, 4][i]!, text: null }
		]);
	}
}
