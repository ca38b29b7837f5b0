import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, langOf, loginAs, msg, type Lang } from './helpers';

/**
 * Forms that tell people what happened (the GOV.UK pattern): every problem
 * at once in a summary at the top, with a link to each field, focus on the
 * summary, each field marked and described by its own message; a
 * confirmation beside the button, announced.
 */
test.use({ bypassCSP: true });

const JOIN_FIELDS: [field: string, target: string, message: string][] = [
	['displayName', 'displayName', 'error_display_name'],
	['email', 'email', 'error_email_invalid'],
	['password', 'password', 'error_password_too_short'],
	['postingCountry', 'postingCountry', 'error_posting_country'],
	['postingCity', 'postingCity', 'error_city'],
	['relation', 'relation-', 'error_relation'],
	['civilServantName', 'civilServantName', 'error_civil_servant_name'],
	['civilServantDepartment', 'civilServantDepartment', 'error_department'],
	['languages', 'languages-', 'error_spoken_languages_required'],
	['acceptGuidelines', 'acceptGuidelines', 'error_guidelines_not_accepted']
];

async function expectJoinSummary(page: Page, lang: Lang) {
	const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: msg(lang, 'error_summary_title') }) });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	const links = summary.getByRole('link');
	await expect(links).toHaveCount(JOIN_FIELDS.length);
	// In the order of the form, top to bottom.
	await expect(links).toHaveText(JOIN_FIELDS.map(([, , key]) => msg(lang, key)));
	for (const [field, target, key] of JOIN_FIELDS) {
		const link = summary.getByRole('link', { name: msg(lang, key), exact: true });
		await expect(link, field).toHaveAttribute('href', new RegExp(`^#${target}`));
		// The field itself says so, and its own message is read with it.
		const id = (await link.getAttribute('href'))!.slice(1);
		const input = page.locator(`[id="${id}"]`);
		// (A radio button cannot be marked invalid: its group points at the message.)
		if (field !== 'relation') await expect(input, field).toHaveAttribute('aria-invalid', 'true');
		const own = page.locator(`[id="${field === 'relation' || field === 'languages' ? field : id}-error"]`);
		await expect(own, field).toContainText(msg(lang, key));
		const describedBy = field === 'relation' || field === 'languages' ? await input.locator('xpath=ancestor::fieldset[1]').getAttribute('aria-describedby') : await input.getAttribute('aria-describedby');
		expect(describedBy?.split(' '), field).toContain(`${field === 'relation' || field === 'languages' ? field : id}-error`);
	}
	return summary;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('the join form sent empty lists every problem at the top, focused, each field marked', async ({ page }) => {
			await page.goto('/join');
			const lang = await langOf(page);
			await page.getByRole('button', { name: msg(lang, 'join_submit') }).click();
			await expect(page).toHaveURL(/\/join/);
			const summary = await expectJoinSummary(page, lang);
			if (javaScriptEnabled) {
				// Axe needs a script on the page; the markup is the same the server renders without JavaScript.
				await expectAccessible(page, '/join with every field empty', lang);
				// A link takes the person to the field.
				await summary.getByRole('link', { name: msg(lang, 'error_city'), exact: true }).click();
				await expect(page.locator('#postingCity')).toBeFocused();
				// Corrected in part and sent again: the summary lists what is left, focused again.
				await page.locator('#displayName').fill('Noor Test');
				await page.getByRole('button', { name: msg(lang, 'join_submit') }).click();
				await expect(summary.getByRole('link')).toHaveCount(JOIN_FIELDS.length - 1);
				await expect(summary).toBeFocused();
				await expect(page.locator('#displayName')).not.toHaveAttribute('aria-invalid', 'true');
			}
		});
	});
}

test('saving the profile says so beside the button, announced', async ({ page }) => {
	await loginAs(page, 'board');
	await page.goto('/profile');
	const lang = await langOf(page);
	const status = page.getByRole('status').filter({ hasText: msg(lang, 'saved') });
	await expect(status).toHaveCount(0);
	const save = page.getByRole('button', { name: msg(lang, 'save') });
	await save.click();
	await expect(status).toBeVisible();
	await expect(status).toHaveText(msg(lang, 'saved'));
	// Beside the button that was used, in view, not at the top of the form.
	const [button, note] = await Promise.all([save.boundingBox(), status.boundingBox()]);
	expect(Math.abs(note!.y - button!.y)).toBeLessThan(120);
	await expect(status).toBeInViewport();
	await expectAccessible(page, '/profile saved', lang);
});
