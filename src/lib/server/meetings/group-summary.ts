import { and, eq } from 'drizzle-orm';
import { transact } from '../runtime';
import { categories, meetingNoteRevisions, meetings, posts, threads } from '../db/schema';
import { requireActive, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { parseInput } from '../input';
import { translate } from '../../i18n/translate';
import { renderMarkdown } from '../discussion/markdown';
import { meetingAccess, requireAccess } from './access';
import { PostSummaryInput } from './publish-schemas';
import { BOARD_SUMMARY_CATEGORY, type NotesContent } from '../../shared/meetings-notes';
import type { Language } from '../../shared/roles';

/**
 * A session's summary for the whole group, posted when a coordinator
 * chooses: the items, how many took part, the decisions and the follow-ups
 * with their dates. No names at all (not even a follow-up's owner): the
 * group is wider than the session. Written from the latest published
 * revision, so the group reads what the board reads. Posted once per
 * session (meetings.summary_thread_id); a second try is refused.
 *
 * The thread is written here rather than through discussion's createThread:
 * a coordinator is not a member of the group unless also given `member`, and
 * the summary of published notes is not a member's post for moderation to
 * admit. The coordinator is its author, as the person who chose to post it.
 */

const TITLE_MAX = 150;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function dayOf(iso: string, language: Language): string {
	return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** The post, in one language: markdown, names left out. */
export function summaryText(content: NotesContent, language: Language): { title: string; body: string } {
	const t = (key: string, inputs: Record<string, unknown> = {}) => translate(key, language, inputs);
	const date = dayOf(content.startAt, language);
	let title = t('meeting_summary_post_title', { title: oneLine(content.title), date });
	if (title.length > TITLE_MAX) title = `${title.slice(0, TITLE_MAX - 1).trimEnd()}…`;
	const entries = content.items.flatMap((i) => i.entries);
	const decisions = entries.filter((e) => e.kind === 'decision');
	const followUps = entries.filter((e) => e.kind === 'follow_up');
	const lines: string[] = [t('meeting_summary_post_intro', { date, count: content.attendance }), '', `**${t('meeting_summary_post_agenda')}**`, ''];
	content.items.forEach((item, i) => lines.push(`${i + 1}. ${oneLine(item.title)}`));
	lines.push('', `**${t('meeting_summary_post_decisions')}**`, '');
	if (decisions.length === 0) lines.push(t('meeting_summary_post_none'));
	for (const d of decisions) lines.push(`- ${oneLine(d.body)}`);
	lines.push('', `**${t('meeting_summary_post_follow_ups')}**`, '');
	if (followUps.length === 0) lines.push(t('meeting_summary_post_none'));
	for (const f of followUps) lines.push(`- ${oneLine(f.body)}${f.dueDate ? ` (${t('meeting_summary_post_due', { date: dayOf(`${f.dueDate}T00:00:00Z`, language) })})` : ''}`);
	lines.push('', `_${t('meeting_summary_post_footer')}_`);
	return { title, body: lines.join('\n') };
}

export async function postSummaryToGroup(actor: Actor, meetingId: number, raw: PostSummaryInput): Promise<{ threadId: number; categorySlug: string }> {
	const a = requireActive(actor);
	const { language } = parseInput(PostSummaryInput, raw);
	return transact(async (tx, emit) => {
		const access = await meetingAccess(a, meetingId, tx);
		requireAccess(access, 'manage');
		// Locked: two presses at once make one thread.
		const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
		if (!meeting) throw new DomainError('not_found', 'error_meeting_not_found');
		if (meeting.summaryThreadId !== null) throw new DomainError('conflict', 'error_meeting_summary_posted');
		if (meeting.notesRevision === 0) throw new DomainError('conflict', 'error_meeting_summary_unpublished');
		const [category] = await tx
			.select({ id: categories.id, slug: categories.slug })
			.from(categories)
			.where(and(eq(categories.slug, BOARD_SUMMARY_CATEGORY), eq(categories.archived, false)));
		if (!category) throw new DomainError('conflict', 'error_meeting_summary_no_category');
		const [revision] = await tx
			.select({ content: meetingNoteRevisions.content })
			.from(meetingNoteRevisions)
			.where(and(eq(meetingNoteRevisions.meetingId, meetingId), eq(meetingNoteRevisions.revision, meeting.notesRevision)));
		const { title, body } = summaryText(revision!.content as NotesContent, language);
		const now = new Date();
		const [thread] = await tx
			.insert(threads)
			.values({ categoryId: category.id, authorId: a.user.id, kind: 'discussion', title, status: 'visible', lastPostAt: now, createdAt: now })
			.returning({ id: threads.id });
		const [post] = await tx
			.insert(posts)
			.values({ threadId: thread!.id, authorId: a.user.id, title, body, bodyHtml: renderMarkdown(body), language, status: 'visible', createdAt: now })
			.returning({ id: posts.id, seq: posts.seq });
		await tx.update(threads).set({ lastPostId: post!.id }).where(eq(threads.id, thread!.id));
		await tx.update(meetings).set({ summaryThreadId: thread!.id }).where(eq(meetings.id, meetingId));
		emit({ type: 'thread.changed', change: 'created', threadId: thread!.id, categoryId: category.id, authorId: a.user.id, audience: 'group' });
		emit({ type: 'post.changed', change: 'created', threadId: thread!.id, categoryId: category.id, postId: post!.id, seq: post!.seq, authorId: a.user.id, audience: 'group' });
		return { threadId: thread!.id, categorySlug: category.slug };
	});
}
