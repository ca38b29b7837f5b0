import { expect, test, type BrowserContext } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, useLanguage } from './helpers';

/**
 * The coordinators' board and the invitation, in Chromium: axe-clean in both
 * languages at desktop and phone widths; an invited member accepts from the
 * page and gains board access.
 */
test.use({ bypassCSP: true });

const SIZES = [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
];

async function memberMembership(member: BrowserContext): Promise<number> {
	const me = await member.request.get('/api/board/me');
	const body = await me.json();
	if (body.membership && ['volunteer', 'candidate', 'invited'].includes(body.membership.status)) return body.membership.id;
	const res = await member.request.post('/api/board/me/volunteer', { data: { motivation: 'I would like to help.', availability: 'Evenings', answers: { work: 'paid_job' } } });
	expect(res.status()).toBe(201);
	return (await res.json()).membership.id;
}

for (const lang of LANGS) {
	for (const size of SIZES) {
		test(`board pages in ${lang} at ${size.name} width`, async ({ browser }) => {
			const coord = await browser.newContext({ viewport: { width: size.width, height: size.height } });
			await useLanguage(coord, lang);
			await apiLogin(coord, 'coordinator', lang);
			const page = await coord.newPage();
			for (const group of ['active', 'pool', 'invited', 'past']) {
				await page.goto(`/board/manage?group=${group}`);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'board_manage_title'));
				await expectAccessible(page, `/board/manage?group=${group}`, lang);
			}
			await page.goto('/board/manage?group=active');
			await page.screenshot({ path: `/tmp/memb/shots/manage-${lang}-${size.name}.png`, fullPage: true });
			await page.locator('table a').first().click();
			await expect(page.getByRole('heading', { level: 2, name: msg(lang, 'board_manage_profile_title') })).toBeVisible();
			await expectAccessible(page, 'a person on the board', lang);
			await page.screenshot({ path: `/tmp/memb/shots/person-${lang}-${size.name}.png`, fullPage: true });
			await coord.close();
		});
	}

	test(`an invited member accepts from the page (${lang})`, async ({ browser }) => {
		const member = await browser.newContext({ viewport: { width: 390, height: 844 } });
		await useLanguage(member, lang);
		await apiLogin(member, 'member', lang);
		const coord = await browser.newContext();
		await apiLogin(coord, 'coordinator', lang);
		const page = await member.newPage();
		await page.goto('/board/invitation');
		await expectAccessible(page, '/board/invitation without an invitation', lang);

		const id = await memberMembership(member);
		const invite = await coord.request.post(`/api/board/memberships/${id}/steps`, { data: { to: 'invited' } });
		expect(invite.status()).toBe(200);
		await page.goto('/board/invitation');
		await expectAccessible(page, '/board/invitation', lang);
		await page.screenshot({ path: `/tmp/memb/shots/invitation-${lang}.png`, fullPage: true });
		await page.getByLabel(msg(lang, 'board_invitation_reason')).fill('Happy to help');
		await page.getByRole('button', { name: msg(lang, 'board_invitation_accept') }).click();
		await expect(page.getByRole('status').filter({ hasText: msg(lang, 'board_invitation_accepted', { start: '.*', end: '.*' }).split('.*')[0]! })).toBeVisible();
		const me = await (await member.request.get('/api/me')).json();
		expect(me.roles).toContain('board_member');
		await expectAccessible(page, '/board/invitation answered', lang);
		// Step down again, so the other language's run finds the member where it started.
		const down = await member.request.post('/api/board/me/withdraw', { data: { reason: 'End of the test' } });
		expect(down.status()).toBeLessThan(300);
		await member.close();
		await coord.close();
	});
}
