import { expect, test, type Page } from '@playwright/test';
import { langOf, loginAs, msg, roomJoined, type Lang } from './helpers';

/**
 * The admin's user list. This spec changes someone's roles and status, so it
 * runs in its own project after every other spec (playwright.config.ts), and
 * puts everything back.
 */
test.describe.configure({ mode: 'serial' });

const TARGET = 'pending@example.org';
const TARGET_NAME = 'Lucas Moreau';

function userRow(page: Page) {
	return page.getByRole('row').filter({ hasText: TARGET });
}
const roleBox = (page: Page, lang: Lang, role: 'member' | 'board_member' | 'coordinator') =>
	userRow(page).getByRole('checkbox', { name: msg(lang, `role_${role}`) });
const statusSelect = (page: Page, lang: Lang) => userRow(page).getByRole('combobox', { name: `${msg(lang, 'field_status')} — ${TARGET_NAME}` });
const saveButton = (page: Page, lang: Lang) => userRow(page).getByRole('button', { name: `${msg(lang, 'save')} — ${TARGET_NAME}` });


/**
 * Opens (or reloads) the user list and waits until its socket follows the
 * list: the page is live then, and hydrated, so a tick in a box stays ticked.
 */
async function openUsers(page: Page, how: 'goto' | 'reload' = 'goto'): Promise<Lang> {
	const joined = roomJoined(page, 'admin:users');
	if (how === 'goto') await page.goto('/admin/users');
	else await page.reload();
	await joined;
	return langOf(page);
}

test('roles changed on /admin/users persist after a reload', async ({ page }) => {
	await loginAs(page, 'admin');
	const lang = await openUsers(page);
	await expect(userRow(page)).toHaveCount(1);
	await expect(statusSelect(page, lang)).toHaveValue('pending');
	await expect(roleBox(page, lang, 'member')).toBeChecked();
	await expect(roleBox(page, lang, 'board_member')).not.toBeChecked();

	await roleBox(page, lang, 'board_member').check();
	await saveButton(page, lang).click();
	await expect(page.getByRole('status')).toHaveText(msg(lang, 'saved'));

	await openUsers(page, 'reload');
	await expect(roleBox(page, lang, 'member')).toBeChecked();
	await expect(roleBox(page, lang, 'board_member')).toBeChecked();
	await expect(statusSelect(page, lang)).toHaveValue('pending');

	// Back as it was.
	await roleBox(page, lang, 'board_member').uncheck();
	await saveButton(page, lang).click();
	await expect(page.getByRole('status')).toHaveText(msg(lang, 'saved'));
	await openUsers(page, 'reload');
	await expect(roleBox(page, lang, 'board_member')).not.toBeChecked();
});

test('an admin may not take away their own admin role', async ({ page }) => {
	await loginAs(page, 'admin');
	const lang = await openUsers(page);
	const own = page.getByRole('row').filter({ hasText: 'admin@example.org' });
	await own.getByRole('checkbox', { name: msg(lang, 'role_admin') }).uncheck();
	await own.getByRole('button', { name: new RegExp(`^${msg(lang, 'save')}`) }).click();
	await expect(page.getByRole('alert')).toHaveText(msg(lang, 'error_cannot_demote_self'));
	await openUsers(page, 'reload');
	await expect(own.getByRole('checkbox', { name: msg(lang, 'role_admin') })).toBeChecked();
});

test('a second admin page follows changes live, without a reload', async ({ browser }) => {
	const watcherContext = await browser.newContext();
	const watcher = await watcherContext.newPage();
	await loginAs(watcher, 'admin');
	const wLang = await openUsers(watcher);
	await expect(statusSelect(watcher, wLang)).toHaveValue('pending');
	await expect(roleBox(watcher, wLang, 'coordinator')).not.toBeChecked();
	// Any reload would wipe this marker.
	await watcher.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'still here'));

	const editorContext = await browser.newContext();
	const editor = await editorContext.newPage();
	await loginAs(editor, 'admin');
	const eLang = await openUsers(editor);
	await statusSelect(editor, eLang).selectOption('active');
	await roleBox(editor, eLang, 'coordinator').check();
	await saveButton(editor, eLang).click();
	await expect(editor.getByRole('status')).toHaveText(msg(eLang, 'saved'));

	await expect(statusSelect(watcher, wLang)).toHaveValue('active');
	await expect(roleBox(watcher, wLang, 'coordinator')).toBeChecked();
	await expect(roleBox(watcher, wLang, 'member')).toBeChecked();

	// And back, which the watcher sees too.
	await statusSelect(editor, eLang).selectOption('pending');
	await roleBox(editor, eLang, 'coordinator').uncheck();
	await saveButton(editor, eLang).click();
	await expect(editor.getByRole('status')).toHaveText(msg(eLang, 'saved'));

	await expect(statusSelect(watcher, wLang)).toHaveValue('pending');
	await expect(roleBox(watcher, wLang, 'coordinator')).not.toBeChecked();
	expect(await watcher.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('still here');

	await editorContext.close();
	await watcherContext.close();
});
