import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import { auditLog, boardMemberships, boardSelections, users } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { audit } from '../audit/log';
import { parseInput } from '../input';
import { idCursor, toIdPage, type Page } from '../paging';
import { seal, unseal } from '../sensitive-data';
import { translate } from '../../i18n/translate';
import { NOT_ANSWERED } from '../../shared/board-composition';
import type { BoardStatus } from '../../shared/board';
import type { Language } from '../../shared/roles';
import { AlternateInput, SelectionCheckInput, SelectionListQuery, SelectionRunInput } from './selection-schemas';
import {
	type AlternateResult,
	type FeasibilityView,
	type InviteResult,
	type KeepCandidate,
	type QuotaBoundView,
	type RerunResult,
	type SelectionRunResult,
	type SelectionSummary,
	type SelectionView
} from '../../shared/board-selection';
import { answerMatrix } from './composition';
import { dimensionDefs, type DimensionDef } from './dimensions';
import { inviteMembership, nextAlternateFor } from './memberships';
import { SelectionTimeoutError, feasibilityInWorker, lotteryInWorker } from './selection/run-in-worker';
import type { Feasibility, Quota, SelectionInput, SelectionIssue, Volunteer } from './selection';

/**
 * Fair selection as coordinators use it: the pool (volunteers and shortlisted
 * candidates, with the current members they keep) read from the database, the
 * feasibility of their quotas in words, the maximin lottery and its seeded
 * draw (run in a worker thread, selection/run-in-worker.ts, so the server keeps
 * answering), the record of the draw (the pool sealed, the audit entry), the
 * invitations and the next alternate after a decline, and a re-run that shows
 * the draw is reproducible.
 *
 * Features are only the dimensions a quota uses: the relationship answer is
 * unsealed (in memory) only when a quota counts it, and it leaves this process
 * only sealed, inside the stored pool.
 */

const POOL_STATUSES = ['volunteer', 'candidate'] as const;
const sealContext = (id: number) => `board-selection:${id}`;

interface Labels {
	dimension: (key: string) => string;
	option: (dimension: string, option: string) => string;
}

function labelsOf(defs: DimensionDef[], locale: Language): Labels {
	const byKey = new Map(defs.map((d) => [d.key, d]));
	return {
		dimension: (k) => byKey.get(k)?.label[locale] ?? k,
		option: (d, o) => (o === NOT_ANSWERED ? translate('board_selection_not_answered', locale) : (byKey.get(d)?.options.find((x) => x.key === o)?.label[locale] ?? o))
	};
}

/** The quotas checked against the dimensions in use: every problem at once, by field. */
function checkQuotas(quotas: Quota[], defs: DimensionDef[]): void {
	const fields: Record<string, string> = {};
	const seen = new Set<string>();
	quotas.forEach((q, i) => {
		const d = defs.find((x) => x.key === q.dimension);
		if (!d) fields[`quotas.${i}.dimension`] = 'error_board_selection_quota_unknown';
		else if (q.option !== NOT_ANSWERED && !d.options.some((o) => o.key === q.option)) fields[`quotas.${i}.option`] = 'error_board_selection_quota_unknown';
		else if (seen.has(`${q.dimension}\0${q.option}`)) fields[`quotas.${i}.option`] = 'error_board_selection_quota_twice';
		if (q.min > q.max) fields[`quotas.${i}.max`] = 'error_board_selection_quota_range';
		seen.add(`${q.dimension}\0${q.option}`);
	});
	const [first] = Object.entries(fields);
	if (first) throw new DomainError('invalid_input', first[1], { field: first[0], fields });
}

/** Current members: who can keep their seat. */
export async function keepCandidates(actor: Actor, reader: Db | Tx = db()): Promise<KeepCandidate[]> {
	requireCapability(actor, 'board.manage');
	return reader
		.select({ userId: boardMemberships.userId, displayName: users.displayName, termEnd: boardMemberships.termEnd })
		.from(boardMemberships)
		.innerJoin(users, eq(users.id, boardMemberships.userId))
		.where(eq(boardMemberships.status, 'active'))
		.orderBy(users.displayName, boardMemberships.userId);
}

interface PoolRead {
	input: SelectionInput;
	defs: DimensionDef[];
	volunteers: number;
}

