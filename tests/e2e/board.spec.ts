import fs from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { io as ioClient } from 'socket.io-client';
import { apiLogin, BASE_URL, expectAccessible, langOf, LANGS, msg, useLanguage, type Lang } from './helpers';

/**
 * The sounding board in the browser (issue 12): a member volunteers from
 * their home page and fills the profile with consent; a coordinator sees the
 * composition, runs a selection and invites; the selected person accepts and
 * is on the board; policy staff see only suppressed figures. The same forms
 * without JavaScript. Every board page through axe-core in Dutch and English,
 * at 1280 px and on a phone, and without sideways scrolling at 320 px.
 *
 * The people who volunteer here are new accounts, so no demo account changes.
 * A coordinator first adds a dimension of this run's own ("e2e_…" with the
 * answers "with script" / "without script"): each volunteer here is the only
 * one in the pool with their answer, so a quota of one seat for it puts them
 * in every panel that meets the quotas, and the draw selects them for sure.
 */

test.describe.configure({ mode: 'serial' });
// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });

const PASSWORD = 'een lange wandeling langs de gracht';
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A message with its placeholders open: for sentences with a date or a number in them. */
const like = (lang: Lang, key: string) => new RegExp(msg(lang, key).split(/\{\w+\}/).map(escape).join('.+'));

/** This run's own dimension: its key, and its question and answers in both languages. */
const DIM = {
	key: `e2e_${unique()}`.slice(0, 40),
	label: { nl: 'Testvraag: met of zonder script', en: 'Test question: with or without script' },
	options: {
		js: { nl: 'Met script', en: 'With script' },
		nojs: { nl: 'Zonder script', en: 'Without script' }
	}
} as const;

interface Person {
	name: string;
	email: string;
	/** Filled in once the coordinator's board lists them. */
	id?: string;
}

/** A new member, registered through an invitation link a moderator made (API; the forms have their own specs). */
async function newMember(browser: Browser, first: string, language: Lang): Promise<Person> {
	const person = { name: `${first} Klankbord ${unique()}`, email: `board-e2e-${unique()}@example.org` };
	const mod = await browser.newContext();
	await apiLogin(mod, 'moderator');
	const created = await mod.request.post('/api/invitations', { data: {} });
	expect(created.status()).toBe(201);
	const { token } = (await created.json()) as { token: string };
	await mod.close();
	// Registering is for someone not logged in.
	const guest = await browser.newContext();
	const guidelines = (await (await guest.request.get('/api/guidelines')).json()) as { version: number };
	const registered = await guest.request.post(`/api/invite/${token}`, {
		data: { email: person.email, password: PASSWORD, displayName: person.name, language, acceptGuidelines: true, guidelinesVersion: guidelines.version }
	});
	expect(registered.status(), await registered.text()).toBe(202);
	await guest.close();
	return person;
}

/** A context logged in as `person` (API login), with the page language set. */
async function contextOf(browser: Browser, person: Person, lang: Lang, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, bypassCSP: true });
	const res = await context.request.post('/api/auth/login', { data: { email: person.email, password: PASSWORD } });
	expect(res.status(), `login as ${person.name}`).toBe(200);
	await useLanguage(context, lang);
	return context;
}

async function accountContext(browser: Browser, account: 'coordinator' | 'policy' | 'member' | 'board', lang: Lang, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, bypassCSP: true });
	await apiLogin(context, account, lang);
	return context;
}

/** The session cookie of a context, for a Socket.IO connection of its own. */
async function sessionCookie(context: BrowserContext): Promise<string> {
	const cookie = (await context.cookies(BASE_URL)).find((c) => c.name === 'session');
	expect(cookie, 'a session cookie').toBeTruthy();
	return `session=${cookie!.value}`;
}

/** Whether the server lets this session into the board's live room (only board members and coordinators). */
async function canJoinBoardRoom(context: BrowserContext): Promise<boolean> {
	const socket = ioClient(BASE_URL, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: { cookie: await sessionCookie(context), origin: BASE_URL }
	});
	try {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		const ack = (await socket.timeout(5_000).emitWithAck('room:join', 'board')) as { ok: boolean };
		return ack.ok;
	} finally {
		socket.close();
	}
}

