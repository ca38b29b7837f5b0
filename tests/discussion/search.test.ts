import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ilike } from 'drizzle-orm';
import { useServer } from '../helpers/server';
import { createThread, newCategory, newMember, replyTo, setThread, type TestMember } from '../helpers/discussion';
import { sql } from 'drizzle-orm';
import { categories, posts } from '../../src/lib/server/db/schema';
import { GIN_FIRST_WINDOW, SEARCH_CANDIDATES } from '../../src/lib/server/discussion/search';
import { createNewestFirstIndex, dropNewestFirstIndex, forgetNewestFirstIndex, newestFirstIndexUsable } from '../../src/lib/server/discussion/search-index';

const t = useServer();
let a: TestMember;
let b: TestMember;
let cat: { id: number; slug: string };
beforeAll(async () => {
	a = await newMember(t, { name: 'Anouk Auteur' });
	b = await newMember(t, { name: 'Bo Lezer' });
	cat = await newCategory(t, 'Search');
});

interface Hit {
	postId: number;
	threadId: number;
	titleHtml: string;
	snippetHtml: string;
	rank: number;
	country: string | null;
	category: { slug: string };
}
const search = async (cookie: string | undefined, query: string) => {
	const res = await t.api(`/api/search?${query}`, { cookie });
	return res as { status: number; body: { items: Hit[]; nextCursor: string | null } };
};
const ids = (hits: Hit[]) => hits.map((h) => h.postId);

