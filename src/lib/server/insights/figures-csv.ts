import type { Actor } from '../auth/actor';
import { csvLine } from '../audit/log';
import { translate } from '../../i18n/translate';
import { annualFigures } from './figures';
import { ATTENDANCE } from '../../shared/insights-figures';
import type { Cell, CrossFigures, OneWayFigures } from '../../shared/statistics';
import type { Language } from '../../shared/roles';
import type { YearQuery } from './schemas';

/**
 * The annual figures as CSV, one figure a line: section, figure (a stable
 * key), label (in the reader's language) and value. It holds exactly the
 * page's figures: a hidden one says what the page says ("fewer than 5",
 * "hidden"), never its number.
 */

type Line = [section: string, figure: string, label: string, value: string | number];

export async function figuresCsv(actor: Actor, raw: YearQuery, locale: Language): Promise<{ year: number; csv: string }> {
	const f = await annualFigures(actor, raw, locale);
	const t = (key: string, inputs?: Record<string, unknown>) => translate(key, locale, inputs);
	const cell = (c: Cell) => (c.kind === 'shown' ? c.count : c.reason === 'small' ? t('chart_fewer_than', { k: f.k }) : t('chart_hidden'));
	const rate = (part: Cell, whole: Cell) => (part.kind === 'shown' && whole.kind === 'shown' && whole.count > 0 ? (part.count / whole.count).toFixed(3) : '');
	const oneWay = (section: string, prefix: string, table: OneWayFigures, label: (key: string) => string): Line[] => [
		...table.options.map((o): Line => [section, `${prefix}:${o.key}`, label(o.key), cell(o.cell)]),
		[section, `${prefix}:total`, label('total'), cell(table.total)]
	];
	const cross = (section: string, prefix: string, table: CrossFigures, row: (key: string) => string, column: (key: string) => string): Line[] => [
		...table.rows.flatMap((r) => [
			...r.cells.map((c, j): Line => [section, `${prefix}:${r.key}:${table.columns[j]!.key}`, `${row(r.key)}: ${column(table.columns[j]!.key)}`, cell(c)]),
			[section, `${prefix}:${r.key}:total`, `${row(r.key)}: ${t('figures_total')}`, cell(r.total)] as Line
		]),
		...table.columns.map((c): Line => [section, `${prefix}:total:${c.key}`, `${t('figures_total')}: ${column(c.key)}`, cell(c.total)]),
		[section, `${prefix}:total:total`, t('figures_total'), cell(table.total)]
	];
	const or = (key: string, fallback: string) => (key === 'total' ? t('figures_total') : fallback);
	const attended = f.board.attendance.columns[ATTENDANCE.indexOf('attended')]!.total;

	const lines: Line[] = [
		['period', 'year', t('figures_csv_year'), f.year],
		['period', 'from', t('figures_csv_from'), f.from.toISOString()],
		['period', 'until', t('figures_csv_until'), f.until.toISOString()],
		['period', 'complete', t('figures_csv_complete'), t(f.complete ? 'figures_csv_yes' : 'figures_csv_no')],
		['period', 'counted_at', t('figures_csv_counted_at'), f.countedAt.toISOString()],
		['period', 'threshold', t('figures_csv_threshold'), f.k],
		...oneWay('members', 'region', f.members.byRegion, (key) => or(key, key === 'unknown' ? t('figures_region_unknown') : t(`region_${key}`))),
		['members', 'joined', t('figures_members_joined'), f.members.joined],
		['members', 'left', t('figures_members_left'), f.members.left],
		['activity', 'threads', t('figures_activity_threads'), f.activity.threads],
		['activity', 'replies', t('figures_activity_replies'), f.activity.replies],
		['activity', 'active_members', t('figures_activity_members'), f.activity.activeMembers],
		...f.board.composition.flatMap((d) => {
			const labels = new Map(d.options.map((o) => [o.key, o.label]));
			return oneWay('board', `composition:${d.key}`, d.figures, (key) => `${d.label}: ${or(key, labels.get(key) ?? key)}`);
		}),
		['board', 'sessions', t('figures_board_sessions'), f.board.sessions],
		...cross('board', 'attendance', f.board.attendance, (k) => or(k, t(`figures_attendance_${k}`)), (k) => or(k, t(`figures_attendance_${k}`))),
		['board', 'attendance:rate', t('figures_board_attendance_rate'), rate(attended, f.board.attendance.total)],
		['surveys', 'closed', t('figures_surveys_closed'), f.surveys.closed],
		...f.surveys.list.flatMap((s): Line[] => {
			const title = s.title[locale];
			const [responded, not] = s.asked.options.map((o) => o.cell) as [Cell, Cell];
			return [
				['surveys', `survey:${s.id}:asked`, `${title}: ${t('figures_survey_asked')}`, cell(s.asked.total)],
				['surveys', `survey:${s.id}:responded`, `${title}: ${t('figures_survey_responded')}`, cell(responded)],
				['surveys', `survey:${s.id}:not_responded`, `${title}: ${t('figures_survey_not_responded')}`, cell(not)],
				['surveys', `survey:${s.id}:rate`, `${title}: ${t('figures_survey_rate')}`, rate(responded, s.asked.total)]
			];
		}),
		['insights', 'submitted', t('figures_total'), f.insights.submitted],
		...f.insights.byStatus.map((r): Line => ['insights', `status:${r.status}`, t(`figures_insight_${r.status}`), r.count]),
		...f.insights.byTheme.map((r): Line => ['insights', `theme:${r.themeId ?? 'none'}`, r.name ? r.name[locale] : t('figures_theme_none'), r.count]),
		['actions', 'created', t('figures_total'), f.actions.created],
		...f.actions.byStatus.map((r): Line => ['actions', `status:${r.status}`, t(`figures_action_${r.status}`), r.count]),
		['actions', 'done_in_period', t('figures_actions_done', { year: f.year }), f.actions.done],
		['outcomes', 'published', t('figures_outcomes_caption', { year: f.year }), f.outcomes.published],
		...f.outcomes.list.map((o): Line => ['outcomes', `outcome:${o.id}`, o.title[locale], o.publishedAt.toISOString()])
	];
	return { year: f.year, csv: csvLine(['section', 'figure', 'label', 'value']) + lines.map((l) => csvLine(l)).join('') };
}
