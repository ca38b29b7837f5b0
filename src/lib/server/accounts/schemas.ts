import { z } from 'zod';
import { LANGUAGES, ROLES, USER_STATUSES } from '../../shared/roles';
import { PASSWORD_MAX } from '../auth/password';
import { email } from '../auth/schemas';
import { plain } from '../text';

const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

export const displayName = plain('error_display_name')
	.trim()
	.min(2, { error: 'error_display_name' })
	.max(80, { error: 'error_display_name' });

export const timeZone = z
	.string({ error: 'error_time_zone' })
	.refine((tz) => timeZones.has(tz), { error: 'error_time_zone' });

export const language = z.enum(LANGUAGES, { error: 'error_language' });

export const UpdateProfileInput = z
	.object({ displayName, language, timeZone })
	.partial()
	.refine((v) => Object.keys(v).length > 0, { error: 'error_nothing_to_change' });
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;

export const ChangePasswordInput = z.object({
	currentPassword: z.string({ error: 'error_password_required' }).min(1, { error: 'error_password_required' }).max(PASSWORD_MAX * 4),
	newPassword: z.string({ error: 'error_password_too_short' }).max(PASSWORD_MAX * 4, { error: 'error_password_too_long' })
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const RequestResetInput = z.object({ email });
export type RequestResetInput = z.infer<typeof RequestResetInput>;

/** The link's token (checked against the stored hash, so only bounded here) and the new password, under the usual rules. */
export const ResetPasswordInput = z.object({
	token: plain('error_reset_link_invalid').max(64, { error: 'error_reset_link_invalid' }),
	password: z.string({ error: 'error_password_too_short' }).max(PASSWORD_MAX * 4, { error: 'error_password_too_long' })
});
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const SessionHandle = z.object({ handle: z.uuid({ error: 'error_not_found' }) });

export const ListUsersInput = z.object({
	cursor: plain('error_cursor').max(200).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(25),
	q: plain().trim().max(100).optional(),
	status: z.enum(USER_STATUSES).optional()
});
export type ListUsersInput = z.input<typeof ListUsersInput>;

export const UpdateUserInput = z
	.object({
		roles: z.array(z.enum(ROLES, { error: 'error_role' })).max(ROLES.length).optional(),
		status: z.enum(USER_STATUSES, { error: 'error_status' }).optional()
	})
	.refine((v) => v.roles !== undefined || v.status !== undefined, { error: 'error_nothing_to_change' });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const UserId = z.object({ id: z.uuid({ error: 'error_not_found' }) });
