/**
 * The annual figures on a known data set: a year (2021) long before the demo
 * begins, filled here with members who joined, left and moved between
 * regions, threads and replies in every state, a board whose membership
 * changed during the year, sessions held and cancelled, surveys, insights,
 * actions and outcomes, each just inside or just outside the year. Every
 * figure must equal the count worked out by hand; small groups are hidden
 * with their complements, and the CSV says exactly what the JSON says.
 * Only coordinators and policy staff may read them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import { guidelinesVersion } from '../helpers/membership';
import {
	auditLog,
	boardMembershipEvents,
	boardMemberships,
	boardProfiles,
	categories,
	insightThemeLinks,
	insightThemes,
	insights,
	joinRequests,
	meetingInvitees,
	meetings,
	outcomes,
	policyActions,
	posts,
	profiles,
	surveyParticipations,
	surveys,
	threads,
	userRoles,
	users
} from '../../src/lib/server/db/schema';
import { translate } from '../../src/lib/i18n/translate';
import type { Role, UserStatus } from '../../src/lib/shared/roles';
import type { Cell, CrossFigures, OneWayFigures } from '../../src/lib/shared/statistics';

const t = useServer();
const YEAR = 2021;
const at = (iso: string) => new Date(iso);
let coordinator: string;
let policy: string;
let member: string;

let n = 0;
/** A person made directly, with the account's creation time the test needs (no password: nobody logs in as them). */
async function person(createdAt: string, opts: { roles?: Role[]; status?: UserStatus; region?: string | null } = {}): Promise<string> {
	n++;
	const [u] = await t.db
		.insert(users)
		.values({ email: `figures-${n}@example.org`, displayName: `Figures ${n}`, passwordHash: 'not-a-hash', status: opts.status ?? 'active', createdAt: at(createdAt), updatedAt: at(createdAt) })
		.returning({ id: users.id });
	const roles = opts.roles ?? ['member'];
	if (roles.length) await t.db.insert(userRoles).values(roles.map((role) => ({ userId: u!.id, role })));
	if (opts.region !== undefined) await t.db.insert(profiles).values({ userId: u!.id, postingRegion: opts.region, postingCountry: null });
	return u!.id;
}
const people = (count: number, createdAt: string, opts: Parameters<typeof person>[1] = {}) => Promise.all(Array.from({ length: count }, () => person(createdAt, opts)));

const ids: Record<string, string[]> = {};

