import { sql } from 'drizzle-orm';
import { rowsOf } from '../db';
import { db } from '../runtime';
import { requireCapability, type Actor } from '../auth/actor';
import { csvLine } from '../audit/log';
import { getSetting } from '../settings';
import { requireManage, surveyAccess } from './access';
import { surveyResults } from './results';
import { questionsOf } from '../../shared/surveys';
import type { Cell } from '../../shared/statistics';
import type { Language } from '../../shared/roles';

/**
 * CSV for owners. The results file holds exactly the page's figures (hidden
 * ones as "<k"). The responses file holds one row per response in the order
 * of their random ids (nothing about when): answers, and the attached
 * dimensions, coarsened where a combination is rare: a combination fewer than
 * k responses share loses its values (written "*"), so no row stands out by
 * what was attached to it.
 */

const figure = (c: Cell | undefined, k: number) => (!c ? '' : c.kind === 'shown' ? c.count : `<${k}`);

export async function resultsCsv(actor: Actor, id: number, locale: Language): Promise<string> {
	requireManage(await surveyAccess(requireCapability(actor, 'surveys.manage'), id));
	const r = await surveyResults(actor, id, { locale });
	let out = csvLine(['question', 'answer', 'count', 'answered', 'mean', 'sd']);
	for (const q of r.questions) {
		for (const o of q.table?.options ?? []) out += csvLine([q.key, o.key, figure(o.cell, r.k), '', '', '']);
		if (q.table || q.mean !== null) out += csvLine([q.key, 'total', figure(q.table?.total, r.k), q.answered ?? `<${r.k}`, q.mean?.toFixed(2) ?? '', q.spread?.toFixed(2) ?? '']);
	}
	return out;
}

export async function responsesCsv(actor: Actor, id: number): Promise<string> {
	const a = requireCapability(actor, 'surveys.manage');
	const { survey } = await surveyAccess(a, id);
	const k = await getSetting('boardSmallCell');
	const questions = questionsOf(survey.definition);
	const rows = await rowsOf<{ id: string; dimensions: Record<string, string>; answers: { q: string; o: string | null; v: number | null; t: string | null }[] | null }>(
		db(),
		sql`select r.id, r.dimensions,
				(select json_agg(json_build_object('q', a.question, 'o', a.option, 'v', a.value, 't', a.text)) from survey_answers a where a.response_id = r.id) as answers
			from survey_responses r where r.survey_id = ${id} order by r.id`
	);
	const dimKeys = [...new Set(rows.flatMap((r) => Object.keys(r.dimensions ?? {})))].sort();
	const combo = (d: Record<string, string>) => JSON.stringify(dimKeys.map((key) => d?.[key] ?? ''));
	const shared = new Map<string, number>();
	for (const r of rows) shared.set(combo(r.dimensions), (shared.get(combo(r.dimensions)) ?? 0) + 1);
	let out = csvLine(['response', ...questions.map((q) => q.key), ...dimKeys]);
	rows.forEach((r, i) => {
		const answers = r.answers ?? [];
		const cells = questions.map((q) =>
			answers
				.filter((x) => x.q === q.key)
				.map((x) => (x.o !== null ? (x.t ? `${x.o}: ${x.t}` : x.o) : x.v !== null ? String(x.v) : (x.t ?? '')))
				.join('; ')
		);
		const rare = (shared.get(combo(r.dimensions)) ?? 0) < k;
		out += csvLine([i + 1, ...cells, ...dimKeys.map((key) => (rare ? '*' : (r.dimensions?.[key] ?? '')))]);
	});
	return out;
}
