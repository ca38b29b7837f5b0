import { expect, test } from '@playwright/test';
import { either, langOf, login, loginAs, logout, msg, navLinks, type AccountName } from './helpers';

// Each test stands alone: spread them over both workers.
test.describe.configure({ mode: 'parallel' });

/**
 * Each demo role logs in through the form and sees exactly its own navigation
 * and home sections (least privilege, after the table in DESIGN.md). The
 * assertions follow whatever language the account has, so the language spec
 * may change it meanwhile.
 */

/** Entries of the main navigation, by address, with their label's message. */
const NAV: Record<string, string> = {
	'/home': 'nav_home',
	'/members': 'nav_members',
	'/moderation': 'nav_moderation',
	'/audit': 'nav_audit',
	'/admin/settings': 'nav_settings',
	'/invitations': 'nav_invitations',
	'/admin/users': 'nav_admin_users',
	'/board': 'nav_board',
	'/board/sessions': 'nav_sessions',
	'/board/sessions?when=past': 'nav_session_notes',
	'/board/manage': 'nav_board_manage',
	'/board/composition': 'nav_board_composition',
	'/surveys': 'nav_surveys',
	'/account': 'nav_account'
};

/**
 * What each role must find in the menu, and the home sections it gets. The
 * menu may hold more (the group grows), but only pages the role may open:
 * every link is followed below.
 */
const EXPECTED: Record<Exclude<AccountName, 'pending'>, { nav: string[]; sections: string[] }> = {
	// Whoever may answer surveys (members of the group) finds "Surveys for you" first on home; its owners find them in the menu.
	member: { nav: ['/home', '/members', '/board', '/surveys', '/account'], sections: ['home_surveys_title', 'home_member_title'] },
	// Home promises only what exists: the policy loop adds its section when it is built.
	board: { nav: ['/home', '/members', '/board', '/board/sessions', '/surveys', '/account'], sections: ['home_surveys_title', 'home_member_title', 'home_board_member_title'] },
	moderator: {
		nav: ['/home', '/members', '/board', '/surveys', '/moderation', '/audit', '/invitations', '/account'],
		sections: ['home_surveys_title', 'home_member_title', 'home_moderator_title']
	},
	coordinator: { nav: ['/home', '/board/sessions', '/board/manage', '/board/composition', '/surveys', '/account'], sections: ['home_coordinator_title'] },
	policy: { nav: ['/home', '/board/sessions?when=past', '/board/composition', '/surveys', '/account'], sections: ['home_policy_staff_title'] },
	admin: { nav: ['/home', '/audit', '/invitations', '/admin/users', '/admin/settings', '/account'], sections: ['home_admin_title'] }
};

for (const [account, expected] of Object.entries(EXPECTED) as [keyof typeof EXPECTED, (typeof EXPECTED)[keyof typeof EXPECTED]][]) {
	test(`${account}: navigation and home sections fit the role, then log out`, async ({ page }) => {
		await loginAs(page, account);
		const lang = await langOf(page);

		const links = await navLinks(page);
		const hrefs = links.map((l) => l.href);
		for (const href of expected.nav) expect(links, `menu of ${account}`).toContainEqual({ href, text: msg(lang, NAV[href]!) });
		expect(hrefs[0]).toBe('/home');
		expect(hrefs.at(-1)).toBe('/account');
		expect(new Set(hrefs).size, 'no entry twice').toBe(hrefs.length);
		// Least privilege: the admin area only for admins, moderation only for moderators, the board's management only for coordinators.
		if (account !== 'coordinator') expect(hrefs.filter((h) => h.startsWith('/board/manage'))).toEqual([]);
		if (account !== 'admin') expect(hrefs.filter((h) => h.startsWith('/admin'))).toEqual([]);
		if (account !== 'moderator') expect(hrefs.filter((h) => h.startsWith('/moderation'))).toEqual([]);
		// Nothing in the menu that the role may not open.
		for (const href of hrefs) {
			const response = await page.request.get(href, { maxRedirects: 0 });
			expect(response.status(), `${account} opens ${href} from the menu`).toBe(200);
		}

		const nav = page.getByRole('navigation', { name: msg(lang, 'nav_label') });
		await expect(nav.getByRole('link', { name: msg(lang, 'nav_home') })).toHaveAttribute('aria-current', 'page');
		// Neither language's "Users" link for anyone but the admin (who has it in the menu and on the home page).
		await expect(page.getByRole('link', { name: either('nav_admin_users') })).toHaveCount(account === 'admin' ? 2 : 0);

		const sections = page.getByRole('main').getByRole('heading', { level: 2 });
		await expect(sections).toHaveText(expected.sections.map((k) => msg(lang, k)));
		// A role with nothing built yet is told so, not promised what does not exist (nor told it has no role).
		if (expected.sections.length === 0) await expect(page.getByRole('main')).toContainText(msg(lang, 'home_role_not_built'));

		// What the navigation hides, the server refuses too.
		const admin = await page.goto('/admin/users');
		if (account === 'admin') {
			expect(admin?.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'admin_users_title'));
		} else {
			expect(admin?.status()).toBe(403);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'error_page_forbidden'));
		}

		await logout(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'landing_title'));
		await expect(page.getByRole('navigation', { name: either('nav_label') })).toHaveCount(0);
		await expect(page.getByRole('banner').getByRole('link', { name: either('log_in') })).toBeVisible();
		// The session is really gone, not just the page.
		await page.goto('/home');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/);
	});
}

test('pending account waits for approval and cannot reach /home', async ({ page }) => {
	await login(page, 'pending');
	await expect(page).toHaveURL(/\/pending$/);
	const lang = await langOf(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'pending_title'));
	await expect(page.getByText(msg(lang, 'pending_email', { email: 'pending@example.org' }))).toBeVisible();
	expect(await navLinks(page)).toEqual([]);

	await page.goto('/home');
	await expect(page).toHaveURL(/\/pending$/);
	await page.goto('/');
	await expect(page).toHaveURL(/\/pending$/);

	await logout(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'landing_title'));
});

test('anonymous visitor of /home is sent to the login page', async ({ page }) => {
	await page.goto('/home');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(either('login_title'));
	expect(await navLinks(page)).toEqual([]);
});

test('after login the page asked for is shown', async ({ page }) => {
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	await page.getByLabel(either('field_email')).fill('member@example.org');
	await page.getByLabel(either('field_password')).fill('klankbord-demo-2026');
	await page.getByRole('button', { name: either('log_in') }).click();
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(either('account_title'));
});
