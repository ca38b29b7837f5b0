/**
 * Actions on members, and the audit log that records every moderation action:
 * a suspended member's live connection is cut within a second and they cannot
 * log in until the date; every action leaves an audit row; the database
 * itself refuses to change or delete one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer, type ApiResponse } from '../helpers/server';
import { join } from '../helpers/sockets';
import { actorFor, createThread, newCategory, newMember, replyTo, type TestMember } from '../helpers/discussion';
import { auditLog, boardMemberships, users } from '../../src/lib/server/db/schema';
import { AUDIT_ACTIONS } from '../../src/lib/server/audit/actions';
import { newApplicant, outboxFor } from '../helpers/membership';
import { auditSentence } from '../../src/lib/server/audit/sentences';
import type { AuditRow } from '../../src/lib/shared/audit';

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

		// The sounding board: a volunteer, a coordinator's step and look at their profile, targets, a dimension, a draw.
		const coordinator = await t.login('coordinator@example.org');
		const volunteer = await newMember(t, { name: 'Vrijwilliger Voor Het Klankbord' });
		ok(await t.api('/api/board/me/volunteer', { method: 'POST', cookie: volunteer.cookie, body: { motivation: 'Ik denk graag mee.', availability: 'Doordeweeks na acht uur', answers: { work: 'paid_job', children: 'no' } } }));
		const [membership] = await t.db.select({ id: boardMemberships.id }).from(boardMemberships).where(eq(boardMemberships.userId, volunteer.id));
		ok(await t.api(`/api/board/memberships/${membership!.id}/steps`, { method: 'POST', cookie: coordinator, body: { to: 'candidate' } }));
		ok(await t.api(`/api/board/people/${volunteer.id}/profile`, { cookie: coordinator }));
		ok(await t.api('/api/board/targets', { method: 'PUT', cookie: coordinator, body: { targets: [{ dimension: 'work', option: 'paid_job', minShare: 10, maxShare: 60 }] } }));
		ok(await t.api('/api/board/dimensions', { method: 'POST', cookie: coordinator, body: { key: 'audit_housing', labelNl: 'Wonen', labelEn: 'Housing', options: [{ key: 'rent', labelNl: 'Huur', labelEn: 'Rent' }, { key: 'owned', labelNl: 'Koop', labelEn: 'Owned' }] } }));
		ok(await t.api('/api/board/selections', { method: 'POST', cookie: coordinator, body: { seats: 3, keep: [], quotas: [{ dimension: 'work', option: 'paid_job', min: 1, max: 2 }], seed: 'audit' } }));
		// A board session: scheduled, moved, cancelled; its meeting link never reaches the log.
		const sessionForm = { title: 'Sessie over scholen', start: '2030-06-11T15:00', end: '2030-06-11T16:00', timeZone: 'Europe/Amsterdam', meetingLink: 'https://meet.example.org/audit-geheim', agenda: [{ title: 'Opening', minutes: 15 }], inviteBoard: false, guests: ['policy@example.org'] };
		const session = await t.api('/api/board/sessions', { method: 'POST', cookie: coordinator, body: sessionForm });
		ok(session);
		ok(await t.api(`/api/board/sessions/${session.body.id}`, { method: 'PUT', cookie: coordinator, body: { ...sessionForm, start: '2030-06-12T15:00', end: '2030-06-12T16:00' } }));
		ok(await t.api(`/api/board/sessions/${session.body.id}/cancel`, { method: 'POST', cookie: coordinator, body: { reason: 'Te weinig aanmeldingen' } }));
		expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain('audit-geheim');
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

	it('reads as sentences with names, in Dutch and English: every kind of action, no codes, ids or raw data', async () => {
		const items: AuditRow[] = [];
		for (let cursor: string | null = null, first = true; first || cursor; first = false) {
			const page: ApiResponse = await t.api(`/api/moderation/audit?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie: mod.cookie });
			expect(page.status).toBe(200);
			items.push(...page.body.items);
			cursor = page.body.nextCursor;
		}
		const codes = [...AUDIT_ACTIONS, ...AUDIT_ACTIONS.map((a) => a.split('.')[1]!).filter((w) => w.includes('_')), 'watched_word', 'join_request', 'new_member'];
		const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
		for (const action of AUDIT_ACTIONS) {
			const rows = items.filter((r) => r.action === action);
			expect(rows.length, action).toBeGreaterThan(0);
			for (const r of rows)
				for (const locale of ['nl', 'en'] as const) {
					const sentence = auditSentence(r, locale, 'Europe/Amsterdam');
					for (const code of codes) expect(sentence, `${action} (${locale}): ${sentence}`).not.toContain(code);
					expect(sentence, `${action} (${locale})`).not.toMatch(uuid);
					expect(sentence, `${action} (${locale})`).not.toMatch(/[{}]|undefined|null|\[object|"status"|\?/);
					// The platform's own acts name it, except a suspension that simply ran out.
					if (action !== 'member.suspension_ended') expect(sentence, `${action} (${locale}): ${sentence}`).toContain(r.actor?.displayName ?? (locale === 'nl' ? 'Het platform' : 'The platform'));
					if (r.subjectName) expect(sentence, `${action} (${locale})`).toContain(r.subjectName);
				}
		}
		const nl = (action: string, extra: (r: AuditRow) => boolean = () => true) => auditSentence(items.find((r) => r.action === action && extra(r))!, 'nl', 'UTC');
		const en = (action: string, extra: (r: AuditRow) => boolean = () => true) => auditSentence(items.find((r) => r.action === action && extra(r))!, 'en', 'UTC');
		expect(en('post.hide')).toMatch(/^Mees Moderator hid a post by Anouk Auteur in ‘Draad \w+’: Even kijken$/);
		expect(nl('post.hide')).toMatch(/^Mees Moderator verborg een bericht van Anouk Auteur in ‘Draad \w+’: Even kijken$/);
		expect(en('post.hold', (r) => r.reason === 'new_member')).toMatch(/^The platform held a post by .+ in ‘Draad \w+’ for approval: first posts of a new member$/);
		expect(nl('post.auto_hide')).toMatch(/^Het platform verborg een bericht van Anouk Auteur in ‘Draad \w+’ na \w+ van 3 leden$/);
		expect(en('post.blocked')).toContain('for the watched word ‘verboden*’');
		expect(en('thread.move')).toMatch(/ from ‘Members.*’ to ‘Elders.*’$/);
		expect(en('thread.slow_mode')).toMatch(/one reply per 1 minute: Rustig$/);
		expect(nl('member.warn', (r) => r.subjectName === 'Lid Met Maatregelen')).toBe('Mees Moderator waarschuwde Lid Met Maatregelen: Toon');
		expect(en('member.suspension_ended')).toMatch(/^The suspension of .+ ended$/);
		expect(en('join_request.decline')).toMatch(/^Mees Moderator declined the request to join from .+: Geen partner van een uitgezonden medewerker$/);
		expect(en('invitation.create')).toBe('Mees Moderator created an invitation link');
		expect(en('watched_word.add', (r) => (r.after as { pattern: string }).pattern === 'flagme')).toBe('Mees Moderator added ‘flagme’ to the watched words (English, report automatically)');
		expect(nl('settings.change')).toMatch(/^.+ wijzigde ‘.+’ van \d naar \d$/);
		expect(en('meeting.create')).toMatch(/^Marieke Jansen scheduled the session ‘Sessie over scholen’ on 11 Jun 2030, 13:00$/);
		expect(nl('meeting.change')).toMatch(/^Marieke Jansen wijzigde de sessie ‘Sessie over scholen’ \(nu op 12 jun 2030, 13:00\)$/);
		expect(en('meeting.cancel')).toBe('Marieke Jansen cancelled the session ‘Sessie over scholen’ on 12 Jun 2030, 13:00: Te weinig aanmeldingen');
		expect(en('account.update')).toMatch(/: roles Partner \(member\) → Partner \(member\), Sounding-board member$/);
	});

	it('filters by who acted, whom it concerns (by name or handle), kind of action and days in the reader\'s time zone', async () => {
		const anna = await newMember(t, { name: 'Anna Filtermod', roles: ['member', 'moderator'] });
		const joost = await newMember(t, { name: 'Joost Gefilterd', handle: `joost${Date.now().toString(36)}` });
		const other = await newMember(t, { name: 'Iemand Anders' });
		const byAnna = (userId: string, body: Record<string, unknown>) => t.api(`/api/moderation/members/${userId}/actions`, { method: 'POST', cookie: anna.cookie, body });
		expect((await byAnna(joost.id, { action: 'warn', reason: 'Toon' })).status).toBe(200);
		expect((await byAnna(other.id, { action: 'warn', reason: 'Toon' })).status).toBe(200);
		expect((await act(joost.id, { action: 'mute', reason: 'Rust', until: inDays(1) })).status).toBe(200);
		const list = async (query: string, cookie = mod.cookie) => {
			const res = await t.api(`/api/moderation/audit?${query}`, { cookie });
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return (res.body.items as AuditRow[]).map((r) => `${r.actor?.displayName ?? 'platform'}:${r.action}:${r.subjectName}`);
		};
		expect(await list(`actor=${anna.id}`)).toEqual(['Anna Filtermod:member.warn:Iemand Anders', 'Anna Filtermod:member.warn:Joost Gefilterd']);
		expect(await list('about=gefilterd')).toEqual(['Mees Moderator:member.mute:Joost Gefilterd', 'Anna Filtermod:member.warn:Joost Gefilterd']);
		expect(await list(`about=@${joost.handle}&action=member.mute`)).toEqual(['Mees Moderator:member.mute:Joost Gefilterd']);
		expect(await list('about=100%25')).toEqual([]);
		const automatic = await list('actor=system&limit=200');
		expect(automatic.length).toBeGreaterThan(0);
		expect(automatic.every((r) => r.startsWith('platform:'))).toBe(true);
		// The people who acted, for the "done by" select.
		const { auditActors } = await import('../../src/lib/server/audit/log');
		expect((await auditActors(await actorFor(t, mod.id))).map((p) => p.displayName)).toEqual(expect.arrayContaining(['Anna Filtermod', 'Mees Moderator']));

		// Days are the reader's: far east of UTC, "today" there may be tomorrow in UTC; "to" includes its day.
		await t.db.update(users).set({ timeZone: 'Pacific/Kiritimati' }).where(eq(users.id, anna.id));
		const day = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date(Date.now() + offsetDays * 86_400_000));
		expect(await list(`about=gefilterd&from=${day(0)}&to=${day(0)}`, anna.cookie)).toHaveLength(2);
		expect(await list(`about=gefilterd&to=${day(-1)}`, anna.cookie)).toHaveLength(0);
		expect(await list(`about=gefilterd&from=${day(1)}`, anna.cookie)).toHaveLength(0);
		expect((await t.api('/api/moderation/audit?actor=anna', { cookie: mod.cookie })).status).toBe(400);
	});

	it('names a conversation to those who may see it: moderators always, an admin outside the group only while it is public', async () => {
		const author = await newMember(t, { name: 'Noor Schrijver' });
		const { threadId, postId } = await createThread(t, author.cookie, { category: category.slug, title: 'Een gesprek dat verdwijnt' });
		expect((await t.api(`/api/moderation/posts/${postId}`, { method: 'POST', cookie: mod.cookie, body: { action: 'hide', reason: 'Privégegevens' } })).status).toBe(200);
		const rowFor = async (cookie: string) =>
			((await t.api(`/api/moderation/audit?action=post.hide&subject=${author.id}`, { cookie })).body.items as AuditRow[]).find((r) => r.names.thread?.id === threadId)!;
		const forMod = await rowFor(mod.cookie);
		expect(forMod.names.thread).toEqual({ id: threadId, title: 'Een gesprek dat verdwijnt' });
		expect(auditSentence(forMod, 'en', 'UTC')).toBe('Mees Moderator hid a post by Noor Schrijver in ‘Een gesprek dat verdwijnt’: Privégegevens');
		const forAdmin = await rowFor(await t.login('admin@example.org'));
		expect(forAdmin.names.thread).toEqual({ id: threadId, title: null });
		expect(auditSentence(forAdmin, 'en', 'UTC')).toBe('Mees Moderator hid a post by Noor Schrijver in a conversation that is not public: Privégegevens');
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
