import { sql, type SQL } from 'drizzle-orm';
import { runtime } from '../runtime';
import type { Actor } from '../auth/actor';
import { cursorRefused, decodeCursor, encodeCursor, type Page } from '../paging';
import { SearchInput } from './schemas';
import { publicPostSql, viewerOf } from './visibility';
import { newestFirstIndexUsable } from './search-index';
import type { SearchHit } from '../../shared/discussion';

const START = '\u0001';
const STOP = '\u0002';

/** ts_headline's output is text, not HTML: escape all of it, then turn only our sentinels into <mark>. */
export function highlightToHtml(raw: string): string {
	let out = '';
	let open = false;
	for (const ch of raw) {
		if (ch === START) {
			if (!open) out += '<mark>';
			open = true;
		} else if (ch === STOP) {
			if (open) out += '</mark>';
			open = false;
		} else if (ch === '&') out += '&amp;';
		else if (ch === '<') out += '&lt;';
		else if (ch === '>') out += '&gt;';
		else if (ch === '"') out += '&quot;';
		else if (ch === "'") out += '&#39;';
		else if (ch < ' ' && ch !== '\n' && ch !== '\t') out += ' ';
		else out += ch;
	}
	return open ? out + '</mark>' : out;
}

/** The text a headline is cut from: the markdown source, without sentinels and the loudest syntax. */
const cleanText = (column: SQL) =>
	sql`regexp_replace(translate(${column}, chr(1) || chr(2), ''), '!?\\[|\\]\\([^)]*\\)|[*_#>\`~|]+', ' ', 'g')`;

const headlineOptions = (extra: string) =>
	sql`'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ${', ' + extra}`;

/** The first of the Dutch, English and plain headlines that marked a match. */
const headline = (text: SQL, options: SQL) => sql`(select case when strpos(hd, chr(1)) > 0 then hd when strpos(he, chr(1)) > 0 then he else hs end from (select
		ts_headline('dutch', ${text}, s.query, ${options}) as hd,
		ts_headline('english', ${text}, s.query, ${options}) as he,
		ts_headline('simple', ${text}, s.query, ${options}) as hs) as x)`;

/**
 * How many matching posts are ranked: the newest this many. A common word
 * matches a large share of a big group; ranking every match (ts_rank reads
 * each post's tsvector) made search slower the bigger the group. With the RUM
 * index (search-index.ts) only these are read at all; with GIN alone, the
 * newest-id windows below read a bounded part of them.
 */
export const SEARCH_CANDIDATES = 250;

/** Dutch and English stems and plain words, OR-ed: an inflected Dutch word finds its other forms. */
const tsquery = (q: string) => sql`(websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`;

type Filters = Pick<SearchInput, 'category' | 'country'>;
const filtersSql = (input: Filters) =>
	sql`${input.category ? sql`and categories.slug = ${input.category}` : sql``}
		${input.country ? sql`and threads.country = ${input.country}` : sql``}`;

/**
 * Without RUM, GIN hands matches over in no order: taking the newest meant reading every match, so a
 * common word cost in proportion to the group's size (3.5× at 1M posts what it cost at 10k). Instead
 * the newest ids are searched first, in windows `id > newest - W` (GIN's matches ANDed with the id
 * range, so only the window's matches are read) that grow (to where the matches found so far say
 * enough will be) until SEARCH_CANDIDATES matches qualify:
 * the newest candidates all lie in any window that holds that many, so the answer is exactly the RUM
 * path's, and a common word stops after a window or two however big the group is. When a window
 * shows the word is too rare among the newest posts for a bigger one to pay (it would need a large
 * part of the group), the rest is left to newestMatchesByGin, which reads every match once.
 */
export const GIN_FIRST_WINDOW = 4096;
const GIN_WINDOW_GROWTH = 2;

/**
 * The qualifying matches with an id above `above`, newest first. Materialized without an order, so
 * the planner cannot walk the primary key backwards testing every post against the words (a word that
 * is rare among the newest posts would make that walk read the whole window, or the whole table).
 */
const matchesAbove = (input: Filters & { q: string }, above: number) => sql`
	with windowed as materialized (
		select p.id, p.thread_id, p.status from posts p
		where numnode(${tsquery(input.q)}) > 0 and p.search @@ ${tsquery(input.q)} and p.id > ${above}::bigint
	)
	select posts.id
	from windowed as posts
	join threads on threads.id = posts.thread_id
	join categories on categories.id = threads.category_id
	where ${publicPostSql()} ${filtersSql(input)}
	order by posts.id desc
	limit ${SEARCH_CANDIDATES}`;

/**
 * Every match through GIN, sorted by id, as a derived table named posts (so that publicPostSql applies
 * to it as written); joined in that order, threads and categories are read only until
 * SEARCH_CANDIDATES rows qualify, not for every match.
 */
const newestMatchesByGin = (input: Filters & { q: string }) => sql`
	with s as (select ${tsquery(input.q)} as query)
	select posts.id
	from (
		select p.id, p.thread_id, p.status
		from posts p
		cross join s
		where numnode(s.query) > 0 and p.search @@ s.query
		order by p.id desc
	) as posts
	join threads on threads.id = posts.thread_id
	join categories on categories.id = threads.category_id
	where ${publicPostSql()} ${filtersSql(input)}
	order by posts.id desc
	limit ${SEARCH_CANDIDATES}`;

