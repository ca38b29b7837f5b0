import { describe, expect, it } from 'vitest';
import { LINK_REL, mentionedHandles, plainText, renderMarkdown } from '../../src/lib/server/discussion/markdown';
import { renderGuidelines } from '../../src/lib/server/membership/guidelines';
import { highlightToHtml } from '../../src/lib/server/discussion/search';

/** No tag in the output may carry an event handler or a script/style/iframe. */
function expectNoActiveContent(html: string) {
	expect(html).not.toMatch(/<\s*(script|style|iframe|object|embed|svg|math|form|input)\b/i);
	expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
	expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i);
}

describe('markdown is rendered to sanitised HTML', () => {
	it('keeps ordinary markdown', () => {
		const html = renderMarkdown('**bold** and *italic*\n\n- one\n- two\n\n`code`');
		expect(html).toContain('<strong>bold</strong>');
		expect(html).toContain('<em>italic</em>');
		expect(html).toContain('<li>one</li>');
		expect(html).toContain('<code>code</code>');
	});

	it('shows raw HTML as text: script tags, event handlers, iframes', () => {
		for (const source of [
			'<script>alert(1)</script>',
			'<img src=x onerror=alert(1)>',
			'<a href="javascript:alert(1)" onclick="steal()">click</a>',
			'<iframe src="https://evil.example"></iframe>',
			'<b onmouseover="x()">bold</b>',
			'<svg onload=alert(1)>',
			'<div style="background:url(javascript:alert(1))">x</div>'
		]) {
			const html = renderMarkdown(source);
			expectNoActiveContent(html);
			expect(html).toContain('&lt;');
		}
		expect(renderMarkdown('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('drops javascript:, data: and vbscript: links, however they are written', () => {
		for (const source of [
			'[x](javascript:alert(1))',
			'[x](JaVaScRiPt:alert(1))',
			'[x](&#106;avascript:alert(1))',
			'[x](data:text/html;base64,PHNjcmlwdD4=)',
			'[x](vbscript:msgbox(1))',
			'[x](file:///etc/passwd)',
			'<javascript:alert(1)>',
			'[x]( javascript:alert(1))'
		]) {
			const html = renderMarkdown(source);
			expectNoActiveContent(html);
			expect(html, source).not.toContain('<a ');
		}
	});

	it('gives every link that leaves the site rel="nofollow noopener noreferrer ugc" and no target', () => {
		expect(LINK_REL).toBe('nofollow noopener noreferrer ugc');
		for (const source of ['[site](https://example.org/page)', 'see https://example.org/x', '<https://example.org>', '[mail](mailto:a@example.org)']) {
			const html = renderMarkdown(source);
			expect(html, source).toContain(`rel="${LINK_REL}"`);
			expect(html).not.toContain('target=');
		}
		expect(renderMarkdown('[thread](/group/t/1)')).toContain('<a href="/group/t/1">thread</a>');
		expect(renderMarkdown('[top](#post-3)')).toContain('<a href="#post-3">top</a>');
	});

	it('does not link paths that look like this site but lead to another host', () => {
		// Each of these is read by a browser (or a proxy that decodes the path) as a link to evil.example.
		for (const source of [
			'[x](//evil.example/a)',
			'[x](/\\evil.example/a)',
			'[x](</\t/evil.example>)',
			'[x](</\n/evil.example>)',
			'[x](/%09/evil.example)',
			'[x](/%2F/evil.example)',
			'[x](/%5Cevil.example)',
			'[x](/\\/evil.example)',
			'[x](\\\\evil)',
			'[x](\\\\\\\\evil)',
			'<//evil.example>',
			'[x](/ /evil.example)',
			'[x]( //evil.example)'
		]) {
			for (const html of [renderMarkdown(source), renderGuidelines(source)]) {
				expect(html, source).not.toMatch(/<a [^>]*href="(?!https?:\/\/)[^"]*evil/);
				// Whatever is still a link to another host says so.
				for (const [a] of html.matchAll(/<a [^>]*>/g)) if (!/href="(\/[^/\\%]|#)/.test(a)) expect(a, source).toContain(`rel="${LINK_REL}"`);
			}
		}
	});

	it('shows no external images (they would leak readers’ addresses), only same-site ones', () => {
		const external = renderMarkdown('![a cat](https://tracker.example/pixel.png)');
		expect(external).not.toContain('<img');
		expect(external).not.toContain('tracker.example');
		expect(external).toContain('[image: a cat]');
		expect(renderMarkdown('![x](//tracker.example/p.png)')).not.toContain('<img');
		expect(renderMarkdown('![x](http:tracker.example/p.png)')).not.toContain('<img');
		const local = renderMarkdown('![logo](/favicon.png)');
		expect(local).toContain('<img src="/favicon.png" alt="logo"');
		// Alt text is escaped.
		expect(renderMarkdown('![<b onload=x>](https://a.example/p.png)')).not.toMatch(/<b /);
	});

	it('renders the guidelines by the same rules: no outside images, links elsewhere marked, no raw HTML', () => {
		const html = renderGuidelines('## Rules\n\n![tracker](https://tracker.example/pixel.png) ![logo](/favicon.png)\n\nSee [the site](https://example.org) and [home](/home).\n\n<script>alert(1)</script>\n\n# Top');
		expect(html).not.toContain('tracker.example');
		expect(html).toContain('[image: tracker]');
		expect(html).toContain('<img src="/favicon.png" alt="logo"');
		expect(html).toContain(`<a href="https://example.org" rel="${LINK_REL}">the site</a>`);
		expect(html).toContain('<a href="/home">home</a>');
		expect(html).toContain('&lt;script&gt;');
		expectNoActiveContent(html);
		// The page has the h1: the document's own headings start at h2.
		expect(html).toContain('<h2>Rules</h2>');
		expect(html).toContain('<h2>Top</h2>');
		expect(html).not.toContain('<h1');
	});

	it('moves headings down so a post never competes with the page’s own', () => {
		expect(renderMarkdown('# Big')).toContain('<h3>Big</h3>');
		expect(renderMarkdown('#### Small')).toContain('<h6>Small</h6>');
	});

	it('marks mentions of known members only, outside code and links', () => {
		const known = new Set(['sanne-de-vries']);
		const html = renderMarkdown('Hoi @sanne-de-vries en @nobody, `@sanne-de-vries` [@sanne-de-vries](https://example.org)', { mentions: known });
		expect(html.match(/class="mention"/g)).toHaveLength(1);
		expect(html).toContain('<a class="mention" href="/members/sanne-de-vries">@sanne-de-vries</a>');
		expect(html).toContain('@nobody');
		expect(mentionedHandles('Hi @Sanne-de-Vries and @joost, mail me at a@b.example, `@code` and\n```\n@block\n```')).toEqual(['sanne-de-vries', 'joost']);
	});

	it('gives plain text for quotes and e-mails', () => {
		expect(plainText(renderMarkdown('**Hello** <there>\n\nSecond'))).toBe('Hello <there> Second');
		expect(plainText('<p>' + 'a'.repeat(400) + '</p>', 50)).toHaveLength(50);
	});
});

describe('search snippets are escaped text with <mark> only', () => {
	it('escapes everything and turns only the sentinels into <mark>', () => {
		expect(highlightToHtml('a \u0001<script>\u0002 & "b"')).toBe('a <mark>&lt;script&gt;</mark> &amp; &quot;b&quot;');
		// An unclosed highlight is closed; a stray stop is dropped.
		expect(highlightToHtml('\u0001open')).toBe('<mark>open</mark>');
		expect(highlightToHtml('stray\u0002')).toBe('stray');
	});
});