/** The pool from the database: volunteers and candidates, and the kept members (who must be active), with the features the quotas use. */
async function readPool(reader: Db | Tx, seats: number, keep: string[], quotas: Quota[]): Promise<PoolRead> {
	const defs = await dimensionDefs(reader);
	checkQuotas(quotas, defs);
	const keepIds = [...new Set(keep)];
	const active = keepIds.length
		? new Set(
				(
					await reader
						.select({ userId: boardMemberships.userId })
						.from(boardMemberships)
						.where(and(eq(boardMemberships.status, 'active'), inArray(boardMemberships.userId, keepIds)))
				).map((r) => r.userId)
			)
		: new Set<string>();
	const unknown = keepIds.findIndex((id) => !active.has(id));
	if (unknown >= 0) throw new DomainError('invalid_input', 'error_board_selection_keep_unknown', { field: 'keep', fields: { keep: 'error_board_selection_keep_unknown' } });
	const volunteerIds = (await reader.select({ userId: boardMemberships.userId }).from(boardMemberships).where(inArray(boardMemberships.status, [...POOL_STATUSES]))).map((r) => r.userId);
	const used = defs.filter((d) => quotas.some((q) => q.dimension === d.key));
	const ids = [...volunteerIds, ...keepIds];
	const features = new Map<string, Record<string, string>>(ids.map((id) => [id, {}]));
	if (used.length && ids.length) {
		const m = await answerMatrix(reader, ids, used);
		m.answers.forEach((vector, i) => {
			const f = features.get(m.ids[i]!);
			if (f) used.forEach((d, j) => (f[d.key] = m.optionKeys[j]![vector[j]!]!));
		});
	}
	const pool: Volunteer[] = ids.sort().map((id) => ({ id, features: features.get(id)! }));
	return { input: { pool, seats, keep: keepIds, quotas }, defs, volunteers: volunteerIds.length };
}

const toQuotas = (raw: { dimension: string; option: string; min: number; max: number }[]): Quota[] => raw.map(({ dimension, option, min, max }) => ({ dimension, option, min, max }));

/** The algorithm's answer in sentences, with each bound's labels. */
function worded(f: Feasibility, labels: Labels, locale: Language, counts: { volunteers: number; kept: number }): FeasibilityView {
	const t = (key: string, inputs: Record<string, unknown> = {}) => translate(key, locale, inputs);
	const named = (d: string, o: string) => ({ dimension: labels.dimension(d), option: labels.option(d, o) });
	const problem = (i: SelectionIssue): string => {
		switch (i.kind) {
			case 'pool_too_small':
				return t('board_selection_issue_pool_too_small', { available: i.available, seats: i.seats });
			case 'kept_exceeds_seats':
				return t('board_selection_issue_kept_exceeds_seats', { kept: i.kept, seats: i.seats });
			case 'min_exceeds_available':
				return t('board_selection_issue_min_exceeds_available', { ...named(i.dimension, i.option), min: i.min, available: i.available });
			case 'kept_exceeds_max':
				return t('board_selection_issue_kept_exceeds_max', { ...named(i.dimension, i.option), max: i.max, kept: i.kept });
			case 'mins_exceed_seats':
				return t('board_selection_issue_mins_exceed_seats', { dimension: labels.dimension(i.dimension), sum: i.sumOfMins, seats: i.seats });
			case 'maxes_below_seats':
				return t('board_selection_issue_maxes_below_seats', { dimension: labels.dimension(i.dimension), capacity: i.capacity, seats: i.seats });
			case 'quota_invalid':
				return t('board_selection_issue_quota_invalid', { ...named(i.dimension, i.option), min: i.min, max: i.max });
			case 'duplicate_quota':
				return t('board_selection_issue_duplicate_quota', named(i.dimension, i.option));
			case 'seats_invalid':
				return t('error_board_selection_seats');
			case 'unknown_kept':
			case 'duplicate_volunteer':
				return t('error_board_selection_keep_unknown');
		}
	};
	return {
		feasible: f.feasible,
		volunteers: counts.volunteers,
		kept: counts.kept,
		problems: f.issues.map(problem),
		relaxation: f.relaxation.map((r) => ({
			dimension: r.dimension,
			option: r.option,
			bound: r.bound,
			limit: r.limit,
			by: r.by,
			text: t(r.bound === 'min' ? 'board_selection_relax_min' : 'board_selection_relax_max', { ...named(r.dimension, r.option), limit: r.limit, to: r.bound === 'min' ? r.limit - r.by : r.limit + r.by, count: r.by })
		})),
		conflict: f.conflict.map(
			(c): QuotaBoundView => ({
				dimension: c.dimension,
				option: c.option,
				bound: c.bound,
				limit: c.limit,
				by: c.relaxBy,
				text:
					c.relaxBy === null
						? t(c.bound === 'min' ? 'board_selection_conflict_min_alone' : 'board_selection_conflict_max_alone', { ...named(c.dimension, c.option), limit: c.limit })
						: t(c.bound === 'min' ? 'board_selection_conflict_min' : 'board_selection_conflict_max', { ...named(c.dimension, c.option), limit: c.limit, count: c.relaxBy })
			})
		)
	};
}

