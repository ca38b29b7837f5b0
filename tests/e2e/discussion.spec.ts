import { expect, test, type Page } from '@playwright/test';
import { apiLogin, expectAccessible, langOf, LANGS, login, msg, roomJoined } from './helpers';

/**
 * The group: reading, replying, starting a thread and searching with
 * JavaScript off (plain forms), and an axe-core WCAG 2.1 AA scan of every
 * discussion page in both languages.
 */


/** The address of the demo thread with this title, from the group page. */
async function threadHref(page: Page, title: string): Promise<string> {
	await page.goto('/group/work-and-career');
	const href = await page.getByRole('link', { name: title, exact: true }).first().getAttribute('href');
	expect(href).toMatch(/^\/group\/t\/\d+$/);
	return href!;
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a member reads a thread, replies, reacts, starts a thread and searches', async ({ page }) => {
		test.setTimeout(60_000);
		await login(page, 'member');
		await expect(page).toHaveURL(/\/home$/);
		const lang = await langOf(page);

		// From the menu to the group, a category and a thread.
		await page.getByRole('navigation', { name: msg(lang, 'nav_label') }).getByRole('link', { name: msg(lang, 'nav_group'), exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'group_title'));
		await page.getByRole('link', { name: lang === 'en' ? 'Work and career abroad' : 'Werk en loopbaan in het buitenland' }).first().click();
		await expect(page).toHaveURL(/\/group\/work-and-career$/);
		const title = 'The professional-development allowance: what did you use it for?';
		await page.getByRole('link', { name: title, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.getByText('Ik heb hem vorig jaar gebruikt voor een online opleiding')).toBeVisible();

		// Reply with markdown; the page comes back at the new post.
		const reply = `Ik gebruik hem nu voor een **cursus** Bahasa (zonder JS ${Date.now()}).`;
		await page.getByLabel(msg(lang, 'field_body'), { exact: true }).fill(reply);
		await page.getByRole('button', { name: msg(lang, 'reply_submit') }).click();
		await expect(page).toHaveURL(/\?to=\d+#post-\d+$/);
		const postId = new URL(page.url()).hash.slice('#post-'.length);
		const mine = page.locator(`#post-${postId}`);
		await expect(mine).toContainText('Bahasa');
		await expect(mine.locator('strong')).toHaveText('cursus');

		// React with a plain form button; pressing again takes it back.
		const heart = mine.getByRole('button', { name: msg(lang, 'reaction_count', { reaction: msg(lang, 'reaction_heart'), count: 0 }) });
		await heart.click();
		await expect(page.locator(`#post-${postId}`).getByRole('button', { name: msg(lang, 'reaction_count', { reaction: msg(lang, 'reaction_heart'), count: 1 }) })).toHaveAttribute('aria-pressed', 'true');

		// Edit it: "edited" with the earlier version kept.
		await page.locator(`#post-${postId}`).getByRole('link', { name: msg(lang, 'edit') }).click();
		await page.getByLabel(msg(lang, 'edit_title'), { exact: true }).fill('Bijgewerkt: ik gebruik hem voor een cursus Bahasa Indonesia.');
		await page.getByRole('button', { name: msg(lang, 'edit_save') }).click();
		await expect(page.locator(`#post-${postId}`)).toContainText('Bijgewerkt');
		await expect(page.locator(`#post-${postId}`).getByText(msg(lang, 'post_history'))).toBeVisible();

		// Start a thread in a category.
		await page.goto('/group/moving-and-settling-in');
		const newTitle = `Verhuizen met een piano ${Date.now()}`;
		await page.getByLabel(msg(lang, 'field_title'), { exact: true }).fill(newTitle);
		await page.getByLabel(msg(lang, 'kind_question')).check();
		await page.getByLabel(msg(lang, 'field_country')).selectOption('ID');
		await page.getByLabel(msg(lang, 'field_body'), { exact: true }).fill('Heeft iemand ervaring met het verschepen van een piano naar de tropen?');
		await page.getByRole('button', { name: msg(lang, 'create_thread_submit') }).click();
		await expect(page).toHaveURL(/\/group\/t\/\d+$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(newTitle);
		await expect(page.getByText(msg(lang, 'thread_question'), { exact: true })).toBeVisible();

		// A refusal is a readable message on the page.
		await page.goto('/group/moving-and-settling-in');
		// Long enough for the browser's own check, too short once trimmed on the server.
		await page.getByLabel(msg(lang, 'field_title'), { exact: true }).fill('   xy   ');
		await page.getByLabel(msg(lang, 'field_body'), { exact: true }).fill('Te korte titel');
		await page.getByRole('button', { name: msg(lang, 'create_thread_submit') }).click();
		await expect(page.getByRole('alert')).toHaveText(msg(lang, 'error_title'));
		await expect(page.getByLabel(msg(lang, 'field_body'), { exact: true })).toHaveValue('Te korte titel');

		// Search finds the new thread by an inflected word, highlighted.
		await page.getByRole('navigation', { name: msg(lang, 'nav_label') }).getByRole('link', { name: msg(lang, 'nav_search') }).click();
		await page.getByLabel(msg(lang, 'search_field')).fill('pianos verschepen');
		await page.getByRole('button', { name: msg(lang, 'search_submit') }).click();
		await expect(page).toHaveURL(/\/search\?q=pianos/);
		const result = page.getByRole('link', { name: newTitle });
		await expect(result).toBeVisible();
		await expect(page.locator('.search-results mark').first()).toBeVisible();
		await result.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(newTitle);
	});

	test('the bell counts unread notifications and the notifications page marks them read', async ({ page, context }) => {
		await apiLogin(context, 'board');
		await page.goto('/notifications');
		const lang = await langOf(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'notifications_title'));
		const bell = page.getByRole('banner').getByRole('link', { name: new RegExp(msg(lang, 'notifications_title')) });
		await expect(bell).toBeVisible();
		const markAll = page.getByRole('button', { name: msg(lang, 'notifications_mark_all') });
		if (await markAll.count()) {
			await markAll.click();
			await expect(page.getByRole('status')).toHaveText(msg(lang, 'notifications_marked'));
		}
		await expect(page.getByRole('banner').getByRole('link', { name: msg(lang, 'bell_label_none') })).toBeVisible();
	});

	test('people outside the group get no page of it', async ({ page, context }) => {
		await apiLogin(context, 'coordinator');
		for (const path of ['/group', '/group/welcome', '/search?q=werk']) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(403);
		}
		// Their own inbox they do have (the sounding board tells coordinators of invitations answered and terms ending).
		expect((await page.goto('/notifications'))?.status()).toBe(200);
		await context.clearCookies();
		const response = await page.goto('/group');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fgroup$/);
		expect(response?.status()).toBe(200);
	});
});

