/**
 * Roles, statuses and what each role may do. Shared by server and pages (the
 * navigation asks the same table the domain layer does), so it holds no secrets.
 */
export const ROLES = [
	'member',
	'board_member',
	'moderator',
	'coordinator',
	'policy_staff',
	'admin'
] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['pending', 'active', 'suspended', 'removed'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Least privilege, after the table in DESIGN.md. Staff are not group members
 * unless they also hold `member`.
 */
const ROLE_CAPABILITIES = {
	// Any member may volunteer for the board and keep their own diversity profile.
	member: ['group.participate', 'surveys.answer', 'board.volunteer'],
	board_member: ['group.participate', 'surveys.answer', 'board.volunteer', 'board.participate', 'board.notes.propose'],
	moderator: [
		'group.participate',
		'moderation.act',
		'insights.capture',
		'audit.read',
		'invitations.manage',
		'joinRequests.decide'
	],
	// board.manage: memberships, individual profiles (the sensitive answer included, each view audited), targets, selection.
	coordinator: [
		'board.participate',
		'board.manage',
		'board.composition.read',
		'board.notes.write',
		'surveys.manage',
		'insights.contribute',
		'insights.capture',
		'insights.figures'
	],
	// Policy staff see the board's composition only as suppressed figures, never a person's profile.
	policy_staff: [
		'board.notes.readPublished',
		'board.composition.read',
		'surveys.manage',
		'insights.review',
		'insights.figures'
	],
	admin: ['admin.users', 'admin.categories', 'admin.settings', 'audit.read', 'invitations.manage']
} as const satisfies Record<Role, readonly string[]>;

export type Capability = (typeof ROLE_CAPABILITIES)[Role][number];

export const ALL_CAPABILITIES: readonly Capability[] = [
	...new Set(Object.values(ROLE_CAPABILITIES).flat())
] as Capability[];

export interface Principal {
	status: UserStatus;
	roles: readonly Role[];
}

/** What a person may do right now. Only active accounts hold any capability. */
export function capabilitiesOf(principal: Principal | null | undefined): Set<Capability> {
	const caps = new Set<Capability>();
	if (!principal || principal.status !== 'active') return caps;
	for (const role of principal.roles) for (const c of ROLE_CAPABILITIES[role]) caps.add(c);
	return caps;
}

export function can(principal: Principal | null | undefined, capability: Capability): boolean {
	return capabilitiesOf(principal).has(capability);
}
