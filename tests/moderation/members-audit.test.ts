/**
 * Actions on members, and the audit log that records every moderation action:
 * a suspended member's live connection is cut within a second and they cannot
 * log in until the date; every action leaves an audit row; the database
 * itself refuses to change or delete one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { join } from '../helpers/sockets';
import { createThread, newCategory, newMember, replyTo, type TestMember } from '../helpers/discussion';
import { auditLog, users } from '../../src/lib/server/db/schema';
import { AUDIT_ACTIONS } from '../../src/lib/server/audit/actions';
import { newApplicant, outboxFor } from '../helpers/membership';

const t = useServer();
let mod: TestMember;
let category: { id: number; slug: string };
beforeAll(async () => {
	mod = await newMember(t, { name: 'Mees Moderator', roles: ['member', 'moderator'] });
	category = await newCategory(t, 'Members');
});

const act = (userId: string, body: Record<string, unknown>) => t.api(`/api/moderation/members/${userId}/actions`, { method: 'POST', cookie: mod.cookie, body });
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('suspension', () => {
	it("cuts the member's open connection within a second, ends every session, and refuses login until the date", async () => {
		const member = await t.createUser({ roles: ['member'], displayName: 'Sven Geschorst' });
		const cookie = await t.login(member.email, member.password);
		const socket = await t.connect(cookie);
		expect(await join(socket, 'group')).toEqual({ ok: true });
		const cut = new Promise<number>((resolve) => socket.on('disconnect', () => resolve(Date.now())));
		const started = Date.now();
		const res = await act(member.id, { action: 'suspend', reason: 'Bedreigingen in privéberichten', until: inDays(7) });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'suspended' });
		expect((await cut) - started).toBeLessThan(1_000);
		expect((await t.api('/api/me', { cookie })).status).toBe(401);

		const login = await t.api('/api/auth/login', { method: 'POST', body: { email: member.email, password: member.password } });
		expect(login.status).toBe(403);
		expect(login.body.message).toContain(inDays(7).slice(0, 10));
		expect(await outboxFor(t, member.email, 'moderation')).toHaveLength(1);

		// The date passes: the next login lets them in again, and the record says so.
		await t.db.update(users).set({ suspendedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, member.id));
		const back = await t.api('/api/auth/login', { method: 'POST', body: { email: member.email, password: member.password } });
		expect(back.status).toBe(200);
		const audit = await t.api(`/api/moderation/audit?subject=${member.id}`, { cookie: mod.cookie });
		expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['member.suspension_ended', 'member.suspend']);
	});

	it('moderators act on members only, never on themselves or staff', async () => {
		expect((await act(mod.id, { action: 'warn', reason: 'x' })).status).toBe(409);
		const admin = await t.createUser({ roles: ['admin'] });
		expect((await act(admin.id, { action: 'suspend', reason: 'x', until: inDays(1) })).status).toBe(403);
		const member = await newMember(t);
		expect((await act(member.id, { action: 'suspend', reason: 'x' })).body.field).toBe('until');
		expect((await act(member.id, { action: 'warn' })).body.field).toBe('reason');
	});
});

describe('the audit log', () => {
	it('has a row for every kind of moderation action, automatic ones included', async () => {
		const author = await newMember(t, { name: 'Anouk Auteur' });
		const post = async () => {
			const { threadId } = await createThread(t, author.cookie, { category: category.slug, title: `Draad ${Math.random().toString(36).slice(2, 7)}` });
			return { threadId, id: (await replyTo(t, author.cookie, threadId, 'Een gewone reactie.')).id };
		};
		const onPost = (id: number, body: Record<string, unknown>) => t.api(`/api/moderation/posts/${id}`, { method: 'POST', cookie: mod.cookie, body });
		const onThread = (id: number, body: Record<string, unknown>) => t.api(`/api/moderation/threads/${id}`, { method: 'POST', cookie: mod.cookie, body });
		const ok = (res: { status: number; body: unknown }) => expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);

		// Posts: hold (a newcomer) and approve; hide, restore, remove, edit; reports hidden automatically and dismissed.
		const newcomer = await newMember(t, { newMember: true });
		const a = await post();
		const held = await replyTo(t, newcomer.cookie, a.threadId, 'Mijn eerste bericht.');
		ok(await onPost(held.id, { action: 'approve' }));
		ok(await onPost(a.id, { action: 'hide', reason: 'Even kijken' }));
		ok(await onPost(a.id, { action: 'restore' }));
		ok(await onPost(a.id, { action: 'remove', reason: 'Toch niet' }));
		const b = await post();
		ok(await t.api(`/api/moderation/posts/${b.id}`, { method: 'PATCH', cookie: mod.cookie, body: { body: 'Een gewone reactie, ingekort.', note: 'Telefoonnummer weggehaald' } }));
		for (const name of ['Een', 'Twee', 'Drie']) {
			const reporter = await newMember(t, { name: `Melder ${name}` });
			ok(await t.api(`/api/posts/${b.id}/report`, { method: 'POST', cookie: reporter.cookie, body: { reason: 'spam' } }));
		}
		ok(await onPost(b.id, { action: 'dismiss' }));
		// Watched words: block, report, add, remove, import.
		const word = await t.api('/api/moderation/words', { method: 'POST', cookie: mod.cookie, body: { language: 'nl', pattern: 'verboden*', action: 'block' } });
		ok(word);
		await t.api('/api/moderation/words', { method: 'POST', cookie: mod.cookie, body: { language: 'en', pattern: 'flagme', action: 'report' } });
		expect((await replyTo(t, author.cookie, b.threadId, 'Dit is verbodenterrein').catch((e: Error) => e)) instanceof Error).toBe(true);
		await replyTo(t, author.cookie, b.threadId, 'Please flagme for review');
		ok(await t.api(`/api/moderation/words/${word.body.id}`, { method: 'DELETE', cookie: mod.cookie }));
		ok(await t.api('/api/moderation/words/import', { method: 'POST', cookie: mod.cookie, body: { csv: 'en,imported,hold' } }));
		// Threads.
		for (const body of [{ action: 'lock' }, { action: 'unlock' }, { action: 'pin' }, { action: 'unpin' }, { action: 'slow_mode', seconds: 60, reason: 'Rustig' }]) ok(await onThread(b.threadId, body));
		const elsewhere = await newCategory(t, 'Elders');
		ok(await onThread(b.threadId, { action: 'move', categoryId: elsewhere.id }));
		// Members.
		const m = await newMember(t, { name: 'Lid Met Maatregelen' });
		ok(await act(m.id, { action: 'warn', reason: 'Toon' }));
		ok(await act(m.id, { action: 'mute', reason: 'Toon', until: inDays(2) }));
		ok(await act(m.id, { action: 'unmute' }));
		ok(await act(m.id, { action: 'suspend', reason: 'Herhaling', until: inDays(2) }));
		ok(await act(m.id, { action: 'unsuspend' }));
		const lapsed = await t.createUser({ roles: ['member'] });
		await t.db.update(users).set({ status: 'suspended', suspendedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, lapsed.id));
		ok(await t.api('/api/auth/login', { method: 'POST', body: { email: lapsed.email, password: lapsed.password } }));
		ok(await t.api(`/api/moderation/members/${m.id}/notes`, { method: 'POST', cookie: mod.cookie, body: { body: 'Let op bij volgende melding' } }));
		ok(await act(m.id, { action: 'remove', reason: 'Na drie waarschuwingen' }));
		// A reported member, dismissed.
		const reported = await newMember(t);
		const memberReport = await t.api(`/api/members/${reported.handle}/report`, { method: 'POST', cookie: author.cookie, body: { reason: 'harassment' } });
		ok(memberReport);
		ok(await act(reported.id, { action: 'dismiss', caseId: (await t.api('/api/moderation/queue?limit=100', { cookie: mod.cookie })).body.items.find((i: { kind: string; member: { id: string } }) => i.kind === 'member' && i.member.id === reported.id).id }));
		// Join requests and invitations.
		const applicant = await newApplicant(t);
		ok(await t.api(`/api/join-requests/${applicant.requestId}/decision`, { method: 'POST', cookie: mod.cookie, body: { decision: 'approve' } }));
		const declined = await newApplicant(t);
		ok(await t.api(`/api/join-requests/${declined.requestId}/decision`, { method: 'POST', cookie: mod.cookie, body: { decision: 'decline', reason: 'Geen partner van een uitgezonden medewerker' } }));
		const invitation = await t.api('/api/invitations', { method: 'POST', cookie: mod.cookie, body: {} });
		ok(invitation);
		ok(await t.api(`/api/invitations/${invitation.body.invitation.id}/revoke`, { method: 'POST', cookie: mod.cookie }));

		// An admin's change to an account.
		ok(await t.adminUpdate(m.id, { roles: ['member', 'board_member'] }));
		// Settings (an admin's).
		const admin = await t.login('admin@example.org');
		ok(await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { reportsToHide: 4 } }));
		ok(await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { reportsToHide: 3 } }));
		// Last: after a new version of the guidelines, members accept it before they post again.
		ok(await t.api('/api/guidelines', { method: 'POST', cookie: admin, body: { bodyNl: 'Wees vriendelijk en respecteer ieders privacy. '.repeat(2), bodyEn: 'Be kind and respect everyone’s privacy. '.repeat(2) } }));

		const rows = await t.db.select({ action: auditLog.action }).from(auditLog);
		const seen = new Set(rows.map((r) => r.action));
		const missing = AUDIT_ACTIONS.filter((a) => !seen.has(a));
		expect(missing).toEqual([]);
	});

	it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
		const [row] = await t.db.select({ id: auditLog.id }).from(auditLog).limit(1);
		expect(row).toBeDefined();
		// The database's own refusal (drizzle wraps it: the trigger's message is the cause).
		const refusal = (query: Promise<unknown>) => query.then(() => 'accepted', (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`);
		expect(await refusal(t.db.execute(sql`update audit_log set reason = 'rewritten' where id = ${row!.id}`))).toMatch(/append-only: UPDATE refused/);
		expect(await refusal(t.db.execute(sql`delete from audit_log where id = ${row!.id}`))).toMatch(/append-only: DELETE refused/);
		expect(await refusal(t.db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE refused/);
		const [still] = await t.db.select({ reason: auditLog.reason }).from(auditLog).where(eq(auditLog.id, row!.id));
		expect(still?.reason).not.toBe('rewritten');
	});

	it('filters by action and member and exports the same as CSV', async () => {
		const m = await newMember(t, { name: 'Csv Lid' });
		await act(m.id, { action: 'warn', reason: 'Een "quote", en een komma' });
		const page = await t.api(`/api/moderation/audit?subject=${m.id}&action=member.warn`, { cookie: mod.cookie });
		expect(page.body.items).toHaveLength(1);
		const csv = await t.api(`/api/moderation/audit.csv?subject=${m.id}`, { cookie: mod.cookie });
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const lines = (csv.body as string).trim().split('\r\n');
		expect(lines[0]).toBe('"id","at","actor","action","target_kind","target_id","member","reason","before","after","data"');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('member.warn');
		expect(lines[1]).toContain('"Een ""quote"", en een komma"');
		const admin = await t.login('admin@example.org');
		expect((await t.api('/api/moderation/audit', { cookie: admin })).status).toBe(200);
		expect((await t.api('/api/moderation/audit', { cookie: m.cookie })).status).toBe(403);
	});
});