/** Whether the quotas can be met from the pool now, and if not, which conflict and by how much (in the reader's language). */
export async function checkSelection(actor: Actor, raw: SelectionCheckInput, locale: Language): Promise<FeasibilityView> {
	requireCapability(actor, 'board.manage');
	const input = parseInput(SelectionCheckInput, raw);
	const pool = await readPool(db(), input.seats, input.keep, toQuotas(input.quotas));
	const feasibility = await inWorker(() => feasibilityInWorker(pool.input));
	return worded(feasibility, labelsOf(pool.defs, locale), locale, { volunteers: pool.volunteers, kept: input.keep.length });
}

async function inWorker<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof SelectionTimeoutError) throw new DomainError('conflict', 'error_board_selection_timeout');
		throw error;
	}
}

/**
 * Draws a panel: when the quotas can be met, the maximin lottery, the draw with
 * the seed (a random one when none is given) and the alternates, all in the
 * worker; then the record (the pool sealed, probabilities, selected, alternates
 * in order) and an audit entry with the seed, the fingerprint and the ticket
 * (no diversity values). When they cannot be met, the feasibility answer, and
 * nothing is stored.
 */
export async function runSelection(actor: Actor, raw: SelectionRunInput, locale: Language): Promise<SelectionRunResult> {
	const a = requireCapability(actor, 'board.manage');
	const input = parseInput(SelectionRunInput, raw);
	const seed = input.seed || randomBytes(9).toString('base64url');
	const pool = await readPool(db(), input.seats, input.keep, toQuotas(input.quotas));
	const outcome = await inWorker(() => lotteryInWorker(pool.input, seed));
	if (!outcome.ok) return { ok: false, feasibility: worded(outcome.feasibility, labelsOf(pool.defs, locale), locale, { volunteers: pool.volunteers, kept: input.keep.length }) };
	const { lottery, draw, alternates } = outcome;
	const id = await transact(async (tx) => {
		// The pool is sealed bound to the row's id, so the row comes first and the sealed pool right after, in the same transaction.
		const [inserted] = await tx
			.insert(boardSelections)
			.values({
				seats: input.seats,
				keep: pool.input.keep,
				quotas: pool.input.quotas,
				seed,
				poolSealed: '',
				probabilities: Object.fromEntries(lottery.volunteers.map((v) => [v.id, v.probability])),
				selected: draw.members,
				alternates: alternates.map((x) => x.id),
				createdBy: a.user.id
			})
			.returning({ id: boardSelections.id });
		const id = inserted!.id;
		await tx.update(boardSelections).set({ poolSealed: seal(JSON.stringify(pool.input.pool), sealContext(id)) }).where(eq(boardSelections.id, id));
		await audit(tx, {
			actorId: a.user.id,
			action: 'board.selection',
			targetKind: 'board_selection',
			targetId: id,
			data: {
				seed,
				fingerprint: lottery.fingerprint,
				ticket: draw.ticket,
				panelIndex: draw.panelIndex,
				seats: input.seats,
				kept: pool.input.keep!.length,
				poolSize: pool.input.pool.length,
				converged: lottery.converged,
				minProbability: lottery.minProbability
			}
		});
		return id;
	});
	return { ok: true, id, seed, converged: lottery.converged };
}

