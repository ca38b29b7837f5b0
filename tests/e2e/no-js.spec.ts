import { expect, test } from '@playwright/test';
import { either, langOf, login, logout, msg } from './helpers';

/** Every step works with plain HTML forms: JavaScript only adds to the pages. */
test.use({ javaScriptEnabled: false });

test('without JavaScript: log in, change the display name, log out', async ({ page }) => {
	await login(page, 'policy');
	await expect(page).toHaveURL(/\/home$/);
	const lang = await langOf(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'home_welcome', { name: 'Pieter Bakker' }));

	await page.getByRole('navigation', { name: msg(lang, 'nav_label') }).getByRole('link', { name: msg(lang, 'nav_account') }).click();
	await expect(page).toHaveURL(/\/account$/);
	const name = page.getByLabel(msg(lang, 'field_display_name'));
	const timeZone = page.getByLabel(msg(lang, 'field_time_zone'));
	await expect(name).toHaveValue('Pieter Bakker');
	// The selects must show the saved values in the HTML itself, or a save would overwrite them.
	await expect(timeZone).toHaveValue('Europe/Amsterdam');
	await expect(page.getByLabel(msg(lang, 'field_language'))).toHaveValue(lang);

	await name.fill('Pieter Bakker (zonder JS)');
	await page.getByRole('button', { name: msg(lang, 'save') }).click();
	await expect(page).toHaveURL(/\/account\?\/profile$|\/account$/);
	await expect(page.getByRole('status').filter({ hasText: msg(lang, 'saved') })).toBeVisible();
	await expect(name).toHaveValue('Pieter Bakker (zonder JS)');
	await expect(page.getByRole('banner')).toContainText('Pieter Bakker (zonder JS)');

	// Saved for real: a fresh load shows it, and nothing else changed with it.
	await page.goto('/account');
	await expect(name).toHaveValue('Pieter Bakker (zonder JS)');
	await expect(timeZone).toHaveValue('Europe/Amsterdam');
	await expect(page.getByLabel(msg(lang, 'field_language'))).toHaveValue(lang);

	// A refusal comes back as a readable message on the same page.
	await name.fill(' P ');
	await page.getByRole('button', { name: msg(lang, 'save') }).click();
	await expect(page.getByRole('alert')).toContainText(msg(lang, 'error_display_name'));

	// Put the name back.
	await page.goto('/account');
	await name.fill('Pieter Bakker');
	await page.getByRole('button', { name: msg(lang, 'save') }).click();
	await expect(page.getByRole('status').filter({ hasText: msg(lang, 'saved') })).toBeVisible();

	await logout(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(either('landing_title'));
	await page.goto('/home');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/);
});

test('without JavaScript: a post\'s report link opens its form, and a report without a reason says what to correct there', async ({ page }) => {
	await login(page, 'member');
	const lang = await langOf(page);
	await page.goto('/group');
	await page.locator('a[href^="/group/t/"]').first().click();
	// One report form at most: written into the page only for the post asked for.
	await expect(page.locator('details.report')).toHaveCount(0);
	const link = page.locator('a.report-link').first();
	const postId = (await link.getAttribute('href'))!.match(/report=(\d+)/)![1];
	await link.click();
	await expect(page).toHaveURL(new RegExp(`report=${postId}#post-${postId}$`));
	const post = page.locator(`#post-${postId}`);
	await expect(page.locator('details.report')).toHaveCount(1);
	await expect(post.locator('details.report')).toHaveAttribute('open', '');
	await post.getByRole('button', { name: msg(lang, 'report_submit') }).click();
	// The answer comes back in that post's open form: the summary and the field's own message.
	const form = page.locator(`#post-${postId} details.report`);
	await expect(form).toHaveAttribute('open', '');
	await expect(form.getByRole('alert')).toBeVisible();
	await expect(form.locator('.field-error').first()).toBeVisible();
});
