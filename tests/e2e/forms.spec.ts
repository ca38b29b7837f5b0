import { expect, test, type Page } from '@playwright/test';
import { apiLogin, expectAccessible, langOf, LANGS, loginAs, msg, type Lang } from './helpers';
import type { SettingView as Setting } from '../../src/lib/server/admin/settings';

/**
 * Forms that tell people what happened (the GOV.UK pattern): every problem
 * at once in a summary at the top, with a link to each field, focus on the
 * summary, each field marked and described by its own message; a
 * confirmation beside the button, announced.
 */
test.use({ bypassCSP: true });

const JOIN_FIELDS: [field: string, target: string, message: string][] = [
	['displayName', 'displayName', 'error_display_name'],
	['email', 'email', 'error_email_invalid'],
	['password', 'password', 'error_password_too_short'],
	['postingCountry', 'postingCountry', 'error_posting_country'],
	['postingCity', 'postingCity', 'error_city'],
	['relation', 'relation-', 'error_relation'],
	['civilServantName', 'civilServantName', 'error_civil_servant_name'],
	['civilServantDepartment', 'civilServantDepartment', 'error_department'],
	['languages', 'languages-', 'error_spoken_languages_required'],
	['acceptGuidelines', 'acceptGuidelines', 'error_guidelines_not_accepted']
];

async function expectJoinSummary(page: Page, lang: Lang) {
	const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: msg(lang, 'error_summary_title') }) });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	const links = summary.getByRole('link');
	await expect(links).toHaveCount(JOIN_FIELDS.length);
	// In the order of the form, top to bottom.
	await expect(links).toHaveText(JOIN_FIELDS.map(([, , key]) => msg(lang, key)));
	for (const [field, target, key] of JOIN_FIELDS) {
		const link = summary.getByRole('link', { name: msg(lang, key), exact: true });
		await expect(link, field).toHaveAttribute('href', new RegExp(`^#${target}`));
		// The field itself says so, and its own message is read with it.
		const id = (await link.getAttribute('href'))!.slice(1);
		const input = page.locator(`[id="${id}"]`);
		// (A radio button cannot be marked invalid: its group points at the message.)
		if (field !== 'relation') await expect(input, field).toHaveAttribute('aria-invalid', 'true');
		const own = page.locator(`[id="${field === 'relation' || field === 'languages' ? field : id}-error"]`);
		await expect(own, field).toContainText(msg(lang, key));
		const describedBy = field === 'relation' || field === 'languages' ? await input.locator('xpath=ancestor::fieldset[1]').getAttribute('aria-describedby') : await input.getAttribute('aria-describedby');
		expect(describedBy?.split(' '), field).toContain(`${field === 'relation' || field === 'languages' ? field : id}-error`);
	}
	return summary;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('the join form sent empty lists every problem at the top, focused, each field marked', async ({ page }) => {
			await page.goto('/join');
			const lang = await langOf(page);
			await page.getByRole('button', { name: msg(lang, 'join_submit') }).click();
			await expect(page).toHaveURL(/\/join/);
			const summary = await expectJoinSummary(page, lang);
			if (javaScriptEnabled) {
				// Axe needs a script on the page; the markup is the same the server renders without JavaScript.
				await expectAccessible(page, '/join with every field empty', lang);
				// A link takes the person to the field.
				await summary.getByRole('link', { name: msg(lang, 'error_city'), exact: true }).click();
				await expect(page.locator('#postingCity')).toBeFocused();
				// Corrected in part and sent again: the summary lists what is left, focused again.
				await page.locator('#displayName').fill('Noor Test');
				await page.getByRole('button', { name: msg(lang, 'join_submit') }).click();
				await expect(summary.getByRole('link')).toHaveCount(JOIN_FIELDS.length - 1);
				await expect(summary).toBeFocused();
				await expect(page.locator('#displayName')).not.toHaveAttribute('aria-invalid', 'true');
			}
		});
	});
}

test('saving the profile says so beside the button, announced', async ({ page }) => {
	await loginAs(page, 'board');
	await page.goto('/profile');
	const lang = await langOf(page);
	const status = page.getByRole('status').filter({ hasText: msg(lang, 'saved') });
	await expect(status).toHaveCount(0);
	const save = page.getByRole('button', { name: msg(lang, 'save') });
	await save.click();
	await expect(status).toBeVisible();
	await expect(status).toHaveText(msg(lang, 'saved'));
	// Beside the button that was used, in view, not at the top of the form.
	const [button, note] = await Promise.all([save.boundingBox(), status.boundingBox()]);
	expect(Math.abs(note!.y - button!.y)).toBeLessThan(120);
	await expect(status).toBeInViewport();
	await expectAccessible(page, '/profile saved', lang);
});

