import { and, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { db, transact } from '../runtime';
import {
	insightEvidence,
	insightEvents,
	insights,
	meetingAgendaItems,
	meetingNoteEntries,
	meetings,
	postExcerpts,
	posts,
	surveyEvidence,
	surveys,
	threads
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { can } from '../../shared/roles';
import { questionsOf, type SurveyDefinition } from '../../shared/surveys';
import type { EvidenceKind } from '../../shared/insights';
import { loadInsight, requireEditable, requireStaff, type StaffActor } from './access';
import { recentExcerpts } from './excerpts';
import { EvidenceInput } from './schemas';

/**
 * Evidence as a reader sees it: what it says, where it came from and a link
 * only where this reader may follow it (a thread to group members, session
 * notes to the board and policy staff, survey results to their owners or,
 * once published, to everyone). A piece whose source was taken away (a post
 * removed by moderation or its author, a mark taken back) is withdrawn: its
 * words are no longer shown, only that it was withdrawn.
 */

type Reader = Db | Tx;
type Bilingual = { nl: string; en: string };

export interface EvidenceView {
	id: number;
	kind: EvidenceKind;
	withdrawn: boolean;
	addedAt: Date;
	/** The words: a note entry, an excerpt, or the survey question; empty when withdrawn. */
	text: string;
	/** Where it came from, in the reader's terms (the session and item, the survey, "a post in the group"). */
	source: { title: string | Bilingual; detail: string | Bilingual | null; at: Date | null } | null;
	/** For survey results: which question and breakdown, to show the result computed (and suppressed) afresh. */
	survey: { id: number; question: string; dimension: string | null } | null;
	href: string | null;
}

interface Reach {
	group: boolean;
	boardNotes: boolean;
	surveys: boolean;
}

/** What a reader may follow: the group (members), session notes (the board, coordinators, policy staff), survey results (owners). */
export function reachOf(actor: Extract<Actor, { kind: 'user' }> | null): Reach {
	const u = actor?.user;
	return {
		group: can(u, 'group.participate'),
		boardNotes: can(u, 'board.participate') || can(u, 'board.notes.readPublished'),
		surveys: can(u, 'surveys.manage')
	};
}

/** The evidence of these insights, grouped by insight, as this reader may see it. */
export async function evidenceOf(reader: Reader, insightIds: number[], reach: Reach): Promise<Map<number, EvidenceView[]>> {
	const out = new Map<number, EvidenceView[]>();
	if (insightIds.length === 0) return out;
	const rows = await reader
		.select({
			id: insightEvidence.id,
			insightId: insightEvidence.insightId,
			kind: insightEvidence.kind,
			addedAt: insightEvidence.addedAt,
			noteBody: meetingNoteEntries.body,
			noteState: meetingNoteEntries.state,
			meetingId: meetings.id,
			meetingTitle: meetings.title,
			meetingStartAt: meetings.startAt,
			notesRevision: meetings.notesRevision,
			itemTitle: meetingAgendaItems.title,
			surveyId: surveys.id,
			surveyTitle: surveys.title,
			surveyDefinition: surveys.definition,
			surveyPublished: surveys.resultsPublishedAt,
			question: surveyEvidence.question,
			dimension: surveyEvidence.dimension,
			excerpt: postExcerpts.excerpt,
			postId: posts.id,
			postStatus: posts.status,
			threadId: threads.id,
			threadStatus: threads.status
		})
		.from(insightEvidence)
		.leftJoin(meetingNoteEntries, eq(meetingNoteEntries.id, insightEvidence.noteEntryId))
		.leftJoin(meetings, eq(meetings.id, meetingNoteEntries.meetingId))
		.leftJoin(meetingAgendaItems, eq(meetingAgendaItems.id, meetingNoteEntries.itemId))
		.leftJoin(surveyEvidence, eq(surveyEvidence.id, insightEvidence.surveyEvidenceId))
		.leftJoin(surveys, eq(surveys.id, surveyEvidence.surveyId))
		.leftJoin(postExcerpts, eq(postExcerpts.id, insightEvidence.excerptId))
		.leftJoin(posts, eq(posts.id, postExcerpts.postId))
		.leftJoin(threads, eq(threads.id, posts.threadId))
		.where(inArray(insightEvidence.insightId, insightIds))
		.orderBy(insightEvidence.insightId, insightEvidence.id);
	for (const r of rows) {
		let view: EvidenceView;
		const base = { id: r.id, kind: r.kind, addedAt: r.addedAt, survey: null, href: null };
		if (r.kind === 'session_note') {
			const withdrawn = r.noteBody === null || r.noteState === 'rejected';
			view = withdrawn
				? { ...base, withdrawn, text: '', source: null }
				: {
						...base,
						withdrawn,
						// Session notes are the board's: others read that the board said something, not what.
						text: reach.boardNotes ? r.noteBody! : '',
						source: { title: r.meetingTitle!, detail: reach.boardNotes ? r.itemTitle : null, at: r.meetingStartAt },
						href: reach.boardNotes && r.notesRevision! > 0 ? `/board/sessions/${r.meetingId}/notes` : null
					};
		} else if (r.kind === 'survey_result') {
			const q = r.surveyDefinition ? questionsOf(r.surveyDefinition as SurveyDefinition).find((x) => x.key === r.question) : undefined;
			view =
				r.surveyId === null || !q
					? { ...base, withdrawn: true, text: '', source: null }
					: {
							...base,
							withdrawn: false,
							text: '',
							source: { title: r.surveyTitle as Bilingual, detail: q.text as Bilingual, at: null },
							survey: { id: r.surveyId, question: r.question!, dimension: r.dimension || null },
							href: reach.surveys || r.surveyPublished ? `/surveys/${r.surveyId}/results` : null
						};
		} else {
			const withdrawn = r.postStatus !== 'visible' || r.threadStatus !== 'visible';
			view = withdrawn
				? { ...base, withdrawn, text: '', source: null }
				: { ...base, withdrawn, text: r.excerpt!, source: null, href: reach.group ? `/group/t/${r.threadId}?from=${r.postId}#post-${r.postId}` : null };
		}
		const list = out.get(r.insightId) ?? [];
		list.push(view);
		out.set(r.insightId, list);
	}
	return out;
}

/** What a coordinator can draft from: highlighted note entries, survey results marked as evidence, captured excerpts; the newest 50 of each. */
export async function evidencePool(actor: Actor) {
	const a = requireStaff(actor);
	if (!can(a.user, 'insights.contribute')) throw new DomainError('forbidden', 'error_forbidden');
	const e = meetingNoteEntries;
	const [notes, results, excerpts] = await Promise.all([
		db()
			.select({ id: e.id, kind: e.kind, body: e.body, meetingTitle: meetings.title, meetingStartAt: meetings.startAt, itemTitle: meetingAgendaItems.title, highlightedAt: e.highlightedAt })
			.from(e)
			.innerJoin(meetings, eq(meetings.id, e.meetingId))
			.innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, e.itemId))
			.where(and(isNotNull(e.highlightedAt), ne(e.state, 'rejected')))
			.orderBy(desc(e.highlightedAt), desc(e.id))
			.limit(50),
		db()
			.select({ id: surveyEvidence.id, surveyId: surveys.id, title: surveys.title, definition: surveys.definition, question: surveyEvidence.question, dimension: surveyEvidence.dimension, note: surveyEvidence.note, markedAt: surveyEvidence.markedAt })
			.from(surveyEvidence)
			.innerJoin(surveys, eq(surveys.id, surveyEvidence.surveyId))
			.orderBy(desc(surveyEvidence.markedAt), desc(surveyEvidence.id))
			.limit(50),
		recentExcerpts(50)
	]);
	return {
		notes,
		surveyResults: results.map(({ definition, ...r }) => ({
			...r,
			title: r.title as Bilingual,
			questionTitle: (questionsOf(definition as SurveyDefinition).find((q) => q.key === r.question)?.text ?? { nl: r.question, en: r.question }) as Bilingual,
			dimension: r.dimension || null
		})),
		excerpts
	};
}

