import * as messages from '../../paraglide/messages.js';
import { formatDateTime } from '../../format';
import { formatBoardDay } from '../../shared/board-profile';
import type { AuditRowItem } from '../../shared/audit';

/**
 * An audit entry as a sentence in the reader's language: "Anna hid a post by
 * Joost in ‘Schools in Bogotá’: off-topic". One message per kind of action
 * (audit_s_*), filled with the names the server resolved for this reader;
 * no action codes, ids or raw before/after. Relative imports: the tests
 * render these outside SvelteKit.
 */

type Locale = 'nl' | 'en';
type Msg = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const msg = (key: string): Msg | undefined => (messages as unknown as Record<string, Msg | undefined>)[key];

const field = (v: unknown, key: string): unknown => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Rows with their sentence, worded on the server for the reader (AuditTable shows them). */
export function withSentences<R extends AuditRowItem>(rows: R[], locale: Locale, timeZone: string): (R & { sentence: string })[] {
	return rows.map((r) => ({ ...r, sentence: auditSentence(r, locale, timeZone) }));
}

/** The name of an action kind for the filter's select: "Post hidden". */
export function auditKindLabel(action: string, locale?: Locale): string {
	return msg(`audit_kind_${action.replace('.', '_')}`)?.({}, { locale }) ?? action;
}

/** The kinds of action, grouped as the filter offers them. */
export const AUDIT_KIND_GROUPS = [
	{ label: 'audit_group_posts', prefixes: ['post.', 'case.'] },
	{ label: 'audit_group_threads', prefixes: ['thread.'] },
	{ label: 'audit_group_members', prefixes: ['member.', 'account.'] },
	{ label: 'audit_group_membership', prefixes: ['join_request.', 'invitation.', 'guidelines.'] },
	{ label: 'audit_group_platform', prefixes: ['watched_word.', 'settings.'] },
	{ label: 'audit_group_board', prefixes: ['board.', 'meeting.'] }
] as const;

export function auditKindGroups(actions: readonly string[], locale?: Locale): { label: string; actions: { value: string; label: string }[] }[] {
	return AUDIT_KIND_GROUPS.map((g) => ({
		label: msg(g.label)!({}, { locale }),
		actions: actions.filter((a) => g.prefixes.some((p) => a.startsWith(p))).map((a) => ({ value: a, label: auditKindLabel(a, locale) }))
	})).filter((g) => g.actions.length > 0);
}

/** A pause in words: "30 seconds", "5 minutes", "2 hours". */
function interval(seconds: number, locale: Locale): string {
	const [value, unit] = seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
	return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'unit', unit: unit as string, unitDisplay: 'long' }).format(value as number);
}

/** A reason the platform wrote for itself ("new_member", "watched_word:x", "watched word: x"), in words. */
function automaticReason(reason: string, locale: Locale): string {
	if (reason === 'new_member') return messages.audit_reason_new_member({}, { locale });
	const word = /^watched[_ ]word:\s*(.*)$/.exec(reason);
	if (word) return messages.audit_reason_word({ word: word[1] ?? '' }, { locale });
	return reason;
}

const wordFrom = (r: AuditRowItem): string => text(r.data.word) || text(/^watched word:\s*(.*)$/.exec(r.reason ?? '')?.[1]) || '?';

