import { expect, test, type APIRequestContext } from '@playwright/test';
import { ACCOUNTS, BASE_URL, DEMO_PASSWORD } from './helpers';

/**
 * The pages' side of tests/platform/bad-input.test.ts: form actions and page
 * addresses carrying control characters (a NUL above all, which Postgres
 * cannot store or compare) get a 4xx page saying what is wrong, never a 500.
 * Form actions parse with the API's schemas; page loads hand URL parameters to
 * the same domain functions.
 */

const NUL = '\u0000';

async function signedIn(request: APIRequestContext, account: keyof typeof ACCOUNTS) {
	const res = await request.post('/api/auth/login', { data: { email: ACCOUNTS[account], password: DEMO_PASSWORD } });
	expect(res.status(), `login ${account}`).toBe(200);
}

/** A form post as a browser without JavaScript sends it. */
function submit(request: APIRequestContext, path: string, form: Record<string, string>) {
	return request.post(path, { form, headers: { origin: BASE_URL, accept: 'text/html' }, maxRedirects: 0 });
}

test('form actions refuse control characters in every text field with a readable 400', async ({ playwright }) => {
	const mod = await playwright.request.newContext({ baseURL: BASE_URL });
	const admin = await playwright.request.newContext({ baseURL: BASE_URL });
	await signedIn(mod, 'moderator');
	await signedIn(admin, 'admin');
	const made = await mod.post('/api/threads', { data: { category: 'welcome', title: 'Control characters in forms', body: 'Opening post.' } });
	expect(made.status()).toBe(201);
	const { threadId, postId } = (await made.json()) as { threadId: number; postId: number };

	const cases: [APIRequestContext, string, Record<string, string>, string[]][] = [
		[mod, '/group/welcome?/create', { kind: 'discussion', title: 'A fine title', body: 'A fine body.' }, ['title', 'body']],
		[mod, `/group/t/${threadId}?/reply`, { body: 'A fine reply.' }, ['body']],
		[mod, `/group/t/${threadId}?/edit`, { postId: String(postId), title: 'A fine title', body: 'A fine body.' }, ['title', 'body']],
		[mod, `/group/t/${threadId}?/modedit`, { postId: String(postId), title: 'A fine title', body: 'A fine body.', note: 'Tidied up' }, ['title', 'body', 'note']],
		[admin, '/admin/categories?/create', { nameNl: 'Nieuw', nameEn: 'New', descriptionNl: 'Over iets', descriptionEn: 'About something' }, ['nameNl', 'nameEn', 'descriptionNl', 'descriptionEn']],
		[admin, '/admin/categories?/update', { id: '1', slug: 'welcome', nameNl: 'Welkom', nameEn: 'Welcome', descriptionNl: 'Over iets', descriptionEn: 'About something' }, ['nameNl', 'nameEn', 'descriptionNl', 'descriptionEn']]
	];
	for (const [request, path, valid, fields] of cases)
		for (const field of fields) {
			const res = await submit(request, path, { ...valid, [field]: `${valid[field]} a${NUL}b` });
			expect(res.status(), `${path} ${field}`).toBe(400);
			expect(await res.text(), `${path} ${field}`).toMatch(/onzichtbaar stuurteken|invisible control character/);
		}
	await Promise.all([mod.dispose(), admin.dispose()]);
});

test('page addresses with control characters get a 4xx, never a 500', async ({ playwright }) => {
	const mod = await playwright.request.newContext({ baseURL: BASE_URL });
	const admin = await playwright.request.newContext({ baseURL: BASE_URL });
	await signedIn(mod, 'moderator');
	await signedIn(admin, 'admin');
	const paths: [APIRequestContext, string][] = [
		[mod, '/group/welcome%00'],
		[mod, '/group/welcome?cursor=%00'],
		[mod, '/group?cursor=%00'],
		[mod, '/search?q=a%00b'],
		[mod, '/search?q=hello&category=%00'],
		[mod, '/audit?about=a%00'],
		[mod, '/audit?cursor=%00'],
		[mod, '/moderation?cursor=%00'],
		[mod, '/moderation/requests?cursor=%00'],
		[mod, '/notifications?cursor=%00'],
		[mod, '/members?cursor=%00'],
		[mod, '/members?country=%00'],
		[mod, '/reports?cursor=%00'],
		[mod, '/invitations?cursor=%00'],
		[admin, '/admin/users?q=a%00'],
		[admin, '/admin/users?cursor=%00']
	];
	for (const [request, path] of paths) {
		const res = await request.get(path, { maxRedirects: 0 });
		expect(res.status(), path).toBeLessThan(500);
	}
	await Promise.all([mod.dispose(), admin.dispose()]);
});