const SOURCE_COLUMN = { session_note: 'noteEntryId', survey_result: 'surveyEvidenceId', post_excerpt: 'excerptId' } as const;

/**
 * Refuses a source that is not (or no longer) evidence: a note not highlighted, a mark taken back, an excerpt whose
 * post is gone. Named as the field it came in (a list of a new insight's form), or as the one source asked for.
 */
async function requireSource(tx: Tx, kind: EvidenceKind, id: number, field?: string): Promise<void> {
	let ok: unknown[];
	if (kind === 'session_note')
		ok = await tx
			.select({ id: meetingNoteEntries.id })
			.from(meetingNoteEntries)
			.where(and(eq(meetingNoteEntries.id, id), isNotNull(meetingNoteEntries.highlightedAt), ne(meetingNoteEntries.state, 'rejected')));
	else if (kind === 'survey_result') ok = await tx.select({ id: surveyEvidence.id }).from(surveyEvidence).where(eq(surveyEvidence.id, id));
	else
		ok = await tx
			.select({ id: postExcerpts.id })
			.from(postExcerpts)
			.innerJoin(posts, eq(posts.id, postExcerpts.postId))
			.where(and(eq(postExcerpts.id, id), eq(posts.status, 'visible')));
	if (ok.length === 0)
		throw field
			? new DomainError('invalid_input', 'error_evidence_not_found', { field, fields: { [field]: 'error_evidence_not_found' } })
			: new DomainError('not_found', 'error_evidence_not_found', { field: 'sourceId' });
}

