import fs from 'node:fs';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, type AccountName, type Lang } from './helpers';

/**
 * Scheduling a board session in the browser (issue 13): the coordinator
 * finds a time with the time finder, chooses a slot (which fills in the
 * times) and schedules the session with its agenda and meeting link; the
 * demo board member, invited with the board, sees the link on the session's
 * page and answers with a note; a partner who is not on the board is told
 * the session does not exist and never sees the link. Then every scheduling
 * page through axe-core in Dutch and English, at 1280 px and on a phone.
 */

test.describe.configure({ mode: 'serial' });
// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TITLE = `Werkvergunningen op de standplaats ${unique}`;
const LINK = `https://meet.example.org/klankbord-${unique}`;
let sessionId = 0;

async function contextFor(browser: Browser, account: AccountName, lang: Lang): Promise<BrowserContext> {
	const context = await browser.newContext({ bypassCSP: true });
	await apiLogin(context, account, lang);
	return context;
}

test('the coordinator schedules a session with the time finder', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await contextFor(browser, 'coordinator', 'nl');
	const page = await context.newPage();
	await page.goto('/board/sessions');
	await page.getByRole('link', { name: msg('nl', 'meetings_new_link') }).click();
	await expect(page.getByRole('heading', { level: 1, name: msg('nl', 'meetings_new_title') })).toBeVisible();

	// The time finder: the next 14 days for the whole board, the best times first.
	await page.getByRole('button', { name: msg('nl', 'meetings_finder_submit') }).click();
	const slots = page.locator('ol.slots > li');
	await expect(slots.first()).toBeVisible();
	await expect(slots).toHaveCount(10);
	await expect(slots.first()).toContainText(/\d+ van \d+ overdag/);
	await slots.first().getByRole('link', { name: new RegExp(msg('nl', 'meetings_finder_choose')) }).click();
	await expect(page).toHaveURL(/slot=/);
	await expect(slots.first()).toContainText(msg('nl', 'meetings_finder_chosen'));
	// The chosen slot fills in the start and end, on the coordinator's clock.
	const start = page.getByLabel(msg('nl', 'meetings_form_start'), { exact: true });
	const end = page.getByLabel(msg('nl', 'meetings_form_end'), { exact: true });
	await expect(start).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:00$/);
	await expect(end).not.toHaveValue('');
	// No wait for the script: the fields start from defaultValue, so what is typed before hydration stays (and the form posts either way).

	await page.getByLabel(msg('nl', 'meetings_form_title'), { exact: true }).fill(TITLE);
	await page.getByLabel(msg('nl', 'meetings_form_description'), { exact: true }).fill('We delen ervaringen met werkvergunningen in landen met en zonder verdrag.');
	await page.getByLabel(msg('nl', 'meetings_form_link'), { exact: true }).fill(LINK);
	await page.getByLabel(msg('nl', 'meetings_form_item_title', { n: 1 }), { exact: true }).fill('Welkom en voorstelronde');
	await page.getByLabel(msg('nl', 'meetings_form_item_minutes', { n: 1 }), { exact: true }).fill('15');
	await page.getByLabel(msg('nl', 'meetings_form_item_title', { n: 2 }), { exact: true }).fill('Ervaringen met MoU-landen');
	await page.getByLabel(msg('nl', 'meetings_form_item_body', { n: 2 }), { exact: true }).fill('Wat lukte, wat liep vast?');
	await page.getByLabel(msg('nl', 'meetings_form_item_minutes', { n: 2 }), { exact: true }).fill('60');
	// A mistake first: an address that is not https. Every problem is listed at the top, the form keeps what was typed.
	await page.getByLabel(msg('nl', 'meetings_form_link'), { exact: true }).fill('http://meet.example.org/open');
	await page.getByRole('button', { name: msg('nl', 'meetings_form_create') }).click();
	const summary = page.getByRole('alert').filter({ hasText: msg('nl', 'error_summary_title') });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(`${msg('nl', 'meetings_form_link')}: ${msg('nl', 'error_meeting_link')}`);
	await expect(page.getByLabel(msg('nl', 'meetings_form_title'), { exact: true })).toHaveValue(TITLE);
	await page.getByLabel(msg('nl', 'meetings_form_link'), { exact: true }).fill(LINK);
	await page.getByRole('button', { name: msg('nl', 'meetings_form_create') }).click();

	await expect(page).toHaveURL(/\/board\/sessions\/\d+\?done=scheduled$/);
	sessionId = Number(/\/board\/sessions\/(\d+)/.exec(page.url())![1]);
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(page.getByRole('status')).toContainText(msg('nl', 'meetings_done_scheduled'));
	await expect(page.getByRole('link', { name: LINK })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Ervaringen met MoU-landen' })).toBeVisible();
	// The texts typed before the refusal came through it (a textarea keeps its text without JavaScript too).
	await expect(page.getByText('We delen ervaringen met werkvergunningen in landen met en zonder verdrag.')).toBeVisible();
	await expect(page.getByText('Wat lukte, wat liep vast?')).toBeVisible();
	// The places the other parts of a session live: the room, the calendar file, changing it.
	await expect(page.getByRole('link', { name: msg('nl', 'meetings_open_room') })).toHaveAttribute('href', `/board/sessions/${sessionId}/room`);
	await expect(page.getByRole('link', { name: msg('nl', 'meetings_calendar_link') })).toHaveAttribute('href', `/board/sessions/${sessionId}/calendar.ics`);
	await expect(page.getByRole('link', { name: msg('nl', 'meetings_edit_link') })).toBeVisible();
	await context.close();
});

