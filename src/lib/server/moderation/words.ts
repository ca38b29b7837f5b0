import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db';
import { db, transact } from '../runtime';
import { watchedWords } from '../db/schema';
import { requireCapability, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { audit, csvLine } from '../audit/log';
import { WordImportInput, WordInput, WordTestInput } from './schemas';
import type { WatchedWord, WordAction, WordLanguage } from '../../shared/moderation';

export interface WordMatch {
	id: number;
	language: WordLanguage;
	pattern: string;
	action: WordAction;
	/** The text that matched. */
	found: string;
}

/** Stronger actions win when several words match. */
const STRENGTH: Record<WordAction, number> = { block: 3, hold: 2, report: 1 };

/** Words as the lists see them: letters and digits, apostrophes inside; hyphens and spaces separate. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
/** Longer "words" are not matched against wildcards (nothing on a list is that long), which keeps matching linear. */
const LONGEST = 64;

/** Does the word match the part? `*` stands for any run of letters; two pointers, no backtracking blow-up. */
export function globMatch(part: string, word: string): boolean {
	if (!part.includes('*')) return part === word;
	if (word.length > LONGEST) return false;
	let p = 0;
	let w = 0;
	let star = -1;
	let mark = 0;
	while (w < word.length) {
		if (p < part.length && part[p] === word[w]) {
			p++;
			w++;
		} else if (p < part.length && part[p] === '*') {
			star = p++;
			mark = w;
		} else if (star >= 0) {
			p = star + 1;
			w = ++mark;
		} else return false;
	}
	while (part[p] === '*') p++;
	return p === part.length;
}

/** A pattern as the words it is made of (a phrase is several), lower case. */
export const patternParts = (pattern: string): string[] => pattern.toLowerCase().split(/[\s-]+/).filter(Boolean);

interface Compiled extends WatchedWord {
	parts: string[];
}

let compiled: { at: number; words: Compiled[] } | undefined;
const CACHE_MS = 10_000;

async function loadWords(reader: Tx | ReturnType<typeof db>): Promise<Compiled[]> {
	if (compiled && Date.now() - compiled.at < CACHE_MS) return compiled.words;
	const rows = await reader.select().from(watchedWords).orderBy(asc(watchedWords.id));
	compiled = {
		at: Date.now(),
		words: rows.map((r) => ({ id: r.id, language: r.language as WordLanguage, pattern: r.pattern, action: r.action, createdAt: r.createdAt, parts: patternParts(r.pattern) }))
	};
	return compiled.words;
}

/**
 * Every watched word (both lists) found in the text, strongest action first.
 * Whole words, any case: `scam*` finds "Scammers" but not "ascam"; a phrase
 * matches its words in a row. Time grows with the text times the list, never worse.
 */
export async function matchWords(text: string, tx?: Tx): Promise<WordMatch[]> {
	const words = await loadWords(tx ?? db());
	const tokens = [...text.matchAll(WORD)].map((m) => m[0]);
	const lower = tokens.map((t) => t.toLowerCase());
	const out: WordMatch[] = [];
	for (const w of words) {
		const k = w.parts.length;
		for (let i = 0; i + k <= lower.length; i++) {
			let hit = true;
			for (let j = 0; j < k && hit; j++) hit = globMatch(w.parts[j]!, lower[i + j]!);
			if (hit) {
				out.push({ id: w.id, language: w.language, pattern: w.pattern, action: w.action, found: tokens.slice(i, i + k).join(' ') });
				break;
			}
		}
	}
	return out.sort((a, b) => STRENGTH[b.action] - STRENGTH[a.action]);
}

export async function listWords(actor: Actor): Promise<WatchedWord[]> {
	requireCapability(actor, 'moderation.act');
	const rows = await db().select().from(watchedWords).orderBy(asc(watchedWords.language), asc(watchedWords.pattern));
	return rows.map((r) => ({ id: r.id, language: r.language as WordLanguage, pattern: r.pattern, action: r.action, createdAt: r.createdAt }));
}

async function upsertWord(tx: Tx, actorId: string, input: { language: WordLanguage; pattern: string; action: WordAction }): Promise<{ id: number; created: boolean; changed: boolean }> {
	const [existing] = await tx
		.select({ id: watchedWords.id, action: watchedWords.action })
		.from(watchedWords)
		.where(sql`${watchedWords.language} = ${input.language} and lower(${watchedWords.pattern}) = ${input.pattern}`)
		.for('update');
	if (existing) {
		if (existing.action === input.action) return { id: existing.id, created: false, changed: false };
		await tx.update(watchedWords).set({ action: input.action }).where(eq(watchedWords.id, existing.id));
		return { id: existing.id, created: false, changed: true };
	}
	const [row] = await tx.insert(watchedWords).values({ ...input, createdBy: actorId }).returning({ id: watchedWords.id });
	return { id: row!.id, created: true, changed: true };
}

/** Adds a word to a list, or changes the action of one that is there. */
export async function addWord(actor: Actor, raw: WordInput): Promise<WatchedWord> {
	const a = requireCapability(actor, 'moderation.act');
	const input = WordInput.parse(raw);
	const id = await transact(async (tx) => {
		const r = await upsertWord(tx, a.user.id, input);
		if (r.changed) await audit(tx, { actorId: a.user.id, action: 'watched_word.add', targetKind: 'watched_word', targetId: r.id, after: input });
		return r.id;
	});
	compiled = undefined;
	const [row] = await db().select().from(watchedWords).where(eq(watchedWords.id, id));
	return { id: row!.id, language: row!.language as WordLanguage, pattern: row!.pattern, action: row!.action, createdAt: row!.createdAt };
}

export async function removeWord(actor: Actor, id: number): Promise<void> {
	const a = requireCapability(actor, 'moderation.act');
	await transact(async (tx) => {
		const [row] = await tx.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
		if (!row) throw new DomainError('not_found', 'error_word_not_found');
		await audit(tx, { actorId: a.user.id, action: 'watched_word.remove', targetKind: 'watched_word', targetId: id, before: { language: row.language, pattern: row.pattern, action: row.action } });
	});
	compiled = undefined;
}

/** The test box: what the lists would do with this text. */
export async function testText(actor: Actor, raw: { text: string }): Promise<{ action: WordAction | null; matches: WordMatch[] }> {
	requireCapability(actor, 'moderation.act');
	const { text } = WordTestInput.parse(raw);
	const matches = await matchWords(text);
	return { action: matches[0]?.action ?? null, matches };
}

export async function exportWordsCsv(actor: Actor): Promise<string> {
	const words = await listWords(actor);
	return csvLine(['language', 'word', 'action']) + words.map((w) => csvLine([w.language, w.pattern, w.action])).join('');
}

/** One CSV line into fields (quotes with doubled quotes inside). */
function parseCsvLine(line: string): string[] {
	const out: string[] = [];
	let cur = '', quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i]!;
		if (quoted && c === '"' && line[i + 1] === '"') {
			cur += '"';
			i++;
		} else if (c === '"') {
			quoted = !quoted;
		} else if (!quoted && (c === ',' || c === ';')) {
			out.push(cur);
			cur = '';
		} else {
			cur += c;
		}
	}
	out.push(cur);
	return out.map((f) => f.trim());
}