async function selectionRow(reader: Db | Tx, id: number, lock = false) {
	const q = reader.select().from(boardSelections).where(eq(boardSelections.id, id));
	const [row] = lock ? await q.for('update') : await q;
	if (!row) throw new DomainError('not_found', 'error_board_selection_not_found');
	return row;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The draw's figures from its audit entry (the record of what was drawn). */
async function drawRecord(reader: Db | Tx, id: number) {
	const [row] = await reader
		.select({ data: auditLog.data })
		.from(auditLog)
		.where(and(eq(auditLog.action, 'board.selection'), eq(auditLog.targetKind, 'board_selection'), eq(auditLog.targetId, String(id))))
		.orderBy(auditLog.id)
		.limit(1);
	const d = (row?.data ?? {}) as Record<string, unknown>;
	return {
		fingerprint: typeof d.fingerprint === 'string' ? d.fingerprint : null,
		ticket: typeof d.ticket === 'number' ? d.ticket : null,
		converged: typeof d.converged === 'boolean' ? d.converged : null,
		minProbability: typeof d.minProbability === 'number' ? d.minProbability : null
	};
}

/** How this draw's invitations stand: who it invited (and where each is now), seats left open by declines. */
async function invitationsOf(reader: Db | Tx, selectionId: number, selected: string[]) {
	const asked = await reader
		.select({ userId: boardMemberships.userId, status: boardMemberships.status, displayName: users.displayName })
		.from(boardMemberships)
		.innerJoin(users, eq(users.id, boardMemberships.userId))
		.where(eq(boardMemberships.selectionId, selectionId))
		.orderBy(boardMemberships.updatedAt, boardMemberships.id);
	const inPanel = new Set(selected);
	const gone = asked.filter((r) => r.status === 'declined' || r.status === 'withdrawn');
	const alternatesAsked = asked.filter((r) => !inPanel.has(r.userId)).length;
	return { asked, gone, openSeats: Math.max(0, gone.length - alternatesAsked) };
}

/** One draw as the result page shows it: the selected, every volunteer's probability, the seed and fingerprint, the alternates in order. */
export async function getSelection(actor: Actor, id: number, locale: Language): Promise<SelectionView> {
	requireCapability(actor, 'board.manage');
	const reader = db();
	const row = await selectionRow(reader, id);
	const probabilities = (row.probabilities ?? {}) as Record<string, number>;
	const selected = ids(row.selected);
	const keep = new Set(ids(row.keep));
	const alternates = ids(row.alternates);
	const everyone = Object.keys(probabilities);
	const people = new Map<string, { displayName: string; status: BoardStatus | null }>();
	for (let i = 0; i < everyone.length; i += 5000) {
		const chunk = everyone.slice(i, i + 5000);
		const rows = await reader.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, chunk));
		for (const r of rows) people.set(r.id, { displayName: r.displayName, status: null });
		const open = await reader
			.select({ userId: boardMemberships.userId, status: boardMemberships.status })
			.from(boardMemberships)
			.where(and(inArray(boardMemberships.userId, chunk), inArray(boardMemberships.status, ['volunteer', 'candidate', 'invited', 'active'])));
		for (const r of open) {
			const p = people.get(r.userId);
			if (p) p.status = r.status;
		}
	}
	const { asked, gone, openSeats } = await invitationsOf(reader, id, selected);
	const askedStatus = new Map(asked.map((r) => [r.userId, r.status]));
	const nameOf = (u: string) => people.get(u)?.displayName ?? null;
	const statusOf = (u: string) => askedStatus.get(u) ?? people.get(u)?.status ?? null;
	const defs = await dimensionDefs(reader);
	const labels = labelsOf(defs, locale);
	const [creator] = row.createdBy ? await reader.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.createdBy)) : [];
	return {
		id: row.id,
		seats: row.seats,
		seed: row.seed,
		...(await drawRecord(reader, id)),
		createdAt: row.createdAt,
		createdBy: creator?.displayName ?? null,
		invitedAt: row.invitedAt,
		quotas: (row.quotas as Quota[]).map((q) => ({ ...q, dimensionLabel: labels.dimension(q.dimension), optionLabel: labels.option(q.dimension, q.option) })),
		selected: selected.map((u) => ({ userId: u, displayName: nameOf(u), probability: probabilities[u] ?? 0, kept: keep.has(u), status: statusOf(u), invitedByThis: askedStatus.has(u) })),
		alternates: alternates.map((u) => ({ userId: u, displayName: nameOf(u), probability: probabilities[u] ?? 0, status: statusOf(u), invitedByThis: askedStatus.has(u) })),
		volunteers: everyone
			.map((u) => ({ userId: u, displayName: nameOf(u), probability: probabilities[u] ?? 0, kept: keep.has(u) }))
			.sort((x, y) => y.probability - x.probability || (x.displayName ?? '').localeCompare(y.displayName ?? '') || (x.userId < y.userId ? -1 : 1)),
		openSeats,
		declined: gone.map((r) => ({ userId: r.userId, displayName: r.displayName }))
	};
}

/** Past draws, newest first, by cursor. */
export async function listSelections(actor: Actor, raw: SelectionListQuery = {}): Promise<Page<SelectionSummary>> {
	requireCapability(actor, 'board.manage');
	const input = parseInput(SelectionListQuery, raw);
	const after = idCursor(input.cursor);
	const rows = await db()
		.select({
			id: boardSelections.id,
			seats: boardSelections.seats,
			volunteers: sql<number>`(select count(*) from jsonb_object_keys(${boardSelections.probabilities}))::int`,
			seed: boardSelections.seed,
			createdAt: boardSelections.createdAt,
			createdBy: users.displayName,
			invitedAt: boardSelections.invitedAt
		})
		.from(boardSelections)
		.leftJoin(users, eq(users.id, boardSelections.createdBy))
		.where(after === undefined ? undefined : lt(boardSelections.id, after))
		.orderBy(desc(boardSelections.id))
		.limit(input.limit + 1);
	return toIdPage(
		rows.map((r) => ({ ...r, volunteers: Number(r.volunteers) })),
		input.limit
	);
}

