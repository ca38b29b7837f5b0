import { m } from '$lib/paraglide/messages';
import type { ReportReason } from '$lib/shared/moderation';

/** The reasons in the order the report form offers them. */
export const REPORT_REASON_KEYS = ['spam', 'harassment', 'personal_info', 'off_topic', 'illegal', 'other'] as const satisfies readonly ReportReason[];

export const reportReasonLabel = (reason: string): string =>
	(({
		spam: m.report_reason_spam,
		harassment: m.report_reason_harassment,
		personal_info: m.report_reason_personal_info,
		off_topic: m.report_reason_off_topic,
		illegal: m.report_reason_illegal,
		other: m.report_reason_other
	}) satisfies Record<ReportReason, () => string> as Record<string, () => string>)[reason]?.() ?? reason;

/** A moderation action's name as people read it (queue outcomes, audit log, notifications). */
export const actionLabel = (action: string): string =>
	(({
		approve: m.mod_action_approve,
		hide: m.mod_action_hide,
		remove: m.mod_action_remove,
		restore: m.mod_action_restore,
		dismiss: m.mod_action_dismiss,
		edit: m.mod_action_edit,
		warn: m.mod_action_warn,
		mute: m.mod_action_mute,
		unmute: m.mod_action_unmute,
		suspend: m.mod_action_suspend,
		unsuspend: m.mod_action_unsuspend,
		decline: m.mod_action_decline
	}) as Record<string, () => string>)[action]?.() ?? action;
