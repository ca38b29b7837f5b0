import { expect, test } from '@playwright/test';
import { apiLogin, msg, roomJoined } from './helpers';

/**
 * Two members in two browsers: each sees the other reading along, and a reply
 * one of them posts appears on the other's open page without a reload.
 */
test('a reply appears on another member’s open thread without reloading', async ({ browser }) => {
	const sanne = await browser.newContext();
	const amira = await browser.newContext();
	await apiLogin(sanne, 'member', 'nl');
	await apiLogin(amira, 'board', 'en');

	const categories = await sanne.request.get('/api/categories');
	const slug = ((await categories.json()) as { slug: string }[])[0]!.slug;
	const created = await sanne.request.post('/api/threads', {
		data: { category: slug, title: 'Live test: wie is er in Bogotá?', body: 'Ik kom in januari aan en zoek andere partners.' }
	});
	expect(created.status()).toBe(201);
	const { threadId } = (await created.json()) as { threadId: number };

	const sannePage = await sanne.newPage();
	const amiraPage = await amira.newPage();
	await amiraPage.goto(`/group/t/${threadId}`);
	await sannePage.goto(`/group/t/${threadId}`);
	// Both sockets have joined the thread once each sees the other reading along.
	await expect(amiraPage.getByText(/Reading now: Sanne de Vries/)).toBeVisible({ timeout: 15_000 });
	await expect(sannePage.getByText(/Leest nu mee: Amira Haddad/)).toBeVisible({ timeout: 15_000 });

	const reply = await sanne.request.post(`/api/threads/${threadId}/posts`, {
		data: { body: 'Update: ik heb al een **tijdelijk appartement** gevonden in Chapinero.' }
	});
	expect(reply.status()).toBe(201);
	await expect(amiraPage.locator('.post-body strong', { hasText: 'tijdelijk appartement' })).toBeVisible({ timeout: 5_000 });
	// No reload happened: the page is the same document.
	expect(await amiraPage.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

	// An edit by the author replaces the text in place.
	const { id } = (await reply.json()) as { id: number };
	const edit = await sanne.request.patch(`/api/posts/${id}`, { data: { body: 'Update: ik heb een **vast appartement** gevonden.' } });
	expect(edit.status()).toBe(200);
	await expect(amiraPage.locator('.post-body strong', { hasText: 'vast appartement' })).toBeVisible({ timeout: 5_000 });
	await expect(amiraPage.getByText('tijdelijk appartement')).toHaveCount(0);
	await sanne.close();
	await amira.close();
});

/**
 * The connection drops while a reply is posted: the page says it is
 * reconnecting, then that it is catching up (the catch-up is held back), and
 * once the catch-up has answered, the reply is there and the status line is
 * empty again.
 */
test('a page that lost its connection says so, catches up, and shows what it missed', async ({ browser }) => {
	const sanne = await browser.newContext();
	const amira = await browser.newContext();
	await apiLogin(sanne, 'member', 'nl');
	await apiLogin(amira, 'board', 'en');
	const slug = (((await (await sanne.request.get('/api/categories')).json()) as { slug: string }[])[0]!).slug;
	const created = await sanne.request.post('/api/threads', { data: { category: slug, title: 'Live test: verbinding kwijt', body: 'Wie kent een goede huisarts in Accra?' } });
	expect(created.status()).toBe(201);
	const { threadId } = (await created.json()) as { threadId: number };

	const page = await amira.newPage();
	// The network, as far as this page is concerned: the socket (either transport) and the catch-up requests.
	let down = false;
	const open: { close(): Promise<void> }[] = [];
	await page.routeWebSocket(/\/socket\.io\//, (ws) => {
		if (down) return void ws.close();
		// Closing the server's side is passed on to the page, as a dropped network would be.
		open.push(ws.connectToServer());
	});
	await page.route(/\/socket\.io\//, (route) => (down ? route.abort('internetdisconnected') : route.continue()));
	let releaseCatchUp: (() => void) | null = null;
	await page.route(/\/api\/threads\/\d+\/changes/, async (route) => {
		if (down) return route.abort('internetdisconnected');
		if (releaseCatchUp === null) {
			const gate = new Promise<void>((resolve) => (releaseCatchUp = resolve));
			await gate;
		}
		await route.continue();
	});
	releaseCatchUp = () => {};
	const joined = roomJoined(page, `thread:${threadId}`);
	await page.goto(`/group/t/${threadId}`);
	await joined;
	// Dropped once the connection has moved from long-polling to the WebSocket, so there is one to drop.
	await expect.poll(() => open.length, { timeout: 15_000 }).toBeGreaterThan(0);
	await expect(page.getByText(msg('en', 'live_reconnecting'))).toHaveCount(0);

	down = true;
	for (const ws of open.splice(0)) await ws.close();
	await expect(page.getByText(msg('en', 'live_reconnecting'))).toBeVisible({ timeout: 10_000 });
	const reply = await sanne.request.post(`/api/threads/${threadId}/posts`, { data: { body: 'Ja: dokter **Mensah** in Osu, heel goed.' } });
	expect(reply.status()).toBe(201);

	// Back online; the catch-up is held, so the page may still be behind and says so
	// (the missed reply may already be there, replayed by Socket.IO's connection recovery).
	releaseCatchUp = null;
	down = false;
	await expect(page.getByText(msg('en', 'live_catching_up'))).toBeVisible({ timeout: 20_000 });
	(releaseCatchUp as (() => void) | null)?.();
	await expect(page.locator('.post-body strong', { hasText: 'Mensah' })).toBeVisible({ timeout: 10_000 });
	await expect(page.getByText(msg('en', 'live_catching_up'))).toHaveCount(0);
	await expect(page.getByText(msg('en', 'live_reconnecting'))).toHaveCount(0);
	expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
	await sanne.close();
	await amira.close();
});
