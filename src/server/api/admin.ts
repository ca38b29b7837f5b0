import { defineRoute } from '../http/route';
import { listUsers, updateUser } from '../../lib/server/admin/users';
import { ListUsersInput, UpdateUserInput, UserId } from '../../lib/server/accounts/schemas';
import { AdminUserPage, AdminUserRow } from '../../lib/shared/accounts';
import { z } from 'zod';
import { listSettings, updateSettings, UpdateSettingsInput } from '../../lib/server/admin/settings';

const Setting = z.object({ key: z.string(), value: z.number(), default: z.number(), min: z.number(), max: z.number() });

export const adminRoutes = () => [
	defineRoute({
		method: 'GET',
		url: '/api/admin/users',
		summary: 'List accounts, newest first, by cursor',
		tags: ['admin'],
		access: 'admin.users',
		query: ListUsersInput,
		response: AdminUserPage,
		handler: async ({ actor, query }) => listUsers(actor, query)
	}),
	defineRoute({
		method: 'PATCH',
		url: '/api/admin/users/:id',
		summary: "Change someone's roles or status",
		tags: ['admin'],
		access: 'admin.users',
		params: UserId,
		body: UpdateUserInput,
		response: AdminUserRow,
		handler: async ({ actor, params, body }) => updateUser(actor, params.id, body)
	}),
	defineRoute({
		method: 'GET',
		url: '/api/admin/settings',
		summary: 'Every setting with its value, default and bounds (moderation thresholds, rate limits, sessions)',
		tags: ['admin'],
		access: 'admin.settings',
		response: z.array(Setting),
		handler: async ({ actor }) => listSettings(actor)
	}),
	defineRoute({
		method: 'PATCH',
		url: '/api/admin/settings',
		summary: 'Change some settings (all or nothing)',
		tags: ['admin'],
		access: 'admin.settings',
		body: UpdateSettingsInput,
		response: z.array(Setting),
		handler: async ({ actor, body }) => updateSettings(actor, body)
	})
];
