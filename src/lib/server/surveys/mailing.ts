import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db';
import { db, transact } from '../runtime';
import { compose, enqueueEmail, siteUrl } from '../email/outbox';
import { notify } from '../notifications/notify';
import { formatDateTime, formatTimeZone } from '../../format';
import { audienceCondition, loadSurvey, type SurveyRow } from './access';
import type { Language } from '../../shared/roles';

/**
 * A survey's mail: the invitation when it opens (in the app and by email) and
 * one reminder, two days before it closes, to those in the audience the
 * participation record does not list (not within a day of the invitation,
 * for a survey open only briefly: two messages at once help no one). Each is claimed once by one UPDATE
 * (invited_at or reminded_at from NULL to now) in the transaction that queues
 * the messages, so restarts and a second instance never send twice.
 *
 * And mixing: a response is written in the same transaction as the
 * participation record, so for a while the database's own bookkeeping (the
 * row's transaction id, its place in the table) lines the two up. Every run
 * rewrites the responses of the open surveys in one statement, which gives
 * them all one transaction id and new places: after that nothing but the
 * answers themselves remains to tell them apart.
 */

const DAY_MS = 24 * 3_600_000;
const REMIND_BEFORE_MS = 2 * DAY_MS;

interface Person {
	id: string;
	email: string;
	language: Language;
	time_zone: string;
}

async function recipients(tx: Tx, s: SurveyRow, onlyUnanswered: boolean): Promise<Person[]> {
	return rowsOf<Person>(
		tx,
		sql`select u.id, u.email, u.language, u.time_zone from users u
			where ${audienceCondition(s, sql`u.id`)}
			${onlyUnanswered ? sql`and not exists (select 1 from survey_participations p where p.survey_id = ${s.id} and p.user_id = u.id)` : sql``}`
	);
}

async function claim(tx: Tx, column: 'invited_at' | 'reminded_at', due: ReturnType<typeof sql>): Promise<number[]> {
	const rows = await rowsOf<{ id: number }>(
		tx,
		sql`update surveys set ${sql.raw(column)} = now() where id in (
				select id from surveys where scheduled_at is not null and ${sql.raw(column)} is null and ${due} limit 5 for update skip locked
			) returning id`
	);
	return rows.map((r) => r.id);
}

function mail(s: SurveyRow, p: Person, kind: 'survey_open' | 'survey_reminder') {
	const closes = s.closesAt ? `${formatDateTime(s.closesAt, p.language, p.time_zone)} (${formatTimeZone(p.time_zone)})` : '';
	const title = s.title[p.language];
	const { subject, text } = compose(
		p.language,
		kind === 'survey_open' ? 'email_survey_open_subject' : 'email_survey_reminder_subject',
		[
			[kind === 'survey_open' ? 'email_survey_open_body' : 'email_survey_reminder_body', { title, closes }],
			[s.anonymous ? 'email_survey_anonymous' : 'email_survey_named'],
			['email_survey_link', { url: siteUrl(`/surveys/${s.id}`) }]
		],
		{ title }
	);
	return { to: p.email, subject, text, kind, meta: { surveyId: s.id } };
}

async function send(column: 'invited_at' | 'reminded_at', due: ReturnType<typeof sql>): Promise<number> {
	return transact(async (tx, emit) => {
		let sent = 0;
		for (const id of await claim(tx, column, due)) {
			const s = (await loadSurvey(tx, id))!;
			const kind = column === 'invited_at' ? 'survey_open' : 'survey_reminder';
			const people = await recipients(tx, s, kind === 'survey_reminder');
			for (const p of people) await enqueueEmail(tx, mail(s, p, kind));
			await notify(
				tx,
				emit,
				people.map((p) => ({ userId: p.id, kind, data: { surveyId: s.id, title: s.title } }))
			);
			sent += people.length;
		}
		return sent;
	});
}

/** Invitations for the surveys that opened, and reminders for those closing within two days; returns how many people were written to. */
export async function sendSurveyMail(now = new Date()): Promise<{ invited: number; reminded: number }> {
	const invited = await send('invited_at', sql`opens_at <= ${now.toISOString()}::timestamptz and closes_at > ${now.toISOString()}::timestamptz`);
	const reminded = await send(
		'reminded_at',
		sql`invited_at <= ${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz and closes_at > ${now.toISOString()}::timestamptz and closes_at <= ${new Date(now.getTime() + REMIND_BEFORE_MS).toISOString()}::timestamptz`
	);
	return { invited, reminded };
}

/** Rewrites the open (and just closed) surveys' responses in one statement each run: see the header. */
export async function mixResponses(): Promise<number> {
	const rows = await rowsOf<{ n: number }>(
		db(),
		sql`with touched as (
				update survey_responses set day = day where survey_id in (
					select id from surveys where scheduled_at is not null and opens_at <= now() and closes_at > now() - interval '1 day'
				) returning 1
			) select count(*)::int as n from touched`
	);
	return Number(rows[0]?.n ?? 0);
}
