/**
 * The policy loop for tests: evidence of each kind (an excerpt captured
 * through the API, a highlighted note entry and a survey's evidence mark
 * written directly: their own capabilities test how they are made), and an
 * insight taken as far as a test needs.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../../src/lib/server/runtime';
import { meetingInvitees, meetingNoteEntries, surveyEvidence } from '../../src/lib/server/db/schema';
import { createMeeting } from './meetings';
import type { TestServer } from './server';

/** A moderator's excerpt of a post: the post's first words. */
export async function captureExcerpt(t: TestServer, cookie: string, postId: number, excerpt: string): Promise<number> {
	const res = await t.api('/api/insights/excerpts', { method: 'POST', cookie, body: { postId, excerpt } });
	if (res.status !== 201) throw new Error(`capture: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.id;
}

/** A session with these attendees whose first item has a highlighted decision; returns the entry's id and the session's. */
export async function highlightedNote(attendees: string[], body = 'Werkvergunningen: het ministerie vraagt per land na wat er mogelijk is.', absent: string[] = []) {
	const meeting = await createMeeting({
		startAt: new Date(Date.now() - 3 * 3_600_000),
		invitees: [...attendees.map((userId) => ({ userId, rsvp: 'yes' as const })), ...absent.map((userId) => ({ userId, rsvp: 'no' as const }))]
	});
	if (attendees.length) await db().update(meetingInvitees).set({ attended: true, attendanceSource: 'presence' }).where(and(eq(meetingInvitees.meetingId, meeting.id), inArray(meetingInvitees.userId, attendees)));
	const [entry] = await db()
		.insert(meetingNoteEntries)
		.values({ meetingId: meeting.id, itemId: meeting.itemIds[0]!, kind: 'decision', body, state: 'accepted', highlightedAt: new Date() })
		.returning({ id: meetingNoteEntries.id });
	return { entryId: entry!.id, meetingId: meeting.id };
}

/** A survey's question marked as evidence. */
export async function surveyMark(surveyId: number, question = 'q1'): Promise<number> {
	const [row] = await db().insert(surveyEvidence).values({ surveyId, question }).returning({ id: surveyEvidence.id });
	return row!.id;
}

export interface DraftInput {
	title?: string;
	summary?: string;
	notes?: number[];
	surveyResults?: number[];
	excerpts?: number[];
	themes?: number[];
}

export async function draftInsight(t: TestServer, cookie: string, input: DraftInput): Promise<number> {
	const res = await t.api('/api/insights', {
		method: 'POST',
		cookie,
		body: { title: 'Werkvergunningen in landen zonder verdrag', summary: 'Partners lopen vast op werkvergunningen waar Nederland geen verdrag heeft.', ...input }
	});
	if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.id;
}

/** Drafted, submitted and accepted (or declined with a reason). */
export async function decidedInsight(t: TestServer, coordinator: string, policy: string, input: DraftInput, decision: 'accepted' | 'declined' = 'accepted'): Promise<number> {
	const id = await draftInsight(t, coordinator, input);
	const submitted = await t.api(`/api/insights/${id}/submit`, { method: 'POST', cookie: coordinator });
	if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
	const reviewed = await t.api(`/api/insights/${id}/review`, { method: 'POST', cookie: policy, body: { status: decision, reason: decision === 'declined' ? 'Dit valt buiten wat het ministerie kan regelen.' : '' } });
	if (reviewed.status !== 200) throw new Error(`review: ${reviewed.status} ${JSON.stringify(reviewed.body)}`);
	return id;
}
