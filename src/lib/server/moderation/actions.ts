/** Every kind of moderation action the audit log records. */
export const AUDIT_ACTIONS = [
	'post.hold',
	'post.approve',
	'post.hide',
	'post.auto_hide',
	'post.remove',
	'post.restore',
	'post.edit',
	'post.blocked',
	'post.auto_report',
	'case.dismiss',
	'thread.lock',
	'thread.unlock',
	'thread.pin',
	'thread.unpin',
	'thread.move',
	'thread.slow_mode',
	'member.warn',
	'member.mute',
	'member.unmute',
	'member.suspend',
	'member.unsuspend',
	'member.suspension_ended',
	'member.remove',
	'member.note',
	'join_request.approve',
	'join_request.decline',
	'invitation.create',
	'invitation.revoke',
	'watched_word.add',
	'watched_word.remove',
	'watched_word.import',
	'settings.change',
	'guidelines.publish'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_TARGETS = ['post', 'thread', 'member', 'case', 'join_request', 'invitation', 'watched_word', 'setting', 'guidelines'] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];
