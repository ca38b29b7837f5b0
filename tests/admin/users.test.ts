import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { userRoles, users } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';

const t = useServer();
let admin: string;
beforeAll(async () => {
	admin = await t.login('admin@example.org');
	// A batch inserted in one statement shares one created_at, like the demo seed: paging must break such ties.
	const passwordHash = await hashPassword('batch-password');
	const batch = await t.db
		.insert(users)
		.values(
			Array.from({ length: 6 }, (_, i) => ({
				email: `batch-${i}@example.org`,
				displayName: `Batch Person ${i}`,
				status: i % 2 ? ('active' as const) : ('pending' as const),
				passwordHash
			}))
		)
		.returning({ id: users.id });
	await t.db.insert(userRoles).values(batch.map((b) => ({ userId: b.id, role: 'member' as const })));
	for (let i = 0; i < 3; i++) await t.createUser({ displayName: `Single Person ${i}` });
});

interface Row {
	id: string;
	email: string;
	status: string;
	roles: string[];
	createdAt: string;
}

async function allPages(query: string): Promise<{ rows: Row[]; pages: number }> {
	const rows: Row[] = [];
	let cursor: string | null = null;
	let pages = 0;
	do {
		const qs = new URLSearchParams(query);
		if (cursor) qs.set('cursor', cursor);
		const res = await t.api(`/api/admin/users?${qs}`, { cookie: admin });
		expect(res.status).toBe(200);
		rows.push(...res.body.items);
		cursor = res.body.nextCursor;
		pages++;
		expect(pages).toBeLessThan(100);
	} while (cursor);
	return { rows, pages };
}

describe('admin user list', () => {
	it('pages by cursor through every account exactly once, newest first', async () => {
		const [total] = await t.db.select({ n: count() }).from(users);
		const { rows, pages } = await allPages('limit=2');
		const ids = rows.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBe(total!.n);
		expect(pages).toBe(Math.ceil(total!.n / 2));
		for (let i = 1; i < rows.length; i++)
			expect(new Date(rows[i - 1]!.createdAt).getTime()).toBeGreaterThanOrEqual(new Date(rows[i]!.createdAt).getTime());
		expect(rows.map((r) => r.email)).toContain('admin@example.org');
		expect(rows.map((r) => r.email)).toContain('batch-5@example.org');
		// The answer carries no password material.
		expect(JSON.stringify(rows)).not.toMatch(/argon2|passwordHash/i);
	});

	it('gives the same result at every page size', async () => {
		const one = (await allPages('limit=1')).rows.map((r) => r.id);
		const three = (await allPages('limit=3')).rows.map((r) => r.id);
		const big = await t.api('/api/admin/users?limit=100', { cookie: admin });
		expect(big.body.nextCursor).toBeNull();
		expect(one).toEqual(big.body.items.map((r: Row) => r.id));
		expect(three).toEqual(one);
	});

	it('filters by status, across pages too', async () => {
		const [pendingTotal] = await t.db.select({ n: count() }).from(users).where(eq(users.status, 'pending'));
		const { rows } = await allPages('limit=2&status=pending');
		expect(rows.length).toBe(pendingTotal!.n);
		expect(rows.every((r) => r.status === 'pending')).toBe(true);
		expect(rows.map((r) => r.email)).toContain('pending@example.org');
		const active = await allPages('limit=2&status=active');
		expect(active.rows.every((r) => r.status === 'active')).toBe(true);
		expect(active.rows.map((r) => r.email)).not.toContain('pending@example.org');
	});

	it('searches name and email, treating % and _ as plain characters', async () => {
		const byName = await t.api(`/api/admin/users?q=${encodeURIComponent('Sanne')}`, { cookie: admin });
		expect(byName.body.items.map((r: Row) => r.email)).toEqual(['member@example.org']);
		const byEmail = await t.api(`/api/admin/users?q=${encodeURIComponent('BATCH-3@')}`, { cookie: admin });
		expect(byEmail.body.items.map((r: Row) => r.email)).toEqual(['batch-3@example.org']);
		const wildcard = await t.api(`/api/admin/users?q=${encodeURIComponent('%')}`, { cookie: admin });
		expect(wildcard.status).toBe(200);
		expect(wildcard.body.items).toEqual([]);
		const underscore = await t.api(`/api/admin/users?q=${encodeURIComponent('batch_1')}`, { cookie: admin });
		expect(underscore.body.items).toEqual([]);
	});
});

