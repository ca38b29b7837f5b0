import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, useLanguage } from './helpers';

/**
 * After a session, in Chromium: the coordinator publishes the notes from the
 * notes page (a session scheduled through the API, its notes written in the
 * room through the API: those pages have specs of their own), and a board
 * member reads them, with the quote and no name beside it; then the open
 * follow-ups. axe-core on each page, Dutch and English, on a wide screen and
 * a phone. Screenshots go to E2E_SHOTS when set.
 */
test.use({ bypassCSP: true });
const SHOTS = process.env.E2E_SHOTS;
const SIZES = [
	{ name: 'wide', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
];

const QUOTE = 'Ik heb twee jaar gewacht op een werkvergunning en niemand vroeg hoe het ging.';
const DECISION = 'We vragen het ministerie om een overzicht van werkvergunningen per land.';
const FOLLOW_UP = 'Navragen hoe lang inschrijven bij terugkeer duurt.';

/** Tomorrow at this hour, as `<input type="datetime-local">` sends it. */
function localTomorrow(hour: number): string {
	const d = new Date(Date.now() + 24 * 3600_000);
	return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

/** A session with two agenda items and its notes, written as a coordinator would in the room. */
async function sessionWithNotes(request: APIRequestContext): Promise<number> {
	const created = await request.post('/api/board/sessions', {
		data: {
			title: 'Werk en terugkeer',
			description: 'Ervaringen met werkvergunningen en met terugkeren.',
			start: localTomorrow(15),
			end: localTomorrow(16),
			timeZone: 'Europe/Amsterdam',
			agenda: [
				{ title: 'Werkvergunningen in het buitenland', body: '', minutes: 30 },
				{ title: 'Terugkeer naar Nederland', body: '', minutes: 30 }
			],
			inviteBoard: true
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	const id = (await created.json()).id as number;
	const room = await request.get(`/api/board/sessions/${id}/room`);
	expect(room.status()).toBe(200);
	const [first, second] = (await room.json()).agenda.items as { id: number }[];
	for (const entry of [
		{ itemId: first!.id, kind: 'point', body: 'Een vergunning duurt in veel landen langer dan een half jaar.' },
		{ itemId: first!.id, kind: 'quote', body: QUOTE },
		{ itemId: first!.id, kind: 'decision', body: DECISION },
		{ itemId: second!.id, kind: 'follow_up', body: FOLLOW_UP, owner: 'Marieke', dueDate: '2020-06-01' }
	]) {
		const res = await request.post(`/api/board/sessions/${id}/room/entries`, { data: entry });
		expect(res.status(), await res.text()).toBe(201);
	}
	return id;
}

test.describe.serial('published notes', () => {
	let id = 0;

	test('the coordinator publishes the notes; the page passes axe before and after', async ({ page, context }) => {
		await useLanguage(context, 'en');
		await apiLogin(context, 'coordinator', 'en');
		id = await sessionWithNotes(context.request);
		await page.goto(`/board/sessions/${id}/notes`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'meeting_notes_title', { title: 'Werk en terugkeer' }));
		await expect(page.getByText(msg('en', 'meeting_notes_not_published_manage'))).toBeVisible();
		await expectAccessible(page, 'notes draft (coordinator)', 'en');
		await page.getByRole('button', { name: msg('en', 'meeting_notes_publish_submit') }).click();
		await expect(page.getByText(msg('en', 'meeting_notes_published_done', { revision: 1 }))).toBeVisible();
		await expect(page.getByRole('blockquote')).toContainText(QUOTE);
		await expect(page.getByRole('button', { name: msg('en', 'meeting_notes_reopen_submit') })).toBeVisible();
		await expectAccessible(page, 'notes published (coordinator)', 'en');
	});

	for (const lang of LANGS) {
		test(`a board member reads them (${lang})`, async ({ page, context }) => {
			expect(id, 'the notes were published first').toBeGreaterThan(0);
			await useLanguage(context, lang);
			await apiLogin(context, 'board', lang);
			for (const size of SIZES) {
				await page.setViewportSize({ width: size.width, height: size.height });
				await page.goto(`/board/sessions/${id}/notes`);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'meeting_notes_title', { title: 'Werk en terugkeer' }));
				const quote = page.getByRole('blockquote');
				await expect(quote).toHaveText(QUOTE);
				// A quote stands alone: its entry holds the kind and the words, no name.
				await expect(page.locator('li.entry', { has: quote })).toHaveText(new RegExp(`^\\s*${msg(lang, 'meeting_notes_kind_quote')}\\s*${QUOTE}\\s*$`));
				await expect(page.getByText(DECISION)).toBeVisible();
				await expect(page.getByText(msg(lang, 'meeting_notes_overdue')).first()).toBeVisible();
				// Readers get no publishing form.
				await expect(page.getByRole('button', { name: msg(lang, 'meeting_notes_publish_submit') })).toHaveCount(0);
				await expectAccessible(page, `notes (${size.name})`, lang);
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(overflow, `notes scroll sideways at ${size.width}`).toBeLessThanOrEqual(0);
				if (SHOTS) await page.screenshot({ path: `${SHOTS}/notes-${lang}-${size.name}.png`, fullPage: true });

				await page.goto(`/board/sessions/${id}/notes/1`);
				await expect(page.getByRole('blockquote')).toHaveText(QUOTE);
				await expectAccessible(page, `notes version 1 (${size.name})`, lang);

				await page.goto('/board/follow-ups');
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'meeting_follow_ups_title'));
				const mine = page.locator('li', { has: page.locator(`a[href="/board/sessions/${id}/notes"]`) });
				await expect(mine).toContainText(FOLLOW_UP);
				await expect(mine).toContainText(msg(lang, 'meeting_notes_overdue'));
				await expectAccessible(page, `follow-ups (${size.name})`, lang);
				if (SHOTS) await page.screenshot({ path: `${SHOTS}/follow-ups-${lang}-${size.name}.png`, fullPage: true });
			}
		});
	}

	test('the notification leads the board member to the notes', async ({ page, context }) => {
		await useLanguage(context, 'en');
		await apiLogin(context, 'board', 'en');
		await page.goto('/notifications');
		await page.getByRole('link', { name: msg('en', 'notification_meeting_notes_published', { title: 'Werk en terugkeer' }) }).first().click();
		await expect(page).toHaveURL(new RegExp(`/board/sessions/${id}/notes$`));
	});
});
