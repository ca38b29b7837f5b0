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