/** Fills the volunteering form: motivation, times, the questions, and the relationship answer (the consent box as asked). */
async function fillVolunteerForm(page: Page, answer: 'js' | 'nojs', options: { consent: boolean }) {
	// Hydrated before choosing: hydration would put the loaded choices back.
	await page.waitForLoadState('networkidle');
	const lang = await langOf(page);
	await page.getByLabel(msg(lang, 'board_volunteer_motivation'), { exact: true }).fill('Ik wil meedenken over wat partners in het buitenland nodig hebben.');
	await page.getByLabel(msg(lang, 'board_volunteer_availability'), { exact: true }).fill('Doordeweeks in de avond, tijd in Lima');
	await page.getByRole('group', { name: msg(lang, 'board_dimension_work'), exact: true }).getByRole('radio', { name: msg(lang, 'board_option_work_own_business') }).check();
	await page.getByRole('group', { name: msg(lang, 'board_dimension_children'), exact: true }).getByRole('radio', { name: msg(lang, 'board_option_children_yes') }).check();
	await page.getByRole('group', { name: msg(lang, 'board_dimension_language'), exact: true }).getByRole('radio', { name: msg(lang, 'board_option_language_other') }).check();
	await page.getByRole('group', { name: DIM.label[lang], exact: true }).getByRole('radio', { name: DIM.options[answer][lang], exact: true }).check();
	await page.getByRole('group', { name: msg(lang, 'board_dimension_relationship'), exact: true }).getByRole('radio', { name: msg(lang, 'board_option_relationship_same_sex') }).check();
	const consent = page.getByRole('checkbox', { name: msg(lang, 'board_consent_checkbox') });
	await expect(consent).not.toBeChecked();
	if (options.consent) await consent.check();
	await page.getByRole('button', { name: msg(lang, 'board_volunteer_submit') }).click();
}

/** The person's user id, from their link on the coordinators' board (the pool, or another group). */
async function personId(page: Page, person: Person, group: 'pool' | 'invited' | 'active'): Promise<string> {
	await page.goto(`/board/manage?group=${group}`);
	const link = page.getByRole('link', { name: person.name, exact: true });
	await expect(link).toBeVisible();
	const href = await link.getAttribute('href');
	const id = /\/board\/manage\/people\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1];
	expect(id, `link of ${person.name}: ${href}`).toBeTruthy();
	return id!;
}

/** The figures table of one dimension on the composition page, by its caption. */
const figuresOf = (page: Page, label: string) => page.getByRole('table', { name: label, exact: true });

/** A row of a figures table, by its answer, and its count cell. */
const countOf = (page: Page, label: string, option: string) =>
	figuresOf(page, label).getByRole('row', { name: new RegExp(`^${escape(option)}\\b`) }).getByRole('cell').first();

const journey: { volunteer?: Person; nojs?: Person; selectionId?: string } = {};

