// `npm run seed:large`: fills a Postgres database with realistic volume for benchmarks.
// Defaults: 5,000 members, 100,000 threads, 1,000,000 posts. Everything is generated
// inside Postgres (generate_series), so no rows cross the wire; indexes are built
// after the load, which is several times faster than maintaining them row by row.
//
//   DATABASE_URL=postgres://… npm run seed:large -- --members 5000 --threads 100000 --posts 1000000
import postgres from 'postgres';
import { readConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { hashPassword } from '../src/lib/server/auth/password';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MEMBERS = arg('members', 5_000);
const THREADS = arg('threads', 100_000);
const POSTS = Math.max(arg('posts', 1_000_000), THREADS);
const BATCH = 100_000;

const url = process.env.DATABASE_URL;
if (!url) {
	console.error('seed:large needs DATABASE_URL (a Postgres database; it adds to what is there).');
	process.exit(2);
}

const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${msg}`);

const config = readConfig();
const database = await openDatabase({ url, dataDir: config.dataDir });
await database.migrate(config.migrationsFolder);
await database.close();

const sql = postgres(url, { max: 1, onnotice: () => {} });
const hash = await hashPassword('bench-partner-2026');

// Realistic material, in both languages, combined so that text varies.
const titles = [
	'Werkvergunning voor partners in %c: ervaringen?', 'Work permit for partners in %c: experiences?',
	'Internationale school of lokale school in %c?', 'International or local school in %c?',
	'Verhuizen met een hond naar %c', 'Moving to %c with a dog',
	'Eenzaamheid in de eerste maanden op post', 'Loneliness in the first months at a posting',
	'Tegemoetkoming professionele ontwikkeling aanvragen', 'Applying for the professional-development allowance',
	'Terugkeer naar Nederland: werk vinden', 'Returning to the Netherlands: finding work',
	'Zorgverzekering en huisarts in %c', 'Health insurance and a GP in %c',
	'Vrijwilligerswerk zonder werkvergunning', 'Volunteering without a work permit',
	'Freelancen op afstand vanuit %c', 'Freelancing remotely from %c',
	'Taalcursus gezocht in %c', 'Looking for a language course in %c'
];
const sentences = [
	'Wij zijn sinds de zomer op post en ik zoek nog steeds mijn weg.',
	'Volgens de ambassade is er een MoU, maar de lokale autoriteiten vragen toch extra papieren.',
	'Heeft iemand ervaring met de aanvraag bij het ministerie?',
	'De kinderen zijn inmiddels gewend, maar ik mis mijn werk enorm.',
	'Ik heb via een andere partner een baan bij een internationale organisatie gevonden.',
	'Tip: begin vroeg met de verhuizing van huisdieren, de papieren duren maanden.',
	'Our shipment took eleven weeks, so pack an air-freight box with essentials.',
	'The international school has a waiting list, but they prioritise diplomatic families.',
	'I kept my immunity and could still work thanks to the bilateral agreement.',
	'After two postings I finally found a remote job that moves with me.',
	'Does anyone know whether the allowance covers an online degree?',
	'We returned last year and re-entry was harder than any move abroad.',
	'The first three months were lonely; the partner group here made all the difference.',
	'Thanks for sharing, this helps a lot with our planning.',
	'Bedankt voor je uitgebreide antwoord, dit ga ik zeker proberen.',
	'Misschien kunnen we een keer koffie drinken als je in de stad bent.'
];
const countries = ['ID', 'KE', 'CO', 'JP', 'US', 'BR', 'ZA', 'IN', 'FR', 'DE', 'GB', 'EG', 'MA', 'TR', 'CN', 'AU', 'CA', 'MX', 'NG', 'SN'];

log(`seeding ${MEMBERS} members, ${THREADS} threads, ${POSTS} posts`);

// Categories: reuse what exists, or make the standard set.
let cats = await sql<{ id: number }[]>`select id from categories where not archived order by position, id`;
if (cats.length === 0) {
	const names: [string, string, string][] = [
		['welkom', 'Welkom en voorstellen', 'Welcome and introductions'],
		['werk', 'Werk en loopbaan in het buitenland', 'Work and career abroad'],
		['kinderen', 'Kinderen en onderwijs', 'Children and education'],
		['verhuizen', 'Verhuizen en settelen', 'Moving and settling in'],
		['terugkeer', 'Terugkeer naar Nederland', 'Returning home'],
		['welzijn', 'Welzijn', 'Wellbeing'],
		['ministerie', 'Vragen aan het ministerie', 'Questions for the ministry']
	];
	for (const [i, [slug, nl, en]] of names.entries())
		await sql`insert into categories (slug, name_nl, name_en, position) values (${slug}, ${nl}, ${en}, ${i}) on conflict (slug) do nothing`;
	cats = await sql<{ id: number }[]>`select id from categories where not archived order by position, id`;
}
const catIds = cats.map((c) => c.id);

const prefix = `bench${Date.now().toString(36)}`;
await sql`
	insert into users (email, display_name, handle, language, time_zone, status, password_hash, created_at)
	select ${prefix} || '-' || g || '@example.org',
	       (array['Anna','Bram','Chloé','Daan','Eva','Farah','Gijs','Hanna','Isabel','Joris','Kim','Lotte','Mehmet','Noor','Olga','Pim'])[1 + g % 16]
	         || ' ' || (array['de Vries','Jansen','Bakker','Visser','Smit','Meijer','Mulder','de Boer','Bos','Vos','Peters','Hendriks'])[1 + (g / 16) % 12],
	       ${prefix} || '-' || g,
	       (case when g % 3 = 0 then 'en' else 'nl' end)::language,
	       (array['Asia/Jakarta','Africa/Nairobi','America/Bogota','Asia/Tokyo','Europe/Paris','America/New_York'])[1 + g % 6],
	       'active', ${hash}, now() - (g || ' minutes')::interval
	from generate_series(1, ${MEMBERS}) g`;
await sql`insert into user_roles (user_id, role) select id, 'member' from users where email like ${prefix + '-%'}`;
await sql`create temporary table bench_users as select row_number() over (order by id) as n, id from users where email like ${prefix + '-%'}`;
await sql`alter table bench_users add primary key (n)`;
await sql`analyze bench_users`;
log('members done');

// Threads are spread over three years of activity.
const threadBase = (await sql<{ base: number }[]>`select coalesce(max(id), 0)::int as base from threads`)[0]!.base;
await sql`
	insert into threads (category_id, author_id, kind, title, country, created_at, last_post_at)
	select (${catIds}::int[])[1 + g % ${catIds.length}],
	       u.id,
	       (case when g % 4 = 0 then 'question' else 'discussion' end)::thread_kind,
	       replace((${titles}::text[])[1 + g % ${titles.length}], '%c', c.name),
	       c.code,
	       now() - ((g * 997) % (3 * 365 * 24 * 60) || ' minutes')::interval,
	       now() - ((g * 997) % (3 * 365 * 24 * 60) || ' minutes')::interval
	from generate_series(1, ${THREADS}) g
	join bench_users u on u.n = 1 + g % ${MEMBERS}
	cross join lateral (select (${countries}::text[])[1 + g % ${countries.length}] as code,
	                           (array['Indonesië','Kenia','Colombia','Japan','de VS','Brazilië','Zuid-Afrika','India','Frankrijk','Duitsland','het VK','Egypte','Marokko','Turkije','China','Australië','Canada','Mexico','Nigeria','Senegal'])[1 + g % 20] as name) c`;
await sql`create temporary table bench_threads as select row_number() over (order by id) as n, id, title, created_at from threads where id > ${threadBase}`;
await sql`alter table bench_threads add primary key (n)`;
await sql`analyze bench_threads`;
log('threads done');

// Indexes are rebuilt after the load.
const postIndexes = await sql<{ indexname: string; indexdef: string }[]>`
	select indexname, indexdef from pg_indexes where tablename = 'posts' and indexname <> 'posts_pkey'`;
for (const ix of postIndexes) await sql.unsafe(`drop index if exists ${ix.indexname}`);

// The generated rows reference only rows made above, so per-row foreign-key triggers
// add nothing but time; skip them for this load where the role allows it.
const superuser = (await sql<{ superuser: boolean }[]>`select rolsuper as superuser from pg_roles where rolname = current_user`)[0]!.superuser;
if (superuser) await sql`set session_replication_role = replica`;
await sql`set synchronous_commit = off`;
for (let from = 1; from <= POSTS; from += BATCH) {
	const to = Math.min(POSTS, from + BATCH - 1);
	// Post g belongs to thread 1 + (g-1) % THREADS; the first THREADS posts open their threads.
	await sql`
		insert into posts (thread_id, author_id, title, body, body_html, created_at)
		select t.id, u.id,
		       case when g <= ${THREADS} then t.title end,
		       b.body, '<p>' || b.body || '</p>',
		       t.created_at + (((g - 1) / ${THREADS}) || ' hours')::interval
		from generate_series(${from}::int, ${to}::int) g
		join bench_threads t on t.n = 1 + (g - 1) % ${THREADS}
		join bench_users u on u.n = 1 + (g * 7) % ${MEMBERS}
		cross join lateral (select (${sentences}::text[])[1 + g % ${sentences.length}] || ' ' ||
		                           (${sentences}::text[])[1 + (g / 3) % ${sentences.length}] || ' ' ||
		                           (${sentences}::text[])[1 + (g / 7) % ${sentences.length}] as body) b`;
	log(`posts ${to.toLocaleString('en')}/${POSTS.toLocaleString('en')}`);
}
if (superuser) await sql`set session_replication_role = origin`;
await sql`set maintenance_work_mem = '256MB'`;
for (const ix of postIndexes) await sql.unsafe(ix.indexdef);
log('post indexes rebuilt');

await sql`
	update threads t set reply_count = s.n - 1, last_post_id = s.last_id, last_post_at = s.last_at
	from (select thread_id, count(*)::int as n, max(id) as last_id, max(created_at) as last_at
	      from posts where thread_id > ${threadBase} group by thread_id) s
	where t.id = s.thread_id`;
// Members who wrote are established: their next posts appear at once (moderation holds a newcomer's first ones).
await sql`
	update users u set approved_posts = s.n
	from (select author_id, count(*)::int as n from posts where thread_id > ${threadBase} group by author_id) s
	where u.id = s.author_id`;
// Vacuum as well as analyze: after a bulk load no page is marked all-visible and no hint
// bit is set yet, so the first reads of every page would write it back (what autovacuum
// does on a live database some time later). Benchmarks should not measure that one-off.
await sql`vacuum (analyze)`;
log('thread counters updated, table vacuumed and statistics refreshed');
await sql.end();
log('done');