for (const lang of LANGS) {
	test.describe(() => {
	// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
	test.use({ bypassCSP: true });
	test(`discussion pages pass axe-core in ${lang === 'nl' ? 'Dutch' : 'English'}`, async ({ page, context }) => {
		test.setTimeout(90_000);
		await apiLogin(context, 'member', lang);
		await page.goto('/group');
		await expectAccessible(page, '/group', lang);
		await page.goto('/group/work-and-career');
		await expectAccessible(page, '/group/work-and-career', lang);
		const href = await threadHref(page, 'Werkvergunning in Indonesië: geldt het MoU ook voor freelancers?');
		await page.goto(href);
		await expectAccessible(page, 'thread page', lang);
		const firstPost = await page.locator('article.post').first().getAttribute('id');
		const id = firstPost!.slice('post-'.length);
		await page.goto(`${href}?edit=${id}`);
		await expectAccessible(page, 'thread page, editing', lang);
		await page.goto(`${href}?quote=${id}`);
		await expectAccessible(page, 'thread page, quoting', lang);
		await page.goto('/search');
		await expectAccessible(page, '/search', lang);
		await page.goto('/search?q=werkvergunning&category=work-and-career');
		await expect(page.locator('.search-results mark').first()).toBeVisible();
		await expectAccessible(page, '/search with results', lang);
		await page.goto('/search?q=x');
		await expectAccessible(page, '/search with an error', lang);
		await page.goto('/notifications');
		await expectAccessible(page, '/notifications', lang);

		await context.clearCookies();
		await apiLogin(context, 'admin', lang);
		await page.goto('/admin/categories');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'admin_categories_title'));
		await expectAccessible(page, '/admin/categories', lang);
	});
	});
}