/** Links sources to an insight in the caller's transaction; a source linked already is left as it is. Returns how many were new. */
export async function linkEvidence(tx: Tx, a: StaffActor, insightId: number, sources: { kind: EvidenceKind; id: number; field?: string }[]): Promise<number> {
	let added = 0;
	for (const s of sources) {
		await requireSource(tx, s.kind, s.id, s.field);
		const rows = await tx
			.insert(insightEvidence)
			.values({ insightId, kind: s.kind, [SOURCE_COLUMN[s.kind]]: s.id, addedBy: a.user.id })
			.onConflictDoNothing()
			.returning({ id: insightEvidence.id });
		added += rows.length;
	}
	if (added) await tx.insert(insightEvents).values({ insightId, kind: 'evidence_added', actorId: a.user.id });
	return added;
}

export async function addEvidence(actor: Actor, insightId: number, raw: EvidenceInput): Promise<{ added: boolean }> {
	const a = requireStaff(actor);
	const input = parseInput(EvidenceInput, raw);
	return transact(async (tx, emit) => {
		requireEditable(a, await loadInsight(a, insightId, tx, true));
		const added = await linkEvidence(tx, a, insightId, [{ kind: input.kind, id: input.sourceId }]);
		await tx.update(insights).set({ updatedAt: new Date() }).where(eq(insights.id, insightId));
		emit({ type: 'insights.changed', what: 'insight', id: insightId });
		return { added: added > 0 };
	});
}

export async function removeEvidence(actor: Actor, insightId: number, evidenceId: number): Promise<{ removed: boolean }> {
	const a = requireStaff(actor);
	return transact(async (tx, emit) => {
		requireEditable(a, await loadInsight(a, insightId, tx, true));
		const rows = await tx
			.delete(insightEvidence)
			.where(and(eq(insightEvidence.id, evidenceId), eq(insightEvidence.insightId, insightId)))
			.returning({ id: insightEvidence.id });
		if (rows.length === 0) throw new DomainError('not_found', 'error_evidence_not_found');
		await tx.insert(insightEvents).values({ insightId, kind: 'evidence_removed', actorId: a.user.id });
		await tx.update(insights).set({ updatedAt: new Date() }).where(eq(insights.id, insightId));
		emit({ type: 'insights.changed', what: 'insight', id: insightId });
		return { removed: true };
	});
}
