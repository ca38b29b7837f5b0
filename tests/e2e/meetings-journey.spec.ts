import { expect, test } from '@playwright/test';
import { apiLogin, msg, roomJoined } from './helpers';

/**
 * A board session from the first click to the published notes, in one go, in
 * two browsers, as the coordinator (Marieke, in English) and a board member
 * (Amira, in Dutch) live it: the coordinator finds a time with the time
 * finder and schedules the session; Amira answers yes and downloads the
 * session for her calendar; both open the room, where the coordinator starts
 * the agenda, writes a decision and asks a quick poll, and Amira sees each
 * live, answers the poll and asks a question the coordinator sees arrive;
 * the coordinator publishes the notes and Amira reads them, the decision and
 * the poll's result in them. The parts have specs of their own, with axe;
 * this one proves they connect.
 */
test.use({ bypassCSP: true });

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const TITLE = `Terugkeer naar Nederland ${unique}`;
const DECISION = 'We vragen het ministerie om een terugkeergesprek zes maanden voor het einde van de plaatsing.';
const POLL = { question: 'Wist je bij vertrek wat je bij terugkeer moest regelen?', options: ['Ja', 'Deels', 'Nee'] };
const QUESTION = 'Komt er een checklist voor de inschrijving bij de gemeente?';

test('schedule with the time finder, answer and download, meet in the room, publish, read', async ({ browser }) => {
	test.setTimeout(180_000);
	const coordinator = await browser.newContext();
	const member = await browser.newContext();
	await apiLogin(coordinator, 'coordinator', 'en');
	await apiLogin(member, 'board', 'nl');
	const c = await coordinator.newPage();
	const m = await member.newPage();

	// Scheduling: the time finder's best slot fills in the times.
	await c.goto('/board/sessions/new');
	await c.getByRole('button', { name: msg('en', 'meetings_finder_submit') }).click();
	await c.locator('ol.slots > li').first().getByRole('link', { name: new RegExp(msg('en', 'meetings_finder_choose')) }).click();
	await expect(c.getByLabel(msg('en', 'meetings_form_start'), { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:00$/);
	await c.getByLabel(msg('en', 'meetings_form_title'), { exact: true }).fill(TITLE);
	await c.getByLabel(msg('en', 'meetings_form_description'), { exact: true }).fill('Wat had je willen weten voordat je terugkwam?');
	await c.getByLabel(msg('en', 'meetings_form_link'), { exact: true }).fill(`https://meet.example.org/${unique}`);
	await c.getByLabel(msg('en', 'meetings_form_item_title', { n: 1 }), { exact: true }).fill('Inschrijven en verzekeren');
	await c.getByLabel(msg('en', 'meetings_form_item_minutes', { n: 1 }), { exact: true }).fill('30');
	await c.getByLabel(msg('en', 'meetings_form_item_title', { n: 2 }), { exact: true }).fill('Werk na terugkeer');
	await c.getByLabel(msg('en', 'meetings_form_item_minutes', { n: 2 }), { exact: true }).fill('30');
	await c.getByRole('button', { name: msg('en', 'meetings_form_create') }).click();
	await expect(c).toHaveURL(/\/board\/sessions\/\d+\?done=scheduled$/);
	const id = Number(/\/board\/sessions\/(\d+)/.exec(c.url())![1]);

	// Amira answers yes, and downloads the session as a calendar file with a stable UID.
	await m.goto('/board/sessions');
	await m.getByRole('link', { name: TITLE }).click();
	await m.getByRole('radio', { name: msg('nl', 'meetings_rsvp_yes'), exact: true }).check();
	await m.getByRole('button', { name: msg('nl', 'meetings_rsvp_send') }).click();
	await expect(m.getByRole('status').filter({ hasText: msg('nl', 'meetings_rsvp_saved', { answer: msg('nl', 'meetings_rsvp_yes') }) })).toBeVisible();
	const download = m.waitForEvent('download');
	await m.getByRole('link', { name: msg('nl', 'meetings_calendar_link') }).click();
	const ics = await (await download).createReadStream().then(async (stream) => {
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	});
	expect(ics).toContain('BEGIN:VEVENT');
	expect(ics.replace(/\r\n[ \t]/g, '')).toContain(`SUMMARY:${TITLE}`);
	expect(ics).toMatch(/UID:[^\r\n]+/);

	// The room: both present; the agenda, a decision and a poll reach Amira live.
	const joined = [roomJoined(c, `meeting:${id}`), roomJoined(m, `meeting:${id}`)];
	await c.goto(`/board/sessions/${id}/room`);
	await m.goto(`/board/sessions/${id}/room`);
	await Promise.all(joined);
	await expect(c.getByRole('heading', { name: new RegExp(msg('en', 'room_present_title')) })).toContainText(msg('en', 'room_present_count', { count: 2 }), { timeout: 10_000 });
	await c.getByRole('button', { name: msg('en', 'room_agenda_start') }).click();
	await expect(m.locator('ol.items li[aria-current="step"]')).toContainText('Inschrijven en verzekeren', { timeout: 10_000 });
	await c.locator('#add-kind').selectOption('decision');
	await c.locator('#add-body').fill(DECISION);
	await c.getByRole('button', { name: msg('en', 'room_add_submit'), exact: true }).click();
	await expect(m.locator('li.entry', { hasText: DECISION })).toContainText(msg('nl', 'room_kind_decision'), { timeout: 10_000 });

	await c.getByLabel(msg('en', 'meeting_polls_question_label'), { exact: true }).fill(POLL.question);
	for (const [i, option] of POLL.options.entries()) await c.getByLabel(msg('en', 'meeting_polls_option_label', { n: i + 1 }), { exact: true }).fill(option);
	await c.getByRole('button', { name: msg('en', 'meeting_polls_open_submit') }).click();
	const memberPoll = m.getByRole('article', { name: POLL.question });
	await memberPoll.getByLabel('Deels', { exact: true }).check();
	await memberPoll.getByRole('button', { name: msg('nl', 'meeting_polls_answer_submit') }).click();
	await expect(memberPoll.getByText(msg('nl', 'meeting_polls_answered'))).toBeVisible();
	const coordPoll = c.getByRole('article', { name: POLL.question });
	await expect(coordPoll.getByText(msg('en', 'meeting_polls_total', { count: 1 }))).toBeVisible();

	await m.getByLabel(msg('nl', 'meeting_questions_ask_label'), { exact: true }).fill(QUESTION);
	await m.getByRole('button', { name: msg('nl', 'meeting_questions_ask_submit') }).click();
	await expect(c.getByRole('listitem').filter({ hasText: QUESTION })).toContainText(msg('en', 'meeting_questions_by', { name: 'Amira Haddad' }));
	await coordPoll.getByRole('button', { name: msg('en', 'meeting_polls_close') }).click();
	await expect(m.getByRole('heading', { name: msg('nl', 'meeting_polls_closed_heading') })).toBeVisible();
	// Live, all of it: Amira's room never reloaded.
	expect(await m.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

	// After: the coordinator publishes; Amira reads the decision and the poll's result, with no name beside them.
	await c.goto(`/board/sessions/${id}/notes`);
	await c.getByRole('button', { name: msg('en', 'meeting_notes_publish_submit') }).click();
	await expect(c.getByText(msg('en', 'meeting_notes_published_done', { revision: 1 }))).toBeVisible();
	await m.goto(`/board/sessions/${id}/notes`);
	await expect(m.getByRole('heading', { level: 1 })).toHaveText(msg('nl', 'meeting_notes_title', { title: TITLE }));
	await expect(m.getByText(DECISION)).toBeVisible();
	await expect(m.getByText(POLL.question)).toBeVisible();
	await expect(m.locator('main')).not.toContainText('Amira');

	await coordinator.close();
	await member.close();
});