describe('admin changes to accounts', () => {
	it('an admin cannot take away their own admin role or active status', async () => {
		const me = (await t.api('/api/me', { cookie: admin })).body;
		for (const body of [{ roles: ['member'] }, { roles: [] }, { status: 'suspended' }, { status: 'removed' }, { status: 'pending' }]) {
			const res = await t.api(`/api/admin/users/${me.id}`, { method: 'PATCH', cookie: admin, body });
			expect(res.status, JSON.stringify(body)).toBe(409);
			expect(res.body.error).toBe('conflict');
		}
		const after = await t.api('/api/me', { cookie: admin });
		expect(after.body).toMatchObject({ status: 'active', roles: ['admin'] });
		// Adding a role to oneself, keeping admin, is fine.
		const more = await t.api(`/api/admin/users/${me.id}`, { method: 'PATCH', cookie: admin, body: { roles: ['admin', 'member'] } });
		expect(more.status).toBe(200);
		expect(more.body.roles).toEqual(['member', 'admin']);
		await t.api(`/api/admin/users/${me.id}`, { method: 'PATCH', cookie: admin, body: { roles: ['admin'] } });
	});

	it('a role change shows in the person\'s own GET /api/me at once, capabilities included', async () => {
		const user = await t.createUser({ roles: ['member'] });
		const cookie = await t.login(user.email, user.password);
		const before = await t.api('/api/me', { cookie });
		expect(before.body.roles).toEqual(['member']);
		expect(before.body.capabilities).not.toContain('moderation.act');

		const res = await t.api(`/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin, body: { roles: ['member', 'moderator'] } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: user.id, roles: ['member', 'moderator'], status: 'active' });
		const after = await t.api('/api/me', { cookie });
		expect(after.body.roles).toEqual(['member', 'moderator']);
		expect(after.body.capabilities).toContain('moderation.act');

		const none = await t.api(`/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin, body: { roles: [] } });
		expect(none.body.roles).toEqual([]);
		const bare = await t.api('/api/me', { cookie });
		expect(bare.body).toMatchObject({ roles: [], capabilities: [] });
	});

	it('approving a pending person gives them their capabilities; suspending and reinstating works both ways', async () => {
		const user = await t.createUser({ roles: ['member'], status: 'pending' });
		const cookie = await t.login(user.email, user.password);
		expect((await t.api('/api/me', { cookie })).body.capabilities).toEqual([]);
		expect((await t.api(`/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin, body: { status: 'active' } })).status).toBe(200);
		expect((await t.api('/api/me', { cookie })).body).toMatchObject({ status: 'active', capabilities: expect.arrayContaining(['group.participate']) });

		expect((await t.api(`/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin, body: { status: 'suspended' } })).status).toBe(200);
		expect((await t.api('/api/me', { cookie })).status).toBe(401);
		const blocked = await t.api('/api/auth/login', { method: 'POST', body: { email: user.email, password: user.password } });
		expect(blocked.status).toBe(403);

		expect((await t.api(`/api/admin/users/${user.id}`, { method: 'PATCH', cookie: admin, body: { status: 'active' } })).status).toBe(200);
		const back = await t.login(user.email, user.password);
		expect((await t.api('/api/me', { cookie: back })).body.status).toBe('active');
	});

	it('answers 404 for an account that does not exist', async () => {
		const res = await t.api('/api/admin/users/00000000-0000-4000-8000-000000000000', { method: 'PATCH', cookie: admin, body: { status: 'active' } });
		expect(res.status).toBe(404);
		expect(res.body.error).toBe('not_found');
	});
});
