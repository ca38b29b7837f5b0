import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { checkPages, contextFor, LANGS, msg, roomJoined, type AccountName } from './helpers';

/**
 * Surveys in the browser (issue 14): a coordinator builds a survey with every
 * kind of question and a condition, previews it and opens it; a member
 * answers it with JavaScript (a draft kept in the browser, the condition
 * live) while the coordinator watches the count rise; the board member
 * answers it without JavaScript; the coordinator closes it, reads a breakdown
 * in which the small groups read "fewer than 5", and publishes the results,
 * which the member then reads. Then every survey page through axe-core in
 * Dutch and English at 1280 and 390 px, and none scrolls sideways at 320 px.
 *
 * The spec makes its own survey (the demo's surveys are not relied on).
 */

test.describe.configure({ mode: 'serial' });
// The pages' CSP allows no inline script, which is how addScriptTag injects axe.
test.use({ bypassCSP: true });

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TITLE_NL = `Werk op de post ${unique}`;
const TITLE_EN = `Work at the posting ${unique}`;
let surveyId = 0;

/** A datetime-local value `days` from now, on the UTC clock: a day either side is past or future in every zone. */
const localIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

interface NewQuestion {
	kind: 'single' | 'multiple' | 'likert' | 'scale' | 'short_text' | 'long_text';
	nl: string;
	en: string;
	options?: string;
	allowOther?: boolean;
	required?: boolean;
	condition?: string;
}

const QUESTIONS: NewQuestion[] = [
	{ kind: 'single', nl: 'Werk je op je huidige post?', en: 'Do you work at your current posting?', options: 'Ja | Yes\nNee | No', required: true },
	{ kind: 'multiple', nl: 'Waar haal je informatie vandaan?', en: 'Where do you get information?', options: 'Het ministerie | The ministry\nAndere partners | Other partners', allowOther: true },
	{ kind: 'likert', nl: 'De informatie voor vertrek was goed.', en: 'The information before departure was good.' },
	{ kind: 'scale', nl: 'Hoe waarschijnlijk raad je de groep aan?', en: 'How likely are you to recommend the group?' },
	{ kind: 'short_text', nl: 'In welke stad woon je?', en: 'Which city do you live in?' },
	{ kind: 'long_text', nl: 'Wat zou je werk makkelijker maken?', en: 'What would make working easier?', condition: 'q1:o1' }
];

async function addQuestion(page: Page, q: NewQuestion, n: number): Promise<void> {
	const add = page.locator('details.add').first();
	await add.evaluate((d) => ((d as HTMLDetailsElement).open = true));
	await add.locator('#add-s1-kind').selectOption(q.kind);
	await add.locator('#add-s1-textNl').fill(q.nl);
	await add.locator('#add-s1-textEn').fill(q.en);
	if (q.required) await add.getByLabel(msg('nl', 'surveys_q_required')).check();
	if (q.options) await add.locator('#add-s1-options').fill(q.options);
	if (q.allowOther) await add.getByLabel(msg('nl', 'surveys_q_allow_other')).check();
	if (q.condition) await add.locator('#add-s1-condition').selectOption(q.condition);
	await add.getByRole('button', { name: msg('nl', 'surveys_add_question_submit') }).click();
	// The builder is back with the question in it (the confirmation alone may still be the previous one's).
	await expect(page.locator('li.question')).toHaveCount(n);
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'surveys_done_added'));
}

