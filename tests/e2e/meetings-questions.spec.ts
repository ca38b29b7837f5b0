import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { apiLogin, either, expectAccessible, LANGS, msg, roomJoined, useLanguage, type AccountName, type Lang } from './helpers';

/**
 * Questions and quick polls in a session's live room, in two browsers: the
 * coordinator asks a poll, the board member answers it and asks a question,
 * and each sees the other's change without reloading (counts, the new
 * question, a vote, "answered"). Without JavaScript a question is still
 * posted through its form. axe-core on the room with a poll and questions in
 * it, Dutch and English, for the member and the coordinator.
 */
test.use({ bypassCSP: true });

/** In a few minutes, in UTC, as `<input type="datetime-local">` sends it (a session cannot be scheduled in the past). */
function soon(minutes: number): string {
	return new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);
}

/** A session starting shortly, the whole board invited, the room on its first item. */
async function liveSession(request: APIRequestContext, title: string): Promise<number> {
	const created = await request.post('/api/board/sessions', {
		data: {
			title,
			description: 'Ervaringen met werk in het buitenland.',
			start: soon(3),
			end: soon(63),
			timeZone: 'UTC',
			agenda: [
				{ title: 'Werkvergunningen in het buitenland', body: '', minutes: 30 },
				{ title: 'Het budget voor professionele ontwikkeling', body: '', minutes: 30 }
			],
			inviteBoard: true
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	const id = (await created.json()).id as number;
	const moved = await request.post(`/api/board/sessions/${id}/room/agenda`, { data: { move: 'next' } });
	expect(moved.status(), await moved.text()).toBe(200);
	return id;
}

async function browserAs(browser: Browser, account: AccountName, lang: Lang, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ javaScriptEnabled });
	await useLanguage(context, lang);
	await apiLogin(context, account, lang);
	return { context, page: await context.newPage() };
}

/** Opens the room and waits until its live connection is in the room, so what follows arrives live. */
async function openRoom(page: Page, id: number): Promise<void> {
	const joined = roomJoined(page, `meeting:${id}`);
	await page.goto(`/board/sessions/${id}/room`);
	await joined;
}

const POLL = { question: 'Heeft het ministerie je geholpen met een werkvergunning?', options: ['Ja, genoeg', 'Een beetje', 'Helemaal niet'] };
const QUESTION = 'Is er een lijst van landen waar partners met een verdrag mogen werken?';

test('the member answers a poll and asks a question; the coordinator sees both live, and the member sees the vote and the answer live', async ({ browser }) => {
	const coord = await browserAs(browser, 'coordinator', 'en');
	const member = await browserAs(browser, 'board', 'nl');
	const id = await liveSession(coord.context.request, 'Werk in het buitenland (live)');
	await openRoom(coord.page, id);
	await openRoom(member.page, id);

	// The coordinator asks the room a poll through the form.
	const c = coord.page;
	await c.getByLabel(msg('en', 'meeting_polls_question_label'), { exact: true }).fill(POLL.question);
	for (const [i, option] of POLL.options.entries()) await c.getByLabel(msg('en', 'meeting_polls_option_label', { n: i + 1 }), { exact: true }).fill(option);
	await c.getByRole('button', { name: msg('en', 'meeting_polls_open_submit') }).click();
	await expect(c.getByText(msg('en', 'meeting_polls_opened'))).toBeVisible();

	// It reaches the member without a reload; they answer.
	const m = member.page;
	const memberPoll = m.getByRole('article', { name: POLL.question });
	await expect(memberPoll).toBeVisible();
	await memberPoll.getByLabel(POLL.options[1]!, { exact: true }).check();
	await memberPoll.getByRole('button', { name: msg('nl', 'meeting_polls_answer_submit') }).click();
	await expect(memberPoll.getByText(msg('nl', 'meeting_polls_answered'))).toBeVisible();
	await expect(memberPoll.getByText(`(${msg('nl', 'meeting_polls_your_answer')})`)).toBeVisible();

	// The coordinator's counts move live: one answer, for the second option, and no name with it.
	const coordPoll = c.getByRole('article', { name: POLL.question });
	await expect(coordPoll.getByText(msg('en', 'meeting_polls_total', { count: 1 }))).toBeVisible();
	await expect(coordPoll.getByRole('listitem').filter({ hasText: POLL.options[1]! })).toContainText(msg('en', 'meeting_polls_option_count', { count: 1, total: 1 }));
	await expect(coordPoll).not.toContainText('Amira');

	// The member asks a question; it appears in the coordinator's queue live, with the member's name.
	await m.getByLabel(msg('nl', 'meeting_questions_ask_label'), { exact: true }).fill(QUESTION);
	await m.getByRole('button', { name: msg('nl', 'meeting_questions_ask_submit') }).click();
	await expect(m.getByText(msg('nl', 'meeting_questions_asked'))).toBeVisible();
	await expect(m.getByLabel(msg('nl', 'meeting_questions_ask_label'), { exact: true })).toHaveValue('');
	const coordQuestion = c.getByRole('listitem').filter({ hasText: QUESTION });
	await expect(coordQuestion).toBeVisible();
	await expect(coordQuestion).toContainText(msg('en', 'meeting_questions_by', { name: 'Amira Haddad' }));
	await expect(coordQuestion).toContainText(msg('en', 'meeting_questions_votes', { count: 0 }));

	// The coordinator upvotes it; the member sees the count go up live.
	await coordQuestion.getByRole('button', { name: msg('en', 'meeting_questions_upvote') }).click();
	await expect(coordQuestion.getByRole('button', { name: msg('en', 'meeting_questions_unvote') })).toBeVisible();
	const memberQuestion = m.getByRole('listitem').filter({ hasText: QUESTION });
	await expect(memberQuestion).toContainText(msg('nl', 'meeting_questions_votes', { count: 1 }));
	// One's own question has no vote button.
	await expect(memberQuestion.getByRole('button', { name: new RegExp(msg('nl', 'meeting_questions_upvote')) })).toHaveCount(0);

	// Marked answered by the coordinator, it moves under "Answered" for the member, live.
	await coordQuestion.getByRole('button', { name: msg('en', 'meeting_questions_mark_answered') }).click();
	await expect(m.getByRole('heading', { name: msg('nl', 'meeting_questions_answered_heading') })).toBeVisible();
	await expect(m.getByRole('heading', { name: msg('nl', 'meeting_questions_open_heading') })).toHaveCount(0);

	// The coordinator closes the poll; the member sees it closed, with its result, live.
	await coordPoll.getByRole('button', { name: msg('en', 'meeting_polls_close') }).click();
	await expect(m.getByRole('heading', { name: msg('nl', 'meeting_polls_closed_heading') })).toBeVisible();
	await expect(memberPoll.getByRole('button')).toHaveCount(0);
	await expect(memberPoll.getByText(msg('nl', 'meeting_polls_total', { count: 1 }))).toBeVisible();

	await coord.context.close();
	await member.context.close();
});

test('without JavaScript a member asks a question and answers a poll through the forms; a second answer is refused with a message', async ({ browser }) => {
	const coord = await browserAs(browser, 'coordinator', 'en');
	const id = await liveSession(coord.context.request, 'Werk in het buitenland (zonder JavaScript)');
	const poll = await coord.context.request.post(`/api/board/sessions/${id}/polls`, { data: POLL });
	expect(poll.status()).toBe(201);
	const member = await browserAs(browser, 'board', 'nl', false);
	const m = member.page;
	await m.goto(`/board/sessions/${id}/room`);

	await m.getByLabel(msg('nl', 'meeting_questions_ask_label'), { exact: true }).fill(QUESTION);
	await m.getByRole('button', { name: msg('nl', 'meeting_questions_ask_submit') }).click();
	await expect(m.getByText(msg('nl', 'meeting_questions_asked'))).toBeVisible();
	await expect(m.getByRole('listitem').filter({ hasText: QUESTION })).toContainText(msg('nl', 'meeting_questions_by_you'));

	// Sent without a choice: the problem is named, at the top of that poll.
	const article = m.getByRole('article', { name: POLL.question });
	await article.getByRole('button', { name: msg('nl', 'meeting_polls_answer_submit') }).click();
	await expect(m.getByRole('article', { name: POLL.question }).getByRole('alert')).toContainText(msg('nl', 'error_meeting_poll_choose'));
	await m.getByRole('article', { name: POLL.question }).getByLabel(POLL.options[0]!, { exact: true }).check();
	await m.getByRole('article', { name: POLL.question }).getByRole('button', { name: msg('nl', 'meeting_polls_answer_submit') }).click();
	await expect(m.getByText(msg('nl', 'meeting_polls_answered'))).toBeVisible();
	await expect(m.getByRole('article', { name: POLL.question }).getByText(msg('nl', 'meeting_polls_total', { count: 1 }))).toBeVisible();
	// The form is gone once answered; a second answer sent anyway (an old tab) is refused.
	const again = await member.context.request.post(`/api/board/sessions/${id}/polls/${(await poll.json()).id}/answer`, { data: { option: 2 } });
	expect(again.status()).toBe(409);
	// The API answers in the account's language (this one's is English), whatever page language the browser chose.
	expect((await again.json()).message).toMatch(either('error_meeting_poll_answered'));

	await coord.context.close();
	await member.context.close();
});

for (const lang of LANGS) {
	test(`the room with questions and polls passes axe-core (${lang}), for the member and the coordinator`, async ({ browser }) => {
		const coord = await browserAs(browser, 'coordinator', lang);
		const id = await liveSession(coord.context.request, `Toegankelijkheid ${lang}`);
		const open = await coord.context.request.post(`/api/board/sessions/${id}/polls`, { data: POLL });
		const closed = await coord.context.request.post(`/api/board/sessions/${id}/polls`, { data: { question: 'Is het budget genoeg?', options: ['Ja', 'Nee'] } });
		expect(open.status()).toBe(201);
		await coord.context.request.post(`/api/board/sessions/${id}/polls/${(await closed.json()).id}/close`);
		const member = await browserAs(browser, 'board', lang);
		const asked = await member.context.request.post(`/api/board/sessions/${id}/questions`, { data: { body: QUESTION } });
		expect(asked.status()).toBe(201);
		await member.context.request.post(`/api/board/sessions/${id}/questions`, { data: { body: 'Wie betaalt de school als we midden in het jaar verhuizen?' } });
		await coord.context.request.put(`/api/board/sessions/${id}/questions/${(await asked.json()).id}/answered`, { data: { answered: true } });

		await openRoom(member.page, id);
		await expect(member.page.getByRole('heading', { name: msg(lang, 'meeting_questions_title') })).toBeVisible();
		await expectAccessible(member.page, 'session room with questions and polls (member)', lang);
		await openRoom(coord.page, id);
		await expect(coord.page.getByRole('heading', { name: msg(lang, 'meeting_polls_new_heading') })).toBeVisible();
		await expectAccessible(coord.page, 'session room with questions and polls (coordinator)', lang);
		// And with the error summary of a refused poll showing.
		await coord.page.getByRole('button', { name: msg(lang, 'meeting_polls_open_submit') }).click();
		await expect(coord.page.getByRole('alert').filter({ hasText: msg(lang, 'error_meeting_poll_question') })).toBeVisible();
		await expectAccessible(coord.page, 'session room, poll form refused (coordinator)', lang);

		await coord.context.close();
		await member.context.close();
	});
}
