import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, langOf, loginAs, msg, roomJoined, type Lang } from './helpers';

/**
 * The admin's user list. This spec changes someone's roles and status, so it
 * runs in its own project after every other spec (playwright.config.ts), and
 * puts everything back.
 */
test.describe.configure({ mode: 'serial' });
test.use({ bypassCSP: true });

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
	await expect(userRow(page).getByRole('status')).toHaveText(msg(lang, 'saved'));

	await openUsers(page, 'reload');
	await expect(roleBox(page, lang, 'member')).toBeChecked();
	await expect(roleBox(page, lang, 'board_member')).toBeChecked();
	await expect(statusSelect(page, lang)).toHaveValue('pending');

	// Back as it was.
	await roleBox(page, lang, 'board_member').uncheck();
	await saveButton(page, lang).click();
	await expect(userRow(page).getByRole('status')).toHaveText(msg(lang, 'saved'));
	await openUsers(page, 'reload');
	await expect(roleBox(page, lang, 'board_member')).not.toBeChecked();
});

test('an admin may not suspend themselves or take away their own admin role: both named at once, at the top, focused', async ({ page }) => {
	await loginAs(page, 'admin');
	const lang = await openUsers(page);
	const own = page.getByRole('row').filter({ hasText: 'admin@example.org' });
	const ownName = (await own.locator('td strong').first().textContent())!.trim();
	await own.getByRole('combobox').selectOption('suspended');
	await own.getByRole('checkbox', { name: msg(lang, 'role_admin') }).uncheck();
	await own.getByRole('button', { name: new RegExp(`^${msg(lang, 'save')}`) }).click();

	const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: msg(lang, 'error_summary_title') }) });
	await expect(summary).toBeFocused();
	const links = summary.getByRole('link');
	// In the order of the row: status, then roles; each names the person.
	await expect(links).toHaveText([`${ownName}: ${msg(lang, 'error_cannot_change_own_status')}`, `${ownName}: ${msg(lang, 'error_cannot_drop_own_admin')}`]);
	const statusId = (await links.nth(0).getAttribute('href'))!.slice(1);
	await expect(own.getByRole('combobox')).toHaveAttribute('id', statusId);
	await expect(own.getByRole('combobox')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator(`[id="${statusId}-error"]`)).toContainText(msg(lang, 'error_cannot_change_own_status'));
	// The roles link goes to the first box of the row's roles; the group is described by its own message.
	const roleBoxId = (await links.nth(1).getAttribute('href'))!.slice(1);
	await expect(own.locator(`[id="${roleBoxId}"]`)).toHaveAttribute('type', 'checkbox');
	const roles = own.getByRole('group');
	await expect(roles).toContainText(msg(lang, 'error_cannot_drop_own_admin'));
	const rolesErrorId = (await roles.getAttribute('aria-describedby'))!;
	await expect(page.locator(`[id="${rolesErrorId}"]`)).toContainText(msg(lang, 'error_cannot_drop_own_admin'));
	// What was chosen stays chosen, so the person sees what was refused.
	await expect(own.getByRole('combobox')).toHaveValue('suspended');
	await expect(own.getByRole('checkbox', { name: msg(lang, 'role_admin') })).not.toBeChecked();
	// No other row is marked.
	await expect(userRow(page).getByRole('combobox')).not.toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page, '/admin/users with a refused save', lang);

	await links.nth(1).click();
	await expect(own.locator(`[id="${roleBoxId}"]`)).toBeFocused();

	await openUsers(page, 'reload');
	await expect(own.getByRole('checkbox', { name: msg(lang, 'role_admin') })).toBeChecked();
	await expect(own.getByRole('combobox')).toHaveValue('active');
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
	await expect(userRow(editor).getByRole('status')).toHaveText(msg(eLang, 'saved'));

	await expect(statusSelect(watcher, wLang)).toHaveValue('active');
	await expect(roleBox(watcher, wLang, 'coordinator')).toBeChecked();
	await expect(roleBox(watcher, wLang, 'member')).toBeChecked();

	// And back, which the watcher sees too.
	await statusSelect(editor, eLang).selectOption('pending');
	await roleBox(editor, eLang, 'coordinator').uncheck();
	await saveButton(editor, eLang).click();
	await expect(userRow(editor).getByRole('status')).toHaveText(msg(eLang, 'saved'));

	await expect(statusSelect(watcher, wLang)).toHaveValue('pending');
	await expect(roleBox(watcher, wLang, 'coordinator')).not.toBeChecked();
	expect(await watcher.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('still here');

	await editorContext.close();
	await watcherContext.close();
});
