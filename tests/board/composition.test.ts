/**
 * The board's composition: exact counts and shares against target ranges for
 * coordinators; for policy staff only figures after small-cell suppression,
 * with no hidden number anywhere in the answer; target ranges with their
 * history; coordinators' own dimensions, asked and counted like the built-in ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { auditLog, boardMemberships, boardProfiles, boardTargets, profiles } from '../../src/lib/server/db/schema';
import { seal } from '../../src/lib/server/sensitive-data';
import { compositionFor } from '../../src/lib/server/board/composition';
import { dimensionDefs } from '../../src/lib/server/board/dimensions';
import { translate } from '../../src/lib/i18n/translate';

const t = useServer();
let coordinator: string;
let policy: string;

/**
 * The active board of this file: 25 people. Work: 12 paid job, 4 own business (a small cell), 9 neither.
 * Children: 15 yes, 10 no. Language: 20 Dutch, 5 other. Relationship (sealed): 3 same sex, 11 other sex,
 * 11 not answered. Region: 20 Europe, 5 Asia. No count of 4, 9 or 13 anywhere but in work.
 */
const WORK = [...Array(12).fill('paid_job'), ...Array(4).fill('own_business'), ...Array(9).fill('neither')] as string[];
const CHILDREN = [...Array(15).fill('yes'), ...Array(10).fill('no')] as string[];
const LANGUAGE = [...Array(20).fill('dutch'), ...Array(5).fill('other')] as string[];
const RELATIONSHIP = [...Array(3).fill('same_sex'), ...Array(11).fill('other_sex'), ...Array(11).fill(null)] as (string | null)[];
const REGION = [...Array(20).fill('europe'), ...Array(5).fill('asia')] as string[];
let board: string[] = [];
let pool: string[] = [];

async function person(i: number, status: 'active' | 'volunteer', answers: Record<string, string>, relationship: string | null, region: string | null) {
	const u = await t.createUser({ roles: status === 'active' ? ['member', 'board_member'] : ['member'], password: 'composition-shared-pw', displayName: `Board ${status} ${i}` });
	await t.db.insert(boardMemberships).values({ userId: u.id, status });
	await t.db.insert(boardProfiles).values({ userId: u.id, answers, sensitiveSealed: relationship ? seal(relationship, `board-profile:${u.id}`) : null });
	if (region) await t.db.insert(profiles).values({ userId: u.id, postingRegion: region }).onConflictDoUpdate({ target: profiles.userId, set: { postingRegion: region } });
	return u.id;
}

beforeAll(async () => {
	// This file's own board, not the demo's.
	await t.db.delete(boardMemberships);
	await t.db.delete(boardTargets);
	for (let i = 0; i < 25; i++) board.push(await person(i, 'active', { work: WORK[i]!, children: CHILDREN[i]!, language: LANGUAGE[i]! }, RELATIONSHIP[i]!, REGION[i]!));
	// A pool of 6: one without any profile row at all, one who prefers not to say.
	for (let i = 0; i < 5; i++) pool.push(await person(100 + i, 'volunteer', i === 0 ? { work: 'prefer_not_to_say' } : { work: 'own_business' }, null, null));
	const bare = await t.createUser({ roles: ['member'], password: 'composition-shared-pw' });
	await t.db.insert(boardMemberships).values({ userId: bare.id, status: 'volunteer' });
	pool.push(bare.id);
	board = [...board];
	pool = [...pool];
	coordinator = await t.login('coordinator@example.org');
	policy = await t.login('policy@example.org');
	const res = await t.api('/api/board/targets', {
		method: 'PUT',
		cookie: coordinator,
		body: {
			targets: [
				{ dimension: 'work', option: 'own_business', minShare: 20, maxShare: null },
				{ dimension: 'work', option: 'paid_job', minShare: null, maxShare: 40 },
				{ dimension: 'work', option: 'neither', minShare: 30, maxShare: 40 }
			]
		}
	});
	expect(res.status, JSON.stringify(res.body)).toBe(200);
});