test('an admin adds, renames and archives a category', async ({ page, context }) => {
	await apiLogin(context, 'admin');
	await page.goto('/admin/categories');
	const lang = await langOf(page);
	const create = page.getByRole('region', { name: msg(lang, 'category_new') });
	const stamp = Date.now();
	await create.getByLabel(msg(lang, 'field_name_nl')).fill(`Proefcategorie ${stamp}`);
	await create.getByLabel(msg(lang, 'field_name_en')).fill(`Trial category ${stamp}`);
	await create.getByLabel(msg(lang, 'field_slug')).fill(`trial-${stamp}`);
	await create.getByRole('button', { name: msg(lang, 'category_create') }).click();
	await expect(page.getByRole('status')).toHaveText(msg(lang, 'category_created'));
	const card = page.locator('li.card', { hasText: `Proefcategorie ${stamp}` });
	await card.getByRole('button', { name: new RegExp(`^${msg(lang, 'category_archive')}`) }).click();
	await expect(page.locator('li.card', { hasText: `Proefcategorie ${stamp}` }).getByText(msg(lang, 'category_archived_badge'))).toBeVisible();
});

test('what an admin types before the page has loaded its scripts is kept when they load', async ({ page, context }) => {
	await apiLogin(context, 'admin');
	// Hold the page's scripts back, as a slow connection would, while the form is already on screen.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/admin/categories', { waitUntil: 'domcontentloaded' });
	const lang = await langOf(page);
	const create = page.getByRole('region', { name: msg(lang, 'category_new') });
	const stamp = Date.now();
	await create.getByLabel(msg(lang, 'field_name_nl')).fill(`Vroeg getypt ${stamp}`);
	await create.getByLabel(msg(lang, 'field_name_en')).fill(`Typed early ${stamp}`);
	const hydrated = page.waitForLoadState('networkidle');
	release();
	await hydrated;
	await expect(create.getByLabel(msg(lang, 'field_name_nl'))).toHaveValue(`Vroeg getypt ${stamp}`);
	await expect(create.getByLabel(msg(lang, 'field_name_en'))).toHaveValue(`Typed early ${stamp}`);
	await create.getByRole('button', { name: msg(lang, 'category_create') }).click();
	await expect(page.getByRole('status')).toHaveText(msg(lang, 'category_created'));
	await expect(page.locator('li.card', { hasText: `Vroeg getypt ${stamp}` })).toHaveCount(1);
});

test('with JavaScript: @mention suggestions on the reply box, and replying without a reload', async ({ page, context }) => {
	await apiLogin(context, 'member');
	const href = await threadHref(page, 'Op afstand werken voor een Nederlandse werkgever: belasting en sociale zekerheid');
	// Suggestions come with the page's scripts: type once the page is live (its thread room joined).
	const live = roomJoined(page, `thread:${href.split('/').pop()}`);
	await page.goto(href);
	await live;
	const lang = await langOf(page);
	const box = page.getByLabel(msg(lang, 'field_body'), { exact: true });
	await box.click();
	await box.pressSequentially('Goede vraag @ami');
	const option = page.getByRole('option', { name: /@amira-haddad/ });
	await expect(option).toBeVisible();
	await expect(box).toHaveAttribute('aria-activedescendant', /-0$/);
	await page.keyboard.press('Enter');
	await expect(box).toHaveValue('Goede vraag @amira-haddad ');
	await expect(page.getByRole('listbox')).toHaveCount(0);
	await box.pressSequentially('wat denk jij?');
	await page.getByRole('button', { name: msg(lang, 'reply_submit') }).click();
	await expect(page).toHaveURL(/\?to=\d+#post-\d+$/);
	const postId = new URL(page.url()).hash.slice('#post-'.length);
	await expect(page.locator(`#post-${postId} a.mention`)).toHaveText('@amira-haddad');
});