async function candidateIdsByGinWindows(input: Filters & { q: string }): Promise<number[]> {
	const database = runtime().database;
	const ids = async (query: SQL) => (await database.rows<{ id: number | string }>(query)).map((r) => Number(r.id));
	const [span] = await database.rows<{ newest: number | string | null; oldest: number | string | null }>(
		sql`select max(id) as newest, min(id) as oldest from posts`
	);
	if (span?.newest == null || span.oldest == null) return [];
	const newest = Number(span.newest);
	const all = newest - Number(span.oldest) + 1;
	let window = GIN_FIRST_WINDOW;
	let before = { window: 0, found: 0 };
	while (window < all) {
		const found = await ids(matchesAbove(input, newest - window));
		if (found.length >= SEARCH_CANDIDATES) return found;
		// As dense further back as in the part just added, how much more would hold enough: past half the
		// group (or nothing new in that part), reading every match at once costs no more.
		const added = found.length - before.found;
		const more = added > 0 ? ((window - before.window) * (SEARCH_CANDIDATES - found.length)) / added : Infinity;
		if (window + more > all / 2) break;
		before = { window, found: found.length };
		window = Math.max(window * GIN_WINDOW_GROWTH, Math.ceil(window + more * 1.5));
	}
	return ids(newestMatchesByGin(input));
}

/** The candidates found by the windows above, ranked. */
const candidatesByIds = (ids: number[]) => sql`
	select p.id, ts_rank(p.search, s.query) as rank
	from posts p
	cross join s
	where p.id = any(${`{${ids.join(',')}}`}::bigint[])`;

/** Above every post id, and low enough that RUM's distance (a float8) tells neighbouring ids apart: 2^52. */
const NEWEST_ANCHOR = 4503599627370496;

/**
 * The newest matches, ranked, through the optional RUM index (search-index.ts): it hands matches over newest first
 * (`<=|` distance below NEWEST_ANCHOR), and the nested loop stops once SEARCH_CANDIDATES qualify,
 * so a common word costs no more in a big group than in a small one. The query is written out here,
 * not read from the CTE: the planner then sees the words, estimates how many match, and picks the
 * ordered scan (through a CTE it guesses, and sorts every match instead).
 */
const candidatesByRum = (input: Filters & { q: string }) => sql`
	select posts.id, ts_rank(posts.search, ${tsquery(input.q)}) as rank
	from posts
	join threads on threads.id = posts.thread_id
	join categories on categories.id = threads.category_id
	where numnode(${tsquery(input.q)}) > 0 and posts.search @@ ${tsquery(input.q)} and ${publicPostSql()} ${filtersSql(input)}
	order by posts.id <=| ${NEWEST_ANCHOR}::bigint
	limit ${SEARCH_CANDIDATES}`;

/**
 * Plain words only (letters, digits, spaces) go the RUM way: quotes, a leading
 * minus, hyphens and other signs can make phrase or negated queries, where
 * RUM's matching has known gaps.
 */
const plainWords = (q: string) => /^[\p{L}\p{Nd}\s]+$/u.test(q);

/**
 * Full-text search over titles and bodies, Dutch and English stemming (and
 * plain words) OR-ed together (GIN-indexed tsvector). Finds only what every
 * member may see (publicPostSql: visible posts of visible threads in
 * categories that are not archived), filtered by category slug and country;
 * of those, the newest SEARCH_CANDIDATES are ranked by ts_rank. Keyset on
 * (rank, id).
 */
export async function searchPosts(actor: Actor, raw: SearchInput): Promise<Page<SearchHit>> {
	viewerOf(actor);
	const input = SearchInput.parse(raw);
	const cursor = decodeCursor(input.cursor);
	if (cursor && (typeof cursor.k !== 'number' || !/^\d+$/.test(cursor.id))) throw cursorRefused();
	const q = input.q;
	const newestFirst = plainWords(q) && (await newestFirstIndexUsable(runtime().database));
	const found = newestFirst ? [] : await candidateIdsByGinWindows({ ...input, q });
	const rows = await runtime().database.rows<{
		id: number | string;
		thread_id: number | string;
		is_opening: boolean;
		rank: number;
		created_at: Date | string;
		author_name: string;
		country: string | null;
		slug: string;
		name_nl: string;
		name_en: string;
		title_hl: string;
		snippet: string;
	}>(sql`
		with s as (
			select ${tsquery(q)} as query
		),
		candidates as materialized (${newestFirst ? candidatesByRum({ ...input, q }) : candidatesByIds(found)}),
		page as (
			select k.id, k.rank from candidates k
			${cursor ? sql`where (k.rank < ${cursor.k}::real or (k.rank = ${cursor.k}::real and k.id < ${Number(cursor.id)}::bigint))` : sql``}
			order by k.rank desc, k.id desc
			limit ${input.limit + 1}
		)
		select page.id, p.thread_id, p.title is not null as is_opening, page.rank, p.created_at,
			u.display_name as author_name, t.country, c.slug, c.name_nl, c.name_en,
			${headline(cleanText(sql`t.title`), headlineOptions('HighlightAll=true'))} as title_hl,
			${headline(cleanText(sql`p.body`), headlineOptions('MaxWords=35, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'))} as snippet
		from page
		cross join s
		join posts p on p.id = page.id
		join threads t on t.id = p.thread_id
		join categories c on c.id = t.category_id
		join users u on u.id = p.author_id
		order by page.rank desc, page.id desc
	`);
	const items = rows.slice(0, input.limit).map(
		(r): SearchHit => ({
			postId: Number(r.id),
			threadId: Number(r.thread_id),
			isOpening: r.is_opening,
			titleHtml: highlightToHtml(r.title_hl),
			snippetHtml: highlightToHtml(r.snippet),
			rank: Number(r.rank),
			createdAt: new Date(r.created_at),
			authorName: r.author_name,
			country: r.country,
			category: { slug: r.slug, nameNl: r.name_nl, nameEn: r.name_en }
		})
	);
	const last = items.at(-1);
	return { items, nextCursor: rows.length > input.limit && last ? encodeCursor({ k: last.rank, id: String(last.postId) }) : null };
}