type Cell = { kind: 'shown'; count: number; share: number | null } | { kind: 'suppressed'; reason: string };
type Dim = { key: string; options: { key: string; label: string; representation: string; target: unknown }[]; figures: { options: { key: string; cell: Cell }[]; total: Cell } };
const dim = (body: { dimensions: Dim[] }, key: string) => body.dimensions.find((d) => d.key === key)!;
const cellOf = (d: Dim, option: string) => d.figures.options.find((o) => o.key === option)!.cell;
const standing = (d: Dim, option: string) => d.options.find((o) => o.key === option)!.representation;

/** Every number anywhere in a JSON value. */
function numbers(value: unknown, out: number[] = []): number[] {
	if (typeof value === 'number') out.push(value);
	else if (Array.isArray(value)) value.forEach((v) => numbers(v, out));
	else if (value && typeof value === 'object') Object.values(value).forEach((v) => numbers(v, out));
	return out;
}
/** Every suppressed cell anywhere in a JSON value. */
function suppressedCells(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
	if (Array.isArray(value)) value.forEach((v) => suppressedCells(v, out));
	else if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if (o.kind === 'suppressed') out.push(o);
		Object.values(o).forEach((v) => suppressedCells(v, out));
	}
	return out;
}

describe('compositionFor', () => {
	it('counts every dimension per option, the sealed answer included, "not answered" apart from "prefer not to say"', async () => {
		const counts = await compositionFor(t.db, [...board, ...pool]);
		expect(counts.total).toBe(31);
		const of = (key: string) => Object.fromEntries(counts.dimensions.find((d) => d.key === key)!.options.map((o) => [o.key, o.count]));
		expect(of('work')).toMatchObject({ paid_job: 12, own_business: 4 + 4, neither: 9, prefer_not_to_say: 1, not_answered: 1 });
		expect(of('relationship')).toMatchObject({ same_sex: 3, other_sex: 11, prefer_not_to_say: 0, not_answered: 11 + 6 });
		expect(of('region')).toMatchObject({ europe: 20, asia: 5, not_answered: 6 });
		expect(of('region')).not.toHaveProperty('prefer_not_to_say');
		// Per dimension, every person once.
		for (const d of counts.dimensions) expect(d.options.reduce((a, o) => a + o.count, 0), d.key).toBe(31);
	});
});

describe('coordinators: exact figures', () => {
	it('count and share per option against the targets, under and over marked', async () => {
		const res = await t.api('/api/board/composition?population=active', { cookie: coordinator });
		expect(res.status).toBe(200);
		expect(res.body.exact).toBe(true);
		const work = dim(res.body, 'work');
		expect(cellOf(work, 'own_business')).toEqual({ kind: 'shown', count: 4, share: 4 / 25 });
		expect(cellOf(work, 'paid_job')).toEqual({ kind: 'shown', count: 12, share: 12 / 25 });
		expect(work.figures.total).toMatchObject({ kind: 'shown', count: 25 });
		expect(standing(work, 'own_business')).toBe('under');
		expect(standing(work, 'paid_job')).toBe('over');
		expect(standing(work, 'neither')).toBe('within');
		expect(standing(work, 'prefer_not_to_say')).toBe('no-target');
		expect(work.options.find((o) => o.key === 'own_business')!.target).toEqual({ min: 20, max: null });
		expect(cellOf(dim(res.body, 'relationship'), 'same_sex')).toMatchObject({ count: 3 });
		expect(suppressedCells(res.body)).toEqual([]);
	});

	it('the volunteer pool, and an exact cross-table whose cells add up to its margins', async () => {
		const res = await t.api('/api/board/composition?population=pool&rows=work&columns=region', { cookie: coordinator });
		expect(res.status).toBe(200);
		const work = dim(res.body, 'work');
		expect(cellOf(work, 'own_business')).toMatchObject({ count: 4 });
		expect(cellOf(work, 'prefer_not_to_say')).toMatchObject({ count: 1 });
		expect(cellOf(work, 'not_answered')).toMatchObject({ count: 1 });
		const cross = await t.api('/api/board/composition?rows=work&columns=children', { cookie: coordinator });
		const fig = cross.body.cross.figures;
		const rowKeys = fig.rows.map((r: { key: string }) => r.key);
		expect(rowKeys).toEqual(['paid_job', 'own_business', 'neither', 'prefer_not_to_say', 'not_answered']);
		// Person i has WORK[i] and CHILDREN[i]: count the pairs by hand.
		const yes = fig.columns.findIndex((c: { key: string }) => c.key === 'yes');
		const expected = (w: string, c: string) => WORK.filter((x, i) => x === w && CHILDREN[i] === c).length;
		expect(fig.rows[0].cells[yes].count).toBe(expected('paid_job', 'yes'));
		expect(fig.rows[2].cells[yes].count).toBe(expected('neither', 'yes'));
		expect(fig.total.count).toBe(25);
	});
});