/** The summary of the problems on the page (or in one form of it): the alert with the summary's heading. */
const summaryIn = (page: Page, lang: Lang, scope: Page | ReturnType<Page['locator']> = page) =>
	scope.getByRole('alert').filter({ has: page.getByRole('heading', { name: msg(lang, 'error_summary_title') }) });

/** Each link of a summary goes to a field that is marked invalid and described by its own message, which says `own`. */
async function expectLinkedField(page: Page, link: ReturnType<Page['locator']>, own: string) {
	const id = (await link.getAttribute('href'))!.slice(1);
	const field = page.locator(`[id="${id}"]`);
	await expect(field, id).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator(`[id="${id}-error"]`), id).toContainText(own);
	expect((await field.getAttribute('aria-describedby'))?.split(' '), id).toContain(`${id}-error`);
}

const VIEWPORTS = [
	{ width: 1280, height: 900 },
	{ width: 390, height: 844 }
];

for (const lang of LANGS)
	for (const viewport of VIEWPORTS)
		test.describe(`${lang}, ${viewport.width}×${viewport.height}`, () => {
			test.use({ viewport });

			test('admin settings with two bad values name both at the top, focused, linked; nothing is saved', async ({ page, context }) => {
				await apiLogin(context, 'admin', lang);
				const before = (await (await context.request.get('/api/admin/settings')).json()) as Setting[];
				const byKey = Object.fromEntries(before.map((s) => [s.key, s]));
				// Hydrated before typing: hydration would put the loaded values back.
				const hydrated = page.waitForLoadState('networkidle');
				await page.goto('/admin/settings');
				await hydrated;
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				// Two bad values: one out of bounds, one left empty. The page lists settings in this order.
				const bad = before.map((s) => s.key).filter((k) => k === 'reportsToHide' || k === 'loginFailuresPerAccount');
				// Typed again until it stays: a value typed while the page hydrates is put back to the loaded one.
				await expect(async () => {
					await page.locator('#setting-reportsToHide').fill('0');
					await page.locator('#setting-loginFailuresPerAccount').fill('');
					await page.waitForTimeout(300);
					await expect(page.locator('#setting-reportsToHide')).toHaveValue('0', { timeout: 100 });
					await expect(page.locator('#setting-loginFailuresPerAccount')).toHaveValue('', { timeout: 100 });
				}).toPass();
				await page.getByRole('button', { name: msg(lang, 'settings_save') }).click();

				const summary = summaryIn(page, lang);
				await expect(summary).toBeFocused();
				const links = summary.getByRole('link');
				await expect(links).toHaveCount(2);
				for (const [i, key] of bad.entries()) {
					const s = byKey[key]!;
					const own = msg(lang, 'error_setting_value', { min: s.min, max: s.max, default: s.default });
					// The summary says which setting, then what is wrong with it.
					await expect(links.nth(i)).toHaveText(`${msg(lang, `setting_${key}`)}: ${own}`);
					await expect(links.nth(i)).toHaveAttribute('href', `#setting-${key}`);
					await expectLinkedField(page, links.nth(i), own);
				}
				await expect(page.locator('#setting-approveFirstPosts')).not.toHaveAttribute('aria-invalid', 'true');
				await page.screenshot({ path: test.info().outputPath(`settings-errors-${lang}-${viewport.width}.png`), fullPage: false });
				await expectAccessible(page, '/admin/settings with two bad values', lang);

				// A link takes the person to the field.
				await summary.getByRole('link').nth(1).click();
				await expect(page.locator(`#setting-${bad[1]}`)).toBeFocused();
				await expect(page.locator(`#setting-${bad[1]}`)).toBeInViewport();

				// Nothing was saved, not even the good values sent with the bad ones.
				const after = (await (await context.request.get('/api/admin/settings')).json()) as Setting[];
				expect(after.map((s) => [s.key, s.value])).toEqual(before.map((s) => [s.key, s.value]));

				// One corrected and sent again: the other is still named, focused again.
				await page.locator('#setting-reportsToHide').fill(String(byKey.reportsToHide!.value));
				await page.getByRole('button', { name: msg(lang, 'settings_save') }).click();
				await expect(links).toHaveCount(1);
				await expect(links.first()).toHaveAttribute('href', '#setting-loginFailuresPerAccount');
				await expect(summary).toBeFocused();
				await expect(page.locator('#setting-reportsToHide')).not.toHaveAttribute('aria-invalid', 'true');
			});

			test('the watched-word forms sent empty name the problem at the top of their form, focused, linked', async ({ page, context }) => {
				await apiLogin(context, 'moderator', lang);
				const hydrated = page.waitForLoadState('networkidle');
				await page.goto('/moderation/words');
				await hydrated;
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				const words = await page.locator('tbody tr').count();

				const add = page.locator('form[action="?/add"]');
				await add.getByRole('button', { name: msg(lang, 'word_add') }).click();
				const addSummary = summaryIn(page, lang, add);
				await expect(addSummary).toBeFocused();
				await expect(addSummary.getByRole('link')).toHaveCount(1);
				await expect(addSummary.getByRole('link')).toHaveText(msg(lang, 'error_word'));
				await expect(addSummary.getByRole('link')).toHaveAttribute('href', '#pattern');
				await expectLinkedField(page, addSummary.getByRole('link'), msg(lang, 'error_word'));
				// Only the form that was sent shows problems.
				await expect(summaryIn(page, lang)).toHaveCount(1);
				await page.screenshot({ path: test.info().outputPath(`words-add-error-${lang}-${viewport.width}.png`), fullPage: false });
				await expectAccessible(page, '/moderation/words with an empty word', lang);
				await addSummary.getByRole('link').click();
				await expect(page.locator('#pattern')).toBeFocused();

				// The import sent with neither a file nor lines: its own summary, the add form's is gone.
				const importForm = page.locator('form[action="?/import"]');
				await importForm.getByRole('button', { name: msg(lang, 'word_csv_import') }).click();
				const importSummary = summaryIn(page, lang, importForm);
				await expect(importSummary).toBeFocused();
				await expect(importSummary.getByRole('link')).toHaveText(msg(lang, 'error_csv'));
				await expect(importSummary.getByRole('link')).toHaveAttribute('href', '#csv-text');
				await expectLinkedField(page, importSummary.getByRole('link'), msg(lang, 'error_csv'));
				await expect(summaryIn(page, lang)).toHaveCount(1);
				await expect(page.locator('#pattern')).not.toHaveAttribute('aria-invalid', 'true');
				await page.screenshot({ path: test.info().outputPath(`words-import-error-${lang}-${viewport.width}.png`), fullPage: false });
				await expectAccessible(page, '/moderation/words with an empty import', lang);

				// Nothing was added.
				await page.reload();
				await expect(page.locator('tbody tr')).toHaveCount(words);
			});
		});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('admin settings with two bad values: the new page opens on the summary, what was typed kept', async ({ page, context }) => {
		await apiLogin(context, 'admin');
		await page.goto('/admin/settings');
		const lang = await langOf(page);
		await page.locator('#setting-postsPerWindow').fill('-3');
		await page.locator('#setting-postWindowMinutes').fill('');
		await page.getByRole('button', { name: msg(lang, 'settings_save') }).click();
		const summary = summaryIn(page, lang);
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveCount(2);
		await expect(page.locator('#setting-postsPerWindow')).toHaveValue('-3');
		await expect(page.locator('#setting-postsPerWindow')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.locator('#setting-postWindowMinutes')).toHaveAttribute('aria-invalid', 'true');
	});

	test('a watched word refused: the page opens on the add form\'s summary, the word as typed', async ({ page, context }) => {
		await apiLogin(context, 'moderator');
		await page.goto('/moderation/words');
		const lang = await langOf(page);
		await page.locator('#pattern').fill('<nope>');
		await page.getByRole('button', { name: msg(lang, 'word_add') }).click();
		const summary = summaryIn(page, lang, page.locator('form[action="?/add"]'));
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveAttribute('href', '#pattern');
		await expect(page.locator('#pattern')).toHaveValue('<nope>');
	});
});

/**
 * On a slow phone people type before the page's script has run; hydration must
 * not put the server's value back over what they typed (it did: one-way `value`
 * is written on hydration, `defaultValue` is not).
 */
test('what is typed before the script has run survives hydration (admin settings, profile dimensions)', async ({ browser }) => {
	for (const [account, path, label, typed] of [
		['admin', '/admin/settings', 'setting_reportsToHide', '7'],
		['coordinator', '/board/dimensions', 'board_dimensions_label_en', 'Housing abroad']
	] as const) {
		const context = await browser.newContext();
		await apiLogin(context, account, 'en');
		const page = await context.newPage();
		// Hold the page's scripts until the field has been typed in.
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(path, { waitUntil: 'domcontentloaded' });
		const field = page.getByLabel(msg('en', label), { exact: true });
		await field.fill(typed);
		release();
		// The held scripts load and run: the page hydrates.
		await page.waitForLoadState('networkidle');
		await page.waitForFunction(() => document.readyState === 'complete');
		await expect(field, `${path}: the typed value is kept`).toHaveValue(typed);
		await context.close();
	}
});
