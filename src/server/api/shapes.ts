import { z } from 'zod';
import { ALL_CAPABILITIES, LANGUAGES, ROLES, USER_STATUSES } from '../../lib/shared/roles';

/** Response shapes, for the OpenAPI document. */
export const UserShape = z.object({
	id: z.uuid(),
	email: z.string(),
	displayName: z.string(),
	language: z.enum(LANGUAGES),
	timeZone: z.string(),
	status: z.enum(USER_STATUSES),
	roles: z.array(z.enum(ROLES))
});

export const MeResponse = UserShape.extend({ capabilities: z.array(z.enum(ALL_CAPABILITIES as [string, ...string[]])) });

export const SessionShape = z.object({
	handle: z.uuid(),
	current: z.boolean(),
	createdAt: z.string(),
	lastSeenAt: z.string(),
	expiresAt: z.string(),
	userAgent: z.string().nullable(),
	ip: z.string().nullable()
});

export const UserPage = z.object({
	items: z.array(UserShape.extend({ createdAt: z.string() })),
	nextCursor: z.string().nullable()
});
