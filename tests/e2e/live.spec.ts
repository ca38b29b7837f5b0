import { expect, test } from '@playwright/test';
import { apiLogin } from './helpers';

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
