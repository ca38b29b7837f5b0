import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { allPages } from '../helpers/membership';
import { profiles, users } from '../../src/lib/server/db/schema';

const t = useServer();
let member: string;

interface Entry {
	userId: string;
	handle: string;
	displayName: string;
	languages: string[];
	posting: { country: string; city: string | null; region: string | null };
}

beforeAll(async () => {
	member = await t.login('member@example.org');
});

const directory = (query = '', cookie = member) => t.api(`/api/members${query ? `?${query}` : ''}`, { cookie });

async function everyone(query = '', limit = 3): Promise<Entry[]> {
	const { pages } = await allPages<Entry>((cursor) => directory(`${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
	for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
	return pages.flat();
}

describe('the member directory', () => {
	it('lists only active group members who show their posting, by name', async () => {
		const all = await everyone('', 100);
		const names = all.map((e) => e.displayName);
		expect(names).toContain('Sanne de Vries');
		expect(names).toContain('Joost Verhoeven');
		// Keeps his posting to himself.
		expect(names).not.toContain('Daniel Mensah');
		// Not in the group: staff without the member role, and the applicant.
		for (const outside of ['Marieke Jansen', 'Pieter Bakker', 'Fatima El Amrani', 'Lucas Moreau']) expect(names).not.toContain(outside);
		const sorted = [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
		expect(names).toEqual(sorted);
		for (const e of all) expect(e.posting.country).toMatch(/^[A-Z]{2}$/);
	});

	it('pages by keyset: every member exactly once, whatever the page size', async () => {
		const all = await everyone('', 100);
		for (const size of [1, 2, 5]) {
			const paged = await everyone('', size);
			expect(paged.map((e) => e.userId)).toEqual(all.map((e) => e.userId));
		}
	});

	it('filters by country, region and language, alone and together', async () => {
		const kenya = await everyone('country=KE', 1);
		expect(kenya.map((e) => e.displayName).sort()).toEqual(['Emma de Groot', 'Joost Verhoeven']);
		const africa = await everyone('region=africa', 2);
		expect(africa.every((e) => e.posting.region === 'africa')).toBe(true);
		expect(africa.map((e) => e.displayName)).toEqual(expect.arrayContaining(['Thomas Okafor', 'Emma de Groot', 'Joost Verhoeven']));
		expect(africa.map((e) => e.displayName)).not.toContain('Daniel Mensah');
		const japanese = await everyone('language=ja');
		expect(japanese.map((e) => e.displayName)).toEqual(['Anouk Meijer']);
		const spanishInAmericas = await everyone('region=americas&language=es');
		expect(spanishInAmericas.map((e) => e.displayName).sort()).toEqual(['Amira Haddad', 'Sofía Ramírez']);
		expect(await everyone('country=KE&language=ja')).toEqual([]);
	});

	it('refuses bad filters, cursors and parameters', async () => {
		const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
		for (const q of ['country=XX', 'region=atlantis', 'language=xx', 'limit=0', 'limit=101', 'cursor=garbage', `cursor=${b64({ k: 'yesterday', id: '00000000-0000-4000-8000-000000000000' })}`, `cursor=${b64({ k: 'n:anna', id: 'nope' })}`, 'status=active', 'q=anna'])
			expect((await directory(q)).status, q).toBe(400);
	});

	it('is for group members only', async () => {
		expect((await t.api('/api/members')).status).toBe(401);
		for (const email of ['pending@example.org', 'coordinator@example.org', 'policy@example.org', 'admin@example.org']) {
			const cookie = await t.login(email);
			expect((await directory('', cookie)).status, email).toBe(403);
			expect((await t.api('/api/members/sanne-de-vries', { cookie })).status, email).toBe(403);
		}
		for (const email of ['board@example.org', 'moderator@example.org']) expect((await directory('', await t.login(email))).status, email).toBe(200);
	});
});

describe('profiles', () => {
	it('shows a posting only when its owner allows it, and always to the owner', async () => {
		const sanne = await t.api('/api/members/sanne-de-vries', { cookie: member });
		expect(sanne.status).toBe(200);
		expect(sanne.body).toMatchObject({ displayName: 'Sanne de Vries', posting: { country: 'ID', city: 'Jakarta', region: 'asia' }, moderator: false });
		const daniel = await t.api('/api/members/daniel-mensah', { cookie: member });
		expect(daniel.status).toBe(200);
		expect(daniel.body.posting).toBeNull();
		expect(daniel.body.bio).toMatch(/Engineer/);
		const danielSelf = await t.api('/api/members/daniel-mensah', { cookie: await t.login('daniel.mensah@example.org') });
		expect(danielSelf.body.posting).toMatchObject({ country: 'GH', city: 'Accra' });
		const joost = await t.api('/api/members/joost-verhoeven', { cookie: member });
		expect(joost.body.moderator).toBe(true);
	});

	it('is not found for anyone outside the group', async () => {
		for (const handle of ['fatima-el-amrani', 'lucas-moreau', 'nobody-at-all']) expect((await t.api(`/api/members/${handle}`, { cookie: member })).status, handle).toBe(404);
		expect((await t.api('/api/members/Not_A_Handle', { cookie: member })).status).toBe(400);
	});

	it('updates: bio, languages, posting (region derived), visibility and digest; partial changes leave the rest', async () => {
		const person = await t.createUser({ displayName: 'Wendy Wijers', roles: ['member'] });
		const cookie = await t.login(person.email, person.password);
		// An account without a profile or handle yet gets both on first save.
		const before = await t.api('/api/me/profile', { cookie });
		expect(before.status).toBe(200);
		expect(before.body).toMatchObject({ bio: '', languages: [], postingCountry: null, showPosting: false, emailDigest: false, handle: 'wendy-wijers' });

		const res = await t.api('/api/me/profile', {
			method: 'PATCH',
			cookie,
			body: { bio: 'Net verhuisd naar Maputo.\nZoek een tennismaatje.', languages: ['nl', 'pt', 'nl'], postingCountry: 'MZ', postingCity: 'Maputo', showPosting: true, emailDigest: true }
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ languages: ['nl', 'pt'], postingCountry: 'MZ', postingCity: 'Maputo', showPosting: true, emailDigest: true });
		const [row] = await t.db.select().from(profiles).where(eq(profiles.userId, person.id));
		expect(row!.postingRegion).toBe('africa');
		expect((await everyone('country=MZ')).map((e) => e.displayName)).toEqual(['Wendy Wijers']);

		const partial = await t.api('/api/me/profile', { method: 'PATCH', cookie, body: { showPosting: false } });
		expect(partial.body).toMatchObject({ bio: 'Net verhuisd naar Maputo.\nZoek een tennismaatje.', postingCountry: 'MZ', showPosting: false });
		expect(await everyone('country=MZ')).toEqual([]);

		// Clearing the country clears the city with it.
		const cleared = await t.api('/api/me/profile', { method: 'PATCH', cookie, body: { postingCountry: null } });
		expect(cleared.body).toMatchObject({ postingCountry: null, postingCity: null });
		const [after] = await t.db.select().from(profiles).where(eq(profiles.userId, person.id));
		expect(after!.postingRegion).toBeNull();
		const [user] = await t.db.select({ handle: users.handle }).from(users).where(eq(users.id, person.id));
		expect(user!.handle).toBe('wendy-wijers');
	});

	it('refuses invalid changes, naming the field, and changes nothing', async () => {
		const before = (await t.api('/api/me/profile', { cookie: member })).body;
		const cases: [unknown, string][] = [
			[{ bio: 'x'.repeat(501) }, 'bio'],
			[{ bio: '   ' }, 'bio'],
			[{ bio: 'null\u0000byte' }, 'bio'],
			[{ languages: ['xx'] }, 'languages'],
			[{ languages: 'nl' }, 'languages'],
			[{ languages: Array.from({ length: 13 }, (_, i) => ['nl', 'en', 'fr', 'de', 'es', 'pt', 'it', 'ar', 'tr', 'fa', 'he', 'ru', 'uk'][i]) }, 'languages'],
			[{ postingCountry: 'Nederland' }, 'postingCountry'],
			[{ postingCountry: 42 }, 'postingCountry'],
			[{ postingCity: 'x'.repeat(101) }, 'postingCity'],
			[{ showPosting: 'yes' }, 'showPosting'],
			[{ emailDigest: 1 }, 'emailDigest'],
			[{}, 'body'],
			[{ unknownField: true }, 'body']
		];
		for (const [body, field] of cases) {
			const res = await t.api('/api/me/profile', { method: 'PATCH', cookie: member, body });
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
			expect(res.body.field, JSON.stringify(body).slice(0, 80)).toMatch(new RegExp(`^${field}`));
		}
		expect((await t.api('/api/me/profile', { cookie: member })).body).toEqual(before);
	});
});