/**
 * Invites everyone the draw selected who is still in the pool (kept members
 * already sit): each gets the in-app notification and the email
 * (memberships.ts inviteMembership). Once per draw: a second request, even at
 * the same moment, finds invited_at set and invites nobody.
 */
export async function inviteSelected(actor: Actor, selectionId: number): Promise<InviteResult> {
	const a = requireCapability(actor, 'board.manage');
	return transact(async (tx, emit) => {
		const row = await selectionRow(tx, selectionId, true);
		if (row.invitedAt) return { invited: 0, skipped: 0, already: true };
		const keep = new Set(ids(row.keep));
		const wanted = ids(row.selected).filter((u) => !keep.has(u));
		const open = wanted.length
			? await tx
					.select({ id: boardMemberships.id, userId: boardMemberships.userId })
					.from(boardMemberships)
					.where(and(inArray(boardMemberships.userId, wanted), inArray(boardMemberships.status, [...POOL_STATUSES])))
					.orderBy(boardMemberships.userId)
					.for('update')
			: [];
		for (const m of open) await inviteMembership(tx, emit, { membershipId: m.id, actorId: a.user.id, selectionId });
		await tx.update(boardSelections).set({ invitedAt: new Date() }).where(eq(boardSelections.id, selectionId));
		return { invited: open.length, skipped: wanted.length - open.length, already: false };
	});
}

/**
 * After a decline: invites the next alternate, in the draw's order, who is
 * still in the pool and keeps every quota when taking the seat (memberships.ts
 * nextAlternateFor, which applies selection/alternates.ts replacementFor).
 * Only while a decline has left a seat open.
 */
export async function offerAlternate(actor: Actor, selectionId: number, raw: AlternateInput): Promise<AlternateResult> {
	const a = requireCapability(actor, 'board.manage');
	const input = parseInput(AlternateInput, raw);
	return transact(async (tx, emit) => {
		const row = await selectionRow(tx, selectionId, true);
		if (!row.invitedAt) throw new DomainError('conflict', 'error_board_selection_not_invited');
		const { gone, openSeats } = await invitationsOf(tx, selectionId, ids(row.selected));
		if (!gone.some((g) => g.userId === input.declinedUserId)) throw new DomainError('conflict', 'error_board_selection_not_declined');
		if (openSeats === 0) throw new DomainError('conflict', 'error_board_selection_no_open_seat');
		const next = await nextAlternateFor(tx, { userId: input.declinedUserId, selectionId });
		if (!next) throw new DomainError('conflict', 'error_board_selection_no_alternate');
		const [membership] = await tx
			.select({ id: boardMemberships.id })
			.from(boardMemberships)
			.where(and(eq(boardMemberships.userId, next.userId), inArray(boardMemberships.status, [...POOL_STATUSES])))
			.for('update');
		if (!membership) throw new DomainError('conflict', 'error_board_selection_no_alternate');
		await inviteMembership(tx, emit, { membershipId: membership.id, actorId: a.user.id, selectionId });
		return { userId: next.userId, displayName: next.displayName };
	});
}

/** Re-runs a stored draw (its sealed pool, seats, kept members, quotas and seed) and says whether the same panel and alternates come out. */
export async function rerunSelection(actor: Actor, id: number): Promise<RerunResult> {
	requireCapability(actor, 'board.manage');
	const row = await selectionRow(db(), id);
	const pool = JSON.parse(unseal(row.poolSealed, sealContext(id))) as Volunteer[];
	const outcome = await inWorker(() => lotteryInWorker({ pool, seats: row.seats, keep: ids(row.keep), quotas: row.quotas as Quota[] }, row.seed));
	if (!outcome.ok) return { samePanel: false, sameAlternates: false, fingerprint: '', selected: [] };
	const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
	return {
		samePanel: same(outcome.draw.members, ids(row.selected)),
		sameAlternates: same(
			outcome.alternates.map((x) => x.id),
			ids(row.alternates)
		),
		fingerprint: outcome.lottery.fingerprint,
		selected: outcome.draw.members
	};
}