beforeAll(async () => {
	const login = async (roles: Role[]) => {
		const u = await t.createUser({ roles, language: 'en', password: 'figures-test-pw-1' });
		return t.login(u.email, 'figures-test-pw-1');
	};
	[coordinator, policy, member] = await Promise.all([login(['coordinator']), login(['policy_staff']), login(['member'])]);

	// --- Members -------------------------------------------------------------------------------------
	// Europe at the end of 2021: E1–E6 and E7 (joined by a request approved in 2021) and E8 (removed only in 2022).
	ids.E = await people(6, '2021-02-15T09:00:00Z', { region: 'europe' });
	const e7 = await person('2021-02-01T09:00:00Z', { region: 'europe' });
	const e8 = await person('2021-04-01T09:00:00Z', { region: 'europe', status: 'removed' });
	ids.E.push(e7, e8);
	// Asia: six who joined in 2020.
	ids.A = await people(6, '2020-06-01T09:00:00Z', { region: 'asia' });
	// Africa: two, a group too small to show.
	ids.F = await people(2, '2021-07-01T09:00:00Z', { region: 'africa' });
	// No posting in their profile: five.
	ids.U = await people(5, '2021-08-01T09:00:00Z');
	// Left: joined in 2020, removed by a moderator in 2021.
	const l1 = await person('2020-01-15T09:00:00Z', { region: 'europe', status: 'removed' });
	// Asked to join in December 2021, approved in January 2022: joined in 2022.
	const j1 = await person('2021-12-20T09:00:00Z', { region: 'oceania' });
	// Not members: a coordinator (no group role) and someone still waiting.
	const staff = await person('2021-05-01T09:00:00Z', { roles: ['coordinator'], region: 'europe' });
	await person('2021-05-01T09:00:00Z', { status: 'pending', region: 'europe' });
	ids.L = [l1];

	const version = await guidelinesVersion(t);
	const request = { postingCountry: 'NL', postingCity: 'Den Haag', relation: 'spouse' as const, civilServantName: 'X', civilServantDepartment: 'BZ', guidelinesVersion: version, status: 'approved' as const };
	await t.db.insert(joinRequests).values([
		{ ...request, userId: e7, createdAt: at('2021-02-01T09:00:00Z'), decidedAt: at('2021-02-03T09:00:00Z') },
		{ ...request, userId: j1, createdAt: at('2021-12-20T09:00:00Z'), decidedAt: at('2022-01-05T09:00:00Z') }
	]);
	await t.db.insert(auditLog).values([
		{ at: at('2021-09-01T09:00:00Z'), action: 'member.remove', targetKind: 'member', targetId: l1, subjectId: l1, after: { status: 'removed' } },
		{ at: at('2022-02-01T09:00:00Z'), action: 'account.update', targetKind: 'member', targetId: e8, subjectId: e8, before: { status: 'active' }, after: { status: 'removed' } }
	]);

	// --- Group activity ------------------------------------------------------------------------------
	const [category] = await t.db.insert(categories).values({ slug: `figures-${process.pid}`, nameNl: 'Cijfers', nameEn: 'Figures', position: 900 }).returning({ id: categories.id });
	type P = { by: string; at: string; status?: 'visible' | 'held' | 'hidden' | 'removed' | 'deleted' };
	async function thread(by: string, createdAt: string, status: P['status'], replies: P[]) {
		const [th] = await t.db.insert(threads).values({ categoryId: category!.id, authorId: by, title: 'A thread', status, createdAt: at(createdAt), lastPostAt: at(createdAt) }).returning({ id: threads.id });
		for (const p of [{ by, at: createdAt, status }, ...replies])
			await t.db.insert(posts).values({ threadId: th!.id, authorId: p.by, body: 'Text', bodyHtml: '<p>Text</p>', status: p.status ?? 'visible', createdAt: at(p.at) });
	}
	const [E1, E2, E3, E4, E5, E6] = ids.E as [string, string, string, string, string, string];
	const [A1] = ids.A as [string];
	// Counted in 2021: threads T1 and T2; replies: three in T1, two in T2 (one taken back by its author, one by a coordinator), one in T4.
	await thread(E1, '2021-03-05T10:00:00Z', 'visible', [
		{ by: E2, at: '2021-03-06T10:00:00Z' },
		{ by: E3, at: '2021-03-07T10:00:00Z' },
		{ by: E1, at: '2021-03-08T10:00:00Z' }
	]);
	await thread(A1, '2021-10-01T10:00:00Z', 'visible', [
		{ by: E2, at: '2021-10-02T10:00:00Z', status: 'deleted' },
		{ by: ids.F[0]!, at: '2021-10-03T10:00:00Z', status: 'removed' },
		{ by: staff, at: '2021-10-04T10:00:00Z' }
	]);
	await thread(ids.U[0]!, '2021-11-01T10:00:00Z', 'held', []);
	await thread(E4, '2020-12-31T23:00:00Z', 'visible', [{ by: E5, at: '2021-01-02T10:00:00Z' }]);
	await thread(E6, '2022-01-01T00:30:00Z', 'visible', [{ by: E6, at: '2022-01-01T01:00:00Z' }]);

	// --- The board -----------------------------------------------------------------------------------
	// Active at the end of 2021: E1–E5 and A3–A6 (nine). E6 left the board in November; A1 joined it in 2022; A2 only volunteered.
	const onBoard = [E1, E2, E3, E4, E5, ...ids.A.slice(2, 6)];
	const work: Record<string, string> = { [E4]: 'own_business', [E5]: 'neither', [ids.A[5]!]: 'neither' };
	async function membership(userId: string, steps: [string, 'volunteer' | 'invited' | 'active' | 'alumni'][]) {
		const [m] = await t.db.insert(boardMemberships).values({ userId, status: steps.at(-1)![1], createdAt: at(steps[0]![0]) }).returning({ id: boardMemberships.id });
		let from: (typeof steps)[number][1] | null = null;
		for (const [when, to] of steps) {
			await t.db.insert(boardMembershipEvents).values({ membershipId: m!.id, fromStatus: from, toStatus: to, at: at(when) });
			from = to;
		}
	}
	for (const id of onBoard) {
		await membership(id, [
			['2020-01-01T09:00:00Z', 'volunteer'],
			['2020-02-01T09:00:00Z', 'invited'],
			['2020-03-01T09:00:00Z', 'active']
		]);
		await t.db.insert(boardProfiles).values({ userId: id, answers: { work: work[id] ?? 'paid_job' } });
	}
	await membership(E6, [
		['2021-02-01T09:00:00Z', 'active'],
		['2021-11-01T09:00:00Z', 'alumni']
	]);
	await membership(A1, [['2022-03-01T09:00:00Z', 'active']]);
	await membership(ids.A[1]!, [['2021-05-01T09:00:00Z', 'volunteer']]);

	// Sessions: two held in 2021, one cancelled, one that ended in 2022. Attendance: 12 present, 5 absent, 1 not recorded.
	async function session(start: string, end: string, status: 'scheduled' | 'cancelled', invitees: [string, boolean | null][]) {
		const [m] = await t.db.insert(meetings).values({ title: 'Session', startAt: at(start), endAt: at(end), status }).returning({ id: meetings.id });
		await t.db.insert(meetingInvitees).values(invitees.map(([userId, attended]) => ({ meetingId: m!.id, userId, kind: 'board' as const, attended })));
	}
	const invitees = [...ids.E.slice(0, 6), ...ids.A];
	await session('2021-04-10T10:00:00Z', '2021-04-10T12:00:00Z', 'scheduled', invitees.slice(0, 9).map((id, i) => [id, i < 7]));
	await session('2021-09-10T10:00:00Z', '2021-09-10T12:00:00Z', 'scheduled', invitees.slice(0, 9).map((id, i) => [id, i < 5 ? true : i < 8 ? false : null]));
	await session('2021-05-10T10:00:00Z', '2021-05-10T12:00:00Z', 'cancelled', invitees.slice(0, 3).map((id) => [id, true]));
	await session('2021-12-31T23:00:00Z', '2022-01-01T01:00:00Z', 'scheduled', invitees.slice(0, 2).map((id) => [id, true]));

	// --- Surveys -------------------------------------------------------------------------------------
	async function survey(closesAt: string, scheduled: boolean, responded: string[]) {
		const title = { nl: `Vragenlijst ${closesAt.slice(0, 10)}`, en: `Survey ${closesAt.slice(0, 10)}` };
		const [s] = await t.db
			.insert(surveys)
			.values({ title, intro: title, definition: { sections: [] }, audience: 'members', opensAt: at('2021-01-10T00:00:00Z'), closesAt: at(closesAt), scheduledAt: scheduled ? at('2021-01-05T00:00:00Z') : null })
			.returning({ id: surveys.id });
		if (responded.length) await t.db.insert(surveyParticipations).values(responded.map((userId) => ({ surveyId: s!.id, userId })));
		return s!.id;
	}
	// Closed 1 March: asked the 13 members who were there (A1–A6, E1–E7) and L1, who answered and left since: 14; eight answered.
	ids.S1 = [String(await survey('2021-03-01T00:00:00Z', true, [...ids.A.slice(0, 4), E1, E2, E3, l1]))];
	// Closed 1 June: 13 asked, two answered (a group too small to show, so its complement is hidden too).
	ids.S2 = [String(await survey('2021-06-01T00:00:00Z', true, [E1, E2]))];
	await survey('2021-07-01T00:00:00Z', false, []);
	await survey('2022-02-01T00:00:00Z', true, [E1]);

	// --- Insights, actions, outcomes -----------------------------------------------------------------
	const themes = await t.db
		.insert(insightThemes)
		.values([
			{ key: 'figures-work', nameNl: 'Werk', nameEn: 'Work', position: 10_000 },
			{ key: 'figures-school', nameNl: 'Onderwijs', nameEn: 'Education', position: 10_001 }
		])
		.returning({ id: insightThemes.id });
	const [th1, th2] = themes.map((r) => r.id) as [number, number];
	ids.themes = [String(th1), String(th2)];
	async function insight(status: 'draft' | 'new' | 'under_review' | 'accepted' | 'declined' | 'merged', submittedAt: string | null, themeIds: number[]) {
		const [i] = await t.db.insert(insights).values({ title: 'Insight', summary: 'Summary', status, createdAt: at('2021-01-20T00:00:00Z'), submittedAt: submittedAt ? at(submittedAt) : null }).returning({ id: insights.id });
		if (themeIds.length) await t.db.insert(insightThemeLinks).values(themeIds.map((themeId) => ({ insightId: i!.id, themeId })));
		return i!.id;
	}
	await insight('accepted', '2021-03-01T00:00:00Z', [th1, th2]);
	const declined = await insight('declined', '2021-04-01T00:00:00Z', [th1]);
	await insight('new', '2021-12-01T00:00:00Z', []);
	await insight('merged', '2021-05-01T00:00:00Z', []);
	await insight('draft', null, [th1]);
	await insight('under_review', '2022-01-10T00:00:00Z', [th2]);
	await insight('under_review', '2021-06-01T00:00:00Z', [th2]);

	async function action(status: 'planned' | 'in_progress' | 'done' | 'dropped', createdAt: string, doneAt: string | null = null) {
		const [a] = await t.db.insert(policyActions).values({ title: 'Action', description: 'Description', status, createdAt: at(createdAt), doneAt: doneAt ? at(doneAt) : null }).returning({ id: policyActions.id });
		return a!.id;
	}
	const done2021 = await action('done', '2021-04-01T00:00:00Z', '2021-08-01T00:00:00Z');
	await action('in_progress', '2021-05-01T00:00:00Z');
	await action('planned', '2021-11-01T00:00:00Z');
	const doneEarly = await action('done', '2020-11-01T00:00:00Z', '2021-02-01T00:00:00Z');
	await action('dropped', '2022-01-05T00:00:00Z');

	const outcome = { titleNl: 'Uitkomst', titleEn: 'Outcome', heardNl: 'Gehoord', heardEn: 'Heard', didNl: 'Gedaan', didEn: 'Done' };
	await t.db.insert(outcomes).values([
		{ ...outcome, titleEn: 'Work permits', actionId: done2021, publishedAt: at('2021-09-01T00:00:00Z') },
		{ ...outcome, titleEn: 'School information', insightId: declined, publishedAt: at('2021-10-01T00:00:00Z') },
		{ ...outcome, actionId: doneEarly, publishedAt: null }
	]);
});

