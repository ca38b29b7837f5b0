import { and, asc, eq, isNull, lt, lte } from 'drizzle-orm';
import type { Tx } from '../db';
import { db, transact } from '../runtime';
import { boardMemberships, users } from '../db/schema';
import { notify } from '../notifications/notify';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';
import { translate } from '../../i18n/translate';
import { stepMembership } from './status';
import { coordinators } from './memberships';
import { compositionFor } from './composition';
import { dimensionDefs } from './dimensions';
import { SENSITIVE_DIMENSION } from '../../shared/board';
import { NOT_ANSWERED } from '../../shared/board-composition';
import { TERM_NOTICE_DAYS, addDays, dayOf } from '../../shared/board-memberships';
import { formatBoardDay } from '../../shared/board-profile';
import type { Language } from '../../shared/roles';

/**
 * Terms end by themselves: scheduled work (src/server/jobs.ts) that the job
 * runner claims so one instance runs it, and that is safe to run twice anyway.
 *
 * - endDueTerms: an active membership whose last day has passed becomes
 *   alumni, by the platform; the board_member role goes with it (status.ts),
 *   and the person's sockets leave the board's rooms at once.
 * - noticeEndingTerms: coordinators hear once, 30 days ahead, whose terms end,
 *   and how the board would be composed without them.
 */

/** Ends every term whose last day is before `now`'s day. Returns how many ended here. */
export async function endDueTerms(now: Date = new Date()): Promise<number> {
	const today = dayOf(now);
	const due = await db()
		.select({ id: boardMemberships.id })
		.from(boardMemberships)
		.where(and(eq(boardMemberships.status, 'active'), lt(boardMemberships.termEnd, today)))
		.orderBy(asc(boardMemberships.termEnd), asc(boardMemberships.id));
	let ended = 0;
	// One transaction per person: one failing does not hold back the others.
	for (const { id } of due) {
		const done = await transact(async (tx, emit) => {
			// Only while still active: a person stepping down at the same moment, or another instance, wins and this is a no-op.
			const step = await stepMembership(tx, emit, { membershipId: id, to: 'alumni', actorId: null, by: 'system', reason: null, expect: 'active' });
			if (!step) return false;
			const [row] = await tx.select({ termEnd: boardMemberships.termEnd }).from(boardMemberships).where(eq(boardMemberships.id, id));
			await notify(tx, emit, [{ userId: step.userId, kind: 'board_term_ended', actorId: null, data: { membershipId: id, termEnd: row?.termEnd ?? today } }]);
			return true;
		});
		if (done) ended++;
	}
	return ended;
}

/**
 * Tells every coordinator, once, of the terms that end within 30 days of
 * `now`: in the app and by email, with the board's composition without the
 * people leaving. The rows are claimed with a conditional UPDATE in the same
 * transaction as the notices, so two instances never send twice. Returns the
 * memberships noticed here.
 */
export async function noticeEndingTerms(now: Date = new Date()): Promise<number[]> {
	const today = dayOf(now);
	const horizon = addDays(today, TERM_NOTICE_DAYS);
	return transact(async (tx, emit) => {
		const claimed = await tx
			.update(boardMemberships)
			.set({ endingNoticeAt: now })
			.where(and(eq(boardMemberships.status, 'active'), isNull(boardMemberships.endingNoticeAt), lte(boardMemberships.termEnd, horizon)))
			.returning({ id: boardMemberships.id, userId: boardMemberships.userId, termEnd: boardMemberships.termEnd });
		if (claimed.length === 0) return [];
		// Everyone leaving within the window (noticed before or now), and who stays.
		const active = await tx
			.select({ userId: boardMemberships.userId, termEnd: boardMemberships.termEnd, name: users.displayName })
			.from(boardMemberships)
			.innerJoin(users, eq(users.id, boardMemberships.userId))
			.where(eq(boardMemberships.status, 'active'))
			.orderBy(asc(boardMemberships.termEnd), asc(users.displayName));
		const staying = active.filter((m) => !m.termEnd || m.termEnd > horizon).map((m) => m.userId);
		const leaving = claimed
			.map((c) => ({ ...c, name: active.find((a) => a.userId === c.userId)?.name ?? '' }))
			.sort((a, b) => (a.termEnd ?? '').localeCompare(b.termEnd ?? '') || a.name.localeCompare(b.name));
		const firstEnd = leaving[0]?.termEnd ?? horizon;
		const to = await coordinators(tx);
		await notify(
			tx,
			emit,
			to.map((c) => ({ userId: c.id, kind: 'board_term_ending' as const, actorId: null, data: { count: leaving.length, firstEnd, remaining: staying.length } }))
		);
		const lines = await compositionLines(tx, staying);
		for (const c of to) {
			const mail = compose(c.language, 'board_term_email_subject', [
				['email_greeting', { name: c.displayName }],
				['board_term_email_text', { count: leaving.length }],
				leaving.map((l) => `- ${translate('board_term_email_person', c.language, { name: l.name, date: l.termEnd ? formatBoardDay(l.termEnd, c.language) : '—' })}`).join('\n'),
				['board_term_email_after', { count: staying.length }],
				lines(c.language),
				['board_term_email_link', { url: siteUrl('/board/manage?group=active') }]
			], { count: leaving.length });
			await enqueueEmail(tx, { to: c.email, ...mail, kind: 'board_term_ending', meta: { memberships: leaving.map((l) => l.id) } });
		}
		return claimed.map((c) => c.id);
	});
}

/**
 * The board without those leaving, per dimension: "Work: paid job 4, own
 * business 2, …". The relationship dimension (special-category data) is left
 * out of email: coordinators see it on the composition page, behind their login.
 */
async function compositionLines(tx: Tx, userIds: string[]): Promise<(locale: Language) => string> {
	const [counts, defs] = await Promise.all([compositionFor(tx, userIds), dimensionDefs(tx)]);
	return (locale) =>
		counts.dimensions
			.filter((d) => d.key !== SENSITIVE_DIMENSION)
			.map((d) => {
				const def = defs.find((x) => x.key === d.key);
				const options = d.options
					.filter((o) => o.count > 0)
					.map((o) => `${o.key === NOT_ANSWERED ? translate('board_term_email_not_answered', locale) : (def?.options.find((x) => x.key === o.key)?.label[locale] ?? o.key)} ${o.count}`);
				return `- ${def?.label[locale] ?? d.key}: ${options.length ? options.join(', ') : '—'}`;
			})
			.join('\n');
}