test('a coordinator builds a survey with every kind of question and a condition, previews it and opens it', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await contextFor(browser, 'coordinator', 'nl');
	const page = await context.newPage();
	await page.goto('/surveys');
	await page.getByRole('link', { name: msg('nl', 'surveys_new_link') }).click();
	await expect(page.getByRole('heading', { level: 1, name: msg('nl', 'surveys_new_title') })).toBeVisible();

	// Sent empty: every problem at once, at the top, linked to its field.
	await page.getByRole('button', { name: msg('nl', 'surveys_new_submit') }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: `${msg('nl', 'surveys_form_title_nl')}: ${msg('nl', 'error_survey_title_missing')}` })).toBeVisible();

	await page.getByLabel(msg('nl', 'surveys_form_title_nl')).fill(TITLE_NL);
	await page.getByLabel(msg('nl', 'surveys_form_title_en')).fill(TITLE_EN);
	await page.getByLabel(msg('nl', 'surveys_form_intro_nl')).fill('Vijf minuten over je werk.');
	await page.getByLabel(msg('nl', 'surveys_form_intro_en')).fill('Five minutes about your work.');
	await page.getByLabel(msg('nl', 'surveys_audience_members')).check();
	await page.getByLabel(msg('nl', 'surveys_form_opens')).fill(localIn(-1));
	await page.getByLabel(msg('nl', 'surveys_form_closes')).fill(localIn(7));
	await page.getByRole('button', { name: msg('nl', 'surveys_new_submit') }).click();
	await expect(page).toHaveURL(/\/surveys\/\d+\/edit\?done=created/);
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'surveys_done_created'));
	surveyId = Number(/\/surveys\/(\d+)\//.exec(page.url())![1]);

	for (const [i, q] of QUESTIONS.entries()) await addQuestion(page, q, i + 1);
	const questions = page.locator('li.question');
	await expect(questions).toHaveCount(6);
	await expect(questions.nth(5)).toContainText(msg('nl', 'surveys_condition_note', { number: 1, option: 'Ja' }));

	// The preview: as a respondent reads it, with nothing to send.
	await page.getByRole('link', { name: msg('nl', 'surveys_preview_link') }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE_NL })).toBeVisible();
	await expect(page.getByRole('main').getByRole('note')).toContainText(msg('nl', 'surveys_preview_banner'));
	await expect(page.getByRole('button', { name: msg('nl', 'surveys_send') })).toBeDisabled();
	await expect(page.getByRole('group', { name: /Werk je op je huidige post\?/ })).toBeVisible();

	// Open it.
	await page.goto(`/surveys/${surveyId}/edit`);
	await page.getByRole('button', { name: msg('nl', 'surveys_schedule_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('nl', 'surveys_done_scheduled'));
	await expect(page.getByText(msg('nl', 'surveys_open_now'))).toBeVisible();
	await context.close();
});

test('a member answers it (draft kept in the browser, condition live) while the coordinator sees the count rise', async ({ browser }) => {
	test.setTimeout(120_000);
	expect(surveyId).toBeGreaterThan(0);
	// The coordinator watches the results, in the survey's room.
	const owner = await contextFor(browser, 'coordinator', 'en');
	const results = await owner.newPage();
	const joined = roomJoined(results, `survey:${surveyId}`);
	await results.goto(`/surveys/${surveyId}/results`);
	await joined;
	const count = results.locator('p.count');
	await expect(count).toContainText(msg('en', 'surveys_responses', { count: 0 }));

	const context = await contextFor(browser, 'member', 'en');
	const page = await context.newPage();
	await page.goto('/home');
	const forYou = page.getByRole('region', { name: msg('en', 'home_surveys_title') });
	await forYou.getByRole('link', { name: TITLE_EN }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE_EN })).toBeVisible();
	await expect(page.getByRole('heading', { name: msg('en', 'surveys_privacy_anonymous_title') })).toBeVisible();

	// The conditional question waits for its condition.
	const conditional = page.getByLabel(/What would make working easier\?/);
	await expect(conditional).toBeHidden();
	// Sent without the required answer: the summary names the question.
	await page.getByLabel(/Which city do you live in\?/).fill('Jakarta');
	await page.getByRole('button', { name: msg('en', 'surveys_send') }).click();
	await expect(page.getByRole('alert')).toContainText(`${msg('en', 'surveys_q_number', { number: 1 })}: ${msg('en', 'error_survey_required')}`);

	await page.getByRole('radio', { name: 'Yes' }).check();
	await expect(conditional).toBeVisible();
	await page.getByRole('checkbox', { name: 'Other partners' }).check();
	await page.getByRole('group', { name: /The information before departure was good/ }).getByRole('radio', { name: 'Agree', exact: true }).check();
	await page.getByRole('group', { name: /recommend the group/ }).getByRole('radio', { name: '8', exact: true }).check();
	await conditional.fill('A work permit that comes with the posting.');

	// A draft: kept in this browser only, and back after a reload.
	await page.reload();
	await expect(page.getByText(msg('en', 'surveys_draft_restored'))).toBeVisible();
	await expect(page.getByLabel(/Which city do you live in\?/)).toHaveValue('Jakarta');
	await expect(conditional).toHaveValue('A work permit that comes with the posting.');

	await page.getByRole('checkbox', { name: msg('en', 'surveys_attach') }).check();
	await page.getByRole('button', { name: msg('en', 'surveys_send') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_thanks'));
	await expect(page.getByRole('heading', { name: msg('en', 'surveys_answered_title') })).toBeVisible();
	expect(await page.evaluate((id) => localStorage.getItem(`survey-draft:${id}`), surveyId)).toBeNull();

	// Live: the coordinator's count rose without a reload.
	await expect(count).toContainText(msg('en', 'surveys_responses', { count: 1 }));

	// A second visit says so; home no longer offers it.
	await page.goto(`/surveys/${surveyId}`);
	await expect(page.getByRole('heading', { name: msg('en', 'surveys_answered_title') })).toBeVisible();
	await page.goto('/home');
	await expect(page.getByRole('region', { name: msg('en', 'home_surveys_title') }).getByRole('link', { name: TITLE_EN })).toHaveCount(0);
	await context.close();
	await owner.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the coordinator builds without JavaScript: a refused question comes back with its problems, then it is added, moved and removed', async ({ browser }) => {
		const context = await contextFor(browser, 'coordinator', 'en', false);
		const page = await context.newPage();
		await page.goto('/surveys/new');
		await page.getByLabel(msg('en', 'surveys_form_title_nl')).fill(`Zonder script ${unique}`);
		await page.getByLabel(msg('en', 'surveys_form_title_en')).fill(`Without script ${unique}`);
		await page.getByRole('button', { name: msg('en', 'surveys_new_submit') }).click();
		await expect(page).toHaveURL(/\/surveys\/\d+\/edit\?done=created/);

		const add = page.locator('details.add').first();
		await add.locator('summary').click();
		await add.locator('#add-s1-kind').selectOption('single');
		await add.locator('#add-s1-textNl').fill('Heb je kinderen?');
		await add.locator('#add-s1-textEn').fill('Do you have children?');
		await add.locator('#add-s1-options').fill('Ja | Yes');
		await add.getByRole('button', { name: msg('en', 'surveys_add_question_submit') }).click();
		// Refused: the summary names the field, the form is open again with what was typed.
		await expect(page.getByRole('alert')).toContainText(`${msg('en', 'surveys_q_options')}: ${msg('en', 'error_survey_options_few')}`);
		await expect(page.locator('#add-s1-textEn')).toHaveValue('Do you have children?');
		await page.locator('#add-s1-options').fill('Ja | Yes\nNee | No');
		await page.locator('details.add').first().getByRole('button', { name: msg('en', 'surveys_add_question_submit') }).click();
		await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_done_added'));

		await page.locator('details.add').first().locator('summary').click();
		await page.locator('#add-s1-kind').selectOption('short_text');
		await page.locator('#add-s1-textNl').fill('Waar woon je?');
		await page.locator('#add-s1-textEn').fill('Where do you live?');
		await page.locator('details.add').first().getByRole('button', { name: msg('en', 'surveys_add_question_submit') }).click();
		const questions = page.locator('li.question');
		await expect(questions).toHaveCount(2);

		// The button says what it does, and (visually hidden) to which question.
		const tool = (key: string, number: number) => page.getByRole('button', { name: new RegExp(`^${msg('en', key)}\\s*: ${msg('en', 'surveys_q_number', { number })}$`) });
		await tool('surveys_move_up', 2).click();
		await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_done_moved'));
		await expect(questions.first()).toContainText('Where do you live?');
		await tool('surveys_remove', 1).click();
		await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_done_removed'));
		await expect(questions).toHaveCount(1);
		await expect(questions.first()).toContainText('Do you have children?');
		// Its own edit form changes it.
		await questions.first().locator('summary').click();
		await page.locator('#edit-q1-textEn').fill('Do you have children at home?');
		await questions.first().getByRole('button', { name: msg('en', 'surveys_q_save') }).click();
		await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_done_updated'));
		await expect(questions.first()).toContainText('Do you have children at home?');
		await context.close();
	});

	test('the board member answers it with plain forms', async ({ browser }) => {
		expect(surveyId).toBeGreaterThan(0);
		const context = await contextFor(browser, 'board', 'nl', false);
		const page = await context.newPage();
		await page.goto(`/surveys/${surveyId}`);
		await expect(page.getByRole('heading', { level: 1, name: TITLE_NL })).toBeVisible();
		// Every question is there; the conditional one says when it applies.
		await expect(page.getByText(msg('nl', 'surveys_condition_note', { number: 1, option: 'Ja' }))).toBeVisible();
		await page.getByRole('radio', { name: 'Nee', exact: true }).check();
		await page.getByRole('checkbox', { name: msg('nl', 'surveys_other_namely'), exact: true }).check();
		// "Other" without saying what: refused, with what was chosen kept.
		await page.getByRole('button', { name: msg('nl', 'surveys_send') }).click();
		await expect(page.getByRole('alert')).toContainText(msg('nl', 'error_survey_other_missing'));
		await expect(page.getByRole('radio', { name: 'Nee', exact: true })).toBeChecked();
		await page.getByLabel(msg('nl', 'surveys_other_text')).fill('De ambassade');
		await page.getByRole('checkbox', { name: msg('nl', 'surveys_attach') }).check();
		await page.getByRole('button', { name: msg('nl', 'surveys_send') }).click();
		await expect(page.getByRole('status')).toHaveText(msg('nl', 'surveys_thanks'));
		await expect(page.getByRole('heading', { name: msg('nl', 'surveys_answered_title') })).toBeVisible();
		await context.close();
	});
});

