import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { apiLogin, expectAccessible, LANGS, msg, useLanguage, type AccountName, type Lang } from './helpers';

/**
 * On a phone: a compact header with a menu that works with and without
 * JavaScript, conversations first on the group page, no page that scrolls
 * sideways at 320 px or at 200% zoom, and a focus ring that stands out on the
 * dark header as on the light page.
 */

// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });
test.describe.configure({ mode: 'parallel' });

const PHONE = { width: 390, height: 844 };

async function phone(browser: Browser, who: AccountName | null, lang: Lang, javaScriptEnabled = true, viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport, javaScriptEnabled, bypassCSP: true });
	if (who) await apiLogin(context, who, lang);
	else await useLanguage(context, lang);
	return { context, page: await context.newPage() };
}

const menuButton = (page: Page, lang: Lang) => page.getByRole('banner').locator('summary', { hasText: msg(lang, 'nav_menu') });
const mainNav = (page: Page, lang: Lang) => page.getByRole('banner').getByRole('navigation', { name: msg(lang, 'nav_label') });

for (const lang of LANGS) {
	test.describe(`in ${lang === 'nl' ? 'Dutch' : 'English'}`, () => {
		for (const javaScriptEnabled of [true, false]) {
			test(`at 390×844 the header is compact and its menu works ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async ({ browser }) => {
				const { context, page } = await phone(browser, 'moderator', lang, javaScriptEnabled);
				await page.goto('/home');

				// Demo banner and header together: under a quarter of the first screen.
				const box = await page.getByRole('banner').boundingBox();
				expect(box!.y + box!.height, 'bottom of the header, in px').toBeLessThan(PHONE.height * 0.25);
				await expect(page.locator('.demo-banner')).toBeVisible();

				// The menu is closed: no navigation shown, the bell stays in reach.
				await expect(mainNav(page, lang)).toBeHidden();
				await expect(page.locator('header.site a.bell')).toBeVisible();
				const button = menuButton(page, lang);
				await expect(button).toBeVisible();
				await button.click();
				await expect(mainNav(page, lang)).toBeVisible();
				await expect(page.getByRole('banner').getByRole('button', { name: msg(lang, 'log_out') })).toBeVisible();
				await expect(page.getByRole('banner').getByRole('button', { name: msg(lang === 'nl' ? 'en' : 'nl', 'switch_language_label') })).toBeVisible();

				// Its links work, and the open menu passes axe (which needs script).
				if (javaScriptEnabled) await expectAccessible(page, 'the open phone menu', lang);
				await mainNav(page, lang).getByRole('link', { name: msg(lang, 'nav_group'), exact: true }).click();
				await expect(page).toHaveURL(/\/group$/);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'group_title'));
				// After the navigation the menu is closed again (a fresh page without JS; closed by script with it).
				await expect(mainNav(page, lang)).toBeHidden();
				if (javaScriptEnabled) {
					await button.click();
					await expect(mainNav(page, lang)).toBeVisible();
					await page.keyboard.press('Escape');
					await expect(mainNav(page, lang)).toBeHidden();
					await expect(button).toBeFocused();
				}
				await context.close();
			});
		}

		test('at 390×844 the group page shows a conversation first, before the categories', async ({ browser }) => {
			const { context, page } = await phone(browser, 'moderator', lang);
			await page.goto('/group');
			const firstConversation = page.locator('.thread-list .thread-title a').first();
			const categories = page.getByRole('heading', { level: 2, name: msg(lang, 'group_categories') });
			const conversationTop = await firstConversation.evaluate((a) => a.getBoundingClientRect().top);
			const categoriesTop = await categories.evaluate((h) => h.getBoundingClientRect().top);
			expect(conversationTop, 'a conversation on the first screen').toBeLessThan(PHONE.height);
			expect(conversationTop).toBeLessThan(categoriesTop);
			// In reading and focus order too, not only on screen.
			const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
			expect(headings.indexOf(msg(lang, 'group_latest'))).toBeLessThan(headings.indexOf(msg(lang, 'group_categories')));
			await expectAccessible(page, '/group on a phone', lang);
			await page.goto('/account');
			await expectAccessible(page, '/account on a phone', lang);
			await context.close();
		});

		for (const viewport of [
			{ width: 320, height: 640, what: 'at 320 px wide' },
			{ width: 640, height: 400, what: 'at 200% zoom (1280 px at 640 CSS px)' }
		]) {
			test(`no page scrolls sideways ${viewport.what}`, async ({ browser }) => {
				const wide: string[] = [];
				const check = async (page: Page, path: string) => {
					await page.goto(path);
					const { scrollWidth, clientWidth } = await page.evaluate(() => ({
						scrollWidth: document.documentElement.scrollWidth,
						clientWidth: document.documentElement.clientWidth
					}));
					if (scrollWidth > clientWidth) wide.push(`${path}: ${scrollWidth} px in ${clientWidth}`);
				};
				const size = { width: viewport.width, height: viewport.height };
				const moderator = await phone(browser, 'moderator', lang, true, size);
				await moderator.page.goto('/group');
				const category = await moderator.page.locator('.category-list h3 a').first().getAttribute('href');
				const thread = await moderator.page.locator('.thread-list .thread-title a').first().getAttribute('href');
				expect(category && thread).toBeTruthy();
				for (const path of ['/home', '/group', category!, thread!, '/search?q=school', '/members', '/notifications', '/account', '/profile', '/moderation', '/audit', '/surveys'])
					await check(moderator.page, path);
				await moderator.context.close();
				const admin = await phone(browser, 'admin', lang, true, size);
				for (const path of ['/admin/users', '/account']) await check(admin.page, path);
				await admin.context.close();
				// The survey pages with a survey in them are checked at 320 px by surveys.spec.ts, which makes one.
				const coordinator = await phone(browser, 'coordinator', lang, true, size);
				for (const path of ['/surveys', '/surveys/new']) await check(coordinator.page, path);
				await coordinator.context.close();
				const guest = await phone(browser, null, lang, true, size);
				for (const path of ['/', '/join', '/login']) await check(guest.page, path);
				await guest.context.close();
				expect(wide, 'pages wider than the screen').toEqual([]);
			});
		}
	});
}

/** WCAG relative luminance and contrast of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
	const luminance = (rgb: string) => {
		const [r, g, bl] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
			const c = Number(v) / 255;
			return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

/** Tabs until the focused element matches `where`; answers its focus ring colour and the background behind it. */
async function tabTo(page: Page, where: string): Promise<{ outline: string; background: string; focusVisible: boolean }> {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		const found = await page.evaluate((selector) => {
			const el = document.activeElement;
			if (!el || !el.matches(selector)) return null;
			// The colour behind the element: the first ancestor with a background of its own.
			let bg = 'rgba(0, 0, 0, 0)';
			for (let node = el.parentElement; node && /rgba\(.*, 0\)$|transparent/.test(bg); node = node.parentElement) bg = getComputedStyle(node).backgroundColor;
			return { outline: getComputedStyle(el).outlineColor, background: bg, focusVisible: el.matches(':focus-visible') };
		}, where);
		if (found) return found;
	}
	throw new Error(`Tab never reached ${where}`);
}

test('the keyboard focus ring has a contrast of at least 3:1 on the dark header and on the page', async ({ browser }) => {
	for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
		const { context, page } = await phone(browser, 'moderator', 'en', true, viewport);
		await page.goto('/group');
		const inHeader = await tabTo(page, viewport.width > 800 ? 'header.site nav a' : 'header.site summary');
		expect(inHeader.focusVisible).toBe(true);
		expect(contrast(inHeader.outline, inHeader.background), `focus ring ${inHeader.outline} on the header's ${inHeader.background}`).toBeGreaterThanOrEqual(3);
		const inMain = await tabTo(page, 'main a');
		expect(inMain.focusVisible).toBe(true);
		expect(contrast(inMain.outline, inMain.background), `focus ring ${inMain.outline} on ${inMain.background}`).toBeGreaterThanOrEqual(3);
		await context.close();
	}
});
