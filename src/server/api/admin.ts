import { defineRoute } from '../http/route';
import { listUsers, updateUser } from '../../lib/server/admin/users';
import { ListUsersInput, UpdateUserInput, UserId } from '../../lib/server/accounts/schemas';
import { UserPage, UserShape } from './shapes';

export const adminRoutes = () => [
	defineRoute({
		method: 'GET',
		url: '/api/admin/users',
		summary: 'List accounts, newest first, by cursor',
		tags: ['admin'],
		access: 'admin.users',
		query: ListUsersInput,
		response: UserPage,
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
		response: UserShape,
		handler: async ({ actor, params, body }) => updateUser(actor, params.id, body)
	})
];