describe('policy staff: suppressed figures only', () => {
	it('a cell of 4 is hidden, and its complement too, so no total reveals it; the answer holds no hidden number', async () => {
		const res = await t.api('/api/board/composition', { cookie: policy });
		expect(res.status).toBe(200);
		expect(res.body.exact).toBe(false);
		expect(res.body.k).toBe(5);
		const work = dim(res.body, 'work');
		expect(cellOf(work, 'own_business')).toEqual({ kind: 'suppressed', reason: 'small' });
		expect(cellOf(work, 'neither')).toEqual({ kind: 'suppressed', reason: 'complement' });
		expect(cellOf(work, 'paid_job')).toMatchObject({ kind: 'shown', count: 12 });
		expect(work.figures.total).toMatchObject({ kind: 'shown', count: 25 });
		// What is shown leaves the two hidden ones open: 25 - 12 = 13 between them, in more than one way.
		const shownSum = work.figures.options.reduce((a, o) => a + (o.cell.kind === 'shown' ? o.cell.count : 0), 0);
		expect(25 - shownSum).toBe(13);
		// Still certainly under its minimum of 20%: at most 4 of 25.
		expect(standing(work, 'own_business')).toBe('under');
		expect(standing(work, 'neither')).toBe('unknown');
		// The small relationship cell (3) is hidden too, with a complement.
		expect(cellOf(dim(res.body, 'relationship'), 'same_sex')).toEqual({ kind: 'suppressed', reason: 'small' });
		// Nowhere in the JSON: the hidden counts (4, 9, 3), the sum they would give away (13), their shares.
		const all = numbers(res.body);
		for (const hidden of [4, 9, 13, 3, 4 / 25, 9 / 25, 3 / 25]) expect(all, `the answer contains ${hidden}`).not.toContain(hidden);
		for (const c of suppressedCells(res.body)) expect(Object.keys(c).sort()).toEqual(['kind', 'reason']);
		expect(JSON.stringify(res.body)).not.toMatch(/"count":\s*[1-4]\b/);
	});

	it('a cross-table only as suppressed figures (or none), never the pool', async () => {
		const res = await t.api('/api/board/composition?rows=work&columns=children', { cookie: policy });
		expect(res.status).toBe(200);
		const fig = res.body.cross.figures;
		if (fig) {
			const cells = [...fig.rows.flatMap((r: { cells: Cell[]; total: Cell }) => [...r.cells, r.total]), ...fig.columns.map((c: { total: Cell }) => c.total), fig.total] as Cell[];
			for (const c of cells) if (c.kind === 'shown') expect(c.count === 0 || c.count >= 5, JSON.stringify(c)).toBe(true);
			// The margins hide what the one-way tables hide: own business and neither.
			expect(fig.rows.find((r: { key: string }) => r.key === 'own_business').total.kind).toBe('suppressed');
		}
		for (const c of suppressedCells(res.body)) expect(Object.keys(c).sort()).toEqual(['kind', 'reason']);
		expect(JSON.stringify(res.body)).not.toMatch(/"count":\s*[1-4]\b/);
		const pool = await t.api('/api/board/composition?population=pool', { cookie: policy });
		expect(pool.status).toBe(403);
	});

	it('follows the boardSmallCell setting', async () => {
		const admin = await t.login('admin@example.org');
		expect((await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { boardSmallCell: 3 } })).status).toBe(200);
		try {
			const res = await t.api('/api/board/composition', { cookie: policy });
			expect(res.body.k).toBe(3);
			expect(cellOf(dim(res.body, 'work'), 'own_business')).toMatchObject({ kind: 'shown', count: 4 });
		} finally {
			await t.api('/api/admin/settings', { method: 'PATCH', cookie: admin, body: { boardSmallCell: 5 } });
		}
	});
});