test('the coordinator closes it, reads a breakdown with small groups hidden, and publishes; the member reads the results', async ({ browser }) => {
	test.setTimeout(90_000);
	expect(surveyId).toBeGreaterThan(0);
	const owner = await contextFor(browser, 'coordinator', 'en');
	const page = await owner.newPage();
	await page.goto(`/surveys/${surveyId}/edit`);
	await page.getByRole('button', { name: msg('en', 'surveys_close_submit') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_done_closed'));

	await page.getByRole('link', { name: msg('en', 'surveys_results_link') }).first().click();
	await expect(page.locator('p.count')).toContainText(msg('en', 'surveys_responses', { count: 2 }));
	await page.getByLabel(msg('en', 'surveys_breakdown_by')).selectOption('region');
	await page.getByRole('button', { name: msg('en', 'surveys_breakdown_submit') }).click();
	await expect(page).toHaveURL(/by=region/);
	const breakdown = page.locator('table.cross-table').first();
	await expect(breakdown).toBeVisible();
	await expect(breakdown).toContainText(msg('en', 'chart_fewer_than', { k: 5 }));
	// The written answers, for the owners.
	await expect(page.getByText(msg('en', 'surveys_result_texts', { count: 1 })).first()).toBeVisible();
	// Narrowing to one group of two answers is refused beside its field; the results stay, whole.
	await page.getByLabel(msg('en', 'surveys_only_label')).selectOption('work:paid_job');
	await page.getByRole('button', { name: msg('en', 'surveys_breakdown_submit') }).last().click();
	await expect(page).toHaveURL(/only=work%3Apaid_job/);
	await expect(page.getByText(msg('en', 'error_survey_filter_small', { k: 5 })).first()).toBeVisible();
	await expect(page.locator('p.count')).toContainText(msg('en', 'surveys_responses', { count: 2 }));
	// A result marked as evidence for an insight, with the breakdown shown.
	await page.getByRole('button', { name: msg('en', 'surveys_evidence_mark') }).first().click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_done_evidence'));
	await expect(page.getByRole('button', { name: msg('en', 'surveys_evidence_unmark') })).toHaveCount(1);

	await page.getByRole('button', { name: msg('en', 'surveys_publish') }).click();
	await expect(page.getByRole('status')).toHaveText(msg('en', 'surveys_done_published'));
	await owner.close();

	const context = await contextFor(browser, 'member', 'en');
	const member = await context.newPage();
	await member.goto('/surveys');
	await member.getByRole('region', { name: msg('en', 'surveys_results_published_title') }).getByRole('link', { name: TITLE_EN }).click();
	await expect(member.getByRole('heading', { level: 1, name: msg('en', 'surveys_results_title', { title: TITLE_EN }) })).toBeVisible();
	await expect(member.getByRole('heading', { name: /Do you work at your current posting\?/ })).toBeVisible();
	// No free text and no owner tools for the audience.
	await expect(member.getByRole('button', { name: msg('en', 'surveys_unpublish') })).toHaveCount(0);
	await expect(member.getByText('A work permit that comes with the posting.')).toHaveCount(0);
	await context.close();
});

for (const lang of LANGS) {
	test(`the survey pages pass axe in ${lang === 'nl' ? 'Dutch' : 'English'} at 1280 and 390 px, and none scrolls sideways at 320 px`, async ({ browser }) => {
		test.setTimeout(240_000);
		expect(surveyId).toBeGreaterThan(0);
		fs.mkdirSync('test-results/surveys', { recursive: true });
		const pages: { account: AccountName; path: string; name: string }[] = [
			{ account: 'coordinator', path: '/surveys', name: 'list-owner' },
			{ account: 'coordinator', path: '/surveys/new', name: 'new' },
			{ account: 'coordinator', path: `/surveys/${surveyId}/edit`, name: 'builder' },
			{ account: 'coordinator', path: `/surveys/${surveyId}`, name: 'preview' },
			{ account: 'coordinator', path: `/surveys/${surveyId}/results?by=region`, name: 'results-owner' },
			{ account: 'member', path: '/surveys', name: 'list-member' },
			{ account: 'member', path: '/home', name: 'home' },
			{ account: 'member', path: `/surveys/${surveyId}`, name: 'answered' },
			{ account: 'member', path: `/surveys/${surveyId}/results`, name: 'results-member' }
		];
		await checkPages(browser, lang, 'surveys', pages);
	});
}
