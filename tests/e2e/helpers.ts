import fs from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

/** Shared by every spec: the demo accounts, the messages in both languages and a few page actions. */

/** As in playwright.config.ts (workers inherit the runner's environment). */
export const BASE_URL = `http://localhost:${Number(process.env.E2E_PORT || 3210)}`;

export type Lang = 'nl' | 'en';
export const LANGS: Lang[] = ['nl', 'en'];

/** Every message file of a language, as paraglide reads them (project.inlang/settings.json). */
function loadMessages(lang: Lang): Record<string, Message> {
	const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as {
		'plugin.inlang.messageFormat': { pathPattern: string | string[] };
	};
	const patterns = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
	const all: Record<string, Message> = {};
	for (const pattern of patterns) Object.assign(all, JSON.parse(fs.readFileSync(path.resolve(pattern.replace('{locale}', lang)), 'utf8')));
	delete all.$schema;
	return all;
}
export const MESSAGES: Record<Lang, Record<string, Message>> = { nl: loadMessages('nl'), en: loadMessages('en') };

/** The demo password (src/lib/server/demo/seed.ts); the login page shows it while DEMO=1. */
export const DEMO_PASSWORD = 'klankbord-demo-2026';

export const ACCOUNTS = {
	member: 'member@example.org',
	board: 'board@example.org',
	moderator: 'moderator@example.org',
	coordinator: 'coordinator@example.org',
	policy: 'policy@example.org',
	admin: 'admin@example.org',
	pending: 'pending@example.org'
} as const;
export type AccountName = keyof typeof ACCOUNTS;

/**
 * A message as the inlang message format stores it: a pattern, or (plurals)
 * a list holding one set of variants, each chosen by its selectors.
 */
export type Message = string | { declarations?: string[]; selectors?: string[]; match: Record<string, string> }[];

/**
 * The pattern a message shows for these inputs, chosen as paraglide chooses:
 * `local xPlural = x: plural` is the CLDR category of x in the language, and
 * the first variant whose every `selector=value` holds (`*` always does) wins.
 */
export function patternOf(lang: Lang, message: Message, inputs: Record<string, string | number> = {}): string {
	if (typeof message === 'string') return message;
	const { declarations = [], match } = message[0]!;
	const values: Record<string, string> = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)]));
	for (const d of declarations) {
		const local = /^local (\w+) = (\w+): plural$/.exec(d);
		if (local) values[local[1]!] = new Intl.PluralRules(lang).select(Number(inputs[local[2]!]));
	}
	const hit = Object.entries(match).find(([conditions]) =>
		conditions.split(',').every((c) => {
			const [name, value] = c.trim().split('=') as [string, string];
			return value === '*' || values[name] === value;
		})
	);
	if (!hit) throw new Error(`No variant for ${JSON.stringify(inputs)}`);
	return hit[1];
}

/** A message in one language, with `{placeholders}` filled in (and its plural chosen). */
export function msg(lang: Lang, key: string, inputs: Record<string, string | number> = {}): string {
	const message = MESSAGES[lang][key];
	if (message === undefined) throw new Error(`No message "${key}" in ${lang}`);
	return patternOf(lang, message, inputs).replace(/\{(\w+)\}/g, (_, name: string) => String(inputs[name] ?? `{${name}}`));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches a message exactly, in either language: for steps that do not care which language is on. */
export function either(key: string): RegExp {
	return new RegExp(`^\\s*(${escape(msg('nl', key))}|${escape(msg('en', key))})\\s*$`);
}

/** The language the page says it is in (`<html lang>`). */
export async function langOf(page: Page): Promise<Lang> {
	const lang = await page.locator('html').getAttribute('lang');
	expect(lang === 'nl' || lang === 'en', `<html lang> is "${lang}"`).toBe(true);
	return lang as Lang;
}

/** Fills in and sends the login form on /login. */
export async function login(page: Page, account: AccountName | string, password = DEMO_PASSWORD): Promise<void> {
	const email = account in ACCOUNTS ? ACCOUNTS[account as AccountName] : account;
	await page.goto('/login');
	await page.getByLabel(either('field_email')).fill(email);
	await page.getByLabel(either('field_password')).fill(password);
	await page.getByRole('button', { name: either('log_in') }).click();
}

/** Logs in and waits until the account's first page is there. */
export async function loginAs(page: Page, account: AccountName): Promise<void> {
	await login(page, account);
	await expect(page).toHaveURL(account === 'pending' ? /\/pending$/ : /\/home$/);
}

/**
 * Logs a browser context in through the API (the login form has its own
 * tests), then sets the page language if asked; cheaper than the form.
 */
export async function apiLogin(context: BrowserContext, account: AccountName, lang?: Lang): Promise<void> {
	const response = await context.request.post('/api/auth/login', { data: { email: ACCOUNTS[account], password: DEMO_PASSWORD } });
	expect(response.status(), `API login as ${account}`).toBe(200);
	if (lang) await useLanguage(context, lang);
}

export async function logout(page: Page): Promise<void> {
	await page.getByRole('banner').getByRole('button', { name: either('log_out') }).click();
	await expect(page).toHaveURL(/\/$/);
}

/** Chooses the page language the way the switch does, without touching the account setting. */
export async function useLanguage(context: BrowserContext, lang: Lang): Promise<void> {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: BASE_URL }]);
}

