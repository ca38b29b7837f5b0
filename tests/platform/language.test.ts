import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { m } from '../../src/lib/paraglide/messages';
import { GUIDELINES_NL } from '../../src/lib/server/demo/membership-content';

/**
 * One voice in two languages, over every message (project.inlang/settings.json
 * lists the files, so a new file is covered without a change here):
 * - Dutch speaks to the reader as a peer: "je/jij/jouw", never "u/uw";
 * - one word, one meaning: "melding" is a notification, a report to the
 *   moderators is a "rapport" ("rapporteren"), and each language agrees;
 * - a number before a word that changes with it ("1 reactie", "2 reacties")
 *   is a plural message, and the compiled message picks the right form.
 */

type Lang = 'nl' | 'en';
type Variants = { declarations?: string[]; selectors?: string[]; match: Record<string, string> }[];
type Message = string | Variants;

function messages(lang: Lang): Map<string, Message> {
	const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as {
		'plugin.inlang.messageFormat': { pathPattern: string | string[] };
	};
	const all = new Map<string, Message>();
	for (const pattern of [settings['plugin.inlang.messageFormat'].pathPattern].flat()) {
		const file = JSON.parse(fs.readFileSync(path.resolve(pattern.replace('{locale}', lang)), 'utf8')) as Record<string, Message>;
		for (const [key, value] of Object.entries(file)) if (key !== '$schema') all.set(key, value);
	}
	return all;
}

/** Every text a message can show: the pattern, or each of its variants. */
const textsOf = (message: Message): string[] => (typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match)));

const NL = messages('nl');
const EN = messages('en');

/** The words of a text that match, as whole words (letters with accents count as letters). */
const words = (text: string, pattern: string): string[] => [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'giu'))].map((x) => x[0]);

