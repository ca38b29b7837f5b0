import { z } from 'zod';
import { ALL_CAPABILITIES, LANGUAGES, ROLES, USER_STATUSES, type Capability } from './roles';
import { isoDate, pageOf } from './wire';

/** A person as the app knows them once signed in. */
export const SessionUser = z.object({
	id: z.uuid(),
	email: z.string(),
	displayName: z.string(),
	/** For @mentions; null until the member has one. */
	handle: z.string().nullable(),
	language: z.enum(LANGUAGES),
	timeZone: z.string(),
	status: z.enum(USER_STATUSES),
	roles: z.array(z.enum(ROLES))
});
export type SessionUser = z.output<typeof SessionUser>;

/** Me, with what I may do now. */
export const Me = SessionUser.extend({ capabilities: z.array(z.enum(ALL_CAPABILITIES as readonly [Capability, ...Capability[]])) });
export type Me = z.output<typeof Me>;

/** One of my sessions (a signed-in browser or device), by its public handle. */
export const SessionSummary = z.object({
	handle: z.uuid(),
	current: z.boolean(),
	createdAt: isoDate,
	lastSeenAt: isoDate,
	expiresAt: isoDate,
	userAgent: z.string().nullable(),
	ip: z.string().nullable()
});
export type SessionSummary = z.output<typeof SessionSummary>;

/** A person in the admin user list; `declined`: their request to join was declined (their status stays pending until they delete the account). */
export const AdminUserRow = SessionUser.extend({ createdAt: isoDate, declined: z.boolean() });
export type AdminUserRow = z.output<typeof AdminUserRow>;
export const AdminUserPage = pageOf(AdminUserRow);

/** `account:changed` to the person, `admin:user-changed` to the admin user list. */
export const AccountChange = z.object({ status: z.string(), roles: z.array(z.string()) });
export type AccountChange = z.output<typeof AccountChange>;
export const AdminUserChange = AccountChange.extend({ userId: z.string() });
export type AdminUserChange = z.output<typeof AdminUserChange>;
