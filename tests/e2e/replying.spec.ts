import { expect, test, type Page } from '@playwright/test';
import { apiLogin, BASE_URL, langOf, msg, roomJoined } from './helpers';

/**
 * Replying as people do: pressing twice, replying again straight after, with
 * and without JavaScript. After a reply the box is empty, the reader stays in
 * the conversation (the posts before theirs on the page), and one press or
 * two make one post.
 */

const THREAD = 'Op afstand werken voor een Nederlandse werkgever: belasting en sociale zekerheid';

async function openThread(page: Page): Promise<string> {
	await page.goto('/group/work-and-career');
	const href = await page.getByRole('link', { name: THREAD, exact: true }).first().getAttribute('href');
	expect(href).toMatch(/^\/group\/t\/\d+$/);
	return href!;
}

/** The text of the post just before this one on the page. */
const postBefore = (page: Page, postId: string) =>
	page.locator('article[id^="post-"]').evaluateAll((posts, id) => {
		const i = posts.findIndex((p) => p.id === `post-${id}`);
		return i > 0 ? (posts[i - 1]!.textContent ?? '') : null;
	}, postId);

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('after a reply the page shows the conversation up to it, and a form sent twice makes one post', async ({ page, context }) => {
		await apiLogin(context, 'board');
		const href = await openThread(page);
		await page.goto(href);
		const lang = await langOf(page);
		const lastBefore = (await page.locator('article[id^="post-"]').last().textContent()) ?? '';

		const text = `Zonder JS, één keer ${Date.now()}`;
		await page.getByLabel(msg(lang, 'field_body'), { exact: true }).fill(text);
		await page.getByRole('button', { name: msg(lang, 'reply_submit') }).click();
		await expect(page).toHaveURL(/\?to=\d+#post-\d+$/);
		const postId = new URL(page.url()).hash.slice('#post-'.length);
		await expect(page.locator(`#post-${postId}`)).toContainText(text);
		// The conversation is there, not one post behind an "earlier posts" link.
		expect(await postBefore(page, postId)).toBe(lastBefore);
		await expect(page.getByRole('link', { name: msg(lang, 'earlier_posts') })).toHaveCount(0);
		await expect(page.getByLabel(msg(lang, 'field_body'), { exact: true })).toHaveValue('');

		// The same form sent twice (a double press, a retry after a timeout): its key makes it one post.
		const key = await page.locator('input[name="idempotencyKey"]').inputValue();
		const twice = `Zonder JS, twee keer verstuurd ${Date.now()}`;
		for (let i = 0; i < 2; i++) {
			const res = await context.request.post(`${href}?/reply`, { form: { body: twice, idempotencyKey: key }, headers: { origin: BASE_URL, accept: 'text/html' }, maxRedirects: 0 });
			expect(res.status()).toBe(303);
		}
		await page.goto(href + '?to=999999999');
		await expect(page.locator('article[id^="post-"]', { hasText: twice })).toHaveCount(1);
	});
});

test('with JavaScript: the box empties after a reply, the next reply is only the new text, and a double press posts once', async ({ page, context }) => {
	await apiLogin(context, 'member');
	const href = await openThread(page);
	const live = roomJoined(page, `thread:${href.split('/').pop()}`);
	await page.goto(href);
	await live;
	const lang = await langOf(page);
	const box = page.getByLabel(msg(lang, 'field_body'), { exact: true });
	const send = page.getByRole('button', { name: msg(lang, 'reply_submit') });
	const lastBefore = (await page.locator('article[id^="post-"]').last().textContent()) ?? '';

	const first = `Eerste antwoord ${Date.now()}`;
	await box.fill(first);
	await send.click();
	await expect(page).toHaveURL(/\?to=\d+#post-\d+$/);
	const firstId = new URL(page.url()).hash.slice('#post-'.length);
	await expect(page.locator(`#post-${firstId}`)).toContainText(first);
	await expect(box).toHaveValue('');
	expect(await postBefore(page, firstId)).toBe(lastBefore);

	// Straight after: the new reply is the new text only.
	const second = `Tweede antwoord ${Date.now()}`;
	await box.fill(second);
	await send.click();
	await expect(page).not.toHaveURL(new RegExp(`#post-${firstId}$`));
	const secondId = new URL(page.url()).hash.slice('#post-'.length);
	await expect(page.locator(`#post-${secondId}`)).toContainText(second);
	await expect(page.locator(`#post-${secondId}`)).not.toContainText(first);
	await expect(box).toHaveValue('');
	await expect(page.locator(`#post-${firstId}`)).toBeVisible();

	// A double press while the first is on its way (held back here): one post.
	const third = `Dubbel gedrukt ${Date.now()}`;
	await box.fill(third);
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	let posts = 0;
	await page.route(/\?\/reply$/, async (route) => {
		posts++;
		await held;
		await route.continue();
	});
	await send.click();
	await expect(send).toBeDisabled();
	// The button refuses a second press; a second submit of the form (Enter in a field, a script) still goes out.
	await page.locator('form[action="?/reply"]').evaluate((f: HTMLFormElement) => f.requestSubmit());
	await expect.poll(() => posts).toBe(2);
	release();
	await expect(page).not.toHaveURL(new RegExp(`#post-${secondId}$`));
	await expect(box).toHaveValue('');
	await expect(send).toBeEnabled();
	await page.unroute(/\?\/reply$/);
	await page.goto(href + '?to=999999999');
	await expect(page.locator('article[id^="post-"]', { hasText: third })).toHaveCount(1);
});