test('a coordinator adds a question of their own to the profile', async ({ browser }) => {
	const context = await accountContext(browser, 'coordinator', 'en');
	const page = await context.newPage();
	await page.goto('/board/composition');
	await page.getByRole('link', { name: msg('en', 'board_dimensions_title') }).click();
	await expect(page).toHaveURL(/\/board\/dimensions$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'board_dimensions_title'));
	await page.getByLabel(msg('en', 'board_dimensions_key'), { exact: true }).fill(DIM.key);
	await page.getByLabel(msg('en', 'board_dimensions_label_nl'), { exact: true }).fill(DIM.label.nl);
	await page.getByLabel(msg('en', 'board_dimensions_label_en'), { exact: true }).fill(DIM.label.en);
	for (const [i, key] of (['js', 'nojs'] as const).entries()) {
		const n = i + 1;
		await page.getByLabel(msg('en', 'board_dimensions_option_key', { n }), { exact: true }).fill(key);
		await page.getByLabel(msg('en', 'board_dimensions_option_nl', { n }), { exact: true }).fill(DIM.options[key].nl);
		await page.getByLabel(msg('en', 'board_dimensions_option_en', { n }), { exact: true }).fill(DIM.options[key].en);
	}
	await page.getByRole('button', { name: msg('en', 'board_dimensions_submit') }).click();
	await expect(page.getByRole('status').filter({ hasText: msg('en', 'board_dimensions_added', { label: DIM.label.en }) })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^${escape(DIM.label.en)}`) })).toBeVisible();
	await context.close();
});

test('a member volunteers from their home page; the relationship answer needs the consent box', async ({ browser }) => {
	const person = await newMember(browser, 'Vera', 'nl');
	journey.volunteer = person;
	const context = await contextOf(browser, person, 'nl');
	const page = await context.newPage();
	const lang: Lang = 'nl';
	await page.goto('/home');
	await page.getByRole('main').getByRole('link', { name: msg(lang, 'home_member_board_link') }).click();
	await expect(page).toHaveURL(/\/board$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'board_my_title'));
	await expect(page.getByRole('main')).toContainText(msg(lang, 'board_my_none'));
	await page.getByRole('main').getByRole('link', { name: msg(lang, 'board_my_volunteer_link') }).click();
	await expect(page).toHaveURL(/\/board\/volunteer$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'board_volunteer_title'));

	// Without the box ticked: nothing is stored, the summary names the consent box and has the focus.
	await fillVolunteerForm(page, 'js', { consent: false });
	const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: msg(lang, 'error_summary_title') }) });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	const toConsent = summary.getByRole('link', { name: msg(lang, 'board_consent_error_required') });
	await expect(toConsent).toHaveAttribute('href', '#consent');
	// The box itself says what is wrong, and what was chosen is still there (the box is not ticked for them).
	await expect(page.getByRole('checkbox', { name: msg(lang, 'board_consent_checkbox') })).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel(msg(lang, 'board_volunteer_availability'), { exact: true })).toHaveValue('Doordeweeks in de avond, tijd in Lima');
	await expect(page.getByRole('group', { name: DIM.label[lang], exact: true }).getByRole('radio', { name: DIM.options.js[lang] })).toBeChecked();
	await expect(page.getByRole('group', { name: msg(lang, 'board_dimension_relationship'), exact: true }).getByRole('radio', { name: msg(lang, 'board_option_relationship_same_sex') })).toBeChecked();
	await expectAccessible(page, '/board/volunteer with the consent error', lang);
	// The summary's link takes the person to the box.
	await toConsent.click();
	await expect(page.getByRole('checkbox', { name: msg(lang, 'board_consent_checkbox') })).toBeFocused();
	// Not stored: the board page still has no volunteering.
	const check = await context.request.get('/api/board/me');
	expect(((await check.json()) as { membership: unknown }).membership).toBeNull();

	// With consent.
	await fillVolunteerForm(page, 'js', { consent: true });
	await expect(page).toHaveURL(/\/board\?volunteered=1$/);
	await expect(page.getByRole('status').filter({ hasText: msg(lang, 'board_volunteer_done') })).toBeVisible();
	await expect(page.getByRole('main')).toContainText(msg(lang, 'board_my_status_volunteer'));
	await expect(page.getByRole('main')).toContainText('Doordeweeks in de avond, tijd in Lima');

	// The profile page shows the stored answer and the consent.
	await page.getByRole('link', { name: msg(lang, 'board_my_profile_link') }).click();
	await expect(page).toHaveURL(/\/board\/profile$/);
	await expect(page.getByRole('main')).toContainText(msg(lang, 'board_profile_relationship_stored', { answer: msg(lang, 'board_option_relationship_same_sex') }));
	await expect(page.getByRole('main')).toContainText(like(lang, 'board_consent_state_given'));
	await expect(page.getByRole('group', { name: DIM.label[lang], exact: true }).getByRole('radio', { name: DIM.options.js[lang] })).toBeChecked();
	await context.close();
});

test('a coordinator sees the composition as charts with tables, the pool, and the volunteer on the board', async ({ browser }) => {
	const person = journey.volunteer;
	expect(person, 'the volunteer of the previous test').toBeTruthy();
	const lang: Lang = 'en';
	const context = await accountContext(browser, 'coordinator', lang);
	const page = await context.newPage();
	await page.goto('/home');
	await page.getByRole('navigation', { name: msg(lang, 'nav_label') }).getByRole('link', { name: msg(lang, 'nav_board_composition') }).click();
	await expect(page).toHaveURL(/\/board\/composition$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'board_composition_title'));
	// Every dimension as a chart (an image with a name) and the same figures as a table.
	for (const key of ['work', 'children', 'relationship', 'language', 'region']) {
		const label = msg(lang, `board_dimension_${key}`);
		await expect(page.getByRole('img', { name: msg(lang, 'chart_name', { title: label }) })).toBeVisible();
		await expect(figuresOf(page, label)).toBeVisible();
		await expect(figuresOf(page, label).getByRole('columnheader', { name: msg(lang, 'chart_count') })).toBeVisible();
	}
	// The demo board has fifteen active members, counted exactly.
	await expect(countOf(page, msg(lang, 'board_dimension_work'), msg(lang, 'chart_total'))).toHaveText('15');

	// The pool: the new volunteer is the only one with their answer to this run's question.
	await page.getByRole('radio', { name: msg(lang, 'board_composition_population_pool') }).check();
	await page.getByRole('button', { name: msg(lang, 'board_composition_show') }).click();
	await expect(page).toHaveURL(/population=pool/);
	await expect(countOf(page, DIM.label.en, DIM.options.js.en)).toHaveText('1');
	// A cross-table of two dimensions.
	await page.getByLabel(msg(lang, 'board_composition_cross_rows'), { exact: true }).selectOption('work');
	await page.getByLabel(msg(lang, 'board_composition_cross_columns'), { exact: true }).selectOption('children');
	await page.getByRole('button', { name: msg(lang, 'board_composition_show') }).click();
	await expect(page).toHaveURL(/rows=work/);
	const crossCaption = msg(lang, 'board_composition_cross_caption', { rows: msg(lang, 'board_dimension_work'), columns: msg(lang, 'board_dimension_children') });
	await expect(page.getByRole('table', { name: crossCaption })).toBeVisible();

	// The volunteer in the pool, with their profile (the coordinator's view is audited).
	await page.getByRole('navigation', { name: msg(lang, 'nav_label') }).getByRole('link', { name: msg(lang, 'nav_board_manage') }).click();
	await expect(page).toHaveURL(/\/board\/manage/);
	person!.id = await personId(page, person!, 'pool');
	await page.getByRole('link', { name: person!.name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(person!.name);
	await expect(page.getByRole('main')).toContainText(msg(lang, 'board_manage_profile_recorded'));
	await expect(page.getByRole('main')).toContainText(msg(lang, 'board_option_relationship_same_sex'));
	await expect(page.getByRole('main')).toContainText(DIM.options.js.en);
	await context.close();
});

/** Empties every quota field, then sets the ones given (name → number), the seats and the seed. */
async function fillSelectionForm(page: Page, seats: number, quotas: Record<string, number>, seed: string) {
	const lang = await langOf(page);
	await page.getByLabel(msg(lang, 'board_selection_seats'), { exact: true }).fill(String(seats));
	const fields = page.locator('input[name^="min."], input[name^="max."]');
	const count = await fields.count();
	expect(count, 'quota fields').toBeGreaterThan(10);
	for (let i = 0; i < count; i++) await fields.nth(i).fill('');
	for (const [name, n] of Object.entries(quotas)) await page.locator(`input[name="${name}"]`).fill(String(n));
	await page.getByLabel(msg(lang, 'board_selection_seed'), { exact: true }).fill(seed);
}

/** Checks, draws two seats where `answer` must have exactly one (only `person` gave it) and the other answer none, and invites. */
async function drawAndInvite(page: Page, person: Person, answer: 'js' | 'nojs'): Promise<string> {
	// From the coordinators' board.
	await page.goto('/board/manage');
	const lang = await langOf(page);
	const other = answer === 'js' ? 'nojs' : 'js';
	const quotas = { [`min.${DIM.key}.${answer}`]: 1, [`max.${DIM.key}.${answer}`]: 1, [`max.${DIM.key}.${other}`]: 0 };
	const seed = `e2e-${answer}-${unique()}`;
	await page.getByRole('main').getByRole('link', { name: msg(lang, 'board_selection_title') }).click();
	await expect(page).toHaveURL(/\/board\/selection$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'board_selection_title'));
	await page.waitForLoadState('networkidle');
	// Quotas the pool cannot meet are answered in words, naming the quota.
	await fillSelectionForm(page, 2, { ...quotas, [`min.${DIM.key}.${answer}`]: 2, [`max.${DIM.key}.${answer}`]: 2 }, seed);
	await page.getByRole('button', { name: msg(lang, 'board_selection_check') }).click();
	const answerBox = page.getByRole('status').filter({ has: page.getByRole('heading', { level: 2 }) });
	await expect(answerBox.getByRole('heading', { level: 2 })).toHaveText(like(lang, 'board_selection_infeasible'));
	await expect(answerBox).toContainText(DIM.options[answer][lang]);
	// The possible quotas: feasible, then drawn.
	await fillSelectionForm(page, 2, quotas, seed);
	await page.getByRole('button', { name: msg(lang, 'board_selection_check') }).click();
	await expect(answerBox.getByRole('heading', { level: 2 })).toHaveText(like(lang, 'board_selection_feasible'));
	await expect(page.getByLabel(msg(lang, 'board_selection_seed'), { exact: true })).toHaveValue(seed);
	await page.getByRole('button', { name: msg(lang, 'board_selection_draw'), exact: true }).click();
	await expect(page).toHaveURL(/\/board\/selection\/\d+$/, { timeout: 60_000 });
	const id = /\/board\/selection\/(\d+)$/.exec(page.url())![1]!;

	const percent = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
	const selected = page.getByRole('region', { name: msg(lang, 'board_selection_selected'), exact: true });
	await expect(selected.getByRole('row')).toHaveCount(3);
	// The only volunteer with this answer is in every panel that keeps the quotas: certain.
	await expect(selected.getByRole('row', { name: new RegExp(escape(person.name)) })).toContainText(percent.format(1));
	// Everyone's chance, the seed, and alternates in order.
	const chances = page.getByRole('region', { name: msg(lang, 'board_selection_probabilities'), exact: true });
	expect(await chances.getByRole('row').count()).toBeGreaterThan(10);
	await expect(chances.getByRole('row', { name: new RegExp(escape(person.name)) })).toContainText(percent.format(1));
	await expect(page.getByRole('region', { name: msg(lang, 'board_selection_record'), exact: true })).toContainText(seed);
	expect(await page.getByRole('region', { name: msg(lang, 'board_selection_alternates'), exact: true }).getByRole('listitem').count()).toBeGreaterThan(0);

	await page.getByRole('button', { name: msg(lang, 'board_selection_invite') }).click();
	await expect(page.getByRole('status').filter({ hasText: msg(lang, 'board_selection_invited', { count: 2 }) })).toBeVisible();
	await expect(selected.getByRole('row', { name: new RegExp(escape(person.name)) })).toContainText(msg(lang, 'board_manage_status_invited'));
	return id;
}

/** The invited person answers: accepts on /board/invitation, reached from their board page. */
async function acceptInvitation(page: Page, axe: boolean) {
	await page.goto('/board');
	const lang = await langOf(page);
	await expect(page.getByRole('main')).toContainText(msg(lang, 'board_my_status_invited'));
	await page.getByRole('link', { name: msg(lang, 'board_my_invitation_link') }).click();
	await expect(page).toHaveURL(/\/board\/invitation$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(lang, 'board_invitation_title'));
	await expect(page.getByRole('main')).toContainText(like(lang, 'board_invitation_term'));
	if (axe) await expectAccessible(page, '/board/invitation with an invitation', lang);
	await page.getByLabel(msg(lang, 'board_invitation_reason'), { exact: true }).fill('Graag, ik doe mee.');
	await page.getByRole('button', { name: msg(lang, 'board_invitation_accept') }).click();
	await expect(page.getByRole('status').filter({ hasText: like(lang, 'board_invitation_accepted') })).toBeVisible();
	await expect(page.getByRole('button', { name: msg(lang, 'board_invitation_accept') })).toHaveCount(0);
}

test('a coordinator checks the quotas, draws and invites; the selected volunteer accepts and is on the board', async ({ browser }) => {
	test.setTimeout(180_000);
	const person = journey.volunteer;
	expect(person, 'the volunteer of the earlier test').toBeTruthy();
	const coordinator = await accountContext(browser, 'coordinator', 'en');
	const page = await coordinator.newPage();
	journey.selectionId = await drawAndInvite(page, person!, 'js');

	const context = await contextOf(browser, person!, 'nl');
	const own = await context.newPage();
	// Not on the board yet: its live room is closed to them.
	expect(await canJoinBoardRoom(context)).toBe(false);
	await acceptInvitation(own, true);
	// On the board now: home has the board member's section, their board page says so, and the board's room lets them in.
	await own.goto('/home');
	await expect(own.getByRole('heading', { level: 2, name: msg('nl', 'home_board_member_title') }).first()).toBeVisible();
	await expect(own.getByRole('main')).toContainText(msg('nl', 'home_board_member_text'));
	await own.goto('/board');
	await expect(own.getByRole('main')).toContainText(msg('nl', 'board_my_status_active'));
	await expect(own.getByRole('heading', { level: 2, name: msg('nl', 'board_my_step_down_title') })).toBeVisible();
	expect(await canJoinBoardRoom(context)).toBe(true);

	// The coordinator's board lists them as active.
	await page.goto('/board/manage?group=active');
	await expect(page.getByRole('link', { name: person!.name, exact: true })).toBeVisible();
	await Promise.all([coordinator.close(), context.close()]);
});

test('policy staff see the composition only as suppressed figures, and no pool', async ({ browser }) => {
	for (const lang of LANGS) {
		const context = await accountContext(browser, 'policy', lang);
		const page = await context.newPage();
		await page.goto('/home');
		await page.getByRole('main').getByRole('link', { name: msg(lang, 'nav_board_composition') }).click();
		await expect(page).toHaveURL(/\/board\/composition$/);
		await expect(page.getByRole('main')).toContainText(msg(lang, 'board_composition_intro_suppressed', { k: 5 }));
		const fewer = msg(lang, 'chart_fewer_than', { k: 5 });
		expect(await page.getByRole('cell', { name: fewer, exact: true }).count(), `cells showing "${fewer}"`).toBeGreaterThan(0);
		// This run's question has one active member with each answer at most: never shown as a number.
		await expect(countOf(page, DIM.label[lang], DIM.options.js[lang])).not.toHaveText(/^\d+$/);
		// No pool: no choice of it, and asking for it is refused.
		await expect(page.getByRole('radio', { name: msg(lang, 'board_composition_population_pool') })).toHaveCount(0);
		await expect(page.getByRole('link', { name: msg(lang, 'board_targets_title') })).toHaveCount(0);
		const refused = await page.goto('/board/composition?population=pool');
		expect(refused?.status()).toBe(403);
		for (const path of ['/board/manage', '/board/selection', '/board/targets', '/board/dimensions']) {
			expect((await page.goto(path))?.status(), path).toBe(403);
		}
		await context.close();
	}
});

test.describe('without JavaScript', () => {
	test('volunteering with consent, the coordinator\'s selection and invitation, and accepting it all work as plain forms', async ({ browser }) => {
		test.setTimeout(180_000);
		const person = await newMember(browser, 'Noor', 'en');
		journey.nojs = person;
		const lang: Lang = 'en';
		const context = await contextOf(browser, person, lang, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/home');
		await page.getByRole('main').getByRole('link', { name: msg(lang, 'home_member_board_link') }).click();
		await page.getByRole('main').getByRole('link', { name: msg(lang, 'board_my_volunteer_link') }).click();
		await expect(page).toHaveURL(/\/board\/volunteer$/);
		await fillVolunteerForm(page, 'nojs', { consent: false });
		const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: msg(lang, 'error_summary_title') }) });
		await expect(summary.getByRole('link', { name: msg(lang, 'board_consent_error_required') })).toHaveAttribute('href', '#consent');
		await expect(summary).toBeFocused();
		await fillVolunteerForm(page, 'nojs', { consent: true });
		await expect(page).toHaveURL(/\/board\?volunteered=1$/);
		await expect(page.getByRole('main')).toContainText(msg(lang, 'board_my_status_volunteer'));
		await page.goto('/board/profile');
		await expect(page.getByRole('main')).toContainText(msg(lang, 'board_profile_relationship_stored', { answer: msg(lang, 'board_option_relationship_same_sex') }));

		const coordinator = await accountContext(browser, 'coordinator', 'nl', { javaScriptEnabled: false });
		const coord = await coordinator.newPage();
		await drawAndInvite(coord, person, 'nojs');

		await acceptInvitation(page, false);
		await page.goto('/board');
		await expect(page.getByRole('main')).toContainText(msg(lang, 'board_my_status_active'));
		await Promise.all([coordinator.close(), context.close()]);
	});
});

/** Every board page, by who sees it. */
const PAGES: { account: 'member' | 'board' | 'coordinator' | 'policy'; path: string | (() => string | undefined); name: string }[] = [
	{ account: 'member', path: '/board', name: 'board' },
	{ account: 'member', path: '/board/volunteer', name: 'volunteer' },
	{ account: 'member', path: '/board/profile', name: 'profile' },
	{ account: 'member', path: '/board/invitation', name: 'invitation-none' },
	{ account: 'board', path: '/board', name: 'board-active' },
	{ account: 'coordinator', path: '/board/manage', name: 'manage' },
	{ account: 'coordinator', path: '/board/manage?group=pool', name: 'manage-pool' },
	{ account: 'coordinator', path: () => journey.volunteer?.id && `/board/manage/people/${journey.volunteer.id}`, name: 'manage-person' },
	{ account: 'coordinator', path: '/board/composition', name: 'composition' },
	{ account: 'coordinator', path: '/board/composition?population=pool&rows=work&columns=language', name: 'composition-pool-cross' },
	{ account: 'coordinator', path: '/board/targets', name: 'targets' },
	{ account: 'coordinator', path: '/board/dimensions', name: 'dimensions' },
	{ account: 'coordinator', path: '/board/selection', name: 'selection' },
	{ account: 'coordinator', path: () => journey.selectionId && `/board/selection/${journey.selectionId}`, name: 'selection-result' },
	{ account: 'policy', path: '/board/composition', name: 'composition-policy' }
];

const VIEWPORTS = [
	{ width: 1280, height: 900 },
	{ width: 390, height: 844 }
];

for (const lang of LANGS) {
	test(`every board page passes axe in ${lang === 'nl' ? 'Dutch' : 'English'} at 1280 and 390 px, and needs no sideways scrolling at 320 px`, async ({ browser }) => {
		test.setTimeout(300_000);
		fs.mkdirSync('test-results/board', { recursive: true });
		const contexts = new Map<string, BrowserContext>();
		for (const p of PAGES) {
			const path = typeof p.path === 'string' ? p.path : p.path();
			expect(path, `${p.name}: the journey above made what it shows`).toBeTruthy();
			if (!contexts.has(p.account)) contexts.set(p.account, await accountContext(browser, p.account, lang));
			const page = await contexts.get(p.account)!.newPage();
			for (const viewport of VIEWPORTS) {
				await page.setViewportSize(viewport);
				const response = await page.goto(path!);
				expect(response?.status(), path!).toBe(200);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expectAccessible(page, `${path} at ${viewport.width} px`, lang);
				await page.screenshot({ path: `test-results/board/${lang}-${viewport.width}-${p.name}.png`, fullPage: true });
			}
			await page.setViewportSize({ width: 320, height: 640 });
			await page.goto(path!);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `${path} scrolls sideways at 320 px by ${overflow} px`).toBeLessThanOrEqual(0);
			await page.close();
		}
		for (const c of contexts.values()) await c.close();
	});
}