export interface ImportResult {
	added: number;
	changed: number;
	unchanged: number;
	/** Lines that could not be read, by line number (1-based), with why. */
	rejected: { line: number; text: string; error: string }[];
}

/**
 * Imports `language,word,action` lines (a header line is skipped; `;` works
 * too). Good lines are added or update the action; bad ones are listed, not
 * fatal. One audit row for the import, with the counts.
 */
export async function importWordsCsv(actor: Actor, raw: { csv: string }): Promise<ImportResult> {
	const a = requireCapability(actor, 'moderation.act');
	const { csv } = WordImportInput.parse(raw);
	const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
	const result: ImportResult = { added: 0, changed: 0, unchanged: 0, rejected: [] };
	await transact(async (tx) => {
		for (const [i, line] of lines.entries()) {
			if (!line.trim()) continue;
			const [language, pattern, action] = parseCsvLine(line);
			if (i === 0 && language?.toLowerCase() === 'language') continue;
			const parsed = WordInput.safeParse({ language: language?.toLowerCase(), pattern, action: action?.toLowerCase() });
			if (!parsed.success) {
				if (result.rejected.length < 100) result.rejected.push({ line: i + 1, text: line.slice(0, 200), error: parsed.error.issues[0]!.message });
				continue;
			}
			const r = await upsertWord(tx, a.user.id, parsed.data);
			if (r.created) result.added++;
			else if (r.changed) result.changed++;
			else result.unchanged++;
		}
		await audit(tx, { actorId: a.user.id, action: 'watched_word.import', targetKind: 'watched_word', targetId: 'csv', data: { added: result.added, changed: result.changed, unchanged: result.unchanged, rejected: result.rejected.length } });
	});
	compiled = undefined;
	return result;
}