const shown = (count: number) => ({ kind: 'shown', count });
const small = { kind: 'suppressed', reason: 'small' };
const complement = { kind: 'suppressed', reason: 'complement' };
const cells = (table: OneWayFigures) => Object.fromEntries([...table.options.map((o) => [o.key, o.cell]), ['total', table.total]]);
const shownSmall = (c: Cell, k: number) => c.kind === 'shown' && c.count > 0 && c.count < k;

describe('the annual figures of a known year', () => {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked figure by figure below
	let f: any;
	beforeAll(async () => {
		const res = await t.api(`/api/insights/figures?year=${YEAR}`, { cookie: policy });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		f = res.body;
	});

	it('covers the whole calendar year, suppressed at the setting', () => {
		expect(f).toMatchObject({ year: YEAR, from: '2021-01-01T00:00:00.000Z', until: '2022-01-01T00:00:00.000Z', complete: true, k: 5 });
	});

	it('members: by region at the year end, with the small group and its complement hidden; who joined and who left', () => {
		expect(cells(f.members.byRegion)).toMatchObject({
			europe: shown(8),
			africa: small,
			middle_east: shown(0),
			asia: shown(6),
			americas: shown(0),
			oceania: shown(0),
			unknown: complement,
			total: shown(21)
		});
		// The complement keeps the total from giving Africa away: anything from 1 to 2 fits what is shown.
		expect(f.members.joined).toBe(15);
		expect(f.members.left).toBe(1);
	});

	it('group activity: what the group could read, and the members who wrote it', () => {
		expect(f.activity).toEqual({ threads: 2, replies: 6, activeMembers: 5 });
	});

	it('the board: composition at the year end as on the composition page, sessions held, attendance', () => {
		const work = f.board.composition.find((d: { key: string }) => d.key === 'work');
		expect(cells(work.figures)).toMatchObject({ paid_job: shown(6), own_business: small, neither: small, not_answered: shown(0), total: shown(9) });
		for (const d of f.board.composition) {
			expect(d.figures.total).toMatchObject(shown(9));
			for (const c of [...d.figures.options.map((o: { cell: Cell }) => o.cell), d.figures.total]) expect(shownSmall(c, 5), `${d.key}: ${JSON.stringify(c)}`).toBe(false);
		}
		const region = f.board.composition.find((d: { key: string }) => d.key === 'region');
		expect(cells(region.figures)).toMatchObject({ europe: complement, asia: small, total: shown(9) });
		expect(f.board.sessions).toBe(2);
		const attendance = f.board.attendance as CrossFigures;
		expect(attendance.rows.map((r) => [r.key, r.cells.map((c) => (c.kind === 'shown' ? c.count : c.reason)), r.total])).toMatchObject([
			['board', [12, 5], shown(17)],
			['guest', [0, 0], shown(0)]
		]);
		expect(attendance.total).toMatchObject(shown(17));
	});

	it('surveys: those closed in the year, each with who was asked and who responded, small groups hidden', () => {
		expect(f.surveys.closed).toBe(2);
		const [s1, s2] = f.surveys.list;
		expect(s1.id).toBe(Number(ids.S1![0]));
		expect(cells(s1.asked)).toMatchObject({ responded: shown(8), not_responded: shown(6), total: shown(14) });
		expect(s2.id).toBe(Number(ids.S2![0]));
		expect(cells(s2.asked)).toMatchObject({ responded: small, not_responded: complement, total: shown(13) });
	});

	it('insights submitted in the year by status and by theme; actions; outcomes published', () => {
		expect(f.insights.submitted).toBe(5);
		expect(f.insights.byStatus).toEqual([
			{ status: 'new', count: 1 },
			{ status: 'under_review', count: 1 },
			{ status: 'accepted', count: 1 },
			{ status: 'declined', count: 1 },
			{ status: 'merged', count: 1 }
		]);
		expect(f.insights.byTheme).toEqual([
			{ themeId: Number(ids.themes![0]), name: { nl: 'Werk', en: 'Work' }, count: 2 },
			{ themeId: Number(ids.themes![1]), name: { nl: 'Onderwijs', en: 'Education' }, count: 2 },
			{ themeId: null, name: null, count: 1 }
		]);
		expect(f.actions).toEqual({
			created: 3,
			byStatus: [
				{ status: 'planned', count: 1 },
				{ status: 'in_progress', count: 1 },
				{ status: 'done', count: 1 },
				{ status: 'dropped', count: 0 }
			],
			done: 2
		});
		expect(f.outcomes.published).toBe(2);
		expect(f.outcomes.list.map((o: { title: { en: string } }) => o.title.en)).toEqual(['Work permits', 'School information']);
	});

	it('the CSV holds the same figures, hidden ones in words and never as numbers', async () => {
		const res = await t.api(`/api/insights/figures.csv?year=${YEAR}`, { cookie: coordinator });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="annual-figures-${YEAR}.csv"`);
		const rows = parseCsv(String(res.body));
		expect(rows[0]).toEqual(['section', 'figure', 'label', 'value']);
		const value = (section: string, figure: string) => {
			const row = rows.find((r) => r[0] === section && r[1] === figure);
			if (!row) throw new Error(`no line ${section} ${figure}`);
			return row[3];
		};
		const fewer = translate('chart_fewer_than', 'en', { k: 5 });
		const hidden = translate('chart_hidden', 'en');
		expect(value('period', 'year')).toBe('2021');
		expect(value('period', 'threshold')).toBe('5');
		expect(['europe', 'africa', 'middle_east', 'asia', 'americas', 'oceania', 'unknown', 'total'].map((k) => value('members', `region:${k}`))).toEqual(['8', fewer, '0', '6', '0', '0', hidden, '21']);
		expect(rows.find((r) => r[1] === 'region:africa')![2]).toBe('Africa');
		expect([value('members', 'joined'), value('members', 'left')]).toEqual(['15', '1']);
		expect(['threads', 'replies', 'active_members'].map((k) => value('activity', k))).toEqual(['2', '6', '5']);
		expect(['paid_job', 'own_business', 'neither', 'not_answered', 'total'].map((k) => value('board', `composition:work:${k}`))).toEqual(['6', fewer, fewer, '0', '9']);
		expect(value('board', 'sessions')).toBe('2');
		expect([value('board', 'attendance:board:attended'), value('board', 'attendance:board:absent'), value('board', 'attendance:total:total')]).toEqual(['12', '5', '17']);
		expect(value('board', 'attendance:rate')).toBe((12 / 17).toFixed(3));
		expect(value('surveys', 'closed')).toBe('2');
		const [s1, s2] = [ids.S1![0], ids.S2![0]];
		expect(['asked', 'responded', 'not_responded', 'rate'].map((k) => value('surveys', `survey:${s1}:${k}`))).toEqual(['14', '8', '6', (8 / 14).toFixed(3)]);
		expect(['asked', 'responded', 'not_responded', 'rate'].map((k) => value('surveys', `survey:${s2}:${k}`))).toEqual(['13', fewer, hidden, '']);
		expect(['new', 'under_review', 'accepted', 'declined', 'merged'].map((s) => value('insights', `status:${s}`))).toEqual(['1', '1', '1', '1', '1']);
		expect([value('insights', `theme:${ids.themes![0]}`), value('insights', 'theme:none')]).toEqual(['2', '1']);
		expect(['created', 'status:planned', 'status:done', 'status:dropped', 'done_in_period'].map((k) => value('actions', k))).toEqual(['3', '1', '1', '0', '2']);
		expect(value('outcomes', 'published')).toBe('2');
	});
});

describe('who may read them', () => {
	it('coordinators and policy staff; members are refused on both routes', async () => {
		for (const path of ['/api/insights/figures', '/api/insights/figures.csv']) {
			expect((await t.api(`${path}?year=${YEAR}`, { cookie: coordinator })).status).toBe(200);
			expect((await t.api(`${path}?year=${YEAR}`, { cookie: policy })).status).toBe(200);
			const refused = await t.api(`${path}?year=${YEAR}`, { cookie: member });
			expect(refused.status).toBe(403);
			expect(refused.body.error).toBe('forbidden');
			expect((await t.api(`${path}?year=${YEAR}`)).status).toBe(401);
		}
	});

	it('without a year: this year so far', async () => {
		const res = await t.api('/api/insights/figures', { cookie: policy });
		expect(res.status).toBe(200);
		expect(res.body.year).toBe(new Date().getUTCFullYear());
		expect(res.body.complete).toBe(false);
	});

	it('a year that is not one gets 400 with its message; a year still to come too', async () => {
		for (const path of ['/api/insights/figures', '/api/insights/figures.csv'])
			for (const year of ['abc', '1999', '2101', '2021.5', '-3']) {
				const res = await t.api(`${path}?year=${year}`, { cookie: coordinator });
				expect(res.status, `${path}?year=${year}`).toBe(400);
				expect(res.body.message).toBe(translate('error_figures_year', 'en'));
				expect(res.body.field).toBe('year');
			}
		const next = await t.api(`/api/insights/figures?year=${new Date().getUTCFullYear() + 1}`, { cookie: coordinator });
		expect(next.status).toBe(400);
		expect(next.body.message).toBe(translate('error_figures_future_year', 'en'));
	});

	it('a year with nothing in it is all zeros', async () => {
		const res = await t.api('/api/insights/figures?year=2005', { cookie: policy });
		expect(res.status).toBe(200);
		expect(res.body.members).toMatchObject({ byRegion: { total: { kind: 'shown', count: 0 } }, joined: 0, left: 0 });
		expect(res.body.activity).toEqual({ threads: 0, replies: 0, activeMembers: 0 });
		expect([res.body.board.sessions, res.body.surveys.closed, res.body.insights.submitted, res.body.actions.created, res.body.outcomes.published]).toEqual([0, 0, 0, 0, 0]);
	});
});

/** RFC 4180 as csvLine writes it: every field quoted, quotes doubled, lines ending in CRLF. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else if (c !== '\r') field += c;
	}
	return rows;
}