describe('targets', () => {
	it('keeps every change: two changes, two rows, the newest in force, with who and when', async () => {
		const before = (await t.db.select().from(boardTargets).where(eq(boardTargets.dimension, 'children'))).length;
		for (const [min, max] of [
			[30, 60],
			[40, 70]
		]) {
			const res = await t.api('/api/board/targets', { method: 'PUT', cookie: coordinator, body: { targets: [{ dimension: 'children', option: 'yes', minShare: min, maxShare: max }] } });
			expect(res.status).toBe(200);
		}
		const rows = await t.db.select().from(boardTargets).where(eq(boardTargets.dimension, 'children'));
		expect(rows.length).toBe(before + 2);
		const current = (await t.api('/api/board/targets', { cookie: policy })).body as { dimension: string; option: string; minShare: number; maxShare: number }[];
		expect(current.find((c) => c.dimension === 'children' && c.option === 'yes')).toMatchObject({ minShare: 40, maxShare: 70 });
		const history = await t.api('/api/board/targets/history?limit=2', { cookie: coordinator });
		expect(history.status).toBe(200);
		expect(history.body.items.map((h: { minShare: number }) => h.minShare)).toEqual([40, 30]);
		expect(history.body.items[0].setBy.displayName).toBe('Marieke Jansen');
		expect(history.body.nextCursor).toBeTruthy();
		const next = await t.api(`/api/board/targets/history?limit=2&cursor=${history.body.nextCursor}`, { cookie: coordinator });
		expect(next.body.items[0].id).toBeLessThan(history.body.items[1].id);
		const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'board.targets'));
		expect(audits.length).toBeGreaterThanOrEqual(3);
		// The same ranges again: nothing changed, nothing written.
		await t.api('/api/board/targets', { method: 'PUT', cookie: coordinator, body: { targets: [{ dimension: 'children', option: 'yes', minShare: 40, maxShare: 70 }] } });
		expect((await t.db.select().from(boardTargets).where(eq(boardTargets.dimension, 'children'))).length).toBe(before + 2);
	});

	it('bad targets are refused with every field named at once, and nothing is written', async () => {
		const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(boardTargets))[0]!.n;
		const before = await count();
		const res = await t.api('/api/board/targets', {
			method: 'PUT',
			cookie: coordinator,
			body: {
				targets: [
					{ dimension: 'work', option: 'paid_job', minShare: 150, maxShare: 20 },
					{ dimension: 'work', option: 'neither', minShare: 60, maxShare: 50 },
					{ dimension: 'work', option: 'own_business', minShare: 1.5, maxShare: -3 }
				]
			}
		});
		expect(res.status).toBe(400);
		const lang = 'nl';
		expect(Object.keys(res.body.fields).sort()).toEqual(['targets.0.minShare', 'targets.1.maxShare', 'targets.2.maxShare', 'targets.2.minShare']);
		expect(res.body.fields['targets.1.maxShare']).toBe(translate('error_board_targets_order', lang));
		expect(res.body.fields['targets.0.minShare']).toBe(translate('error_board_targets_share', lang));
		// Unknown dimension and answer, and an unknown next to a good one: named, nothing written.
		const unknown = await t.api('/api/board/targets', {
			method: 'PUT',
			cookie: coordinator,
			body: { targets: [{ dimension: 'work', option: 'paid_job', minShare: 10, maxShare: 20 }, { dimension: 'hobby', option: 'chess', minShare: 1, maxShare: 2 }, { dimension: 'work', option: 'astronaut', minShare: 1, maxShare: 2 }] }
		});
		expect(unknown.status).toBe(400);
		expect(Object.keys(unknown.body.fields).sort()).toEqual(['targets.1.dimension', 'targets.2.option']);
		expect(await count()).toBe(before);
	});
});