describe('the messages', () => {
	it('exist in both languages, with the same inputs', () => {
		expect([...NL.keys()].filter((k) => !EN.has(k)), 'in Dutch only').toEqual([]);
		expect([...EN.keys()].filter((k) => !NL.has(k)), 'in English only').toEqual([]);
		const inputs = (message: Message) => [...new Set(textsOf(message).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();
		const differ = [...NL].filter(([k, v]) => EN.has(k) && inputs(v).join() !== inputs(EN.get(k)!).join()).map(([k]) => k);
		expect(differ, 'inputs differ between the languages').toEqual([]);
	});
});

describe('Dutch in one register', () => {
	// No allow-list: "u" and "uw" are never needed as a word in this register.
	const FORMAL = 'u|uw|uzelf';

	it('says "je", never "u" or "uw", in every Dutch message', () => {
		const formal = [...NL].flatMap(([key, message]) => textsOf(message).filter((t) => words(t, FORMAL).length).map((t) => `${key}: ${t}`));
		expect(formal).toEqual([]);
	});

	it('says "je" in the community guidelines the demo publishes', () => {
		expect(words(GUIDELINES_NL, FORMAL)).toEqual([]);
	});
});

describe('one word, one meaning', () => {
	it('"melding" is a notification, and only that', () => {
		// The verb of reporting ("melden", "gemeld", "melder") is gone; "meld je aan" (sign up) is another verb.
		const reportVerb = [...NL].flatMap(([key, message]) =>
			textsOf(message)
				.flatMap((t) => words(t.replace(/meld je (aan|af)/gi, ''), '(ge)?meld(en|t|de|den|ers?)?'))
				.map((w) => `${key}: ${w}`)
		);
		expect(reportVerb).toEqual([]);
		const notNotification = [...NL]
			.filter(([, message]) => textsOf(message).some((t) => words(t, 'meldingen|melding').length))
			.filter(([key]) => !textsOf(EN.get(key) ?? '').some((t) => /notif/i.test(t)))
			.map(([key]) => key);
		expect(notNotification, 'Dutch says "melding" where English says no notification').toEqual([]);
	});

	it('a report to the moderators is a "rapport" in Dutch and a "report" in English, both ways', () => {
		const saysReport = (lang: Lang, key: string) => textsOf((lang === 'nl' ? NL : EN).get(key) ?? '').some((t) => (lang === 'nl' ? /rapport/i : /report/i).test(t));
		const keys = [...NL.keys()];
		expect(keys.filter((k) => saysReport('en', k) && !saysReport('nl', k)), 'English says report, Dutch does not say rapport').toEqual([]);
		expect(keys.filter((k) => saysReport('nl', k) && !saysReport('en', k)), 'Dutch says rapport, English does not say report').toEqual([]);
		const notificationsSayReport = [...EN].filter(([, message]) => textsOf(message).some((t) => /notif/i.test(t) && /report/i.test(t))).map(([k]) => k);
		expect(notificationsSayReport).toEqual([]);
	});

	it('the notifications page and the reports page have their own words', () => {
		expect(m.notifications_title({}, { locale: 'nl' })).toBe('Meldingen');
		expect(m.my_reports({}, { locale: 'nl' })).toBe('Mijn rapporten');
		expect(m.notifications_title({}, { locale: 'en' })).toBe('Notifications');
		expect(m.my_reports({}, { locale: 'en' })).toBe('My reports');
	});
});

describe('plurals', () => {
	/** Inputs that hold a number of things; a word after one of them changes with it. */
	const NUMBER = /\{(count|days|hours|minutes|seconds|limit|interval|n)\} (\p{L}+)/gu;
	/** Words after a number that read right for 1 and for many (an adjective, a unit's abbreviation, "keer", "1 of 3"). */
	const INVARIANT: Record<Lang, string[]> = { nl: ['nieuw', 'ongelezen', 'keer', 's', 'min', 'van'], en: ['new', 'unread', 's', 'min', 'of'] };

	it('a number before a word is a plural message', () => {
		for (const lang of ['nl', 'en'] as const) {
			const single = [...(lang === 'nl' ? NL : EN)]
				.filter(([, message]) => typeof message === 'string')
				.flatMap(([key, message]) => [...(message as string).matchAll(NUMBER)].filter((x) => !INVARIANT[lang].includes(x[2]!)).map((x) => `${key}: ${x[0]}`));
			expect(single, lang).toEqual([]);
		}
	});

	it('every plural message has a form for one and for other numbers, in both languages', () => {
		for (const [key, message] of [...NL, ...EN]) {
			if (typeof message === 'string') continue;
			const conditions = Object.keys(message[0]!.match).join(' | ');
			expect(conditions, key).toMatch(/=one/);
			expect(conditions, key).toMatch(/=(\*|other)(\s|$)/);
			// paraglide refuses to compile a variant that uses an input it does not declare
			const declared = (message[0]!.declarations ?? []).map((d) => /^(?:input|local) (\w+)/.exec(d)?.[1]);
			const used = textsOf(message).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1]));
			expect(used.filter((u) => !declared.includes(u)), key).toEqual([]);
		}
	});

	it('the compiled messages pick the form for 0, 1 and 2', () => {
		const forms = (fn: (inputs: { count: number }, options: { locale: Lang }) => string, lang: Lang) => [0, 1, 2].map((count) => fn({ count }, { locale: lang }));
		expect(forms(m.queue_reporters, 'en')).toEqual(['0 reporters', '1 reporter', '2 reporters']);
		expect(forms(m.queue_reporters, 'nl')).toEqual(['gerapporteerd door 0 leden', 'gerapporteerd door 1 lid', 'gerapporteerd door 2 leden']);
		expect(forms(m.live_new_activity, 'en')).toEqual(['0 new posts — show', '1 new post — show', '2 new posts — show']);
		expect(forms(m.live_new_activity, 'nl')).toEqual(['0 nieuwe berichten — toon', '1 nieuw bericht — toon', '2 nieuwe berichten — toon']);
		expect(forms(m.thread_replies, 'en')).toEqual(['0 replies', '1 reply', '2 replies']);
		expect(forms(m.thread_replies, 'nl')).toEqual(['0 reacties', '1 reactie', '2 reacties']);
		// Nothing ended is said by leaving the number out.
		expect(forms(m.password_changed, 'nl')).toEqual([
			'Je wachtwoord is gewijzigd.',
			'Je wachtwoord is gewijzigd. 1 andere sessie is beëindigd.',
			'Je wachtwoord is gewijzigd. 2 andere sessies zijn beëindigd.'
		]);
		expect(forms(m.password_changed, 'en')[1]).toBe('Your password has been changed. 1 other session was ended.');
		expect([1, 7].map((days) => m.invitations_days({ days }, { locale: 'nl' }))).toEqual(['1 dag', '7 dagen']);
		expect([1, 7].map((days) => m.invitations_days({ days }, { locale: 'en' }))).toEqual(['1 day', '7 days']);
	});
});
