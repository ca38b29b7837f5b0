import { m } from '../../paraglide/messages.js';
import type { Cell } from '../../shared/statistics';

/** A figure as the charts and tables write it: the count, or why it is not shown ("fewer than 5", "hidden"). */
export function cellText(c: Cell, k: number, share?: (share: number) => string): string {
	if (c.kind === 'suppressed') return c.reason === 'small' ? m.chart_fewer_than({ k }) : m.chart_hidden();
	return share && c.share !== null ? `${c.count} (${share(c.share)})` : String(c.count);
}