describe('search', () => {
	it('finds a Dutch post by an inflected word, with a highlighted snippet', async () => {
		const th = await createThread(t, a.cookie, {
			category: cat.slug,
			title: 'Ervaringen met internationale verhuisbedrijven',
			body: 'Na drie verhuizingen weet ik welke dozen je nodig hebt. <script>alert(1)</script>'
		});
		const res = await search(b.cookie, `q=verhuizing&category=${cat.slug}`);
		expect(res.status).toBe(200);
		const hit = res.body.items.find((h) => h.postId === th.postId)!;
		expect(hit).toBeDefined();
		expect(hit.snippetHtml).toContain('<mark>verhuizingen</mark>');
		// Everything but <mark> is escaped: the post's text can never become markup.
		expect(hit.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
		expect(hit.threadId).toBe(th.threadId);
	});

	it('finds an English post by another form of the word: schools / school', async () => {
		const th = await createThread(t, a.cookie, { category: cat.slug, title: 'Choosing between local options', body: 'Which international schools take pupils in the middle of the year?' });
		const hit = (await search(b.cookie, `q=school&category=${cat.slug}`)).body.items.find((h) => h.postId === th.postId);
		expect(hit?.snippetHtml).toContain('<mark>schools</mark>');
	});

	it('ranks a title match above a passing mention, and highlights the title', async () => {
		const weak = await createThread(t, a.cookie, { category: cat.slug, title: 'Life in Lima', body: 'We also brought our cat, which was a small adventure of its own among many others.' });
		const strong = await createThread(t, a.cookie, { category: cat.slug, title: 'Moving a cat abroad', body: 'Our cat flew in the cabin; the cat handled it well.' });
		const hits = (await search(b.cookie, `q=cat&category=${cat.slug}`)).body.items;
		expect(ids(hits).indexOf(strong.postId)).toBeLessThan(ids(hits).indexOf(weak.postId));
		expect(hits[0]!.rank).toBeGreaterThanOrEqual(hits.at(-1)!.rank);
		expect(hits.find((h) => h.postId === strong.postId)!.titleHtml).toBe('Moving a <mark>cat</mark> abroad');
	});

	it('finds replies too, and filters by category and country', async () => {
		const elsewhere = await newCategory(t, 'Elsewhere');
		const inKenya = await createThread(t, a.cookie, { category: cat.slug, title: 'Werkvergunning Kenia', body: 'Hoe zit het met de werkvergunning?', country: 'KE' });
		const reply = await replyTo(t, b.cookie, inKenya.threadId, 'Mijn werkvergunning kwam na twee maanden.');
		const inPeru = await createThread(t, a.cookie, { category: cat.slug, title: 'Werkvergunning Peru', body: 'Werkvergunning aanvragen in Lima', country: 'PE' });
		const other = await createThread(t, a.cookie, { category: elsewhere.slug, title: 'Werkvergunning elders', body: 'Werkvergunning elders' });
		const inCat = ids((await search(b.cookie, `q=werkvergunning&category=${cat.slug}`)).body.items);
		expect(inCat).toEqual(expect.arrayContaining([inKenya.postId, reply.id, inPeru.postId]));
		expect(inCat).not.toContain(other.postId);
		const kenya = (await search(b.cookie, `q=werkvergunning&country=ke`)).body.items;
		expect(ids(kenya).sort()).toEqual([inKenya.postId, reply.id].sort());
		expect(kenya.every((h) => h.country === 'KE')).toBe(true);
		expect(ids((await search(b.cookie, `q=werkvergunning&category=${elsewhere.slug}`)).body.items)).toEqual([other.postId]);
	});

	it('never finds held, hidden, removed or deleted posts, hidden threads or archived categories', async () => {
		const own = await newCategory(t, 'Hidden things');
		const word = 'zeldzaamwoordje';
		const visible = await createThread(t, a.cookie, { category: own.slug, title: `Zichtbaar ${word}`, body: word });
		const statuses = ['held', 'hidden', 'removed'] as const;
		for (const status of statuses) {
			const r = await replyTo(t, a.cookie, visible.threadId, `${word} ${status}`);
			await t.db.update(posts).set({ status }).where(eq(posts.id, r.id));
		}
		const deleted = await replyTo(t, a.cookie, visible.threadId, `${word} deleted`);
		await t.api(`/api/posts/${deleted.id}`, { method: 'DELETE', cookie: a.cookie });
		const hiddenThread = await createThread(t, a.cookie, { category: own.slug, title: `Verborgen ${word}`, body: word });
		await setThread(t, hiddenThread.threadId, { status: 'hidden' });
		// Not even for their author or a moderator: search shows what every member may see.
		const mod = await newMember(t, { roles: ['member', 'moderator'] });
		for (const who of [a, b, mod]) expect(ids((await search(who.cookie, `q=${word}`)).body.items)).toEqual([visible.postId]);
		await t.db.update(categories).set({ archived: true }).where(eq(categories.id, own.id));
		expect((await search(b.cookie, `q=${word}`)).body.items).toEqual([]);
	});

	it('answers only active members of the group', async () => {
		const staff = await newMember(t, { roles: ['coordinator', 'policy_staff', 'admin'] });
		expect((await search(staff.cookie, 'q=werkvergunning')).status).toBe(403);
		expect((await search(undefined, 'q=werkvergunning')).status).toBe(401);
		expect((await search(b.cookie, 'q=a')).status).toBe(400);
		// Nothing searchable in it (only punctuation): no error, nothing found.
		const empty = await search(b.cookie, `q=${encodeURIComponent('!! ?? --')}`);
		expect(empty.status).toBe(200);
		expect(empty.body.items).toEqual([]);
	});

	it('pages by cursor on (rank, id) without duplicates', async () => {
		const pageCat = await newCategory(t, 'Paging');
		const made: number[] = [];
		for (let i = 0; i < 7; i++) made.push((await createThread(t, a.cookie, { category: pageCat.slug, title: `Huisdier ${i}`, body: i % 2 ? 'huisdier huisdier' : 'huisdier' })).postId);
		const seen: number[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const res = await search(b.cookie, `q=huisdier&category=${pageCat.slug}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
			expect(res.status).toBe(200);
			seen.push(...ids(res.body.items));
			cursor = res.body.nextCursor;
			pages++;
		} while (cursor && pages < 10);
		expect(new Set(seen).size).toBe(7);
		expect([...seen].sort()).toEqual([...made].sort());
	});

	it('without RUM, finds exactly the newest matches when they are spread thinner than its first window of ids', async () => {
		const sparse = await newCategory(t, 'Verspreid');
		// An author of its own: the other tests' posts count against a member's posting limit.
		const c = await newMember(t, { name: 'Cas Schrijver' });
		const th = await createThread(t, c.cookie, { category: sparse.slug, title: 'Regenseizoen in Dhaka', body: 'Moessonlaarzen: waar koop je die?' });
		const hidden = await createThread(t, c.cookie, { category: sparse.slug, title: 'Verborgen draad', body: 'Straks verborgen' });
		// Older posts without the word, then one match in every 25 posts: the first window holds about 160
		// matches, so the search must widen it once; the newest matches include a held reply and one in a
		// hidden thread, which must not count.
		await t.db.execute(sql`
			insert into posts (thread_id, author_id, body, body_html)
			select ${hidden.threadId}, ${c.id}, 'Ouder bericht ' || n, '<p>Ouder bericht</p>' from generate_series(1, 16000) as n`);
		const every = 25;
		const count = (SEARCH_CANDIDATES + 30) * every;
		expect(count).toBeGreaterThan(GIN_FIRST_WINDOW);
		await t.db.execute(sql`
			insert into posts (thread_id, author_id, body, body_html)
			select ${th.threadId}, ${c.id}, b, '<p>' || b || '</p>'
			from (select case when n % ${every} = 0 then 'Moessonlaarzen gekocht, nummer ' || n else 'Iets anders, nummer ' || n end as b
				from generate_series(1, ${count}) as n) as x`);
		// Written directly: the bulk above counts against the author's posting limit.
		await t.db.execute(sql`
			insert into posts (thread_id, author_id, body, body_html, status)
			values (${th.threadId}, ${c.id}, 'Moessonlaarzen, wachtend op goedkeuring', '<p>Moessonlaarzen</p>', 'held'),
				(${hidden.threadId}, ${c.id}, 'Moessonlaarzen in een verborgen draad', '<p>Moessonlaarzen</p>', 'visible')`);
		await setThread(t, hidden.threadId, { status: 'hidden' });
		const expected = (
			await t.db
				.select({ id: posts.id })
				.from(posts)
				.where(and(eq(posts.threadId, th.threadId), eq(posts.status, 'visible'), ilike(posts.body, '%moessonlaarzen%')))
				.orderBy(sql`${posts.id} desc`)
				.limit(SEARCH_CANDIDATES)
		).map((r) => r.id);
		expect(expected).toHaveLength(SEARCH_CANDIDATES);
		const found: number[] = [];
		let cursor: string | null = null;
		do {
			const res = await search(b.cookie, `q=moessonlaarzen&category=${sparse.slug}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
			expect(res.status).toBe(200);
			found.push(...ids(res.body.items));
			cursor = res.body.nextCursor;
		} while (cursor && found.length <= SEARCH_CANDIDATES);
		expect(found).toHaveLength(SEARCH_CANDIDATES);
		expect([...found].sort((x, y) => x - y)).toEqual([...expected].sort((x, y) => x - y));
		// Fewer matches than are ranked: every window up to all posts is searched, and all of them found.
		const few = ids((await search(b.cookie, `q=dhaka&category=${sparse.slug}`)).body.items);
		expect(few).toEqual([th.postId]);
	});

	it('ranks exactly the newest matches when more match than are ranked: through GIN, and through RUM where Postgres has it', async () => {
		const many = await newCategory(t, 'Veel');
		// A title match, so it would rank first if it were among the candidates; then more newer replies than are ranked.
		const old = await createThread(t, a.cookie, { category: many.slug, title: 'Zonnepanelen op het dak', body: 'Zonnepanelen: wie heeft ervaring?' });
		await t.db.execute(sql`
			insert into posts (thread_id, author_id, body, body_html)
			select ${old.threadId}, ${a.id}, 'Over zonnepanelen nummer ' || n, '<p>Over zonnepanelen nummer ' || n || '</p>'
			from generate_series(1, ${SEARCH_CANDIDATES + 20}) as n`);
		const newest = (
			await t.db.select({ id: posts.id }).from(posts).where(eq(posts.threadId, old.threadId)).orderBy(sql`${posts.id} desc`).limit(SEARCH_CANDIDATES)
		).map((r) => r.id);
		const ranked = async (q: string) => {
			const found: number[] = [];
			let cursor: string | null = null;
			do {
				const res = await search(b.cookie, `q=${encodeURIComponent(q)}&category=${many.slug}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
				expect(res.status).toBe(200);
				found.push(...ids(res.body.items));
				cursor = res.body.nextCursor;
			} while (cursor && found.length <= SEARCH_CANDIDATES);
			return found;
		};
		const byGin = await ranked('zonnepanelen');
		expect(byGin).not.toContain(old.postId);
		expect([...byGin].sort((x, y) => x - y)).toEqual([...newest].sort((x, y) => x - y));

		const outcome = await createNewestFirstIndex(t.database);
		try {
			forgetNewestFirstIndex(t.database);
			const usable = await newestFirstIndexUsable(t.database);
			if (t.database.kind === 'pglite') expect(outcome).toBe('unavailable');
			else expect(usable).toBe(outcome === 'created' || outcome === 'present');
			// The same answer, page for page, whichever index found it; and a phrase goes the GIN way.
			expect(await ranked('zonnepanelen')).toEqual(byGin);
			expect((await ranked('"over zonnepanelen"')).length).toBe(SEARCH_CANDIDATES);
		} finally {
			await dropNewestFirstIndex(t.database);
			forgetNewestFirstIndex(t.database);
		}
	});
});
