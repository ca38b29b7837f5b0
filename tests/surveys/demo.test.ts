/**
 * The demo's surveys, as the people in the demo meet them: the closed partner
 * survey with its published results, whose breakdown by work shows large
 * groups and a suppressed small one; the board's open survey that
 * board@example.org has not answered yet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer, type Principal } from '../helpers/server';

const t = useServer();
let coordinator: Principal;
let board: Principal;
let member: Principal;

beforeAll(async () => {
	[coordinator, board, member] = await Promise.all([t.principal('coordinator'), t.principal('board_member'), t.principal('member')]);
});

describe('the demo surveys', () => {
	it('the partner survey is closed with its results published; a breakdown by work shows visible and suppressed groups', async () => {
		const list = await t.api('/api/surveys', { cookie: coordinator.cookie });
		const partner = list.body.surveys.find((s: { title: { en: string } }) => s.title.en === 'Partners abroad 2026');
		expect(partner).toMatchObject({ phase: 'closed', resultsPublished: true });
		expect(partner.responses).toBeGreaterThan(50);
		const res = await t.api(`/api/surveys/${partner.id}/results?by=work`, { cookie: coordinator.cookie });
		expect(res.status).toBe(200);
		const q1 = res.body.questions.find((q: { key: string }) => q.key === 'q1');
		const cells = q1.breakdown.rows.flatMap((r: { cells: { kind: string }[] }) => r.cells);
		expect(cells.some((c: { kind: string }) => c.kind === 'shown')).toBe(true);
		expect(cells.some((c: { kind: string }) => c.kind === 'suppressed')).toBe(true);
		console.log(`partner survey: ${partner.responses} responses; q1 by work: ${cells.filter((c: { kind: string }) => c.kind === 'suppressed').length} of ${cells.length} cells hidden`);
		// Members read the published results.
		expect((await t.api(`/api/surveys/${partner.id}/results`, { cookie: member.cookie })).status).toBe(200);
	});

	it('the board survey is open for board@example.org, not yet answered, and not there for a member off the board', async () => {
		const mine = await t.api('/api/surveys/mine', { cookie: board.cookie });
		const open = mine.body.find((s: { title: { en: string } }) => s.title.en === 'Preparing the next sounding-board session');
		expect(open).toMatchObject({ phase: 'open', answered: false, audience: 'board' });
		const form = await t.api(`/api/surveys/${open.id}`, { cookie: board.cookie });
		expect(form.body.canAnswer).toBe(true);
		expect((await t.api(`/api/surveys/${open.id}`, { cookie: member.cookie })).status).toBe(404);
	});
});
