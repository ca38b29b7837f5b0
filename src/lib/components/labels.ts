import { m } from '$lib/paraglide/messages';
import type { Role, UserStatus } from '$lib/shared/roles';
import type { ContentStatus, Reaction } from '$lib/shared/discussion';

/**
 * Words for the values people see, as explicit tables, never `m[`prefix_${value}`]`: a message looked up by
 * a computed name makes the bundler keep every message of both languages in the browser's shared script,
 * on every page (it cannot know which one is asked for).
 */
export const roleLabel = (r: Role): string =>
	({ member: m.role_member, board_member: m.role_board_member, moderator: m.role_moderator, coordinator: m.role_coordinator, policy_staff: m.role_policy_staff, admin: m.role_admin })[r]();

export const userStatusLabel = (s: UserStatus): string => ({ pending: m.status_pending, active: m.status_active, suspended: m.status_suspended, removed: m.status_removed })[s]();

export const reactionLabel = (r: Reaction): string =>
	({ thumbs_up: m.reaction_thumbs_up, heart: m.reaction_heart, thanks: m.reaction_thanks, laugh: m.reaction_laugh, hug: m.reaction_hug })[r]();

export const postStateLabel = (s: ContentStatus): string =>
	({ visible: m.post_state_visible, held: m.post_state_held, hidden: m.post_state_hidden, removed: m.post_state_removed, deleted: m.post_state_deleted })[s]();

/** A thread's status where it is not simply visible (the badge shows nothing then). */
export const threadStatusLabel = (s: Exclude<ContentStatus, 'visible'>): string =>
	({ held: m.thread_status_held, hidden: m.thread_status_hidden, removed: m.thread_status_removed, deleted: m.thread_status_deleted })[s]();