/** The main navigation's links, in order: where each goes and what it says. */
export async function navLinks(page: Page): Promise<{ href: string; text: string }[]> {
	const nav = page.getByRole('navigation', { name: either('nav_label') });
	if ((await nav.count()) === 0) return [];
	return nav.getByRole('link').evaluateAll((links) =>
		links.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() }))
	);
}

export const AXE_PATH = path.resolve('node_modules/axe-core/axe.min.js');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function describeViolations(violations: Result[]): string {
	return violations
		.map((v) =>
			[
				`• ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}`,
				`  ${v.helpUrl}`,
				...v.nodes.map((n) => `  - ${n.target.join(' ')}\n    ${n.html}\n    ${n.failureSummary?.replaceAll('\n', '\n    ') ?? ''}`)
			].join('\n')
		)
		.join('\n');
}

/**
 * WCAG 2.1 A/AA (axe-core) on the page as it is now, in the given language.
 * The spec must `test.use({ bypassCSP: true })`: the pages' CSP allows no
 * inline script, which is how addScriptTag injects axe.
 */
export async function expectAccessible(page: Page, what: string, lang: Lang): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await page.addScriptTag({ path: AXE_PATH });
	const results = await page.evaluate(
		(tags) =>
			(window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations']
			}),
		AXE_TAGS
	);
	// Axe really ran, with these rules.
	expect(results.passes.length).toBeGreaterThan(0);
	expect(results.violations, `${what} [${lang}] has accessibility violations:\n${describeViolations(results.violations)}`).toEqual([]);
}

/**
 * Resolves once the page's live connection has joined `room` and the server
 * acknowledged it (Socket.IO ack `43<id>[{"ok":true}]`), whether the join went
 * over HTTP long-polling or the WebSocket. Call before navigating.
 */
export function roomJoined(page: Page, room: string): Promise<void> {
	const wanted = JSON.stringify(['room:join', room]).slice(1, -1);
	const ids = new Set<string>();
	return new Promise((resolve) => {
		const sent = (text: string) => {
			for (const m of text.matchAll(/42(\d+)\[([^\]]*)\]/g)) if (m[2] === wanted) ids.add(m[1]!);
		};
		const received = (text: string) => {
			for (const id of ids) if (text.includes(`43${id}[{"ok":true}`)) resolve();
		};
		page.on('request', (r) => {
			if (r.url().includes('/socket.io/') && r.method() === 'POST') sent(r.postData() ?? '');
		});
		page.on('response', (r) => {
			if (r.url().includes('/socket.io/') && r.request().method() === 'GET') void r.text().then(received, () => {});
		});
		page.on('websocket', (ws) => {
			ws.on('framesent', (f) => sent(String(f.payload)));
			ws.on('framereceived', (f) => received(String(f.payload)));
		});
	});
}

/** A browser context signed in as a demo account, in a language, with or without JavaScript. */
export async function contextFor(browser: Browser, account: AccountName, lang: Lang, javaScriptEnabled = true): Promise<BrowserContext> {
	const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled });
	await apiLogin(context, account, lang);
	return context;
}

/** The widths every page is looked at: a desktop and a phone (390×844). */
export const PAGE_VIEWPORTS = [
	{ width: 1280, height: 900 },
	{ width: 390, height: 844 }
];

/**
 * Each page as its reader opens it, at both widths: it answers 200 with a
 * heading, passes axe (folded parts opened, so axe reads inside them too), is
 * photographed into test-results/<dir>/, and does not scroll sideways at 320 px.
 */
export async function checkPages(browser: Browser, lang: Lang, dir: string, pages: { account: AccountName; path: string; name: string }[]): Promise<void> {
	const contexts = new Map<AccountName, BrowserContext>();
	const openFolds = (page: Page) => page.locator('main details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
	for (const p of pages) {
		if (!contexts.has(p.account)) contexts.set(p.account, await contextFor(browser, p.account, lang));
		const page = await contexts.get(p.account)!.newPage();
		for (const viewport of PAGE_VIEWPORTS) {
			await page.setViewportSize(viewport);
			const response = await page.goto(p.path);
			expect(response?.status(), p.path).toBe(200);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await openFolds(page);
			await expectAccessible(page, `${p.path} at ${viewport.width} px`, lang);
			await page.screenshot({ path: `test-results/${dir}/${lang}-${viewport.width}-${p.name}.png`, fullPage: true });
		}
		await page.setViewportSize({ width: 320, height: 640 });
		await page.goto(p.path);
		await openFolds(page);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, `${p.path} scrolls sideways at 320 px by ${overflow} px`).toBeLessThanOrEqual(0);
		await page.close();
	}
	for (const c of contexts.values()) await c.close();
}
