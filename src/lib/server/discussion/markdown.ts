import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * Members write markdown; pages get sanitised HTML, rendered once at write
 * time. The community guidelines (written by staff) go through the same rules.
 * What keeps it safe:
 *
 * - `html: false`: raw HTML in the source is shown as text, never parsed, so
 *   no tags, scripts or event handlers can get through;
 * - links only to http(s), mailto or this site ("/…", "#…"); anything else
 *   (javascript:, data:, vbscript:, relative tricks) stays plain text. Whether
 *   a path stays on this site is decided by the URL parser, as a browser
 *   decides it: "//host", "/\host" and "/<tab>/host" look like paths but lead
 *   elsewhere, so they are not made links at all;
 * - a link elsewhere gets rel="nofollow noopener noreferrer ugc" and no target;
 * - images only from this site: an outside image would tell its owner who
 *   read the post and from where, so it becomes the text "[image: alt]";
 * - headings are moved down so a post never competes with the page's own
 *   h1/h2.
 */
export const LINK_REL = 'nofollow noopener noreferrer ugc';

/** `@handle` after start, whitespace or punctuation (not inside an e-mail address). */
export const MENTION_RE = /(^|[^\w@./-])@([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(?![\w-]*@)/gi;

/** Stands in for this site's origin: whatever resolves to another origin leaves the site. */
const HERE = 'https://this-site.invalid';

const resolvesHere = (url: string): boolean => {
	try {
		return new URL(url, `${HERE}/some/page`).origin === HERE;
	} catch {
		return false;
	}
};

const decoded = (url: string): string => {
	try {
		return decodeURIComponent(url);
	} catch {
		return url;
	}
};

/**
 * Where a link leads: this site, elsewhere, or nowhere we link to (null). A
 * path must stay here both as written and once percent-decoded, because
 * markdown-it encodes a tab or backslash that a browser, or a proxy decoding
 * the path, would read as the start of another host.
 */
export function linkTarget(url: string): 'site' | 'external' | null {
	const u = url.trim();
	if (/^(https?:\/\/|mailto:)/i.test(u)) {
		try {
			new URL(u);
			return 'external';
		} catch {
			return null;
		}
	}
	if (u.startsWith('#')) return u.includes(':') ? null : 'site';
	if (u.startsWith('/')) return resolvesHere(u) && resolvesHere(decoded(u)) ? 'site' : null;
	return null;
}

export const isAllowedLink = (url: string): boolean => linkTarget(url) !== null;

const isSameSitePath = (url: string): boolean => url.trim().startsWith('/') && linkTarget(url) === 'site';

interface RendererOptions {
	/** A single line break in the source is a break on the page (chat-like posts). */
	breaks: boolean;
	typographer: boolean;
	/** Levels a heading moves down, and the highest it may end up as. */
	headingShift: number;
	topHeading: number;
}

function createRenderer({ breaks, typographer, headingShift, topHeading }: RendererOptions): MarkdownIt {
	const md = new MarkdownIt({ html: false, linkify: true, breaks, typographer });
	md.validateLink = isAllowedLink;
	const escapeHtml = md.utils.escapeHtml;

	md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
		const token = tokens[idx]!;
		token.attrs = (token.attrs ?? []).filter(([name]) => name === 'href' || name === 'title');
		if (linkTarget(token.attrGet('href') ?? '') !== 'site') token.attrSet('rel', LINK_REL);
		return self.renderToken(tokens, idx, options);
	};

	md.renderer.rules.image = (tokens, idx, options, env, self) => {
		const token = tokens[idx]!;
		const src = token.attrGet('src') ?? '';
		const alt = self.renderInlineAsText(token.children ?? [], options, env);
		if (isSameSitePath(src)) return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy">`;
		return `<span class="image-placeholder">[image: ${escapeHtml(alt)}]</span>`;
	};

	const shift = (tag: string) => `h${Math.min(6, Math.max(topHeading, Number(tag.slice(1)) + headingShift))}`;
	md.renderer.rules.heading_open = (tokens, idx) => `<${shift(tokens[idx]!.tag)}>`;
	md.renderer.rules.heading_close = (tokens, idx) => `</${shift(tokens[idx]!.tag)}>\n`;
	return md;
}

const md = createRenderer({ breaks: true, typographer: false, headingShift: 2, topHeading: 3 });
/** Documents under a page's h1 (the guidelines): their own headings from h2 on. */
const documents = createRenderer({ breaks: false, typographer: true, headingShift: 0, topHeading: 2 });

const escapeHtml = md.utils.escapeHtml;

md.renderer.rules.mention = (tokens, idx) => {
	const handle = escapeHtml(tokens[idx]!.content);
	return `<a class="mention" href="/members/${handle}">@${handle}</a>`;
};

/** Turns `@handle` of a known member into a marked mention (outside links and code). */
md.core.ruler.push('mentions', (state) => {
	const known = (state.env as RenderEnv | undefined)?.mentions;
	if (!known || known.size === 0) return;
	for (const block of state.tokens) {
		if (block.type !== 'inline' || !block.children) continue;
		const out: Token[] = [];
		let inLink = 0;
		for (const child of block.children) {
			if (child.type === 'link_open') inLink++;
			if (child.type === 'link_close') inLink--;
			if (child.type !== 'text' || inLink > 0) {
				out.push(child);
				continue;
			}
			const text = child.content;
			let last = 0;
			for (const match of text.matchAll(MENTION_RE)) {
				const handle = match[2]!.toLowerCase();
				if (!known.has(handle)) continue;
				const at = match.index! + match[1]!.length;
				if (at > last) out.push(textToken(state, text.slice(last, at)));
				const mention = new state.Token('mention', '', 0);
				mention.content = handle;
				out.push(mention);
				last = at + 1 + match[2]!.length;
			}
			if (last === 0) out.push(child);
			else if (last < text.length) out.push(textToken(state, text.slice(last)));
		}
		block.children = out;
	}
});

function textToken(state: { Token: typeof Token }, content: string): Token {
	const t = new state.Token('text', '', 0);
	t.content = content;
	return t;
}

interface RenderEnv {
	/** Lower-case handles of members who exist; only these become mentions. */
	mentions?: ReadonlySet<string>;
}

/** Markdown source → sanitised HTML. */
export function renderMarkdown(source: string, env: RenderEnv = {}): string {
	return md.render(source, { ...env });
}

/** A staff-written document (the guidelines) → sanitised HTML, by the same rules as posts. */
export function renderDocument(source: string): string {
	return documents.render(source);
}

/** The handles a text mentions, lower-cased, without code spans and blocks. */
export function mentionedHandles(source: string): string[] {
	const text = source.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~/g, ' ').replace(/`[^`\n]*`/g, ' ');
	const found = new Set<string>();
	for (const match of text.matchAll(MENTION_RE)) found.add(match[2]!.toLowerCase());
	return [...found];
}

/** Plain text of rendered HTML, for quotes and e-mails (never rendered as HTML). */
export function plainText(html: string, max = 280): string {
	const text = html
		.replace(/<\/(p|li|h\d|blockquote|pre|tr|td|th)>|<br\s*\/?>/g, ' ')
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
