/**
 * Admin settings and the admin's own account: a save with several problems
 * names every one of them at once (over the API as `fields`, on the page in
 * the error summary and beside each field), and changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { auditLog, users } from '../../src/lib/server/db/schema';
import { translate } from '../../src/lib/i18n/translate';
import type { Language } from '../../src/lib/shared/roles';
import type { SettingView as Setting } from '../../src/lib/server/admin/settings';

const t = useServer({ pages: true });
let admin: string;
let adminId: string;
let lang: Language;
beforeAll(async () => {
	admin = await t.login('admin@example.org');
	const [row] = await t.db.select({ id: users.id, language: users.language }).from(users).where(eq(users.email, 'admin@example.org'));
	adminId = row!.id;
	lang = row!.language as Language;
});

const listed = async (): Promise<Record<string, Setting>> => {
	const res = await t.api('/api/admin/settings', { cookie: admin });
	expect(res.status).toBe(200);
	return Object.fromEntries((res.body as Setting[]).map((s) => [s.key, s]));
};
const settingAudits = () => t.db.select().from(auditLog).where(eq(auditLog.action, 'settings.change'));
/** The message a field out of bounds gets, with that setting's own bounds. */
const outOfBounds = (s: Setting) => translate('error_setting_value', lang, { min: s.min, max: s.max, default: s.default });

/** Posts the settings form as a browser without JavaScript does, and reads the page that comes back. */
async function postSettingsForm(fields: Record<string, string>) {
	return t.api('/admin/settings?/save', {
		method: 'POST',
		cookie: admin,
		origin: t.url,
		headers: { accept: 'text/html' },
		rawBody: new URLSearchParams(fields).toString(),
		contentType: 'application/x-www-form-urlencoded'
	});
}

describe('settings with several bad values', () => {
	it('the API names every bad value with its own bounds, and writes none of the values, good or bad', async () => {
		const before = await listed();
		const audits = (await settingAudits()).length;
		const good = before.postsPerWindow!.value === before.postsPerWindow!.min ? before.postsPerWindow!.min + 1 : before.postsPerWindow!.min;
		const res = await t.api('/api/admin/settings', {
			method: 'PATCH',
			cookie: admin,
			body: { reportsToHide: 0, postsPerWindow: good, approveFirstPosts: 500, sessionIdleHours: 1.5 }
		});
		expect(res.status).toBe(400);
		expect(res.body.error).toBe('invalid_input');
		const fields = res.body.fields as Record<string, string>;
		// Every bad value, in the order of the settings, and nothing about the good one.
		expect(Object.keys(fields)).toEqual(['sessionIdleHours', 'reportsToHide', 'approveFirstPosts'].sort((a, b) => Object.keys(before).indexOf(a) - Object.keys(before).indexOf(b)));
		for (const key of Object.keys(fields)) expect(fields[key], key).toBe(outOfBounds(before[key]!));
		// Each names its own bounds: not the first one's message copied to the rest.
		expect(fields.reportsToHide).not.toBe(fields.approveFirstPosts);
		expect(fields[res.body.field]).toBe(res.body.message);
		// Nothing written: not the bad values, and not the good one sent with them.
		const after = await listed();
		for (const key of Object.keys(before)) expect(after[key]!.value, key).toBe(before[key]!.value);
		expect((await settingAudits()).length).toBe(audits);
	});

	it('the settings page lists both problems at the top, linked to their fields, each field marked with its own message', async () => {
		const before = await listed();
		const values = Object.fromEntries(Object.values(before).map((s) => [s.key, String(s.value)]));
		const res = await postSettingsForm({ ...values, reportsToHide: '0', loginFailuresPerAccount: 'many' });
		expect(res.status).toBe(400);
		const html = res.body as string;
		// The page speaks the language it says it does.
		const pageLang = html.match(/<html[^>]*lang="(nl|en)"/)?.[1] as Language;
		expect(pageLang).toBeDefined();
		const bounds = (s: Setting) => translate('error_setting_value', pageLang, { min: s.min, max: s.max, default: s.default });
		const summary = html.match(/<div class="error-summary[^"]*"[^>]*>([\s\S]*?)<\/div>/)?.[1];
		expect(summary, 'an error summary').toBeDefined();
		const links = [...summary!.matchAll(/<a href="#([^"]+)"[^>]*>([^<]*)<\/a>/g)].map(([, href, text]) => ({ href, text }));
		// In the order the page shows the settings, top to bottom.
		const bad = Object.keys(before).filter((key) => key === 'reportsToHide' || key === 'loginFailuresPerAccount');
		expect(links.map((l) => l.href)).toEqual(bad.map((key) => `setting-${key}`));
		// The summary names which setting each problem is about, and its bounds.
		for (const [i, key] of bad.entries()) {
			expect(links[i]!.text, key).toContain(escape(translate(`setting_${key}`, pageLang)));
			expect(links[i]!.text, key).toContain(escape(bounds(before[key]!)));
		}
		for (const key of ['reportsToHide', 'loginFailuresPerAccount']) {
			const input = html.match(new RegExp(`<input[^>]*id="setting-${key}"[^>]*>`))?.[0] ?? '';
			expect(input, key).toContain('aria-invalid="true"');
			expect(input, key).toMatch(new RegExp(`aria-describedby="[^"]*setting-${key}-error`));
			const own = html.match(new RegExp(`<p class="field-error[^"]*" id="setting-${key}-error"[^>]*>([\\s\\S]*?)</p>`))?.[1] ?? '';
			expect(own, key).toContain(escape(bounds(before[key]!)));
		}
		// What was typed stays in the field; a good field is not marked.
		expect(html).toMatch(/<input[^>]*id="setting-loginFailuresPerAccount"[^>]*value="many"/);
		expect(html.match(/<input[^>]*id="setting-approveFirstPosts"[^>]*>/)?.[0]).not.toContain('aria-invalid');
		const after = await listed();
		for (const key of Object.keys(before)) expect(after[key]!.value, key).toBe(before[key]!.value);
	});
});

describe("an admin's own account", () => {
	it('suspending oneself and dropping one\'s own admin role are both refused at once, each by its field', async () => {
		const res = await t.api(`/api/admin/users/${adminId}`, { method: 'PATCH', cookie: admin, body: { status: 'suspended', roles: ['member'] } });
		expect(res.status).toBe(409);
		expect(res.body.fields).toEqual({
			status: translate('error_cannot_change_own_status', lang),
			roles: translate('error_cannot_drop_own_admin', lang)
		});
		const [row] = await t.db.select({ status: users.status }).from(users).where(eq(users.id, adminId));
		expect(row!.status).toBe('active');
		const list = await t.api(`/api/admin/users?q=admin%40example.org`, { cookie: admin });
		expect(list.body.items.find((u: { id: string }) => u.id === adminId).roles).toContain('admin');
	});
});

/** The page escapes what it prints; the messages here contain no markup, but may contain an ampersand. */
function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