/** The sentence, without the reason. */
function sentenceOnly(r: AuditRowItem, locale: Locale, timeZone: string): string {
	const o = { locale };
	const actor = r.actor?.displayName ?? messages.audit_platform({}, o);
	const member = r.subjectName ?? '?';
	const thread = r.names.thread;
	const post = !thread
		? messages.audit_post_by({ member }, o)
		: thread.title === null
			? messages.audit_post_in_withheld({ member }, o)
			: messages.audit_post_in({ member, thread: thread.title }, o);
	const threadPhrase = thread?.title != null ? messages.audit_thread_named({ thread: thread.title, member }, o) : messages.audit_thread_withheld({ member }, o);
	const when = (v: unknown) => (text(v) ? formatDateTime(text(v), locale, timeZone) : '—');
	const word = (v: unknown) => ({
		word: text(field(v, 'pattern')),
		language: text(field(v, 'language')) === 'en' ? messages.audit_lang_en({}, o) : messages.audit_lang_nl({}, o),
		what: msg(`audit_word_${text(field(v, 'action'))}`)?.({}, o) ?? ''
	});
	const base = { actor, member, post, thread: threadPhrase };
	switch (r.action) {
		case 'post.auto_hide':
			return messages.audit_s_post_auto_hide({ ...base, count: Number(r.data.reporters) || '?' }, o);
		case 'post.blocked':
			return (r.data.edit ? messages.audit_s_post_blocked_edit : messages.audit_s_post_blocked)({ ...base, word: wordFrom(r) }, o);
		case 'post.auto_report':
			return messages.audit_s_post_auto_report({ ...base, word: wordFrom(r) }, o);
		case 'case.dismiss':
			return messages.audit_s_case_dismiss({ actor, what: r.data.postId != null ? post : member }, o);
		case 'thread.move': {
			const moved = r.names.moved;
			return messages.audit_s_thread_move({ ...base, from: moved?.from[locale] ?? '?', to: moved?.to[locale] ?? '?' }, o);
		}
		case 'thread.slow_mode': {
			const seconds = Number(field(r.after, 'slowModeSeconds'));
			return seconds > 0 ? messages.audit_s_thread_slow_mode({ ...base, interval: interval(seconds, locale) }, o) : messages.audit_s_thread_slow_mode_off(base, o);
		}
		case 'member.mute':
			return messages.audit_s_member_mute({ ...base, date: when(field(r.after, 'mutedUntil')) }, o);
		case 'member.suspend':
			return messages.audit_s_member_suspend({ ...base, date: when(field(r.after, 'suspendedUntil')) }, o);
		case 'invitation.create':
		case 'invitation.revoke': {
			const email = r.names.invitee;
			if (r.action === 'invitation.create') return email ? messages.audit_s_invitation_create({ actor, email }, o) : messages.audit_s_invitation_create_link({ actor }, o);
			return email ? messages.audit_s_invitation_revoke({ actor, email }, o) : messages.audit_s_invitation_revoke_link({ actor }, o);
		}
		case 'watched_word.add':
			return messages.audit_s_watched_word_add({ actor, ...word(r.after) }, o);
		case 'watched_word.remove':
			return messages.audit_s_watched_word_remove({ actor, ...word(r.before) }, o);
		case 'watched_word.import':
			return messages.audit_s_watched_word_import({ actor, added: Number(r.data.added) || 0, changed: Number(r.data.changed) || 0, unchanged: Number(r.data.unchanged) || 0, rejected: Number(r.data.rejected) || 0 }, o);
		case 'settings.change':
			return messages.audit_s_settings_change(
				{ actor, setting: msg(`setting_${r.targetId}`)?.({}, o) ?? r.targetId, before: text(field(r.before, 'value')) || '—', after: text(field(r.after, 'value')) || '—' },
				o
			);
		case 'guidelines.publish':
			return messages.audit_s_guidelines_publish({ actor, version: text(field(r.after, 'version')) || r.targetId }, o);
		case 'account.update':
			return messages.audit_s_account_update({ ...base, changes: accountChanges(r, locale) }, o);
		case 'board.status':
			return boardStatusSentence(r, locale, { actor, member });
		case 'board.profile_view':
			return messages.audit_s_board_profile_view({ actor, member }, o);
		case 'board.selection': {
			const seats = Number(field(r.data, 'seats') ?? field(r.after, 'seats'));
			return seats > 0 ? messages.audit_s_board_selection({ actor, count: seats }, o) : messages.audit_s_board_selection_other({ actor }, o);
		}
		case 'board.targets':
			return messages.audit_s_board_targets({ actor }, o);
		case 'board.dimension': {
			const label = (v: unknown) => text(field(v, locale === 'nl' ? 'labelNl' : 'labelEn'));
			const dimension = label(r.after) || label(r.before) || r.targetId;
			if (!r.before) return messages.audit_s_board_dimension_add({ actor, dimension }, o);
			if (field(r.after, 'archivedAt')) return messages.audit_s_board_dimension_archive({ actor, dimension }, o);
			return messages.audit_s_board_dimension_change({ actor, dimension }, o);
		}
		case 'meeting.create':
		case 'meeting.change':
		case 'meeting.cancel': {
			// A board session by its title and time on the reader's clock (the log never holds its link).
			const title = text(field(r.after, 'title')) || text(field(r.before, 'title'));
			const date = when(field(r.after, 'startAt') ?? field(r.before, 'startAt'));
			if (r.action === 'meeting.create') return messages.audit_s_meeting_create({ actor, title, date }, o);
			if (r.action === 'meeting.cancel') return messages.audit_s_meeting_cancel({ actor, title, date }, o);
			return messages.audit_s_meeting_change({ actor, title, date }, o);
		}
		default:
			return msg(`audit_s_${r.action.replace('.', '_')}`)?.(base, o) ?? r.action;
	}
}