describe('coordinators’ dimensions', () => {
	it('a new dimension is asked and counted; archived, it is neither', async () => {
		const body = { key: 'housing', labelNl: 'Wonen', labelEn: 'Housing', options: [{ key: 'rent', labelNl: 'Huur', labelEn: 'Rent' }, { key: 'owned', labelNl: 'Koop', labelEn: 'Owned' }] };
		const res = await t.api('/api/board/dimensions', { method: 'POST', cookie: coordinator, body });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		const defs = await dimensionDefs(t.db);
		const housing = defs.find((d) => d.key === 'housing')!;
		expect(housing.options.map((o) => o.key)).toEqual(['rent', 'owned', 'prefer_not_to_say']);
		expect(housing.label).toEqual({ nl: 'Wonen', en: 'Housing' });
		// Six of the board answer it.
		for (const id of board.slice(0, 6)) await t.db.update(boardProfiles).set({ answers: sql`${boardProfiles.answers} || '{"housing":"rent"}'::jsonb` }).where(eq(boardProfiles.userId, id));
		const view = await t.api('/api/board/composition', { cookie: coordinator });
		const counted = dim(view.body, 'housing');
		expect(cellOf(counted, 'rent')).toMatchObject({ count: 6 });
		expect(cellOf(counted, 'not_answered')).toMatchObject({ count: 19 });
		// The same key again is refused beside the field; a reserved answer key and a doubled one too, all at once.
		const again = await t.api('/api/board/dimensions', { method: 'POST', cookie: coordinator, body });
		expect(again.status).toBe(409);
		expect(again.body.field).toBe('key');
		const bad = await t.api('/api/board/dimensions', {
			method: 'POST',
			cookie: coordinator,
			body: { key: 'pets', labelNl: 'Huisdieren', labelEn: 'Pets', options: [{ key: 'not_answered', labelNl: 'x', labelEn: 'x' }, { key: 'cat', labelNl: 'Kat', labelEn: 'Cat' }, { key: 'cat', labelNl: 'Kat', labelEn: 'Cat' }] }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.fields).sort()).toEqual(['options.0.key', 'options.2.key']);
		const gone = await t.api('/api/board/dimensions/housing', { method: 'DELETE', cookie: coordinator });
		expect(gone.status).toBe(204);
		expect((await dimensionDefs(t.db)).some((d) => d.key === 'housing')).toBe(false);
		expect(dim((await t.api('/api/board/composition', { cookie: coordinator })).body, 'housing')).toBeUndefined();
		const listed = await t.api('/api/board/dimensions', { cookie: coordinator });
		expect(listed.body.custom.find((c: { key: string }) => c.key === 'housing').archivedAt).toBeTruthy();
		expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'board.dimension'))).length).toBe(2);
	});
});

describe('two coordinators at once', () => {
	it('adding the same dimension: one is added, the other told the key is taken (never a failure)', async () => {
		const other = await t.createUser({ roles: ['coordinator'] });
		const second = await t.login(other.email, other.password);
		const body = { key: 'schooling', labelNl: 'School', labelEn: 'Schooling', options: [{ key: 'local', labelNl: 'Lokaal', labelEn: 'Local' }, { key: 'international', labelNl: 'Internationaal', labelEn: 'International' }] };
		const answers = await Promise.all([coordinator, second, coordinator, second].map((cookie) => t.api('/api/board/dimensions', { method: 'POST', cookie, body })));
		expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
		for (const a of answers.filter((x) => x.status === 409)) expect(a.body.field).toBe('key');
		expect((await dimensionDefs(t.db)).filter((d) => d.key === 'schooling')).toHaveLength(1);
	});
});

describe('who may', () => {
	it('members, board members, moderators and admins get 403 on every composition route; policy staff may only read', async () => {
		const routes: [string, string, unknown?][] = [
			['GET', '/api/board/composition'],
			['GET', '/api/board/targets'],
			['PUT', '/api/board/targets', { targets: [{ dimension: 'work', option: 'paid_job', minShare: 0, maxShare: 100 }] }],
			['GET', '/api/board/targets/history'],
			['GET', '/api/board/dimensions'],
			['POST', '/api/board/dimensions', { key: 'nope', labelNl: 'N', labelEn: 'N', options: [{ key: 'a', labelNl: 'A', labelEn: 'A' }, { key: 'b', labelNl: 'B', labelEn: 'B' }] }],
			['DELETE', '/api/board/dimensions/nope']
		];
		for (const email of ['member@example.org', 'board@example.org', 'moderator@example.org', 'admin@example.org']) {
			const cookie = await t.login(email);
			for (const [method, path, body] of routes) expect((await t.api(path, { method, cookie, ...(body ? { body } : {}) })).status, `${email} ${method} ${path}`).toBe(403);
		}
		for (const [method, path, body] of routes.slice(2)) expect((await t.api(path, { method, cookie: policy, ...(body ? { body } : {}) })).status, `policy ${method} ${path}`).toBe(403);
	});
});