test('an invited board member sees the link and answers; a partner not on the board is told the session does not exist', async ({ browser }) => {
	test.setTimeout(120_000);
	expect(sessionId).toBeGreaterThan(0);
	const context = await contextFor(browser, 'board', 'en');
	const page = await context.newPage();
	await page.goto('/board/sessions');
	await page.getByRole('link', { name: TITLE }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(page.getByRole('link', { name: LINK })).toBeVisible();
	// Amira lives in Bogotá: the time is on her clock, the zone named.
	await expect(page.locator('p.when')).toContainText('Bogota (UTC−5)');
	await page.getByRole('radio', { name: msg('en', 'meetings_rsvp_yes') }).check();
	await page.getByLabel(msg('en', 'meetings_rsvp_note'), { exact: true }).fill('I join by phone; captions would help.');
	await page.getByRole('button', { name: msg('en', 'meetings_rsvp_send') }).click();
	await expect(page.getByRole('status').filter({ hasText: msg('en', 'meetings_rsvp_saved', { answer: msg('en', 'meetings_rsvp_yes') }) })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('radio', { name: msg('en', 'meetings_rsvp_yes') })).toBeChecked();
	await context.close();

	// The coordinator reads the answer and the note.
	const coordinator = await contextFor(browser, 'coordinator', 'nl');
	const coord = await coordinator.newPage();
	await coord.goto(`/board/sessions/${sessionId}`);
	const row = coord.getByRole('row').filter({ hasText: 'Amira Haddad' });
	await expect(row).toContainText(msg('nl', 'meetings_rsvp_yes'));
	await expect(row).toContainText('I join by phone; captions would help.');
	await coordinator.close();

	const member = await contextFor(browser, 'member', 'nl');
	const partner = await member.newPage();
	const response = await partner.goto(`/board/sessions/${sessionId}`);
	expect(response?.status()).toBe(404);
	expect(await partner.content()).not.toContain(LINK);
	await partner.goto('/board/sessions');
	await expect(partner.getByRole('heading', { level: 1, name: msg('nl', 'meetings_title') })).toBeVisible();
	await expect(partner.getByText(TITLE)).toHaveCount(0);
	const api = await member.request.get(`/api/board/sessions/${sessionId}`);
	expect(api.status()).toBe(404);
	expect(await api.text()).not.toContain(LINK);
	await member.close();
});

const VIEWPORTS = [
	{ width: 1280, height: 900 },
	{ width: 390, height: 844 }
];

for (const lang of LANGS) {
	test(`the scheduling pages pass axe in ${lang === 'nl' ? 'Dutch' : 'English'} at 1280 and 390 px`, async ({ browser }) => {
		test.setTimeout(240_000);
		expect(sessionId).toBeGreaterThan(0);
		fs.mkdirSync('test-results/meetings', { recursive: true });
		const pages: { account: AccountName; path: string; name: string }[] = [
			{ account: 'coordinator', path: '/board/sessions', name: 'list' },
			{ account: 'coordinator', path: '/board/sessions/new?find=1&minutes=60', name: 'new-with-times' },
			{ account: 'coordinator', path: `/board/sessions/${sessionId}`, name: 'session-coordinator' },
			{ account: 'coordinator', path: `/board/sessions/${sessionId}/edit`, name: 'edit' },
			{ account: 'board', path: `/board/sessions/${sessionId}`, name: 'session-board' }
		];
		const contexts = new Map<AccountName, BrowserContext>();
		for (const p of pages) {
			if (!contexts.has(p.account)) contexts.set(p.account, await contextFor(browser, p.account, lang));
			const page = await contexts.get(p.account)!.newPage();
			for (const viewport of VIEWPORTS) {
				await page.setViewportSize(viewport);
				const response = await page.goto(p.path);
				expect(response?.status(), p.path).toBe(200);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expectAccessible(page, `${p.path} at ${viewport.width} px`, lang);
				await page.screenshot({ path: `test-results/meetings/${lang}-${viewport.width}-${p.name}.png`, fullPage: true });
			}
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `${p.path} scrolls sideways at 390 px by ${overflow} px`).toBeLessThanOrEqual(0);
			await page.close();
		}
		for (const c of contexts.values()) await c.close();
	});
}
