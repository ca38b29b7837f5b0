import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, roomJoined, useLanguage } from './helpers';

/**
 * The live session room in Chromium: the coordinator (Marieke) and a board
 * member (Amira) in two browsers. The coordinator moves the agenda and writes
 * a note, and the member sees both without reloading; the member proposes an
 * entry, the coordinator sees it arrive and takes it into the notes, and the
 * member sees that too. axe-core on both views, Dutch and English, on a wide
 * screen and a phone. Without JavaScript the room shows the agenda and the
 * notes, and a proposal goes through the form. Sessions are scheduled through
 * the API, starting in a few minutes (the room is open from then on).
 */
test.use({ bypassCSP: true });
const SIZES = [
	{ name: 'wide', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
];

const ITEMS = [
	{ title: 'Werkvergunningen in het buitenland', body: 'Ervaringen per standplaats: wat hielp, wat niet.', minutes: 20 },
	{ title: 'Professional-development allowance', body: 'Who used it, and what got in the way.', minutes: 15 },
	{ title: 'Terugkeer naar Nederland', body: '', minutes: 10 }
];

/** A session starting in a few minutes, the whole board invited; its id. */
async function scheduleSession(request: APIRequestContext, title: string): Promise<number> {
	const minute = (d: Date) => d.toISOString().slice(0, 16);
	const start = new Date(Date.now() + 3 * 60_000);
	const res = await request.post('/api/board/sessions', {
		data: { title, description: 'Een sessie van de klankbordgroep.', start: minute(start), end: minute(new Date(start.getTime() + 60 * 60_000)), timeZone: 'UTC', meetingLink: 'https://meet.example.org/klankbord-e2e', agenda: ITEMS, inviteBoard: true, guests: [] }
	});
	expect(res.status(), await res.text()).toBe(201);
	return ((await res.json()) as { id: number }).id;
}

/** The notes' entry (its list item) that holds `text`. */
const entry = (page: Page, text: string) => page.locator('li.entry', { hasText: text });

test('coordinator and member: the agenda and the notes move live; a proposal is accepted', async ({ browser }) => {
	test.setTimeout(240_000);
	const coordinator = await browser.newContext();
	const member = await browser.newContext();
	await apiLogin(coordinator, 'coordinator', 'en');
	await apiLogin(member, 'board', 'nl');
	const id = await scheduleSession(coordinator.request, 'E2E live: werken in het buitenland');

	const cp = await coordinator.newPage();
	const mp = await member.newPage();
	const joined = [roomJoined(cp, `meeting:${id}`), roomJoined(mp, `meeting:${id}`)];
	await cp.goto(`/board/sessions/${id}/room`);
	await mp.goto(`/board/sessions/${id}/room`);
	await Promise.all(joined);
	// Each sees both present.
	await expect(cp.getByRole('heading', { name: new RegExp(msg('en', 'room_present_title')) })).toContainText(msg('en', 'room_present_count', { count: 2 }), { timeout: 10_000 });
	await expect(mp.getByText('Marieke Jansen')).toBeVisible();
	// No current item yet: the member's page says so.
	await expect(mp.getByText(msg('nl', 'room_agenda_not_started'))).toBeVisible();

	// The coordinator starts the agenda: the member sees the first item current, with its time counting down.
	await cp.getByRole('button', { name: msg('en', 'room_agenda_start') }).click();
	const current = mp.locator('ol.items li[aria-current="step"]');
	await expect(current).toContainText(ITEMS[0]!.title, { timeout: 10_000 });
	await expect(current.locator('.left')).toHaveText(/^nog (19|20):\d\d$/);
	await cp.getByRole('button', { name: msg('en', 'room_agenda_next') }).click();
	await expect(current).toContainText(ITEMS[1]!.title, { timeout: 10_000 });

	// The coordinator writes a decision under the current item: it appears on the member's page.
	const decision = 'We vragen BZ om een overzicht van landen met een werkvergunningsverdrag.';
	await cp.locator('#add-kind').selectOption('decision');
	await cp.locator('#add-body').fill(decision);
	await cp.getByRole('button', { name: msg('en', 'room_add_submit'), exact: true }).click();
	await expect(cp.getByText(msg('en', 'room_added'))).toBeVisible();
	await expect(entry(mp, decision)).toContainText(msg('nl', 'room_kind_decision'), { timeout: 10_000 });

	// The member proposes a quote: the coordinator sees it arrive as a proposal and takes it into the notes.
	const quote = 'Zonder werk voelde ik me de eerste maanden onzichtbaar.';
	await mp.locator('#add-kind').selectOption('quote');
	await mp.locator('#add-body').fill(quote);
	await mp.getByRole('button', { name: msg('nl', 'room_propose_submit') }).click();
	await expect(mp.getByText(msg('nl', 'room_proposed'))).toBeVisible();
	await expect(entry(mp, quote)).toContainText(msg('nl', 'room_proposal_waiting'));
	const proposal = entry(cp, quote);
	await expect(proposal).toContainText(msg('en', 'room_proposal_badge'), { timeout: 10_000 });
	await proposal.getByRole('button', { name: msg('en', 'room_proposal_accept') }).click();
	await expect(cp.getByText(msg('en', 'room_accepted'))).toBeVisible();
	await expect(entry(mp, quote)).not.toContainText(msg('nl', 'room_proposal_waiting'), { timeout: 10_000 });
	await expect(entry(mp, quote)).toContainText(msg('nl', 'room_kind_quote'));
	// All of it live: the member's page never reloaded.
	expect(await mp.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

	// Accessible in both languages, wide and on a phone: the member's view and the coordinator's (an edit form open).
	for (const lang of LANGS) {
		for (const [context, page, who] of [
			[member, mp, 'member'],
			[coordinator, cp, 'coordinator']
		] as const) {
			await useLanguage(context, lang);
			await page.goto(`/board/sessions/${id}/room`);
			if (who === 'coordinator') await entry(page, decision).locator('summary').click();
			for (const size of SIZES) {
				await page.setViewportSize({ width: size.width, height: size.height });
				await expectAccessible(page, `session room, ${who} (${size.name})`, lang);
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(overflow, `the room scrolls sideways at ${size.width}`).toBeLessThanOrEqual(0);
			}
		}
	}
	await coordinator.close();
	await member.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the room shows the agenda and the notes, and a member proposes through the form', async ({ page, context, browser }) => {
		test.setTimeout(120_000);
		const coordinator = await browser.newContext();
		await apiLogin(coordinator, 'coordinator', 'en');
		const id = await scheduleSession(coordinator.request, 'E2E zonder JavaScript: terugkeer');
		const written = await coordinator.request.post(`/api/board/sessions/${id}/room/entries`, {
			data: { itemId: (await (await coordinator.request.get(`/api/board/sessions/${id}/room`)).json()).agenda.items[2].id, kind: 'follow_up', body: 'Navragen hoe de terugkeerregeling voor partners werkt.', owner: 'Marieke', dueDate: '2027-03-01' }
		});
		expect(written.status()).toBe(201);
		await coordinator.close();

		await apiLogin(context, 'board', 'en');
		await page.goto(`/board/sessions/${id}/room`);
		for (const item of ITEMS) await expect(page.getByRole('heading', { name: item.title })).toBeVisible();
		await expect(entry(page, 'Navragen hoe de terugkeerregeling')).toContainText(msg('en', 'room_follow_up_owner', { owner: 'Marieke' }));
		// A refused form names its problem; a good one is sent and shows as waiting, after the page reloads.
		await page.getByRole('button', { name: msg('en', 'room_propose_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(msg('en', 'error_meeting_entry_body'));
		await page.locator('#add-body').fill('Kinderen missen na terugkeer vaak de aansluiting op school.');
		await page.getByRole('button', { name: msg('en', 'room_propose_submit') }).click();
		await expect(page.getByText(msg('en', 'room_proposed'))).toBeVisible();
		await expect(entry(page, 'Kinderen missen na terugkeer')).toContainText(msg('en', 'room_proposal_waiting'));
	});
});