/** One step of a sounding board membership, as the audit log and the person's history both tell it. */
export interface BoardStep {
	from: string | null;
	to: string;
	/** The person took the step themselves. */
	self: boolean;
	/** The platform's schedule took it (a term that ended by itself). */
	scheduled: boolean;
	/** A term set (first and last day), not a change of status. */
	term?: { start: string; end: string } | null;
}

/**
 * A board membership's step in words: who invited whom, who accepted, whose
 * term ended by itself. Never a profile value.
 */
export function boardStepSentence(step: BoardStep, names: { actor: string; member: string }, locale: Locale): string {
	const o = { locale };
	const { actor, member } = names;
	if (step.term) {
		const day = (v: string) => (v ? formatBoardDay(v, locale) : '—');
		return messages.audit_s_board_term_set({ actor, member, start: day(step.term.start), end: day(step.term.end) }, o);
	}
	switch (step.to) {
		case 'volunteer':
			return step.from ? messages.audit_s_board_back_to_pool({ actor, member }, o) : messages.audit_s_board_volunteered({ member }, o);
		case 'candidate':
			return messages.audit_s_board_shortlisted({ actor, member }, o);
		case 'invited':
			return messages.audit_s_board_invited({ actor, member }, o);
		case 'active':
			return messages.audit_s_board_accepted({ member }, o);
		case 'declined':
			return step.self ? messages.audit_s_board_declined({ member }, o) : messages.audit_s_board_declined_recorded({ actor, member }, o);
		case 'alumni':
			return step.scheduled ? messages.audit_s_board_term_ended({ member }, o) : messages.audit_s_board_ended_early({ actor, member }, o);
		case 'withdrawn':
			return step.self ? messages.audit_s_board_withdrew({ member }, o) : messages.audit_s_board_withdrawn({ actor, member }, o);
		default:
			return messages.audit_s_board_status({ actor, member }, o);
	}
}

function boardStatusSentence(r: AuditRowItem, locale: Locale, names: { actor: string; member: string }): string {
	const term = field(r.data, 'term') ? { start: text(field(r.after, 'termStart')), end: text(field(r.after, 'termEnd')) } : null;
	const from = text(field(r.before, 'status')) || null;
	const step = { from, to: text(field(r.after, 'status')), self: r.actor != null && r.actor.id === r.subjectId, scheduled: !r.actor, term };
	return boardStepSentence(step, names, locale);
}

/** What an admin changed on an account: roles and status, in words. */
function accountChanges(r: AuditRowItem, locale: Locale): string {
	const o = { locale };
	const roles = (v: unknown) => {
		const list = Array.isArray(field(v, 'roles')) ? (field(v, 'roles') as unknown[]).map((x) => msg(`role_${text(x)}`)?.({}, o) ?? text(x)) : [];
		return list.length ? list.join(', ') : messages.audit_none({}, o);
	};
	const status = (v: unknown) => msg(`status_${text(field(v, 'status'))}`)?.({}, o) ?? text(field(v, 'status'));
	const parts: string[] = [];
	if (roles(r.before) !== roles(r.after)) parts.push(messages.audit_change_roles({ before: roles(r.before), after: roles(r.after) }, o));
	if (status(r.before) !== status(r.after)) parts.push(messages.audit_change_status({ before: status(r.before), after: status(r.after) }, o));
	return parts.join('; ') || messages.audit_none({}, o);
}

/** The reasons written by people stay as they wrote them; the platform's own are put in words, or left out where the sentence says it. */
function reasonOf(r: AuditRowItem, locale: Locale): string | null {
	if (!r.reason) return null;
	if (r.actor) return r.reason;
	if (r.action === 'post.auto_hide' || r.action === 'post.blocked' || r.action === 'post.auto_report') return null;
	return automaticReason(r.reason, locale);
}

/** The whole entry: the sentence, then the reason after a colon. */
export function auditSentence(r: AuditRowItem, locale: Locale, timeZone: string): string {
	const sentence = sentenceOnly(r, locale, timeZone);
	const reason = reasonOf(r, locale);
	return reason ? `${sentence}: ${reason}` : sentence;
}
